import { createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { createTestModel, getShortestPaths } from 'xstate/graph';
import { readExercise, writeExercise } from '@/app/_lib/exercise-progress';
import type { Scenario } from '@/content/parse';
import { answerClaims, answerFor, gradingOf } from '@/machines/answers';
import {
  buildExerciseMachine,
  candidatesFor,
  isCorrect,
  scoreOf,
  type ExerciseEvent,
  type ExerciseScenario,
  type ExerciseSnapshot,
} from '@/machines/exercise-machine';
import {
  buildScenarioMachine,
  OUTCOME_TAG,
  type ScenarioMachine,
} from '@/machines/scenario-machine';
import { resolvePath } from '@/machines/paths';
import { allScenarios, realScenario } from '../helpers/scenarios';

const toExercise = (s: Scenario): ExerciseScenario => ({
  id: s.id,
  start: s.start,
  nodes: s.nodes,
  claimKinds: Object.fromEntries(Object.entries(s.claims).map(([id, c]) => [id, c.kind])),
});

const kabul = toExercise(realScenario('kabul-crossroads'));
const machine = buildExerciseMachine(kabul);
const run = (events: ExerciseEvent[]) =>
  events.reduce<ExerciseSnapshot>(
    (s, e) => transition(machine, s, e)[0],
    initialTransition(machine)[0],
  );

/** The first decision, chosen, predicted in words and revealed. */
const FIRST_REVEAL: ExerciseEvent[] = [
  { type: 'exercise.start' },
  { type: 'exercise.choose', optionId: 'pakistan' },
  { type: 'exercise.predict', prediction: { kind: 'text', text: 'a' } },
  { type: 'exercise.reveal' },
];

/** Every choice of a scenario: [decision id, option id]. */
const choicesOf = (x: ExerciseScenario) =>
  Object.entries(x.nodes).flatMap(([nodeId, n]) =>
    n.kind === 'decision' ? n.options.map((o) => [nodeId, o.id] as const) : [],
  );

describe.each(allScenarios.map((s) => [s.id, toExercise(s)] as const))(
  'candidatesFor and grading in %s',
  (_id, x) => {
    it.each(choicesOf(x))(
      'at %s / %s: four candidates, one right answer where it is scored, none where it is not',
      (nodeId, optionId) => {
        const c = candidatesFor(x, nodeId, optionId);
        // Four where the scenario has enough claims elsewhere (Kabul always does), never fewer than two.
        if (x.id === 'kabul-crossroads') expect(c).toHaveLength(4);
        expect(c.length).toBeGreaterThanOrEqual(2);
        expect(c.length).toBeLessThanOrEqual(4);
        expect(new Set(c).size).toBe(c.length);
        const grading = gradingOf(x, nodeId, optionId);
        const verdicts = c.map((id) =>
          isCorrect(x, nodeId, optionId, { kind: 'candidate', claimId: id }),
        );
        if (grading.scored) {
          expect(verdicts.filter((v) => v === true)).toHaveLength(1);
          expect(verdicts.filter((v) => v === null)).toHaveLength(0);
        } else {
          expect(verdicts.every((v) => v === null)).toBe(true);
          // The claim our reading places here is offered, to be discussed at the reveal; where the
          // silence is contested, "nothing" and the consequence that may refer here.
          const answer = answerFor(x, nodeId, optionId);
          const contested = answer.silence?.contested?.claims ?? [];
          const shown = [...answerClaims(answer), ...contested];
          expect(c.filter((id) => id !== null && shown.includes(id))).toHaveLength(
            contested.length > 0 ? contested.length : 1,
          );
          if (contested.length > 0) expect(c).toContain(null);
        }
      },
    );

    it.each(choicesOf(x))(
      'at %s / %s: never marks wrong a claim the choice’s own answer shows as a consequence',
      (nodeId, optionId) => {
        const own = answerClaims(answerFor(x, nodeId, optionId));
        for (const id of candidatesFor(x, nodeId, optionId)) {
          const verdict = isCorrect(x, nodeId, optionId, { kind: 'candidate', claimId: id });
          if (verdict === false && id !== null) expect(own).not.toContain(id);
        }
      },
    );

    it('grades only against ties in the text’s own words', () => {
      for (const [nodeId, optionId] of choicesOf(x)) {
        const grading = gradingOf(x, nodeId, optionId);
        if (!grading.scored) continue;
        const answer = answerFor(x, nodeId, optionId);
        for (const right of grading.right) {
          if (right === null) {
            expect(answer.consequences).toEqual([]);
            expect(answer.ruledOut).toBeUndefined();
          } else {
            const tie = [
              ...answer.consequences,
              ...(answer.ruledOut ? [answer.ruledOut] : []),
            ].find((c) => c.claim === right)?.tie;
            expect(tie?.kind).toBe('stated');
          }
        }
      }
    });
  },
);

describe('candidatesFor (Kabul)', () => {
  const verdict = (nodeId: string, optionId: string, claimId: string | null) =>
    isCorrect(kabul, nodeId, optionId, { kind: 'candidate', claimId });

  it('is the same every time for the same choice (deterministic shuffle)', () => {
    expect(candidatesFor(kabul, 'approach-after-ttp', 'pressure')).toEqual(
      candidatesFor(kabul, 'approach-after-ttp', 'pressure'),
    );
  });

  it('offers the text’s consequences of other choices as the wrong answers', () => {
    const c = candidatesFor(kabul, 'approach-after-ttp', 'pressure');
    // Pressure's answer is ¶4 s5; the others are what the text gives other choices.
    expect(c).toContain('combined-pressure-backfires');
    expect(c).toHaveLength(4);
    for (const id of c.filter((x) => x !== 'combined-pressure-backfires')) {
      expect(
        isCorrect(kabul, 'approach-after-ttp', 'pressure', { kind: 'candidate', claimId: id }),
      ).toBe(false);
    }
  });

  it('offers “nothing” and the consequence that may refer here where a silence is contested', () => {
    const c = candidatesFor(kabul, 'ttp-or-pakistan', 'pakistan');
    expect(c).toHaveLength(4);
    expect(c).toContain(null);
    // ¶9 s3's “right choice” may point back to the choice named “First”, as we read it.
    expect(c).toContain('right-choice-transforms');
    expect(new Set(c).size).toBe(4);
  });

  it('fills up from the claims most easily mistaken for a consequence when too few are left', () => {
    const fixture = toExercise(allScenarios.find((x) => x.id === 'river-town') as Scenario);
    expect([...candidatesFor(fixture, 'gate', 'repair')].sort()).toEqual(
      [null, 'market-open', 'two-years', 'must-choose'].sort(),
    );
    // "must-choose" is the decision's framing: a "must", offered and marked wrong.
    expect(
      isCorrect(fixture, 'gate', 'repair', { kind: 'candidate', claimId: 'must-choose' }),
    ).toBe(false);
  });

  it('does not score Pakistan, whose silence is contested: it is ours to discuss', () => {
    expect(gradingOf(kabul, 'ttp-or-pakistan', 'pakistan')).toEqual({
      scored: false,
      reason: 'contested',
    });
    expect(verdict('ttp-or-pakistan', 'pakistan', null)).toBeNull();
    expect(verdict('ttp-or-pakistan', 'pakistan', 'right-choice-transforms')).toBeNull();
  });

  it('marks “the text says nothing of its own” right where a silence is not contested', () => {
    const fixture = toExercise(allScenarios.find((x) => x.id === 'river-town') as Scenario);
    expect(gradingOf(fixture, 'ask', 'ask')).toEqual({ scored: true, right: [null] });
    expect(isCorrect(fixture, 'ask', 'ask', { kind: 'candidate', claimId: null })).toBe(true);
  });

  it('scores nothing where the text’s link to the choice is only our reading', () => {
    expect(gradingOf(kabul, 'ttp-or-pakistan', 'ttp').scored).toBe(false);
    // “The TTP, then partnership”: ruled out, by our reading of ¶6 sentence 4.
    expect(gradingOf(kabul, 'approach-after-ttp', 'partnership').scored).toBe(false);
    expect(verdict('approach-after-ttp', 'partnership', null)).toBeNull();
    expect(verdict('approach-after-ttp', 'partnership', 'right-choice-transforms')).toBeNull();
  });

  it('gives the payoff of partnership only after Pakistan, and never the leadership’s fear', () => {
    expect(verdict('approach-after-pakistan', 'partnership', 'right-choice-transforms')).toBe(true);
    for (const [nodeId, optionId] of choicesOf(kabul)) {
      expect(verdict(nodeId, optionId, 'fear-of-fracture')).not.toBe(true);
    }
  });
});

describe('the exercise machine (pure transitions)', () => {
  it('will not reveal before the learner commits to a prediction', () => {
    const s = run([{ type: 'exercise.start' }, { type: 'exercise.choose', optionId: 'ttp' }]);
    expect(s.value).toBe('predicting');
    expect(s.can({ type: 'exercise.reveal' })).toBe(false);
  });

  it('rejects a candidate that was not offered, and an empty or oversized text', () => {
    const s = run([{ type: 'exercise.start' }, { type: 'exercise.choose', optionId: 'ttp' }]);
    expect(
      s.can({
        type: 'exercise.predict',
        prediction: { kind: 'candidate', claimId: 'no-such-claim' },
      }),
    ).toBe(false);
    expect(s.can({ type: 'exercise.predict', prediction: { kind: 'text', text: '   ' } })).toBe(
      false,
    );
    expect(
      s.can({ type: 'exercise.predict', prediction: { kind: 'text', text: 'x'.repeat(2001) } }),
    ).toBe(false);
  });

  it('marks a picked candidate right when the text ties it to the choice in its own words', () => {
    const s = run([
      ...FIRST_REVEAL,
      { type: 'exercise.next' },
      { type: 'exercise.choose', optionId: 'partnership' },
      {
        type: 'exercise.predict',
        prediction: { kind: 'candidate', claimId: 'right-choice-transforms' },
      },
      { type: 'exercise.reveal' },
    ]);
    expect(s.value).toBe('revealed');
    expect(s.context.records[1]?.correct).toBe(true);
  });

  it('asks for the kind of a claim met twice on a path only once', () => {
    const guess = {
      type: 'exercise.guessKind',
      claimId: 'normal-ties-exclude-attacks',
      kind: 'conditional',
    } as const;
    const s = run([
      { type: 'exercise.start' },
      { type: 'exercise.choose', optionId: 'ttp' },
      { type: 'exercise.predict', prediction: { kind: 'text', text: 'a' } },
      { type: 'exercise.reveal' },
      guess,
      { type: 'exercise.next' },
      { type: 'exercise.choose', optionId: 'partnership' },
      { type: 'exercise.predict', prediction: { kind: 'text', text: 'b' } },
      { type: 'exercise.reveal' },
    ]);
    // The second reveal shows the same claim (it rules the combination out): no second answer.
    expect(s.can(guess)).toBe(false);
    expect(scoreOf(s.context.records, kabul.claimKinds).kinds).toEqual({ right: 1, of: 1 });
  });

  it('records a pick where nothing is scored as unscored, not as wrong', () => {
    const offered = candidatesFor(kabul, 'ttp-or-pakistan', 'ttp')[0] ?? null;
    const s = run([
      { type: 'exercise.start' },
      { type: 'exercise.choose', optionId: 'ttp' },
      { type: 'exercise.predict', prediction: { kind: 'candidate', claimId: offered } },
      { type: 'exercise.reveal' },
    ]);
    expect(s.context.records[0]?.correct).toBeNull();
  });

  it('keeps free-text predictions unscored, beside the text', () => {
    const s = run([
      { type: 'exercise.start' },
      { type: 'exercise.choose', optionId: 'pakistan' },
      { type: 'exercise.predict', prediction: { kind: 'text', text: 'Better relations' } },
      { type: 'exercise.reveal' },
    ]);
    expect(s.context.records[0]).toMatchObject({
      correct: null,
      prediction: { kind: 'text', text: 'Better relations' },
    });
  });

  it('lets the learner change the choice before revealing (back), never after', () => {
    const predicting = run([
      { type: 'exercise.start' },
      { type: 'exercise.choose', optionId: 'pakistan' },
    ]);
    expect(transition(machine, predicting, { type: 'exercise.back' })[0].value).toBe('choosing');
    const revealed = run(FIRST_REVEAL);
    expect(revealed.can({ type: 'exercise.back' })).toBe(false);
  });

  it('goes back from a later decision to the reveal before it, exactly as it was', () => {
    const revealed = run([
      { type: 'exercise.start' },
      { type: 'exercise.choose', optionId: 'ttp' },
      { type: 'exercise.predict', prediction: { kind: 'text', text: 'a' } },
      { type: 'exercise.reveal' },
      { type: 'exercise.guessKind', claimId: 'normal-ties-exclude-attacks', kind: 'conditional' },
    ]);
    expect(revealed.context.records[0]?.kindGuesses).toEqual({
      'normal-ties-exclude-attacks': 'conditional',
    });
    const second = transition(machine, revealed, { type: 'exercise.next' })[0];
    expect(second.value).toBe('choosing');
    const back = transition(machine, second, { type: 'exercise.back' })[0];
    expect(back.value).toBe('revealed');
    expect(back.context).toEqual(revealed.context);
    // The prediction stays locked in: no further back, and Next goes on as before.
    expect(back.can({ type: 'exercise.back' })).toBe(false);
    expect(transition(machine, back, { type: 'exercise.next' })[0].context).toEqual(second.context);
  });

  it('goes back from the debrief to the last reveal', () => {
    const last = run([
      ...FIRST_REVEAL,
      { type: 'exercise.next' },
      { type: 'exercise.choose', optionId: 'partnership' },
      { type: 'exercise.predict', prediction: { kind: 'text', text: 'b' } },
      { type: 'exercise.reveal' },
    ]);
    const debrief = transition(machine, last, { type: 'exercise.next' })[0];
    expect(debrief.value).toBe('debrief');
    const back = transition(machine, debrief, { type: 'exercise.back' })[0];
    expect(back.value).toBe('revealed');
    expect(back.context).toEqual(last.context);
  });

  it('has no back from the briefing or the first decision', () => {
    const briefing = run([]);
    expect(briefing.can({ type: 'exercise.back' })).toBe(false);
    const first = run([{ type: 'exercise.start' }]);
    expect(first.value).toBe('choosing');
    expect(first.can({ type: 'exercise.back' })).toBe(false);
  });

  it('scores "what kind of claim is this?" only for claims just revealed', () => {
    const revealed = run([
      { type: 'exercise.start' },
      { type: 'exercise.choose', optionId: 'ttp' },
      { type: 'exercise.predict', prediction: { kind: 'text', text: 'a' } },
      { type: 'exercise.reveal' },
    ]);
    expect(
      revealed.can({
        type: 'exercise.guessKind',
        claimId: 'right-choice-transforms',
        kind: 'conditional',
      }),
    ).toBe(false);
    const guessed = transition(machine, revealed, {
      type: 'exercise.guessKind',
      claimId: 'normal-ties-exclude-attacks',
      kind: 'conditional',
    })[0];
    expect(scoreOf(guessed.context.records, kabul.claimKinds).kinds).toEqual({ right: 1, of: 1 });
  });

  it('toggles the claim lens from any state', () => {
    expect(run([{ type: 'exercise.toggleLens' }]).context.lens).toBe(true);
  });
});

describe.each(allScenarios.map((s) => [s.id, toExercise(s)] as const))(
  'every exercise path of %s',
  (_id, scenario) => {
    const exercise = buildExerciseMachine(scenario);
    const scenarioMachine = buildScenarioMachine(scenario);
    // Every step a learner can take, back included: part of the graph the model walks, though
    // never on a shortest path to a debrief (the walks with back are tested below).
    const events = (s: ExerciseSnapshot) => stepsOf(scenario, scenarioMachine, s);
    const model = createTestModel(exercise as unknown as AnyStateMachine);
    const paths = model.getShortestPaths({
      events: (s) => events(s as unknown as ExerciseSnapshot),
      toState: (s) => s.value === 'debrief',
    });

    it('reaches a debrief for every outcome of the scenario', () => {
      const outcomes = Object.values(scenario.nodes).filter((n) => n.kind === 'outcome').length;
      expect(
        new Set(paths.map((p) => (p.state.context as { path: string[] }).path.join('/'))).size,
      ).toBe(outcomes);
    });

    it.each(paths.map((p) => [(p.state.context as { path: string[] }).path.join('/'), p] as const))(
      'walking to /%s ends in a debrief with one record per decision and an outcome path',
      async (_p, p) => {
        const actor = createActor(exercise).start();
        await p.test({
          events: Object.fromEntries(
            [
              'exercise.start',
              'exercise.choose',
              'exercise.predict',
              'exercise.reveal',
              'exercise.next',
            ].map((t) => [t, ({ event }: { event: ExerciseEvent }) => void actor.send(event)]),
          ),
          states: { '*': (expected) => expect(actor.getSnapshot().value).toEqual(expected.value) },
        });
        const end = actor.getSnapshot();
        expect(end.value).toBe('debrief');
        expect(end.context.records).toHaveLength(end.context.path.length);
        const r = resolvePath(scenarioMachine, end.context.path);
        expect(r.ok && r.snapshot.hasTag(OUTCOME_TAG)).toBe(true);
        actor.send({ type: 'exercise.restart' });
        expect(actor.getSnapshot().value).toBe('briefing');
        expect(actor.getSnapshot().context.records).toEqual([]);
        actor.stop();
      },
    );
  },
);

describe('presenter mode (predictions optional, room tallies)', () => {
  const presenter = buildExerciseMachine(kabul, { requirePrediction: false });
  const start = transition(presenter, initialTransition(presenter)[0], {
    type: 'exercise.start',
  })[0];

  it('reveals without a prediction, recording none', () => {
    const chosen = transition(presenter, start, {
      type: 'exercise.choose',
      optionId: 'pakistan',
    })[0];
    const revealed = transition(presenter, chosen, { type: 'exercise.reveal' })[0];
    expect(revealed.value).toBe('revealed');
    expect(revealed.context.records[0]?.correct).toBeNull();
  });

  it('takes back a reveal (B after N, 1, R): the choice is pending again, with no record', () => {
    const chosen = transition(presenter, start, {
      type: 'exercise.choose',
      optionId: 'pakistan',
    })[0];
    const revealed = transition(presenter, chosen, { type: 'exercise.reveal' })[0];
    expect(revealed.can({ type: 'exercise.back' })).toBe(true);
    const back = transition(presenter, revealed, { type: 'exercise.back' })[0];
    expect(back.value).toBe('predicting');
    expect(back.context).toEqual(chosen.context);
    expect(back.context.records).toEqual([]);
    const again = transition(presenter, back, { type: 'exercise.back' })[0];
    expect(again.value).toBe('choosing');
    expect(again.context).toEqual(start.context);
  });

  it('keeps the room’s votes when going back', () => {
    const events: ExerciseEvent[] = [
      { type: 'exercise.tally', nodeId: 'ttp-or-pakistan', optionId: 'ttp', count: 3 },
      { type: 'exercise.choose', optionId: 'ttp' },
      { type: 'exercise.reveal' },
      { type: 'exercise.next' },
      { type: 'exercise.back' },
      { type: 'exercise.back' },
      { type: 'exercise.back' },
    ];
    const s = events.reduce((snap, e) => transition(presenter, snap, e)[0], start);
    expect(s.value).toBe('choosing');
    expect(s.context.path).toEqual([]);
    expect(s.context.tallies).toEqual({ 'ttp-or-pakistan': { ttp: 3 } });
  });

  it('keeps the room’s vote for each option of a decision', () => {
    const s = transition(presenter, start, {
      type: 'exercise.tally',
      nodeId: 'ttp-or-pakistan',
      optionId: 'ttp',
      count: 7,
    })[0];
    expect(s.context.tallies).toEqual({ 'ttp-or-pakistan': { ttp: 7 } });
  });

  it.each([
    ['an unknown option', { nodeId: 'ttp-or-pakistan', optionId: 'nope', count: 1 }],
    ['a node that is not a decision', { nodeId: 'briefing', optionId: 'ttp', count: 1 }],
    ['a negative count', { nodeId: 'ttp-or-pakistan', optionId: 'ttp', count: -1 }],
    ['a fraction', { nodeId: 'ttp-or-pakistan', optionId: 'ttp', count: 1.5 }],
  ])('refuses a tally for %s', (_why, tally) => {
    expect(start.can({ type: 'exercise.tally', ...tally })).toBe(false);
  });
});

/** The forward events of a snapshot (as a user can send them), and back. */
function stepsOf(
  scenario: ExerciseScenario,
  scenarioMachine: ScenarioMachine,
  s: ExerciseSnapshot,
): ExerciseEvent[] {
  const pending = s.context.pending;
  const forward: ExerciseEvent[] = [];
  switch (s.value) {
    case 'briefing':
      forward.push({ type: 'exercise.start' });
      break;
    case 'choosing': {
      const r = resolvePath(scenarioMachine, s.context.path);
      const node = r.ok ? scenario.nodes[String(r.snapshot.value)] : undefined;
      if (node?.kind === 'decision') {
        for (const o of node.options) forward.push({ type: 'exercise.choose', optionId: o.id });
      }
      break;
    }
    case 'predicting':
      if (pending && s.context.prediction === null) {
        forward.push({
          type: 'exercise.predict',
          prediction: {
            kind: 'candidate',
            claimId: candidatesFor(scenario, pending.nodeId, pending.optionId)[0] ?? null,
          },
        });
      }
      forward.push({ type: 'exercise.reveal' });
      break;
    case 'revealed':
      forward.push({ type: 'exercise.next' });
      break;
  }
  return [...forward, { type: 'exercise.back' }];
}

describe.each(
  allScenarios.flatMap((s) =>
    [true, false].map(
      (requirePrediction) =>
        [
          s.id,
          requirePrediction ? 'exercise' : 'presenter',
          toExercise(s),
          requirePrediction,
        ] as const,
    ),
  ),
)('back in %s (%s mode)', (_id, _mode, scenario, requirePrediction) => {
  const exercise = buildExerciseMachine(scenario, { requirePrediction });
  const scenarioMachine = buildScenarioMachine(scenario);
  // Every state reachable by stepping forward and back (each one's shortest path, not only the
  // longest ones, as the test model would keep).
  const paths = getShortestPaths(exercise, {
    events: (s) => stepsOf(scenario, scenarioMachine, s),
  });
  const snapshots = paths.map((p) => p.state);

  it('reaches every screen, the debriefs included, with back in the mix', () => {
    const values = new Set(snapshots.map((s) => String(s.value)));
    expect([...values].sort()).toEqual(
      ['briefing', 'choosing', 'debrief', 'predicting', 'revealed'].sort(),
    );
  });

  it('undoes exactly the step that changed the screen, wherever back is available', () => {
    let checked = 0;
    for (const before of snapshots) {
      for (const event of stepsOf(scenario, scenarioMachine, before)) {
        if (event.type === 'exercise.back' || !before.can(event)) continue;
        const after = transition(exercise, before, event)[0];
        if (after.value === before.value) continue;
        const back = after.can({ type: 'exercise.back' });
        // Back is refused only before the first decision and, with predictions required,
        // after a reveal.
        const refused =
          after.value === 'choosing'
            ? after.context.path.length === 0
            : after.value === 'revealed' && requirePrediction;
        expect({ at: after.value, back }).toEqual({ at: after.value, back: !refused });
        if (!back) continue;
        const undone = transition(exercise, after, { type: 'exercise.back' })[0];
        expect({ value: undone.value, context: undone.context }).toEqual({
          value: before.value,
          context: before.context,
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('saves and replays walks that go back, and forward again', () => {
    // Back never shortens a path, so shortest paths hold none: build walks that do go back. From
    // every reachable screen: one step forward, back, then the same step forward again.
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    const mode = requirePrediction ? 'exercise' : 'present';
    const backFrom = new Set<string>();
    for (const p of paths) {
      const to = p.steps
        .map((step) => step.event as ExerciseEvent)
        .filter((e) => !e.type.startsWith('xstate.'));
      for (const step of stepsOf(scenario, scenarioMachine, p.state)) {
        if (step.type === 'exercise.back' || !p.state.can(step)) continue;
        const after = transition(exercise, p.state, step)[0];
        // A step that changes the screen, and that back undoes (see the test above).
        if (after.value === p.state.value || !after.can({ type: 'exercise.back' })) continue;
        for (const walk of [
          [...to, step, { type: 'exercise.back' } as const],
          [...to, step, { type: 'exercise.back' } as const, step],
        ]) {
          const expected = walk
            .slice(to.length)
            .reduce((s, e) => transition(exercise, s, e)[0], p.state);
          writeExercise(storage, scenario.id, mode, walk);
          const read = readExercise(storage, scenario.id, mode, exercise);
          expect(read.status).toBe('ok');
          if (read.status !== 'ok') continue;
          expect({ value: read.snapshot.value, context: read.snapshot.context }).toEqual({
            value: expected.value,
            context: expected.context,
          });
          backFrom.add(String(after.value));
        }
      }
    }
    // Every screen that offers back was gone back from, and replayed.
    expect([...backFrom].sort()).toEqual(
      (requirePrediction
        ? ['choosing', 'debrief', 'predicting']
        : ['choosing', 'debrief', 'predicting', 'revealed']
      ).sort(),
    );
  });
});
