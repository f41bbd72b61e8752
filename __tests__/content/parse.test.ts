import { formatIssue, parseScenario } from '@/content/parse';
import type { ScenarioInput } from '@/content/schema';
import { FIXTURE_FILE, riverTown, riverTownSources } from '../fixtures/river-town';

/** Parses a (possibly broken) copy of the fixture and returns the formatted error lines. */
function errorsOf(edit: (s: ScenarioInput & Record<string, unknown>) => void): string[] {
  const raw = riverTown() as ScenarioInput & Record<string, unknown>;
  edit(raw);
  const result = parseScenario(raw, { file: FIXTURE_FILE, sources: riverTownSources });
  return result.ok ? [] : result.issues.map(formatIssue);
}

// Short-hands into the fixture (its shape is fixed in fixtures/river-town.ts).
/* eslint-disable @typescript-eslint/no-explicit-any */
const node = (s: ScenarioInput, id: string) => s.nodes[id] as any;
const claim = (s: ScenarioInput, id: string) => s.claims[id] as any;
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('parseScenario on a valid scenario', () => {
  const result = parseScenario(riverTown(), { file: FIXTURE_FILE, sources: riverTownSources });

  it('accepts it', () => {
    expect(result.ok).toBe(true);
  });

  it('resolves each citation to the exact source words and an anchor', () => {
    if (!result.ok) throw new Error('fixture must parse');
    expect(result.scenario.claims['market-open']?.citations[0]).toEqual({
      paragraph: 2,
      sentence: 1,
      quote: 'If the bridge is repaired, the market stays open through the winter.',
      text: 'If the bridge is repaired, the market stays open through the winter.',
      anchor: 'p2-s1',
      partial: false,
    });
  });

  it('marks a quote that leaves out some of its sentence as partial', () => {
    const raw = riverTown();
    const citation = raw.claims['market-open']?.citations[0];
    if (!citation) throw new Error('fixture changed');
    citation.quote = 'the market stays open through the winter';
    for (const c of [
      (raw.nodes.gate as { options: { consequences: { tie: { words: string } }[] }[] }).options[0],
      raw.nodes['repaired-asked'],
    ] as { consequences: { tie: { words: string } }[] }[]) {
      c.consequences[0]!.tie.words = 'the market stays open';
    }
    const parsed = parseScenario(raw, { file: FIXTURE_FILE, sources: riverTownSources });
    if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
    expect(parsed.scenario.claims['market-open']?.citations[0]).toMatchObject({
      text: 'the market stays open through the winter',
      partial: true,
    });
  });

  it('freezes the result so nothing can fix content up at runtime', () => {
    if (!result.ok) throw new Error('fixture must parse');
    expect(Object.isFrozen(result.scenario)).toBe(true);
    expect(Object.isFrozen(result.scenario.nodes.gate)).toBe(true);
  });

  it('fills defaults: prompts and consequences are empty lists', () => {
    if (!result.ok) throw new Error('fixture must parse');
    expect(result.scenario.prompts).toEqual([]);
    const ask = result.scenario.nodes.ask;
    expect(ask?.kind === 'decision' && ask.options[1]?.consequences).toEqual([]);
  });

  it('resolves a stated tie to the tying words inside the quotation, located', () => {
    if (!result.ok) throw new Error('fixture must parse');
    const gate = result.scenario.nodes.gate;
    expect(gate?.kind === 'decision' && gate.options[0]?.consequences[0]).toEqual({
      claim: 'market-open',
      tie: {
        kind: 'stated',
        words: 'If the bridge is repaired',
        text: 'If the bridge is repaired',
        citation: 0,
        start: 0,
        end: 25,
        paragraph: 2,
        sentence: 1,
        partial: true,
      },
    });
  });

  it('keeps an inferred tie as our reading', () => {
    if (!result.ok) throw new Error('fixture must parse');
    const gate = result.scenario.nodes.gate;
    expect(gate?.kind === 'decision' && gate.options[1]?.consequences[0]?.tie).toEqual({
      kind: 'inferred',
      reading: 'We read "a new bridge" as the replacement.',
    });
  });
});

describe('parseScenario error messages (file: path.to.field: message)', () => {
  it('names a missing field', () => {
    expect(errorsOf((s) => delete (s as Partial<ScenarioInput>).title)).toEqual([
      'fixture.json: title: is required',
    ]);
  });

  it('names an unknown field', () => {
    expect(errorsOf((s) => (node(s, 'gate').colour = 'red'))).toEqual([
      'fixture.json: nodes.gate: unknown field "colour"',
    ]);
  });

  it('names a wrong format version', () => {
    expect(errorsOf((s) => (s.formatVersion = 3 as 2))).toEqual([
      'fixture.json: formatVersion: must be 2',
    ]);
  });

  it('names a format version that no migration knows as simply wrong', () => {
    expect(errorsOf((s) => (s.formatVersion = 1.5 as 2))).toEqual([
      'fixture.json: formatVersion: must be 2',
    ]);
  });

  it('names an older format version and the command that migrates it', () => {
    expect(errorsOf((s) => (s.formatVersion = 1 as 2))).toEqual([
      'fixture.json: formatVersion: is 1; this app reads format 2: run "npm run migrate-content -- <id>", then give each consequence its tie',
    ]);
  });

  it('names a "__proto__" key, which would otherwise vanish silently', () => {
    expect(
      errorsOf((s) =>
        Object.defineProperty(s.claims, '__proto__', {
          value: { polluted: true },
          enumerable: true,
        }),
      ),
    ).toEqual([
      'fixture.json: claims.__proto__: is not allowed: "__proto__" is never a field or an id',
    ]);
  });

  it('names an id that is not kebab-case', () => {
    expect(errorsOf((s) => (node(s, 'gate').options[0].id = 'Repair Now'))).toEqual([
      'fixture.json: nodes.gate.options.0.id: must be kebab-case: a-z, 0-9 and single hyphens',
    ]);
  });

  it('names an unknown node kind', () => {
    expect(errorsOf((s) => (node(s, 'replaced').kind = 'ending'))).toEqual([
      'fixture.json: nodes.replaced.kind: kind must be "briefing", "decision" or "outcome"',
    ]);
  });

  it('names a decision with fewer than two options', () => {
    expect(errorsOf((s) => node(s, 'ask').options.pop())).toEqual([
      'fixture.json: nodes.ask.options: a decision needs at least two options',
    ]);
  });

  it('names a claim without citations', () => {
    expect(errorsOf((s) => (claim(s, 'two-years').citations = []))).toEqual([
      'fixture.json: claims.two-years.citations: needs at least one citation',
    ]);
  });

  it('names an unknown target node', () => {
    expect(errorsOf((s) => (node(s, 'gate').options[1].next = 'nowhere'))).toEqual([
      'fixture.json: nodes.gate.options.1.next: unknown node "nowhere"',
    ]);
  });

  it('names an unknown claim and an unknown actor', () => {
    expect(
      errorsOf((s) => {
        node(s, 'gate').decider = 'mayor';
        node(s, 'gate').options[0].consequences.push({
          claim: 'market-closed',
          tie: { kind: 'inferred', reading: 'Ours.' },
        });
      }),
    ).toEqual([
      'fixture.json: nodes.gate.decider: unknown actor "mayor"',
      'fixture.json: nodes.gate.options.0.consequences.1.claim: unknown claim "market-closed"',
    ]);
  });

  it('names a quote that is not verbatim, showing what the sentence says', () => {
    expect(
      errorsOf(
        (s) =>
          (claim(s, 'two-years').citations[0].quote =
            'A new bridge would take three years to build.'),
      ),
    ).toEqual([
      'fixture.json: claims.two-years.citations.0.quote: not verbatim in ¶2 sentence 2, which reads: "A new bridge would take two years to build."',
    ]);
  });

  it('names the right quote at the wrong location, and says where it is', () => {
    expect(errorsOf((s) => (claim(s, 'two-years').citations[0].sentence = 1))).toEqual([
      'fixture.json: claims.two-years.citations.0.quote: not found at ¶2 sentence 1; it is at ¶2 sentence 2',
    ]);
  });

  it('names a location that does not exist', () => {
    expect(
      errorsOf((s) => {
        claim(s, 'two-years').citations[0].sentence = 9;
        claim(s, 'one-bridge').citations[0].paragraph = 7;
      }),
    ).toEqual([
      'fixture.json: claims.one-bridge.citations.0.paragraph: the source has 3 paragraphs, not 7; the quote is at ¶1 sentence 1',
      'fixture.json: claims.two-years.citations.0.sentence: ¶2 has 2 sentences, not 9; the quote is at ¶2 sentence 2',
    ]);
  });

  it('names a dead end: an option from which no outcome can be reached', () => {
    expect(
      errorsOf((s) => {
        node(s, 'ask').options[0].next = 'loop';
        s.nodes.loop = {
          kind: 'decision',
          title: 'Loop',
          decider: 'council',
          question: 'Round again?',
          options: ['again', 'still'].map((id) => ({
            id,
            label: id,
            description: id,
            silence: { about: 'anything', parts: ['should-ask'] },
            next: 'loop',
          })),
        };
        delete s.nodes['repaired-asked'];
      }),
    ).toEqual([
      'fixture.json: nodes.ask.options.0.next: dead end: no outcome can be reached from "loop"',
      'fixture.json: nodes.loop.options.0.next: dead end: no outcome can be reached from "loop"',
      'fixture.json: nodes.loop.options.1.next: dead end: no outcome can be reached from "loop"',
      'fixture.json: nodes.loop.options.0.next: loop: loop → loop',
      'fixture.json: nodes.loop.options.1.next: loop: loop → loop',
    ]);
  });

  it('names an unreachable node', () => {
    expect(
      errorsOf((s) => {
        s.nodes.orphan = {
          kind: 'outcome',
          title: 'Orphan',
          summary: 'Never met.',
          silences: [{ about: 'anything', parts: ['two-years'] }],
        };
      }),
    ).toEqual(['fixture.json: nodes.orphan: is unreachable from the start node']);
  });

  it('names an outcome that cites nothing', () => {
    expect(errorsOf((s) => (node(s, 'replaced').consequences = []))).toEqual([
      'fixture.json: nodes.replaced: an outcome must cite the text: give consequences, silences or ruledOut',
    ]);
  });

  it('names a claim nobody uses', () => {
    expect(
      errorsOf((s) => {
        s.claims.spare = {
          label: 'Spare',
          kind: 'descriptive',
          kindReason: 'Unused.',
          citations: [{ paragraph: 1, sentence: 1, quote: 'one old bridge' }],
        };
      }),
    ).toEqual(['fixture.json: claims.spare: is never used by an actor or node']);
  });

  it('names a duplicate option id', () => {
    expect(errorsOf((s) => (node(s, 'ask').options[1].id = 'ask'))).toEqual([
      'fixture.json: nodes.ask.options.1.id: duplicate option id "ask"',
    ]);
  });

  it('names a start node that is not the briefing', () => {
    expect(errorsOf((s) => (s.start = 'gate'))).toContain(
      'fixture.json: start: must name a briefing node, not a decision',
    );
  });

  it('names a missing source file', () => {
    expect(errorsOf((s) => (s.source.file = 'missing.txt'))).toEqual([
      'fixture.json: source.file: no source "missing.txt" in content/sources/',
    ]);
  });

  it('names an id that does not match its folder', () => {
    const result = parseScenario(riverTown(), {
      file: FIXTURE_FILE,
      sources: riverTownSources,
      expectedId: 'bridge',
    });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'fixture.json: id: must match its folder name "bridge"',
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    expect(
      errorsOf((s) => {
        delete (s as Partial<ScenarioInput>).summary;
        node(s, 'intro').title = '';
      }),
    ).toEqual([
      'fixture.json: summary: is required',
      'fixture.json: nodes.intro.title: must not be empty',
    ]);
  });
});

describe('parseScenario checks that need the whole graph', () => {
  it('names a briefing that leads straight to an outcome', () => {
    expect(errorsOf((s) => (node(s, 'intro').next = 'replaced'))).toEqual([
      'fixture.json: nodes.intro.next: must name a decision, not an outcome',
    ]);
  });

  it('names a record key that is not a valid id', () => {
    expect(
      errorsOf((s) => {
        s.claims['One Bridge'] = s.claims['one-bridge']!;
      }),
    ).toContain(
      'fixture.json: claims.One Bridge: is not a valid id: must be kebab-case: a-z, 0-9 and single hyphens',
    );
  });

  it('names a quote of only spaces as empty', () => {
    expect(errorsOf((s) => (claim(s, 'two-years').citations[0].quote = '   '))).toEqual([
      'fixture.json: claims.two-years.citations.0.quote: must not be empty',
    ]);
  });
});
