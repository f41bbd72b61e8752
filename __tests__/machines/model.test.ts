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
import { answerClaims, answerFor } from '@/machines/answers';
import { forwardEvents, listSteps } from '@/machines/paths';
import { allScenarios } from '../helpers/scenarios';

function outcomeCitations(scenario: Scenario, snapshot: ScenarioSnapshot): number {
  const node = scenario.nodes[currentNodeId(snapshot)];
  if (node?.kind !== 'outcome') return 0;
  const claimIds = [
    ...node.consequences.map((c) => c.claim),
    ...node.silences.flatMap((s) => s.parts),
    ...snapshot.context.trail.flatMap((c) => {
      const answer = answerFor(scenario, c.nodeId, c.optionId);
      return [...answerClaims(answer), ...(answer.silence?.parts ?? [])];
    }),
  ];
  return claimIds.reduce((n, id) => n + (scenario.claims[id]?.citations.length ?? 0), 0);
}

/** Words that make a claim say what should be done, or report a belief or a fear. */
const NOT_A_CONSEQUENCE = /\b(should|must|ought|fears?|believes?|hopes?)\b/i;

/**
 * What a learner is shown after a choice, as the pages show it (answerFor): each consequence has
 * its tie, a stated tie's words stand in the quotation and in the source, and no consequence says
 * what should be done or reports a belief or fear. A choice with no consequence says why.
 */
function expectHonestAnswer(scenario: Scenario, source: string, nodeId: string, optionId: string) {
  const answer = answerFor(scenario, nodeId, optionId);
  const where = `${nodeId}/${optionId}`;
  const shown = [...answer.consequences, ...(answer.ruledOut ? [answer.ruledOut] : [])];
  for (const { claim: id, tie } of shown) {
    const claim = scenario.claims[id];
    expect(claim).toBeDefined();
    expect(tie.kind === 'stated' || tie.kind === 'inferred').toBe(true);
    if (tie.kind === 'stated') {
      const quotation = claim?.citations[tie.citation]?.text ?? '';
      expect(quotation.slice(tie.start, tie.end)).toBe(tie.text);
      expect(source).toContain(tie.text);
    } else {
      expect(tie.reading.trim().length).toBeGreaterThan(0);
    }
    expect(`${where}: ${id} is ${claim?.kind}`).not.toMatch(/normative$/);
    for (const c of claim?.citations ?? []) {
      expect(`${where}: ${id}: ${c.text}`).not.toMatch(NOT_A_CONSEQUENCE);
    }
  }
  if (shown.length === 0) expect(answer.silence).toBeDefined();
}

describe.each(allScenarios.map((s) => [s.id, s] as const))('every path of %s', (_id, scenario) => {
  const machine: ScenarioMachine = buildScenarioMachine(scenario);
  const source = scenario.document.paragraphs
    .map((p) => p.sentences.map((x) => x.text).join(' '))
    .join('\n');
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
    '%s shows each choice’s answer with its tie, and ends at an outcome with citations',
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
            const last = live.context.trail.at(-1);
            if (last) expectHonestAnswer(scenario, source, last.nodeId, last.optionId);
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
