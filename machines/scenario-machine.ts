/**
 * buildScenarioMachine(scenario): the scenario as an XState v5 machine. Pure and synchronous:
 * no invoke, no delays, so the server can replay URLs with transition() and xstate/graph can walk
 * every path. One state per scenario node; the context records the choices made so far.
 *
 * Events: user.begin (leave the briefing), user.choose {optionId}, user.back, user.restart,
 * user.goTo {path} (jump to the step a list of option ids leads to).
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import type { WalkGraph, WalkNode } from '@/content/parse';
import { BRIEFING_TAG, OUTCOME_TAG } from './scenario-snapshot';
import { walkPath } from './walk';

export interface Choice {
  /** The decision node where the choice was made. */
  readonly nodeId: string;
  /** The option chosen there. */
  readonly optionId: string;
}

export interface ScenarioContext {
  /** The choices made so far, oldest first. */
  readonly trail: readonly Choice[];
}

export type ScenarioEvent =
  | { type: 'user.begin' }
  | { type: 'user.choose'; optionId: string }
  | { type: 'user.back' }
  | { type: 'user.restart' }
  | { type: 'user.goTo'; path: readonly string[] };

export interface StateMeta {
  readonly nodeId: string;
  readonly kind: WalkNode['kind'];
}

export { BRIEFING_TAG, OUTCOME_TAG, currentNodeId, pathOf } from './scenario-snapshot';

function predecessors(scenario: WalkGraph): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [id, node] of Object.entries(scenario.nodes)) {
    const nexts =
      node.kind === 'briefing'
        ? [node.next]
        : node.kind === 'decision'
          ? node.options.map((o) => o.next)
          : [];
    for (const next of new Set(nexts)) map.set(next, [...(map.get(next) ?? []), id]);
  }
  return map;
}

export function buildScenarioMachine(scenario: WalkGraph) {
  const machineSetup = setup({
    types: {
      context: {} as ScenarioContext,
      events: {} as ScenarioEvent,
      meta: {} as StateMeta,
    },
    guards: {
      isOption: ({ event }, params: { optionId: string }) =>
        event.type === 'user.choose' && event.optionId === params.optionId,
      lastChoiceAt: ({ context }, params: { nodeId: string }) =>
        context.trail.at(-1)?.nodeId === params.nodeId,
      noChoices: ({ context }) => context.trail.length === 0,
      pathLeadsTo: ({ event }, params: { nodeId: string }) => {
        if (event.type !== 'user.goTo') return false;
        const walked = walkPath(scenario, event.path);
        return walked.ok && walked.nodeId === params.nodeId;
      },
    },
    actions: {
      record: assign({
        trail: ({ context }, params: Choice) => [...context.trail, params],
      }),
      forgetLast: assign({ trail: ({ context }) => context.trail.slice(0, -1) }),
      reset: assign({ trail: () => [] }),
      follow: assign({
        trail: ({ context, event }) => {
          if (event.type !== 'user.goTo') return context.trail;
          const walked = walkPath(scenario, event.path);
          return walked.ok ? walked.trail : context.trail;
        },
      }),
    },
  });

  const preds = predecessors(scenario);

  const backTransitions = (nodeId: string) =>
    (preds.get(nodeId) ?? []).map((from) =>
      scenario.nodes[from]?.kind === 'briefing'
        ? ({ guard: 'noChoices', target: from } as const)
        : ({
            guard: { type: 'lastChoiceAt', params: { nodeId: from } },
            target: from,
            actions: 'forgetLast',
          } as const),
    );

  const states = Object.fromEntries(
    Object.entries(scenario.nodes).map(([nodeId, node]) => {
      const meta: StateMeta = { nodeId, kind: node.kind };
      if (node.kind === 'briefing') {
        return [
          nodeId,
          { meta, tags: [BRIEFING_TAG], on: { 'user.begin': { target: node.next } } },
        ];
      }
      const common = {
        'user.back': backTransitions(nodeId),
        'user.restart': { target: scenario.start, actions: 'reset' },
      } as const;
      if (node.kind === 'decision') {
        return [
          nodeId,
          {
            meta,
            on: {
              ...common,
              'user.choose': node.options.map((option) => ({
                guard: { type: 'isOption', params: { optionId: option.id } },
                target: option.next,
                actions: { type: 'record', params: { nodeId, optionId: option.id } },
              })),
            },
          },
        ];
      }
      return [nodeId, { meta, tags: [OUTCOME_TAG], on: common }];
    }),
  );

  const goTo = Object.keys(scenario.nodes)
    .filter((nodeId) => nodeId !== scenario.start)
    .map((nodeId) => ({
      guard: { type: 'pathLeadsTo', params: { nodeId } },
      target: `.${nodeId}`,
      actions: 'follow',
    }));

  return machineSetup.createMachine({
    id: scenario.id,
    context: { trail: [] },
    initial: scenario.start,
    // Generated from validated data, so typed loosely here; the tests walk every transition.
    states: states as never,
    on: { 'user.goTo': goTo as never },
  });
}

export type ScenarioMachine = ReturnType<typeof buildScenarioMachine>;
export type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;
