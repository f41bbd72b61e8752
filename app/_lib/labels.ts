import type { WalkGraph } from '@/content/parse';
import type { ScenarioSnapshot } from '@/machines/scenario-machine';
import { currentNodeId } from '@/machines/scenario-snapshot';

/** A step described for people: the option labels chosen so far, or the node's title. */
export function stepLabel(graph: WalkGraph, snapshot: ScenarioSnapshot): string {
  const labels = snapshot.context.trail.map((c) => {
    const node = graph.nodes[c.nodeId];
    return node?.kind === 'decision'
      ? (node.options.find((o) => o.id === c.optionId)?.label ?? '')
      : '';
  });
  return labels.length > 0
    ? labels.join(' → ')
    : (graph.nodes[currentNodeId(snapshot)]?.title ?? '');
}
