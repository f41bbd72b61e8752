import { createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { createTestModel } from 'xstate/graph';
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
import { buildScenarioMachine, OUTCOME_TAG } from '@/machines/scenario-machine';
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
    const revealed = run([
      { type: 'exercise.start' },
      { type: 'exercise.choose', optionId: 'pakistan' },
      { type: 'exercise.predict', prediction: { kind: 'text', text: 'a' } },
      { type: 'exercise.reveal' },
    ]);
    expect(revealed.can({ type: 'exercise.back' })).toBe(false);
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
    const events = (s: ExerciseSnapshot): ExerciseEvent[] => {
      const pending = s.context.pending;
      switch (s.value) {
        case 'briefing':
          return [{ type: 'exercise.start' }];
        case 'choosing': {
          const r = resolvePath(scenarioMachine, s.context.path);
          const node = r.ok ? scenario.nodes[String(r.snapshot.value)] : undefined;
          return node?.kind === 'decision'
            ? node.options.map((o) => ({ type: 'exercise.choose', optionId: o.id }))
            : [];
        }
        case 'predicting':
          return [
            ...(s.context.prediction === null
              ? [
                  {
                    type: 'exercise.predict',
                    prediction: {
                      kind: 'candidate',
                      claimId:
                        candidatesFor(scenario, pending!.nodeId, pending!.optionId)[0] ?? null,
                    },
                  } as const,
                ]
              : []),
            { type: 'exercise.reveal' },
          ];
        case 'revealed':
          return [{ type: 'exercise.next' }];
        default:
          return [];
      }
    };
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
