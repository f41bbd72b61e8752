import {
  decodeShared,
  debriefHref,
  encodeShared,
  exportHref,
  sharedFrom,
} from '@/app/_lib/debrief';
import { buildDebrief, toMarkdown } from '@/app/_lib/debrief-report';
import { strings } from '@/app/_lib/strings';
import { getRuntime, type ScenarioRuntime } from '@/app/_lib/runtime';
import { GET } from '@/app/scenarios/[id]/debrief-export/route';
import type { ExerciseRecord } from '@/machines/exercise-machine';

const runtime = getRuntime('kabul-crossroads') as ScenarioRuntime;

const records: ExerciseRecord[] = [
  {
    // Unscored: the TTP's only consequence is tied by our reading.
    nodeId: 'ttp-or-pakistan',
    optionId: 'ttp',
    prediction: { kind: 'candidate', claimId: 'normal-ties-exclude-attacks' },
    correct: null,
    kindGuesses: { 'normal-ties-exclude-attacks': 'normative' },
  },
  {
    nodeId: 'approach-after-ttp',
    optionId: 'pressure',
    prediction: { kind: 'candidate', claimId: 'combined-pressure-backfires' },
    correct: true,
    kindGuesses: { 'combined-pressure-backfires': 'predictive' },
  },
];

describe('shared debrief links', () => {
  it('round-trips what the learner shares through the URL', () => {
    const shared = sharedFrom(records, {
      includePredictions: true,
      tallies: { 'ttp-or-pakistan': { ttp: 4, pakistan: 9 } },
    });
    expect(decodeShared(encodeShared(shared))).toEqual({ ok: true, shared });
  });

  it('shares no predictions unless the learner opts in', () => {
    expect(sharedFrom(records, { includePredictions: false })).toEqual({});
    expect(debriefHref('kabul-crossroads', ['ttp', 'pressure'], {})).toBe(
      '/scenarios/kabul-crossroads/debrief/ttp/pressure',
    );
  });

  it.each([
    ['not base64', '%%%'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['an unknown field', encodeShared({ evil: 1 } as never)],
    [
      'a negative tally',
      Buffer.from(JSON.stringify({ tallies: { a: { b: -1 } } })).toString('base64url'),
    ],
    ['too long', 'a'.repeat(20_000)],
  ])('rejects a value that is %s, without throwing', (_why, value) => {
    expect(decodeShared(value)).toEqual({ ok: false });
  });
});

describe('the debrief report', () => {
  const shared = sharedFrom(records, { includePredictions: true });
  const report = buildDebrief(runtime, ['ttp', 'pressure'], shared);

  it('exists only for a path that ends at an outcome', () => {
    expect(buildDebrief(runtime, ['ttp'], {})).toBeUndefined();
    expect(buildDebrief(runtime, ['ttp', 'nope'], {})).toBeUndefined();
    expect(report?.outcome.title).toBe('The TTP, then pressure');
  });

  it('scores picked predictions against stated ties only, and kind guesses against the content', () => {
    expect(report?.score).toEqual({ predictions: { right: 1, of: 1 }, kinds: { right: 1, of: 2 } });
    expect(report?.choices[0]?.prediction).toEqual({
      said: 'The text says a stable, normalized relationship with Pakistan is incompatible with allowing attacks against it from Afghan territory',
      correct: null,
    });
    expect(report?.choices[1]?.prediction).toEqual({
      said: 'The text says any attempt at combined pressure on Pakistan is likely to backfire',
      correct: true,
    });
  });

  it('carries each consequence’s tie: the text’s words, located, or our reading', () => {
    expect(report?.choices[0]?.consequences[0]?.tie).toEqual({
      kind: 'inferred',
      reading: expect.stringContaining('we read siding with the TTP'),
    });
    expect(report?.choices[1]?.consequences[0]?.tie).toEqual({
      kind: 'stated',
      words: 'any attempt to exert combined pressure on Pakistan',
      paragraph: 4,
      sentence: 5,
      partial: true,
    });
  });

  it('says the TTP-then-partnership path is ruled out, and shows nothing more of it', () => {
    const ruled = buildDebrief(runtime, ['ttp', 'partnership'], {});
    expect(ruled?.choices[1]?.consequences).toEqual([]);
    expect(ruled?.choices[1]?.ruledOut?.id).toBe('normal-ties-exclude-attacks');
    expect(ruled?.silences).toEqual([]);
    const md = toMarkdown(ruled!, 'https://crossroads.example');
    expect(md).toContain('**The text rules this combination out, as we read it.**');
    expect(md).not.toContain('**The text does not say');
    expect(md).not.toContain('right choice');
  });

  it('says where the text assigns a choice nothing of its own (siding with Pakistan)', () => {
    const md = toMarkdown(buildDebrief(runtime, ['pakistan', 'partnership'], {})!, 'https://x');
    expect(md).toContain(strings.noConsequences('Pakistan', true));
    // Our reading that ¶9's "right choice" may refer here, with the claim it names.
    expect(md).toContain(strings.contestedHeading);
    expect(md).toContain(
      '**The text does not say in words tied to this choice what follows from it',
    );
  });

  it('ignores a shared prediction that names a claim that was never a candidate', () => {
    const forged = buildDebrief(runtime, ['ttp', 'pressure'], {
      predictions: [{ claimId: 'hand-of-friendship' }],
    });
    expect(forged?.choices[0]?.prediction).toBeUndefined();
  });

  it('writes Markdown holding every quote met on the path, each with its location', () => {
    const md = toMarkdown(report!, 'https://crossroads.example');
    const quoted = [
      ...report!.choices.flatMap((c) => c.consequences),
      ...report!.outcome.consequences,
    ];
    expect(quoted.length).toBeGreaterThan(0);
    for (const claim of quoted) {
      for (const c of claim.citations) {
        expect(md).toContain(`> ${c.text}`);
        // An excerpt says it is part of its sentence, so a reader of the export knows words are cut.
        const which = c.partial ? 'part of sentence' : 'sentence';
        expect(md).toContain(
          `¶${c.paragraph}, ${which} ${c.sentence} (https://crossroads.example/scenarios/kabul-crossroads/source#${c.anchor})`,
        );
      }
    }
    expect(md).toContain('The text does not say');
    expect(md).toContain(
      'Why here: the text says “any attempt to exert combined pressure on Pakistan” (¶4, part of sentence 5).',
    );
    expect(md).toContain(
      'Why here (our reading, not the text’s words): The text sets this sentence',
    );
    expect(md).toContain(
      'Your prediction: The text says any attempt at combined pressure on Pakistan is likely to backfire (Right',
    );
  });
});

describe('GET /scenarios/[id]/debrief-export', () => {
  const call = (query: string, id = 'kabul-crossroads') =>
    GET(
      new Request(`http://127.0.0.1:3000/scenarios/${id}/debrief-export?${query}`, {
        headers: { host: '127.0.0.1:3000' },
      }),
      {
        params: Promise.resolve({ id }),
      },
    );

  it('downloads Markdown as an attachment', async () => {
    const res = await call('format=md&path=pakistan/partnership');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/markdown');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="crossroads-debrief-kabul-crossroads-pakistan-partnership.md"',
    );
    expect(await res.text()).toContain('# Debrief: Kabul at the crossroads');
  });

  it('downloads JSON that parses', async () => {
    const res = await call(
      exportHref('kabul-crossroads', ['ttp', 'pressure'], 'json').split('?')[1] ?? '',
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text()).outcome.title).toBe('The TTP, then pressure');
  });

  it.each([
    ['an unknown scenario', 'format=md&path=ttp/pressure', 'nope', 404],
    ['a path that is not an outcome', 'format=md&path=ttp', 'kabul-crossroads', 404],
    ['an unknown format', 'format=pdf&path=ttp/pressure', 'kabul-crossroads', 400],
    ['unreadable shared data', 'format=md&path=ttp/pressure&d=%%%', 'kabul-crossroads', 400],
  ])('answers %s with a plain error, not a crash', async (_why, query, id, status) => {
    const res = await call(query, id);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('text/plain');
  });
});
