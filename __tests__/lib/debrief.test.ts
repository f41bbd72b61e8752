import {
  decodeShared,
  debriefHref,
  encodeShared,
  exportHref,
  sharedFrom,
} from '@/app/_lib/debrief';
import { buildDebrief, toMarkdown } from '@/app/_lib/debrief-report';
import { getRuntime, type ScenarioRuntime } from '@/app/_lib/runtime';
import { GET } from '@/app/scenarios/[id]/debrief-export/route';
import type { ExerciseRecord } from '@/machines/exercise-machine';

const runtime = getRuntime('kabul-crossroads') as ScenarioRuntime;

const records: ExerciseRecord[] = [
  {
    nodeId: 'ttp-or-pakistan',
    optionId: 'ttp',
    prediction: { kind: 'candidate', claimId: 'dangerous-miscalculation' },
    correct: true,
    kindGuesses: {
      'dangerous-miscalculation': 'predictive',
      'normal-ties-exclude-attacks': 'normative',
    },
  },
  {
    nodeId: 'approach-after-ttp',
    optionId: 'pressure',
    prediction: { kind: 'text', text: 'Pakistan hits back' },
    correct: null,
    kindGuesses: {},
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

  it('scores picked predictions and kind guesses against the content', () => {
    expect(report?.score).toEqual({ predictions: { right: 1, of: 1 }, kinds: { right: 1, of: 2 } });
    expect(report?.choices[1]?.prediction).toEqual({ said: 'Pakistan hits back', correct: null });
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
    expect(md).toContain('Your prediction: Pakistan hits back');
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
