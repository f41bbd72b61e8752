/**
 * Model-based tests: xstate/graph walks every path of every scenario (the real ones and a
 * made-up fixture) and drives a live actor along it, checking what a learner relies on.
 */
import { createActor, type AnyStateMachine } from 'xstate';
import { createTestModel } from 'xstate/graph';
import type { Scenario } from '@/content/parse';
import {
  buildScenarioMachine,
  currentNodeId,
  pathOf,
  type ScenarioEvent,
  type ScenarioMachine,
  type ScenarioSnapshot,
} from '@/machines/scenario-machine';
import { forwardEvents, listSteps } from '@/machines/paths';
import { allScenarios } from '../helpers/scenarios';

function outcomeCitations(scenario: Scenario, snapshot: ScenarioSnapshot): number {
  const node = scenario.nodes[currentNodeId(snapshot)];
  if (node?.kind !== 'outcome') return 0;
  const claimIds = [
    ...node.consequences,
    ...node.silences.flatMap((s) => s.parts),
    ...snapshot.context.trail.flatMap((c) => {
      const d = scenario.nodes[c.nodeId];
      return d?.kind === 'decision'
        ? (d.options.find((o) => o.id === c.optionId)?.consequences ?? [])
        : [];
    }),
  ];
  return claimIds.reduce((n, id) => n + (scenario.claims[id]?.citations.length ?? 0), 0);
}

describe.each(allScenarios.map((s) => [s.id, s] as const))('every path of %s', (_id, scenario) => {
  const machine: ScenarioMachine = buildScenarioMachine(scenario);
  // createTestModel erases the machine's types; snapshots are cast back where they are read.
  const model = createTestModel(machine as unknown as AnyStateMachine);
  const toOutcome = model.getSimplePaths({
    events: (s) => forwardEvents(scenario, s as unknown as ScenarioSnapshot),
    toState: (s) => s.hasTag('outcome'),
  });
  const outcomeNodes = Object.entries(scenario.nodes).filter(([, n]) => n.kind === 'outcome');

  it('finds at least one path to every outcome', () => {
    expect(
      new Set(toOutcome.map((p) => currentNodeId(p.state as unknown as ScenarioSnapshot))),
    ).toEqual(new Set(outcomeNodes.map(([id]) => id)));
  });

  it.each(toOutcome.map((p) => [p.description, p] as const))(
    '%s ends at an outcome with citations',
    async (_d, p) => {
      const actor = createActor(machine).start();
      await p.test({
        events: {
          'user.begin': () => void actor.send({ type: 'user.begin' }),
          'user.choose': ({ event }) => void actor.send(event as ScenarioEvent),
        },
        states: {
          '*': (expected) => {
            const live = actor.getSnapshot();
            expect(live.value).toEqual(expected.value);
            expect(live.context).toEqual(expected.context);
          },
        },
      });
      const end = actor.getSnapshot();
      expect(end.hasTag('outcome')).toBe(true);
      expect(outcomeCitations(scenario, end)).toBeGreaterThan(0);
      actor.stop();
    },
  );

  const steps = listSteps(scenario, machine);

  it.each(steps.filter((s) => s.path.length > 0).map((s) => [s.path.join('/'), s] as const))(
    'back from /%s undoes exactly the last choice',
    (_p, step) => {
      const actor = createActor(machine, { snapshot: step.snapshot }).start();
      actor.send({ type: 'user.back' });
      const back = actor.getSnapshot();
      expect(pathOf(back)).toEqual(step.path.slice(0, -1));
      const parent = steps.find((s) => s.path.join('/') === step.path.slice(0, -1).join('/'));
      expect(currentNodeId(back)).toBe(parent?.nodeId);
      actor.stop();
    },
  );

  it.each(steps.map((s) => [s.path.join('/'), s] as const))(
    'restart from /%s returns to the start',
    (_p, step) => {
      const actor = createActor(machine, { snapshot: step.snapshot }).start();
      actor.send({ type: 'user.restart' });
      expect(currentNodeId(actor.getSnapshot())).toBe(scenario.start);
      expect(actor.getSnapshot().context.trail).toEqual([]);
      actor.stop();
    },
  );

  it.each(steps.map((s) => [s.path.join('/'), s] as const))(
    'goTo /%s from the start lands on that step',
    (_p, step) => {
      const actor = createActor(machine).start();
      actor.send({ type: 'user.goTo', path: step.path });
      expect(currentNodeId(actor.getSnapshot())).toBe(step.nodeId);
      expect(pathOf(actor.getSnapshot())).toEqual(step.path);
      actor.stop();
    },
  );
});
