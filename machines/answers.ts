/**
 * What the text says follows from a choice, and how a prediction about it is graded. Pure and
 * shared by the exercise machine, the pages and the exports, so the rule is written once:
 * predictions are graded only against consequences the text ties to the choice in its own words.
 */
import type {
  Consequence,
  DecisionNode,
  OutcomeNode,
  ScenarioGraph,
  Silence,
} from '@/content/parse';

/** The text's answer to "what follows from choosing this?". */
export interface ChoiceAnswer {
  /** Consequences the text attaches to the option, each with its tie. */
  readonly consequences: readonly Consequence[];
  /** Where the text assigns the option nothing of its own, what it leaves unsaid. */
  readonly silence: Silence | undefined;
  /** Where the option completes a combination the text rules out: the claim that rules it out. */
  readonly ruledOut: Consequence | undefined;
}

const NONE: ChoiceAnswer = { consequences: [], silence: undefined, ruledOut: undefined };

/** The option at a decision, if both exist. */
export function optionAt(graph: ScenarioGraph, nodeId: string, optionId: string) {
  const node = graph.nodes[nodeId];
  return node?.kind === 'decision'
    ? (node as DecisionNode).options.find((o) => o.id === optionId)
    : undefined;
}

export function answerFor(graph: ScenarioGraph, nodeId: string, optionId: string): ChoiceAnswer {
  const option = optionAt(graph, nodeId, optionId);
  if (!option) return NONE;
  const next = graph.nodes[option.next];
  return {
    consequences: option.consequences,
    silence: option.silence,
    ruledOut: next?.kind === 'outcome' ? (next as OutcomeNode).ruledOut : undefined,
  };
}

/** Every claim the answer shows as the text's answer (consequences, then the ruling claim). */
export function answerClaims(answer: ChoiceAnswer): string[] {
  return [
    ...answer.consequences.map((c) => c.claim),
    ...(answer.ruledOut ? [answer.ruledOut.claim] : []),
  ];
}

/**
 * How a prediction at this choice is graded. Scored only where the text itself says what follows:
 * a consequence with a stated tie (any of them is right), or a declared silence with no
 * consequence at all ("the text says nothing of its own", null, is right). Where the only link
 * is our reading, or the text rules the combination out by a link we infer, nothing is scored:
 * the answer is revealed for discussion. Nor is a silence we mark as contested (a consequence
 * the text ties elsewhere may, as we read it, refer to this choice): whether the text says
 * anything here is ours to discuss, not the text's answer.
 */
export type Grading =
  | { readonly scored: true; readonly right: readonly (string | null)[] }
  | { readonly scored: false; readonly reason: 'inferred' | 'contested' };

export function gradingOf(graph: ScenarioGraph, nodeId: string, optionId: string): Grading {
  const answer = answerFor(graph, nodeId, optionId);
  const stated = [...answer.consequences, ...(answer.ruledOut ? [answer.ruledOut] : [])].filter(
    (c) => c.tie.kind === 'stated',
  );
  if (stated.length > 0) return { scored: true, right: stated.map((c) => c.claim) };
  if (answer.consequences.length === 0 && !answer.ruledOut)
    return answer.silence?.contested
      ? { scored: false, reason: 'contested' }
      : { scored: true, right: [null] };
  return { scored: false, reason: 'inferred' };
}

/** Claims a choice's answer shows in any way: its consequences, ruling and silence's parts. */
export function relatedClaims(graph: ScenarioGraph, nodeId: string, optionId: string): Set<string> {
  const answer = answerFor(graph, nodeId, optionId);
  return new Set([...answerClaims(answer), ...(answer.silence?.parts ?? [])]);
}

/** Every claim the scenario shows as a consequence or a ruling somewhere, in scenario order. */
export function allConsequenceClaims(graph: ScenarioGraph): string[] {
  const ids = Object.values(graph.nodes).flatMap((n) =>
    n.kind === 'decision'
      ? (n as DecisionNode).options.flatMap((o) => o.consequences.map((c) => c.claim))
      : n.kind === 'outcome'
        ? [
            ...(n as OutcomeNode).consequences.map((c) => c.claim),
            ...((n as OutcomeNode).ruledOut ? [(n as OutcomeNode).ruledOut!.claim] : []),
          ]
        : [],
  );
  return [...new Set(ids)];
}

/**
 * Whether any consequence (or ruling) the answer shows sits there by our reading, not the text's
 * words: headings over it must say so rather than claim the text places it.
 */
export function placedByOurReading(answer: ChoiceAnswer): boolean {
  return [...answer.consequences, ...(answer.ruledOut ? [answer.ruledOut] : [])].some(
    (c) => c.tie.kind === 'inferred',
  );
}
