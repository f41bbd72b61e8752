/** What the compare page shows, computed from the machine's steps and the content. */
import type { DecisionNode, OutcomeNode } from '@/content/parse';
import type { StepRef } from '@/machines/paths';
import { stepLabel } from './labels';
import { stepToken } from './routes';
import { claimsOnStep, outcomeSteps, type ScenarioRuntime } from './runtime';

export interface OutcomeColumn {
  readonly step: StepRef;
  readonly node: OutcomeNode;
  readonly token: string;
  /** The option labels along the path. */
  readonly label: string;
  /** Every claim the outcome page quotes. */
  readonly claims: ReadonlySet<string>;
}

export interface DecisionComparison {
  readonly decision: DecisionNode;
  /** How many points of the tree show this same decision. */
  readonly count: number;
  /** Claims the text assigns to every option. */
  readonly shared: readonly string[];
  /** Per option id, the claims the text assigns to that option alone. */
  readonly only: Readonly<Record<string, readonly string[]>>;
}

export function outcomeColumns(runtime: ScenarioRuntime): OutcomeColumn[] {
  return outcomeSteps(runtime).map(({ step, node }) => ({
    step,
    node,
    token: stepToken(step.path),
    label: stepLabel(runtime.scenario, step.snapshot),
    claims: new Set(claimsOnStep(runtime, step)),
  }));
}

/** Row ids of the side-by-side table: every claim met on any outcome path, first-met order. */
export function comparisonRows(columns: readonly OutcomeColumn[]): string[] {
  return [...new Set(columns.flatMap((c) => [...c.claims]))];
}

/** Decisions with the same title, options and claims are compared once. */
export function compareDecisions(runtime: ScenarioRuntime): DecisionComparison[] {
  const seen = new Map<string, { decision: DecisionNode; count: number }>();
  for (const step of runtime.steps) {
    const node = runtime.scenario.nodes[step.nodeId];
    if (node?.kind !== 'decision') continue;
    const signature = JSON.stringify([node.title, node.options.map((o) => [o.id, o.consequences])]);
    const entry = seen.get(signature);
    if (entry) entry.count += 1;
    else seen.set(signature, { decision: node, count: 1 });
  }
  return [...seen.values()].map(({ decision, count }) => {
    const shared = decision.options
      .map((o) => o.consequences)
      .reduce((acc, list) => acc.filter((id) => list.includes(id)));
    const only = Object.fromEntries(
      decision.options.map((o) => [o.id, o.consequences.filter((id) => !shared.includes(id))]),
    );
    return { decision, count, shared, only };
  });
}

/** Claims quoted on the first outcome page but not on the second. */
export function onlyOn(a: OutcomeColumn, b: OutcomeColumn): string[] {
  return [...a.claims].filter((id) => !b.claims.has(id));
}
