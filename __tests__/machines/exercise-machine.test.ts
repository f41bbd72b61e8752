import { createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { createTestModel, getShortestPaths } from 'xstate/graph';
import { readExercise, writeExercise } from '@/app/_lib/exercise-progress';
import type { Scenario } from '@/content/parse';
import {
  buildExerciseMachine,
  candidatesFor,
  consequencesOf,
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

describe('candidatesFor', () => {
  it('offers four candidates including exactly one of the option’s own consequences', () => {
    const c = candidatesFor(kabul, 'ttp-or-pakistan', 'ttp');
    expect(c).toHaveLength(4);
    const own = consequencesOf(kabul, 'ttp-or-pakistan', 'ttp');
    expect(c.filter((id) => id !== null && own.includes(id))).toHaveLength(1);
  });

  it('is the same every time for the same choice (deterministic shuffle)', () => {
    expect(candidatesFor(kabul, 'approach-after-ttp', 'pressure')).toEqual(
      candidatesFor(kabul, 'approach-after-ttp', 'pressure'),
    );
  });

  it('draws the wrong candidates from consequences the text assigns elsewhere', () => {
    const all = new Set(
      Object.values(kabul.nodes).flatMap((n) =>
        n.kind === 'decision' ? n.options.flatMap((o) => o.consequences) : [],
      ),
    );
    for (const id of candidatesFor(kabul, 'ttp-or-pakistan', 'pakistan')) {
      if (id !== null) expect(all.has(id)).toBe(true);
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

  it('marks a picked candidate right when it is one of the text’s consequences', () => {
    const own = consequencesOf(kabul, 'ttp-or-pakistan', 'ttp');
    const right =
      candidatesFor(kabul, 'ttp-or-pakistan', 'ttp').find(
        (id) => id !== null && own.includes(id),
      ) ?? null;
    const s = run([
      { type: 'exercise.start' },
      { type: 'exercise.choose', optionId: 'ttp' },
      { type: 'exercise.predict', prediction: { kind: 'candidate', claimId: right } },
      { type: 'exercise.reveal' },
    ]);
    expect(s.value).toBe('revealed');
    expect(s.context.records[0]?.correct).toBe(true);
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
      ...FIRST_REVEAL,
      {
        type: 'exercise.guessKind',
        claimId: consequencesOf(kabul, 'ttp-or-pakistan', 'pakistan')[0] ?? '',
        kind: 'conditional',
      },
    ]);
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
