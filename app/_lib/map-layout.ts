/**
 * Lays out the decision tree with d3-hierarchy at build time. The tree is the tree of steps the
 * machine allows (listSteps), so every box is one page and a scenario that reuses a node
 * still gets one box per way of reaching it.
 */
import { hierarchy, tree } from 'd3-hierarchy';
import type { Scenario } from '@/content/parse';
import type { StepRef } from '@/machines/paths';
import { routes, stepToken } from './routes';

export interface MapNode {
  /** 'briefing' or the step token (see stepToken). */
  readonly key: string;
  readonly href: string;
  readonly kind: 'briefing' | 'decision' | 'outcome';
  readonly title: string;
  /** The option label on the edge from the parent, if any. */
  readonly via: string | undefined;
  /**
   * For an outcome where the text is silent on some combination: 'all' where the text gives the
   * path no consequence at all (on its choices or its outcome), 'part' where it does; else false.
   */
  readonly silent: 'all' | 'part' | false;
  /** For an outcome whose combination the text rules out: the ruling's tie kind; else false. */
  readonly ruledOut: 'stated' | 'inferred' | false;
  readonly x: number;
  readonly y: number;
  readonly lines: readonly string[];
}

export interface MapEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
}

export const BOX = { width: 176, height: 64, gapX: 24, gapY: 96 } as const;

interface TreeDatum {
  key: string;
  step: StepRef | undefined;
  children: TreeDatum[];
}

/**
 * Breaks a title into lines of at most `max` characters, at spaces. Twenty characters of the
 * bold title face fit a box with room to spare; 22 did not ("The TTP, then pressure").
 */
export function wrap(text: string, max = 20): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

/** How many consequences the choices on a step's path carry. */
function pathConsequences(scenario: Scenario, step: StepRef | undefined): number {
  return (step?.snapshot.context.trail ?? []).reduce((n, choice) => {
    const decision = scenario.nodes[choice.nodeId];
    const option =
      decision?.kind === 'decision'
        ? decision.options.find((o) => o.id === choice.optionId)
        : undefined;
    return n + (option?.consequences.length ?? 0);
  }, 0);
}

export function layoutMap(scenario: Scenario, steps: readonly StepRef[]): MapLayout {
  const byKey = new Map<string, TreeDatum>();
  const root: TreeDatum = { key: 'briefing', step: undefined, children: [] };
  byKey.set(root.key, root);
  for (const step of [...steps].sort((a, b) => a.path.length - b.path.length)) {
    const datum: TreeDatum = { key: stepToken(step.path), step, children: [] };
    const parentKey = step.path.length === 0 ? 'briefing' : stepToken(step.path.slice(0, -1));
    byKey.get(parentKey)?.children.push(datum);
    byKey.set(datum.key, datum);
  }

  const laid = tree<TreeDatum>().nodeSize([BOX.width + BOX.gapX, BOX.height + BOX.gapY])(
    hierarchy(root, (d) => d.children),
  );
  const all = laid.descendants();
  const minX = Math.min(...all.map((n) => n.x)) - BOX.width / 2;
  const maxX = Math.max(...all.map((n) => n.x)) + BOX.width / 2;
  const maxY = Math.max(...all.map((n) => n.y)) + BOX.height;
  const pad = 8;

  const nodes: MapNode[] = all.map((n) => {
    const step = n.data.step;
    const node = step ? scenario.nodes[step.nodeId] : scenario.nodes[scenario.start];
    const kind = node?.kind ?? 'decision';
    const lastChoice = step?.snapshot.context.trail.at(-1);
    const parentDecision = lastChoice ? scenario.nodes[lastChoice.nodeId] : undefined;
    const via =
      parentDecision?.kind === 'decision'
        ? parentDecision.options.find((o) => o.id === lastChoice?.optionId)?.label
        : undefined;
    const title = node?.title ?? '';
    return {
      key: n.data.key,
      href: step ? routes.step(scenario.id, step.path) : routes.briefing(scenario.id),
      kind,
      title,
      via,
      silent:
        node?.kind === 'outcome' && node.silences.length > 0
          ? node.consequences.length > 0 || pathConsequences(scenario, step) > 0
            ? 'part'
            : 'all'
          : false,
      ruledOut: (node?.kind === 'outcome' && node.ruledOut?.tie.kind) || false,
      x: n.x - minX + pad,
      y: n.y + pad,
      lines: wrap(title),
    };
  });
  const at = new Map(nodes.map((n) => [n.key, n]));
  const edges: MapEdge[] = laid.links().map((link) => {
    const from = at.get(link.source.data.key) as MapNode;
    const to = at.get(link.target.data.key) as MapNode;
    const x1 = from.x;
    const y1 = from.y + BOX.height;
    const x2 = to.x;
    const y2 = to.y;
    const midY = (y1 + y2) / 2;
    return {
      from: from.key,
      to: to.key,
      label: to.via ?? '',
      path: `M${x1},${y1} C${x1},${midY} ${x2},${midY} ${x2},${y2}`,
      labelX: (x1 + x2) / 2,
      labelY: midY,
    };
  });
  return { width: maxX - minX + pad * 2, height: maxY + pad * 2, nodes, edges };
}
