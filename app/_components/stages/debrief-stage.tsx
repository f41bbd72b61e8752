'use client';

import Link from 'next/link';
import { useState, type ReactNode, type Ref } from 'react';
import { debriefHref, exportHref, sharedFrom } from '@/app/_lib/debrief';
import { strings } from '@/app/_lib/strings';
import type { ExerciseRecord, scoreOf } from '@/machines/exercise-machine';

export interface DebriefStageProps {
  /** The outcome's title (else "Debrief") and our summary of it. */
  title: string | undefined;
  summary: string | undefined;
  /** The learner's score (scoreOf). */
  score: ReturnType<typeof scoreOf>;
  headingRef?: Ref<HTMLHeadingElement>;
  /** What the learner can do from here (the exercise's: DebriefShare, back, start again). */
  actions?: ReactNode;
}

/** The end of the path: the outcome, our summary of it and the learner's score. */
export function DebriefStage({ title, summary, score, headingRef, actions }: DebriefStageProps) {
  return (
    <section aria-labelledby="stage-heading" className="stage">
      <span className="eyebrow">{strings.debrief}</span>
      <h2 id="stage-heading" ref={headingRef} tabIndex={-1}>
        {title ?? strings.debrief}
      </h2>
      {summary !== undefined && (
        <p className="ours-block">
          <span className="ours__tag">{strings.ourSummary}:</span> {summary}
        </p>
      )}
      <h3>{strings.scoreHeading}</h3>
      <ul>
        <li>{strings.scorePredictions(score.predictions.right, score.predictions.of)}</li>
        <li>{strings.scoreKinds(score.kinds.right, score.kinds.of)}</li>
      </ul>
      {actions}
    </section>
  );
}

export interface DebriefShareProps {
  scenarioId: string;
  path: readonly string[];
  records: readonly ExerciseRecord[];
  /** More buttons, after the link and the downloads. */
  children?: ReactNode;
}

/**
 * The shareable debrief and its downloads; the learner chooses whether their predictions go with
 * them (they do not by default).
 */
export function DebriefShare({ scenarioId, path, records, children }: DebriefShareProps) {
  const [include, setInclude] = useState(false);
  const shared = sharedFrom(records, { includePredictions: include });
  return (
    <>
      <p>
        <label>
          <input type="checkbox" checked={include} onChange={(e) => setInclude(e.target.checked)} />{' '}
          {strings.includePredictions}
        </label>
      </p>
      <p className="step-nav">
        <Link
          className="button button--primary"
          href={debriefHref(scenarioId, path, shared)}
          prefetch={false}
        >
          {strings.openDebrief}
        </Link>
        <a className="button" href={exportHref(scenarioId, path, 'md', shared)} download>
          {strings.downloadMarkdown}
        </a>
        <a className="button" href={exportHref(scenarioId, path, 'json', shared)} download>
          {strings.downloadJson}
        </a>
        {children}
      </p>
    </>
  );
}
