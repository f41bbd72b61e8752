'use client';

/**
 * A learner's phone in a live room: join, wait, vote, predict, see what the text says and
 * whether their prediction matched, keep their own debrief. Server-rendered with the room as it
 * stands, so it works without JavaScript (plain form posts; waiting screens refresh themselves);
 * with JavaScript, the room's event stream keeps it current and forms are sent in place.
 */
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ClaimList } from '@/app/_components/claim-card';
import { ChooseStage } from '@/app/_components/stages/choose-stage';
import { PredictStage } from '@/app/_components/stages/predict-stage';
import { RevealStage } from '@/app/_components/stages/reveal-stage';
import { StageAnnouncer } from '@/app/_components/stages/stage-announcer';
import { useStageFocus } from '@/app/_components/stages/use-stage-focus';
import { debriefHref, sharedFrom } from '@/app/_lib/debrief';
import type { ParticipantView } from '@/app/_lib/room-views';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { toExerciseScenario, type TrainingScenario } from '@/app/_lib/training';
import type { DecisionNode } from '@/content/parse';
import { answerFor, gradingOf } from '@/machines/answers';
import {
  candidatesFor,
  isCorrect,
  type ExerciseRecord,
  type Prediction,
} from '@/machines/exercise-machine';
import { resolvePath } from '@/machines/paths';
import { buildScenarioMachine, currentNodeId } from '@/machines/scenario-machine';
import { framingBeforeReveal } from './framing';
import { RefreshWithoutScript, RoomProblem } from './room-problem';
import { post, useRoomStream } from './use-room-stream';

const t = strings.room;

export function PhoneApp({
  code,
  scenario,
  initial,
  problem,
}: {
  code: string;
  scenario: TrainingScenario;
  initial: ParticipantView;
  /** A refusal reported by a form post (?problem=), until the next thing is sent. */
  problem: string | undefined;
}) {
  const { view, state } = useRoomStream(routes.roomEvents(code), initial);
  const exercise = useMemo(() => toExerciseScenario(scenario), [scenario]);
  const scenarioMachine = useMemo(() => buildScenarioMachine(scenario), [scenario]);
  const [error, setError] = useState(problem);
  const { heading, live } = useStageFocus(
    `${view.status}:${view.path.join('/')}:${view.followed ?? ''}`,
  );
  const send = async (url: string, body: Record<string, unknown>) => {
    const sent = await post(url, body);
    setError(sent.ok ? undefined : sent.error);
  };

  const decision =
    view.decision && (scenario.nodes[view.decision.nodeId] as DecisionNode | undefined);
  const followedLabel =
    decision && view.followed
      ? decision.options.find((o) => o.id === view.followed)?.label
      : undefined;
  const records: ExerciseRecord[] = view.own.map((o) => ({
    nodeId: o.nodeId,
    optionId: o.optionId,
    prediction: o.prediction ?? { kind: 'text', text: '' },
    correct: o.prediction ? isCorrect(exercise, o.nodeId, o.optionId, o.prediction) : null,
    kindGuesses: {},
  }));
  const ownDebrief = (
    <p>
      <Link
        className="button button--primary"
        href={debriefHref(
          scenario.id,
          view.path,
          sharedFrom(records, { includePredictions: true }),
        )}
        prefetch={false}
      >
        {t.keepDebrief}
      </Link>{' '}
      <span className="muted">{t.keepDebriefNote}</span>
    </p>
  );

  let screen: React.ReactNode = null;
  if (view.status === 'lobby') {
    screen = (
      <section aria-labelledby="stage-heading" className="stage">
        <h2 id="stage-heading" ref={heading} tabIndex={-1}>
          {t.waitingToStart}
        </h2>
        <RefreshWithoutScript />
      </section>
    );
  } else if (view.status === 'choosing' && decision && view.decision) {
    const framing = framingBeforeReveal(scenario, view.decision.nodeId, decision);
    screen = (
      <>
        {/* On a phone the options come first; how the text frames the choice folds below. */}
        <ChooseStage
          scenarioId={scenario.id}
          decision={decision}
          number={view.decision.number}
          decider={scenario.actors[decision.decider]?.name}
          framing={[]}
          headingRef={heading}
          selected={view.vote}
          form={{ action: routes.roomVote(code) }}
          onChoose={(optionId) => void send(routes.roomVote(code), { optionId })}
        />
        {framing.length > 0 && (
          <details className="background-claims">
            <summary>
              {strings.framing} ({framing.length})
            </summary>
            <ClaimList scenarioId={scenario.id} claims={framing} headingLevel={3} />
          </details>
        )}
        <RefreshWithoutScript />
      </>
    );
  } else if (view.status === 'predicting' && decision && view.decision && view.followed) {
    const { nodeId } = view.decision;
    screen = view.locked ? (
      <section aria-labelledby="stage-heading" className="stage">
        <span className="eyebrow">{t.roomFollows(followedLabel ?? '')}</span>
        <h2 id="stage-heading" ref={heading} tabIndex={-1}>
          {t.waitingForReveal}
        </h2>
        <RefreshWithoutScript />
      </section>
    ) : (
      <>
        <p className="eyebrow">{t.roomFollows(followedLabel ?? '')}</p>
        <PredictStage
          key={`${nodeId}/${view.followed}`}
          optionLabel={followedLabel ?? ''}
          claims={scenario.claims}
          candidates={candidatesFor(exercise, nodeId, view.followed)}
          headingRef={heading}
          initial={view.prediction}
          submitLabel={strings.sendPrediction}
          form={{ action: routes.roomPredict(code) }}
          onSubmit={(prediction: Prediction) =>
            void send(
              routes.roomPredict(code),
              prediction.kind === 'text'
                ? { text: prediction.text }
                : { candidate: prediction.claimId ?? '' },
            )
          }
        />
        {view.prediction && (
          <>
            <p role="status">{t.predictionSent}</p>
            <RefreshWithoutScript />
          </>
        )}
      </>
    );
  } else if (view.status === 'revealed' && decision && view.decision && view.followed) {
    const { nodeId } = view.decision;
    const prediction = view.prediction;
    screen = (
      <>
        <RevealStage
          scenarioId={scenario.id}
          claims={scenario.claims}
          decisionTitle={decision.title}
          optionLabel={followedLabel ?? ''}
          record={
            prediction
              ? { prediction, correct: isCorrect(exercise, nodeId, view.followed, prediction) }
              : undefined
          }
          answer={answerFor(exercise, nodeId, view.followed)}
          scored={gradingOf(exercise, nodeId, view.followed).scored}
          headingRef={heading}
        />
        {view.votes && (
          <section aria-labelledby="split-heading">
            <h3 id="split-heading">{t.roomSplit}</h3>
            <ul>
              {decision.options.map((o) => (
                <li key={o.id}>
                  {o.label}: {strings.present.votes(view.votes?.[o.id] ?? 0)}
                </li>
              ))}
            </ul>
          </section>
        )}
        <p className="muted">{t.waitingForNext}</p>
        <RefreshWithoutScript />
      </>
    );
  } else if (view.status === 'debrief' || view.status === 'closed') {
    const resolved = resolvePath(scenarioMachine, view.path);
    const end = resolved.ok ? scenario.nodes[currentNodeId(resolved.snapshot)] : undefined;
    screen = (
      <section aria-labelledby="stage-heading" className="stage">
        <span className="eyebrow">{view.status === 'closed' ? t.closed : t.theEnd}</span>
        <h2 id="stage-heading" ref={heading} tabIndex={-1}>
          {view.status === 'closed' ? t.roomClosed : (end?.title ?? t.theEnd)}
        </h2>
        {view.status === 'closed' && <p>{t.roomClosedBody}</p>}
        {end?.kind === 'outcome' && (
          <>
            <p className="ours-block">
              <span className="ours__tag">{strings.ourSummary}:</span> {end.summary}
            </p>
            {ownDebrief}
          </>
        )}
        {view.status === 'debrief' && <RefreshWithoutScript seconds={10} />}
      </section>
    );
  }

  return (
    <div className="room-phone">
      <p className="room-bar">
        <span>{t.roomCode(code)}</span>
        <span className={`room-bar__state room-bar__state--${state}`}>
          {state === 'reconnecting' ? t.reconnecting : t.live}
        </span>
        <span>{t.participantsHere(view.participants)}</span>
      </p>
      <StageAnnouncer announcerRef={live} />
      <h1 className="room-phone__title">{scenario.title}</h1>
      <RoomProblem reason={error} />
      {screen}
    </div>
  );
}
