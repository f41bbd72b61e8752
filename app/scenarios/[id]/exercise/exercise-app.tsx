'use client';

/**
 * Training mode for one learner: choose → predict → reveal → next … → debrief, driven by the
 * exercise machine (which drives the scenario machine). Progress is saved after every step.
 * This is the orchestrator: the machine, the focus and the briefing; the stages themselves live
 * in app/_components/stages/, shared with the rooms' screens.
 */
import { ScenarioViews } from '@/app/_components/scenario-views';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { BriefingStage } from '@/app/_components/stages/briefing-stage';
import { DebriefShare } from '@/app/_components/stages/debrief-stage';
import { ExerciseStages } from '@/app/_components/stages/exercise-stages';
import { StageAnnouncer } from '@/app/_components/stages/stage-announcer';
import { useStageFocus } from '@/app/_components/stages/use-stage-focus';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import type { TrainingScenario } from '@/app/_lib/training';
import { useExercise } from '../_components/use-exercise';

export function ExerciseApp({ scenario }: { scenario: TrainingScenario }) {
  const { snapshot, send, saved, resume } = useExercise(scenario, 'exercise');
  const { context } = snapshot;
  const stage = String(snapshot.value);
  const { heading, live } = useStageFocus(`${stage}:${context.path.join('/')}`);

  return (
    <div className="exercise">
      <span className="eyebrow">{strings.exercise}</span>
      <h1>{strings.exerciseTitle(scenario.title)}</h1>
      <ScenarioViews scenarioId={scenario.id} current="exercise" />
      <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} />
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
      <StageAnnouncer announcerRef={live} />

      {stage === 'briefing' && (
        <BriefingStage
          headingRef={heading}
          discarded={saved.status === 'discarded'}
          onResume={saved.status === 'ok' ? resume : undefined}
          onStart={() => send({ type: 'exercise.start' })}
        />
      )}

      <ExerciseStages
        scenario={scenario}
        snapshot={snapshot}
        send={send}
        headingRef={heading}
        debriefActions={(back) => (
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
        )}
      />
    </div>
  );
}
