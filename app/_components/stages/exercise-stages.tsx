'use client';

/**
 * The exercise's screens for a snapshot of the exercise machine: the decision, the prediction,
 * the reveal and the debrief (the briefing is the caller's, as is what the debrief offers next).
 * Shared by the solo exercise, which keeps its run in the browser, and a self-paced room's run,
 * which the server keeps.
 */
import { useMemo, type ReactNode, type Ref } from 'react';
import { listedClaims } from '@/app/_components/choice-answer';
import { toExerciseScenario, type TrainingScenario } from '@/app/_lib/training';
import type { DecisionNode } from '@/content/parse';
import { answerFor, gradingOf } from '@/machines/answers';
import {
  candidatesFor,
  kindsNamed,
  scoreOf,
  type ExerciseEvent,
  type ExerciseSnapshot,
} from '@/machines/exercise-machine';
import { resolvePath } from '@/machines/paths';
import { buildScenarioMachine, currentNodeId, OUTCOME_TAG } from '@/machines/scenario-machine';
import { ChooseStage } from './choose-stage';
import { DebriefStage } from './debrief-stage';
import { PredictStage } from './predict-stage';
import { RevealStage } from './reveal-stage';

export interface ExerciseStagesProps {
  scenario: TrainingScenario;
  snapshot: ExerciseSnapshot;
  /** Sends an event to the exercise; false if it was not taken. */
  send: (event: ExerciseEvent) => boolean;
  headingRef: Ref<HTMLHeadingElement>;
  /** What the debrief offers: sharing, back, start again. */
  debriefActions: (back: (() => void) | undefined) => ReactNode;
}

export function ExerciseStages({
  scenario,
  snapshot,
  send,
  headingRef,
  debriefActions,
}: ExerciseStagesProps) {
  const exercise = useMemo(() => toExerciseScenario(scenario), [scenario]);
  const scenarioMachine = useMemo(() => buildScenarioMachine(scenario), [scenario]);
  const { context } = snapshot;
  const stage = String(snapshot.value);
  const resolved = resolvePath(scenarioMachine, context.path);
  const nodeId = resolved.ok ? currentNodeId(resolved.snapshot) : scenario.start;
  const node = scenario.nodes[nodeId];
  const lensVoice = context.lens ? scenario.source.voice : undefined;
  const record = context.records.at(-1);
  const revealedAt = record && (scenario.nodes[record.nodeId] as DecisionNode | undefined);
  // Back to the last reveal, where the machine allows it (a later decision, the debrief).
  const back = snapshot.can({ type: 'exercise.back' })
    ? () => void send({ type: 'exercise.back' })
    : undefined;

  return (
    <>
      {stage === 'choosing' && node?.kind === 'decision' && (
        <ChooseStage
          scenarioId={scenario.id}
          decision={node}
          number={context.path.length + 1}
          decider={scenario.actors[node.decider]?.name}
          framing={listedClaims(scenario.claims, node.framing)}
          lensVoice={lensVoice}
          headingRef={headingRef}
          onChoose={(optionId) => send({ type: 'exercise.choose', optionId })}
          onBack={back}
        />
      )}

      {stage === 'predicting' && context.pending && node?.kind === 'decision' && (
        <PredictStage
          key={`${context.pending.nodeId}/${context.pending.optionId}`}
          optionLabel={optionLabel(node, context.pending.optionId)}
          claims={scenario.claims}
          candidates={candidatesFor(exercise, context.pending.nodeId, context.pending.optionId)}
          headingRef={headingRef}
          onSubmit={(prediction) => {
            if (send({ type: 'exercise.predict', prediction })) send({ type: 'exercise.reveal' });
          }}
          onBack={() => send({ type: 'exercise.back' })}
        />
      )}

      {stage === 'revealed' && record && revealedAt && (
        <RevealStage
          scenarioId={scenario.id}
          claims={scenario.claims}
          decisionTitle={revealedAt.title}
          optionLabel={optionLabel(revealedAt, record.optionId)}
          record={record}
          answer={answerFor(scenario, record.nodeId, record.optionId)}
          scored={gradingOf(scenario, record.nodeId, record.optionId).scored}
          lensVoice={lensVoice}
          headingRef={headingRef}
          quiz={{
            guesses: record.kindGuesses,
            namedBefore: kindsNamed(context.records.slice(0, -1)),
            onGuess: (claimId, kind) => send({ type: 'exercise.guessKind', claimId, kind }),
          }}
          onNext={() => send({ type: 'exercise.next' })}
          nextIsDebrief={
            snapshot.can({ type: 'exercise.next' }) &&
            isLastDecision(scenarioMachine, context.path, record.optionId)
          }
        />
      )}

      {stage === 'debrief' && (
        <DebriefStage
          title={node?.title}
          summary={node?.kind === 'outcome' ? node.summary : undefined}
          score={scoreOf(context.records, exercise.claimKinds)}
          headingRef={headingRef}
          actions={debriefActions(back)}
        />
      )}
    </>
  );
}

function isLastDecision(
  machine: ReturnType<typeof buildScenarioMachine>,
  path: readonly string[],
  optionId: string,
): boolean {
  const r = resolvePath(machine, [...path, optionId]);
  return r.ok && r.snapshot.hasTag(OUTCOME_TAG);
}

function optionLabel(decision: DecisionNode, optionId: string): string {
  return decision.options.find((o) => o.id === optionId)?.label ?? optionId;
}
