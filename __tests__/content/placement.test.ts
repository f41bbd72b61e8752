/**
 * Where a claim may go (content/lib/placement.ts through parseScenario): every consequence has its
 * tie; what an actor should do, and what someone believes or fears, is never a consequence; an
 * option says what follows or says the text is silent; a combination the text rules out shows
 * that and nothing more. The messages are pinned: docs/content-format.md lists them for authors.
 */
import { formatIssue, parseScenario } from '@/content/parse';
import type { ScenarioInput } from '@/content/schema';
import { gradingOf } from '@/machines/answers';
import { candidatesFor, isCorrect } from '@/machines/exercise-machine';
import { FIXTURE_FILE, riverTown, riverTownSources } from '../fixtures/river-town';

/* eslint-disable @typescript-eslint/no-explicit-any */
const node = (s: ScenarioInput, id: string) => s.nodes[id] as any;
/* eslint-enable @typescript-eslint/no-explicit-any */

function errorsOf(edit: (s: ScenarioInput) => void): string[] {
  const raw = riverTown();
  edit(raw);
  const result = parseScenario(raw, { file: FIXTURE_FILE, sources: riverTownSources });
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe('every consequence has its tie', () => {
  it('names a consequence without a tie', () => {
    expect(errorsOf((s) => delete node(s, 'gate').options[1].consequences[0].tie)).toEqual([
      'fixture.json: nodes.gate.options.1.consequences.0.tie: needs a tie: the text\'s own words that attach "two-years" here (kind "stated") or our reading (kind "inferred")',
    ]);
  });

  it('names a claim tied under one earlier choice but not under another, for the same option', () => {
    expect(
      errorsOf((s) => {
        // A second decision offering "repair" again, after "replace": the same claim, no tie.
        node(s, 'gate').options[1].next = 'again';
        s.nodes.again = {
          kind: 'decision',
          title: 'Again',
          decider: 'council',
          question: 'Repair after all?',
          options: [
            {
              id: 'repair',
              label: 'Repair',
              description: 'Mend it after all.',
              consequences: [{ claim: 'market-open' }],
              next: 'replaced',
            },
            {
              id: 'leave',
              label: 'Leave',
              description: 'Leave it.',
              silence: { about: 'what follows from leaving it', parts: ['one-bridge'] },
              next: 'replaced',
            },
          ],
        };
      }),
    ).toEqual([
      'fixture.json: nodes.again.options.0.consequences.0.tie: needs a tie of its own: "market-open" is tied to "repair" at nodes.gate.options.0, but a tie holds for one branch only',
    ]);
  });

  it('names tying words that are not inside the claim’s quotation', () => {
    expect(
      errorsOf((s) => (node(s, 'gate').options[0].consequences[0].tie.words = 'If the road')),
    ).toEqual([
      'fixture.json: nodes.gate.options.0.consequences.0.tie.words: not inside the quotation of "market-open": the tying words must be a run of whole words from its quoted passage',
    ]);
  });

  it('names tying words from the sentence that the quotation leaves out', () => {
    expect(
      errorsOf((s) => {
        s.claims['market-open']!.citations[0]!.quote = 'the market stays open through the winter';
      }),
    ).toEqual([
      'fixture.json: nodes.gate.options.0.consequences.0.tie.words: not inside the quotation of "market-open": the tying words must be a run of whole words from its quoted passage',
      'fixture.json: nodes.repaired-asked.consequences.0.tie.words: not inside the quotation of "market-open": the tying words must be a run of whole words from its quoted passage',
    ]);
  });

  it('names a tie of an unknown kind', () => {
    expect(
      errorsOf((s) => (node(s, 'gate').options[0].consequences[0].tie.kind = 'assumed')),
    ).toEqual([
      'fixture.json: nodes.gate.options.0.consequences.0.tie.kind: kind must be "stated" or "inferred"',
    ]);
  });

  it('names an inferred tie without a reading', () => {
    expect(errorsOf((s) => (node(s, 'gate').options[1].consequences[0].tie.reading = ' '))).toEqual(
      ['fixture.json: nodes.gate.options.1.consequences.0.tie.reading: must not be empty'],
    );
  });
});

describe('what is never a consequence', () => {
  it('names a normative claim used as a consequence', () => {
    expect(
      errorsOf((s) => {
        node(s, 'ask').options[0].consequences = [
          { claim: 'should-ask', tie: { kind: 'inferred', reading: 'Ours.' } },
        ];
      }),
    ).toEqual([
      'fixture.json: nodes.ask.options.0.consequences.0.claim: "should-ask" is normative: what an actor should or must do is not a consequence; put it in the decision\'s framing',
    ]);
  });

  it('names a "should" even when the claim is labelled as another kind', () => {
    expect(
      errorsOf((s) => {
        s.claims['should-ask']!.kind = 'predictive';
        node(s, 'ask').options[0].consequences = [
          { claim: 'should-ask', tie: { kind: 'inferred', reading: 'Ours.' } },
        ];
      }),
    ).toEqual([
      'fixture.json: nodes.ask.options.0.consequences.0.claim: "should-ask" says "should" (¶3 sentence 1): what an actor should or must do is not a consequence; put it in the decision\'s framing',
    ]);
  });

  it('reads the governing words before an excerpt: a quoted clause under "should" is still normative', () => {
    expect(
      errorsOf((s) => {
        s.claims['should-ask']!.kind = 'descriptive';
        s.claims['should-ask']!.citations[0]!.quote = 'before it spends the reserve';
        node(s, 'ask').options[0].consequences = [
          { claim: 'should-ask', tie: { kind: 'inferred', reading: 'Ours.' } },
        ];
      }),
    ).toEqual([
      'fixture.json: nodes.ask.options.0.consequences.0.claim: "should-ask" says "should" (¶3 sentence 1): what an actor should or must do is not a consequence; put it in the decision\'s framing',
    ]);
  });

  it('names a reported belief or fear used as a consequence', () => {
    const sources = {
      [Object.keys(riverTownSources)[0]!]: Object.values(riverTownSources)[0]!.replace(
        'A new bridge would take two years to build.',
        'The council fears a new bridge would take two years to build.',
      ),
    };
    const raw = riverTown();
    raw.claims['two-years']!.citations[0]!.quote =
      'The council fears a new bridge would take two years to build.';
    const result = parseScenario(raw, { file: FIXTURE_FILE, sources });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'fixture.json: nodes.gate.options.1.consequences.0.claim: "two-years" reports a belief or fear ("fears", ¶2 sentence 2): what someone believes or fears is not a consequence; give it as context, or as a part of a silence',
      'fixture.json: nodes.replaced.consequences.0.claim: "two-years" reports a belief or fear ("fears", ¶2 sentence 2): what someone believes or fears is not a consequence; give it as context, or as a part of a silence',
    ]);
  });
});

describe('an option says what follows, or that the text is silent', () => {
  it('names an option with neither consequences nor a silence', () => {
    expect(errorsOf((s) => delete node(s, 'ask').options[1].silence)).toEqual([
      'fixture.json: nodes.ask.options.1: says nothing of what follows: give its consequences, or a silence saying the text assigns it none',
    ]);
  });

  it('names an unknown claim among a silence’s parts', () => {
    expect(errorsOf((s) => (node(s, 'ask').options[0].silence.parts = ['nothing-said']))).toEqual([
      'fixture.json: nodes.ask.options.0.silence.parts.0: unknown claim "nothing-said"',
    ]);
  });
});

describe('a contested silence', () => {
  const contest = (claims: string[]) => (s: ScenarioInput) =>
    (node(s, 'ask').options[0].silence.contested = {
      claims,
      reading: 'The text’s “repaired” may mean asking first too.',
    });

  it('accepts a consequence the text ties to another choice in its own words, and is not graded', () => {
    const raw = riverTown();
    contest(['market-open'])(raw);
    const result = parseScenario(raw, { file: FIXTURE_FILE, sources: riverTownSources });
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const exercise = { ...result.scenario, claimKinds: {} };
    expect(gradingOf(exercise, 'ask', 'ask')).toEqual({ scored: false, reason: 'contested' });
    expect(isCorrect(exercise, 'ask', 'ask', { kind: 'candidate', claimId: null })).toBeNull();
    const offered = candidatesFor(exercise, 'ask', 'ask');
    expect(offered).toContain(null);
    expect(offered).toContain('market-open');
    // The other silence, not contested, is still graded: "nothing" is the text's answer.
    expect(gradingOf(exercise, 'ask', 'spend')).toEqual({ scored: true, right: [null] });
  });

  it('names a claim that is not a consequence tied in the text’s words elsewhere', () => {
    expect(errorsOf(contest(['two-years']))).toEqual([
      'fixture.json: nodes.ask.options.0.silence.contested.claims.0: "two-years" is not a consequence the text ties to another choice in its own words: a silence is contested only by such a consequence',
    ]);
  });

  it('names an unknown claim, and an empty list', () => {
    expect(errorsOf(contest(['nothing-said']))).toEqual([
      'fixture.json: nodes.ask.options.0.silence.contested.claims.0: unknown claim "nothing-said"',
    ]);
    expect(errorsOf(contest([]))).toEqual([
      'fixture.json: nodes.ask.options.0.silence.contested.claims: name the consequence that may refer to this choice',
    ]);
  });

  it('names a contested silence on an outcome', () => {
    expect(
      errorsOf((s) => {
        node(s, 'repaired-silent').silences[0].contested = {
          claims: ['market-open'],
          reading: 'Ours.',
        };
      }),
    ).toEqual([
      'fixture.json: nodes.repaired-silent.silences.0.contested: only an option’s silence can be contested: an outcome’s silence is not graded',
    ]);
  });
});

describe('a combination the text rules out', () => {
  /** The "replace" path turned into one the text rules out. */
  const ruleOutReplaced = (s: ScenarioInput) => {
    node(s, 'gate').options[1].consequences = [];
    s.nodes.replaced = {
      kind: 'outcome',
      title: 'Replaced',
      summary: 'Ruled out.',
      ruledOut: { claim: 'two-years', tie: { kind: 'stated', words: 'A new bridge' } },
    };
  };

  it('accepts one that offers nothing more, and resolves its tie', () => {
    const raw = riverTown();
    ruleOutReplaced(raw);
    const result = parseScenario(raw, { file: FIXTURE_FILE, sources: riverTownSources });
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const replaced = result.scenario.nodes.replaced;
    expect(replaced?.kind === 'outcome' && replaced.ruledOut).toMatchObject({
      claim: 'two-years',
      tie: { kind: 'stated', text: 'A new bridge', paragraph: 2, sentence: 2, partial: true },
    });
  });

  it('names one that also gives consequences or silences', () => {
    expect(
      errorsOf((s) => {
        ruleOutReplaced(s);
        node(s, 'replaced').silences = [{ about: 'more', parts: ['one-bridge'] }];
      }),
    ).toEqual([
      'fixture.json: nodes.replaced.ruledOut: a combination the text rules out offers nothing more: remove its consequences and silences',
    ]);
  });

  it('names an option that shows consequences of its own on the way into it', () => {
    expect(
      errorsOf((s) => {
        ruleOutReplaced(s);
        node(s, 'gate').options[1].consequences = [
          { claim: 'two-years', tie: { kind: 'inferred', reading: 'Ours.' } },
        ];
      }),
    ).toEqual([
      'fixture.json: nodes.gate.options.1.consequences: leads to "replaced", a combination the text rules out: it shows no consequences or silence of its own',
    ]);
  });

  it('names a ruling claim that says what should be done', () => {
    expect(
      errorsOf((s) => {
        ruleOutReplaced(s);
        node(s, 'replaced').ruledOut = {
          claim: 'should-ask',
          tie: { kind: 'inferred', reading: 'Ours.' },
        };
        s.actors.council!.claims.push('two-years');
      }),
    ).toEqual([
      'fixture.json: nodes.replaced.ruledOut.claim: "should-ask" is normative: what an actor should or must do is not a consequence; put it in the decision\'s framing',
    ]);
  });
});
