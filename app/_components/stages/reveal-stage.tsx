'use client';

import { useState, type Ref } from 'react';
import { SilenceBlock } from '@/app/_components/choice-answer';
import { strings } from '@/app/_lib/strings';
import type { Claim } from '@/content/parse';
import type { ClaimKind } from '@/content/schema';
import { placedByOurReading, type ChoiceAnswer } from '@/machines/answers';
import type { ExerciseRecord, Prediction } from '@/machines/exercise-machine';
import { ExerciseClaim } from './exercise-claim';
import { KindQuiz, KindVerdict } from './kind-quiz';

/** The learner naming the kind of each claim revealed. */
export interface RevealQuiz {
  /** The kinds named at this decision so far, by claim id. */
  readonly guesses: Readonly<Record<string, ClaimKind>>;
  /** Kinds the learner named at earlier decisions: a claim met again is not asked about again. */
  readonly namedBefore: Readonly<Record<string, ClaimKind>>;
  readonly onGuess: (claimId: string, kind: ClaimKind) => void;
}

export interface RevealStageProps {
  scenarioId: string;
  claims: Readonly<Record<string, Claim>>;
  decisionTitle: string;
  optionLabel: string;
  /** The learner's prediction and whether it is right (null: not scored); none if none was made. */
  record?: Pick<ExerciseRecord, 'prediction' | 'correct'>;
  /** What the text says follows from the choice (answerFor). */
  answer: ChoiceAnswer;
  /** Whether a prediction here is scored at all (gradingOf). */
  scored: boolean;
  /** The source's voice, when the claim lens is on. */
  lensVoice?: string;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Ask the kind of each claim; without it the reveal is read-only and shows every kind. */
  quiz?: RevealQuiz;
  /** On to the next decision, or to the debrief when `nextIsDebrief`. */
  onNext?: () => void;
  nextIsDebrief?: boolean;
}

/** What the text says follows from the choice, beside the learner's prediction. */
export function RevealStage({
  scenarioId,
  claims,
  decisionTitle,
  optionLabel,
  record,
  answer,
  scored,
  lensVoice,
  headingRef,
  quiz,
  onNext,
  nextIsDebrief = false,
}: RevealStageProps) {
  const shown = [...answer.consequences, ...(answer.ruledOut ? [answer.ruledOut] : [])];
  // The claim whose kind was just checked: its verdict takes the focus from the quiz it replaces.
  const [checked, setChecked] = useState<string | undefined>();
  return (
    <section aria-labelledby="stage-heading" className="stage">
      <span className="eyebrow">{strings.atDecision(decisionTitle, optionLabel)}</span>
      <h2 id="stage-heading" ref={headingRef} tabIndex={-1}>
        {strings.youChose(optionLabel, placedByOurReading(answer))}
      </h2>
      {(record || !scored) && (
        <div
          className={`verdict ${record?.correct === true ? 'verdict--right' : record?.correct === false ? 'verdict--wrong' : ''}`}
        >
          {record && <PredictionLine claims={claims} prediction={record.prediction} />}
          {record && record.correct !== null && (
            <p className="verdict__line">
              {record.correct ? strings.verdictRight : strings.verdictWrong}
            </p>
          )}
          {!scored && (
            <p className="verdict__line">
              {answer.silence?.contested ? strings.verdictContested : strings.verdictUnscored}
            </p>
          )}
        </div>
      )}
      {answer.ruledOut && (
        <>
          <h3>{strings.ruledOut(answer.ruledOut.tie.kind).heading}</h3>
          <p>{strings.ruledOut(answer.ruledOut.tie.kind).body}</p>
        </>
      )}
      {shown.length === 0 && (
        <p>{strings.noConsequences(optionLabel, answer.silence?.contested !== undefined)}</p>
      )}
      {shown.map(({ claim: id, tie }) => {
        const claim = claims[id];
        if (!claim) return null;
        const guess = quiz?.guesses[id];
        const namedBefore = guess === undefined && quiz?.namedBefore[id] !== undefined;
        // Asked (a quiz, then its answer) unless read-only or named at an earlier decision.
        const asked = quiz !== undefined && !namedBefore;
        return (
          <div key={id} className="reveal-claim">
            {/* Straight under the stage's h2: each claim an h3, its kind's answer an h4. */}
            <ExerciseClaim
              scenarioId={scenarioId}
              claim={claim}
              headingLevel={3}
              showKind={!asked || guess !== undefined}
              tie={tie}
              lensVoice={lensVoice}
            />
            {quiz && namedBefore && <p className="muted">{strings.kindNamedBefore}</p>}
            {quiz && asked && guess === undefined && (
              <KindQuiz
                claimId={id}
                onGuess={(claimId, kind) => {
                  setChecked(claimId);
                  quiz.onGuess(claimId, kind);
                }}
              />
            )}
            {quiz && asked && guess !== undefined && (
              <KindVerdict
                right={guess === claim.kind}
                kind={strings.kinds[claim.kind]}
                reason={claim.kindReason}
                focus={checked === id}
              />
            )}
          </div>
        );
      })}
      {answer.silence && (
        <SilenceBlock
          scenarioId={scenarioId}
          claims={claims}
          silence={answer.silence}
          headingLevel={3}
        />
      )}
      {onNext && (
        <p className="step-nav">
          <button type="button" className="button button--primary" onClick={onNext}>
            {nextIsDebrief ? strings.toDebrief : strings.next}
          </button>
        </p>
      )}
    </section>
  );
}

/** What the learner said: a claim picked, "nothing", or their own words. */
function PredictionLine({
  claims,
  prediction: p,
}: {
  claims: Readonly<Record<string, Claim>>;
  prediction: Prediction;
}) {
  return (
    <p>
      <span className="ours__tag">
        {p.kind === 'text' ? strings.yourWords : strings.yourPrediction}:
      </span>{' '}
      {p.kind === 'text'
        ? p.text
        : p.claimId === null
          ? strings.predictNothing
          : (claims[p.claimId]?.label ?? p.claimId)}
    </p>
  );
}
