/** What the compare page shows, computed from the machine's steps and the content. */
import type { Consequence, DecisionNode, OutcomeNode } from '@/content/parse';
import { answerFor, type ChoiceAnswer } from '@/machines/answers';
import type { StepRef } from '@/machines/paths';
import { stepLabel } from './labels';
import { stepToken } from './routes';
import { choicesOf, outcomeSteps, type ScenarioRuntime } from './runtime';

/**
 * How a claim is met on a path: as a consequence the text ties in its own words, as one our
 * reading places there, as the claim that rules the combination out, or as part of a silence.
 */
export type ClaimRole = 'stated' | 'inferred' | 'rules-out' | 'silence';

export interface OutcomeColumn {
  readonly step: StepRef;
  readonly node: OutcomeNode;
  readonly token: string;
  /** The option labels along the path. */
  readonly label: string;
  /** Every claim the outcome page quotes, with each way it is met there, in page order. */
  readonly claims: ReadonlyMap<string, readonly ClaimRole[]>;
}

export interface DecisionComparison {
  /** The first step that shows this decision. */
  readonly nodeId: string;
  readonly decision: DecisionNode;
  /** The option labels that lead to it (empty for the first decision). */
  readonly after: string;
  /** How many points of the tree show this same decision. */
  readonly count: number;
  /** Consequences the text ties to every option, with the same tie. */
  readonly shared: readonly Consequence[];
  /** Per option id, the option's answer without the shared claims. */
  readonly only: Readonly<Record<string, ChoiceAnswer>>;
}

function rolesOnPath(runtime: ScenarioRuntime, step: StepRef, node: OutcomeNode) {
  const roles = new Map<string, ClaimRole[]>();
  const add = (id: string, role: ClaimRole) => {
    const list = roles.get(id) ?? [];
    if (!list.includes(role)) list.push(role);
    roles.set(id, list);
  };
  for (const c of choicesOf(runtime.scenario, step.snapshot)) {
    const answer = answerFor(runtime.scenario, c.decisionId, c.option.id);
    for (const x of answer.consequences) add(x.claim, x.tie.kind);
    if (answer.ruledOut) add(answer.ruledOut.claim, 'rules-out');
    for (const id of answer.silence?.parts ?? []) add(id, 'silence');
  }
  for (const x of node.consequences) add(x.claim, x.tie.kind);
  for (const id of node.silences.flatMap((s) => s.parts)) add(id, 'silence');
  return roles;
}

export function outcomeColumns(runtime: ScenarioRuntime): OutcomeColumn[] {
  return outcomeSteps(runtime).map(({ step, node }) => ({
    step,
    node,
    token: stepToken(step.path),
    label: stepLabel(runtime.scenario, step.snapshot),
    claims: rolesOnPath(runtime, step, node),
  }));
}

/** Row ids of the side-by-side table: every claim met on any outcome path, first-met order. */
export function comparisonRows(columns: readonly OutcomeColumn[]): string[] {
  return [...new Set(columns.flatMap((c) => [...c.claims.keys()]))];
}

/**
 * Decisions compared option by option. Points of the tree that show the same decision with the
 * same answers (consequences, ties, silences, rulings) are compared once.
 */
export function compareDecisions(runtime: ScenarioRuntime): DecisionComparison[] {
  const { scenario } = runtime;
  const seen = new Map<string, DecisionComparison & { count: number }>();
  for (const step of runtime.steps) {
    const node = scenario.nodes[step.nodeId];
    if (node?.kind !== 'decision') continue;
    const answers = node.options.map((o) => answerFor(scenario, step.nodeId, o.id));
    const signature = JSON.stringify([node.title, node.options.map((o) => o.id), answers]);
    const entry = seen.get(signature);
    if (entry) {
      entry.count += 1;
      continue;
    }
    // Shared: the same claim with the same tie on every option (a tie differs, so does the claim's place).
    const keyed = answers.map((a) => a.consequences.map((c) => JSON.stringify(c)));
    const sharedKeys = keyed.reduce((acc, list) => acc.filter((k) => list.includes(k)));
    const shared = (answers[0]?.consequences ?? []).filter((c) =>
      sharedKeys.includes(JSON.stringify(c)),
    );
    const only = Object.fromEntries(
      node.options.map((o, i) => {
        const a = answers[i] as ChoiceAnswer;
        return [
          o.id,
          {
            ...a,
            consequences: a.consequences.filter((c) => !sharedKeys.includes(JSON.stringify(c))),
          },
        ];
      }),
    );
    seen.set(signature, {
      nodeId: step.nodeId,
      decision: node,
      after: step.path.length > 0 ? stepLabel(scenario, step.snapshot) : '',
      count: 1,
      shared,
      only,
    });
  }
  return [...seen.values()];
}

/** Claims quoted on the first outcome page but not on the second. */
export function onlyOn(a: OutcomeColumn, b: OutcomeColumn): string[] {
  return [...a.claims.keys()].filter((id) => !b.claims.has(id));
}
