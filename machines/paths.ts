/**
 * Pure helpers over a scenario machine: resolve a URL path to a snapshot (replaying events with
 * transition()), and list every step the machine allows (xstate/graph).
 */
import { initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { WalkGraph } from '@/content/parse';
import {
  currentNodeId,
  pathOf,
  BRIEFING_TAG,
  type ScenarioEvent,
  type ScenarioMachine,
  type ScenarioSnapshot,
} from './scenario-machine';

export type ResolveResult =
  | { readonly ok: true; readonly snapshot: ScenarioSnapshot }
  | {
      readonly ok: false;
      readonly reason: 'unknown-option';
      /** Index in the path of the first option id the machine does not accept. */
      readonly index: number;
      readonly optionId: string;
      /** The last valid step on the way: the nearest step to offer instead. */
      readonly nearest: ScenarioSnapshot;
    };

export function initialSnapshot(machine: ScenarioMachine): ScenarioSnapshot {
  return initialTransition(machine)[0];
}

/** Replays user.begin and one user.choose per option id, asking the machine at each step. */
export function resolvePath(machine: ScenarioMachine, path: readonly string[]): ResolveResult {
  let snapshot = transition(machine, initialSnapshot(machine), { type: 'user.begin' })[0];
  for (const [index, optionId] of path.entries()) {
    const event: ScenarioEvent = { type: 'user.choose', optionId };
    if (!snapshot.can(event))
      return { ok: false, reason: 'unknown-option', index, optionId, nearest: snapshot };
    snapshot = transition(machine, snapshot, event)[0];
  }
  return { ok: true, snapshot };
}

/** The events that move forward from a snapshot: begin at the briefing, one choose per option. */
export function forwardEvents(scenario: WalkGraph, snapshot: ScenarioSnapshot): ScenarioEvent[] {
  const node = scenario.nodes[currentNodeId(snapshot)];
  if (node?.kind === 'briefing') return [{ type: 'user.begin' }];
  if (node?.kind === 'decision') {
    return node.options.map((o) => ({ type: 'user.choose', optionId: o.id }));
  }
  return [];
}

export interface StepRef {
  /** Option ids chosen from the first decision: the step's URL path. */
  readonly path: readonly string[];
  readonly nodeId: string;
  readonly snapshot: ScenarioSnapshot;
}

/** Every step of the walkthrough the machine allows (one per reachable state after the briefing). */
export function listSteps(scenario: WalkGraph, machine: ScenarioMachine): StepRef[] {
  return getShortestPaths(machine, { events: (s) => forwardEvents(scenario, s) })
    .map((p) => p.state)
    .filter((s) => !s.hasTag(BRIEFING_TAG))
    .map((snapshot) => ({ path: pathOf(snapshot), nodeId: currentNodeId(snapshot), snapshot }))
    .sort(
      (a, b) => a.path.length - b.path.length || a.path.join('/').localeCompare(b.path.join('/')),
    );
}
