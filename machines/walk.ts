/**
 * walkPath: follow a list of option ids from the first decision through the scenario data.
 * Used by the machine's user.goTo guard; the UI asks the machine, never this directly.
 */
import type { WalkGraph } from '@/content/parse';
import type { Choice } from './scenario-machine';

export type WalkResult =
  | { readonly ok: true; readonly nodeId: string; readonly trail: readonly Choice[] }
  | {
      readonly ok: false;
      /** How many leading option ids were valid. */
      readonly validLength: number;
      readonly nodeId: string;
      readonly trail: readonly Choice[];
    };

export function walkPath(scenario: WalkGraph, path: readonly string[]): WalkResult {
  const briefing = scenario.nodes[scenario.start];
  if (!briefing || briefing.kind !== 'briefing') {
    return { ok: false, validLength: 0, nodeId: scenario.start, trail: [] };
  }
  let nodeId = briefing.next;
  const trail: Choice[] = [];
  for (const optionId of path) {
    const node = scenario.nodes[nodeId];
    const option =
      node?.kind === 'decision' ? node.options.find((o) => o.id === optionId) : undefined;
    if (!option) return { ok: false, validLength: trail.length, nodeId, trail };
    trail.push({ nodeId, optionId });
    nodeId = option.next;
  }
  return { ok: true, nodeId, trail };
}
