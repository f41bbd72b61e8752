/** What the browser needs to run an exercise or a presentation: the scenario without its split source. */
import type { Scenario } from '@/content/parse';
import type { ExerciseScenario } from '@/machines/exercise-machine';

export type TrainingScenario = Omit<Scenario, 'document'>;

export function toTraining(scenario: Scenario): TrainingScenario {
  const { document: _document, ...rest } = scenario;
  void _document;
  return rest;
}

export function toExerciseScenario(scenario: TrainingScenario): ExerciseScenario {
  return {
    id: scenario.id,
    start: scenario.start,
    nodes: scenario.nodes,
    claimKinds: Object.fromEntries(Object.entries(scenario.claims).map(([id, c]) => [id, c.kind])),
  };
}
