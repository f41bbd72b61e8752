import type { ListedClaim } from '@/app/_components/claim-card';
import { listedClaims } from '@/app/_components/choice-answer';
import { toExerciseScenario, type TrainingScenario } from '@/app/_lib/training';
import type { DecisionNode } from '@/content/parse';
import { relatedClaims } from '@/machines/answers';

/** The decision's framing, without any claim that is part of an option's answer (not yet shown). */
export function framingBeforeReveal(
  scenario: TrainingScenario,
  nodeId: string,
  decision: DecisionNode,
): ListedClaim[] {
  const exercise = toExerciseScenario(scenario);
  const answers = new Set(
    decision.options.flatMap((o) => [...relatedClaims(exercise, nodeId, o.id)]),
  );
  return listedClaims(
    scenario.claims,
    decision.framing.filter((id) => !answers.has(id)),
  );
}
