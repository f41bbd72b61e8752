'use client';

/**
 * Training mode for one learner: choose → predict → reveal → next … → debrief, driven by the
 * exercise machine (which drives the scenario machine). Progress is saved after every step.
 * This is the orchestrator: the machine, the focus and which stage; the stages themselves live
 * in app/_components/stages/, shared with the live room's screens.
 */
import { useMemo } from 'react';
import { listedClaims } from '@/app/_components/choice-answer';
import { ScenarioViews } from '@/app/_components/scenario-views';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { BriefingStage } from '@/app/_components/stages/briefing-stage';
import { ChooseStage } from '@/app/_components/stages/choose-stage';
import { DebriefShare, DebriefStage } from '@/app/_components/stages/debrief-stage';
import { PredictStage } from '@/app/_components/stages/predict-stage';
import { RevealStage } from '@/app/_components/stages/reveal-stage';
import { useStageFocus } from '@/app/_components/stages/use-stage-focus';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { toExerciseScenario, type TrainingScenario } from '@/app/_lib/training';
import type { DecisionNode } from '@/content/parse';
import { answerFor, gradingOf } from '@/machines/answers';
import { candidatesFor, kindsNamed, scoreOf } from '@/machines/exercise-machine';
import { resolvePath } from '@/machines/paths';
import { buildScenarioMachine, currentNodeId, OUTCOME_TAG } from '@/machines/scenario-machine';
import { useExercise } from '../_components/use-exercise';

export function ExerciseApp({ scenario }: { scenario: TrainingScenario }) {
  const { snapshot, send, saved, resume } = useExercise(scenario, 'exercise');
  const exercise = useMemo(() => toExerciseScenario(scenario), [scenario]);
  const scenarioMachine = useMemo(() => buildScenarioMachine(scenario), [scenario]);
  const { context } = snapshot;
  const stage = String(snapshot.value);
  const resolved = resolvePath(scenarioMachine, context.path);
  const nodeId = resolved.ok ? currentNodeId(resolved.snapshot) : scenario.start;
  const node = scenario.nodes[nodeId];
  const { heading, live } = useStageFocus(`${stage}:${context.path.join('/')}`);
  const lensVoice = context.lens ? scenario.source.voice : undefined;
  const record = context.records.at(-1);
  const revealedAt = record && (scenario.nodes[record.nodeId] as DecisionNode | undefined);
  // Back to the last reveal, where the machine allows it (a later decision, the debrief).
  const back = snapshot.can({ type: 'exercise.back' })
    ? () => send({ type: 'exercise.back' })
    : undefined;

  return (
    <div className="exercise">
      <span className="eyebrow">{strings.exercise}</span>
      <h1>{strings.exerciseTitle(scenario.title)}</h1>
      <ScenarioViews scenarioId={scenario.id} current="exercise" />
      <VoiceNotice voice={scenario.source.voice} sourceHref={routes.source(scenario.id)} />
      <p className="lens-toggle">
        <label>
          <input
            type="checkbox"
            checked={context.lens}
            onChange={() => send({ type: 'exercise.toggleLens' })}
          />{' '}
          {strings.lens}
        </label>
      </p>
      <div
        ref={live}
        className="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
      />

      {stage === 'briefing' && (
        <BriefingStage
          headingRef={heading}
          discarded={saved.status === 'discarded'}
          onResume={saved.status === 'ok' ? resume : undefined}
          onStart={() => send({ type: 'exercise.start' })}
        />
      )}

      {stage === 'choosing' && node?.kind === 'decision' && (
        <ChooseStage
          scenarioId={scenario.id}
          decision={node}
          number={context.path.length + 1}
          decider={scenario.actors[node.decider]?.name}
          framing={listedClaims(scenario.claims, node.framing)}
          lensVoice={lensVoice}
          headingRef={heading}
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
          headingRef={heading}
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
          headingRef={heading}
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
          headingRef={heading}
          actions={
            <DebriefShare scenarioId={scenario.id} path={context.path} records={context.records}>
              {back && (
                <button type="button" className="button" onClick={back}>
                  {strings.backToReveal}
                </button>
              )}
              <button
                type="button"
                className="button"
                onClick={() => send({ type: 'exercise.restart' })}
              >
                {strings.restartExercise}
              </button>
            </DebriefShare>
          }
        />
      )}
    </div>
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
