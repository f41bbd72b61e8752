/**
 * Reading a scenario machine's snapshot: which node it is at, which options led there, and the
 * tags on its states. No XState import here (types only), so modules that only read snapshots,
 * such as the URL builders every page uses, do not pull the machine library into the browser.
 */
import type { ScenarioSnapshot } from './scenario-machine';

/** Tags on machine states, so callers never re-derive a node's kind. */
export const OUTCOME_TAG = 'outcome';
export const BRIEFING_TAG = 'briefing';

/** The scenario node the snapshot is at. */
export function currentNodeId(snapshot: ScenarioSnapshot): string {
  // The machine is flat (one state per node), so its value is always a node id.
  const value: unknown = snapshot.value;
  return value as string;
}

/** The option ids chosen so far: the URL path of the step. */
export function pathOf(snapshot: ScenarioSnapshot): string[] {
  return snapshot.context.trail.map((c) => c.optionId);
}
