import type { ScenarioGraph } from '@/content/parse';
import { currentNodeId, type ScenarioSnapshot } from '@/machines/scenario-machine';

/** A step described for people: the option labels chosen so far, or the node's title. */
export function stepLabel(graph: ScenarioGraph, snapshot: ScenarioSnapshot): string {
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
