'use client';

/**
 * Training mode for one learner: choose → predict → reveal → next … → debrief, driven by the
 * exercise machine (which drives the scenario machine). Progress is saved after every step.
 */
import Link from 'next/link';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ClaimCard } from '@/app/_components/claim-card';
import { SilenceBlock } from '@/app/_components/choice-answer';
import { ScenarioViews } from '@/app/_components/scenario-views';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { debriefHref, exportHref, sharedFrom } from '@/app/_lib/debrief';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import type { TrainingScenario } from '@/app/_lib/training';
import type { ClaimKind } from '@/content/schema';
import type { DecisionNode, Tie } from '@/content/parse';
import { answerFor, gradingOf } from '@/machines/answers';
import {
  candidatesFor,
  kindsNamed,
  scoreOf,
  type ExerciseRecord,
} from '@/machines/exercise-machine';
import { resolvePath } from '@/machines/paths';
import { buildScenarioMachine, currentNodeId } from '@/machines/scenario-machine';
import { toExerciseScenario } from '@/app/_lib/training';
import { useExercise } from '../_components/use-exercise';

const KINDS = Object.keys(strings.kinds) as ClaimKind[];

function useStageFocus(key: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  const live = useRef<HTMLDivElement>(null);
  const first = useRef(key);
  useEffect(() => {
    if (key === first.current) return;
    first.current = key;
    heading.current?.focus();
    if (live.current) live.current.textContent = heading.current?.textContent ?? '';
  }, [key]);
  return { heading, live };
}

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
  const lens = context.lens;
  // Back to the last reveal, where the machine allows it (a later decision, the debrief).
  const back = snapshot.can({ type: 'exercise.back' })
    ? () => send({ type: 'exercise.back' })
    : undefined;

  const claimCard = (id: string, showKind: boolean, headingLevel: 3 | 4 = 4, tie?: Tie) => {
    const claim = scenario.claims[id];
    if (!claim) return null;
    return (
      <div key={id} className="exercise-claim">
        <ClaimCard
          scenarioId={scenario.id}
          claim={claim}
          headingLevel={headingLevel}
          showKind={showKind || lens}
          tie={tie}
        />
        {lens && <p className="lens-voice">{strings.lensVoice(scenario.source.voice)}</p>}
      </div>
    );
  };

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
            checked={lens}
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
        <section aria-labelledby="stage-heading" className="stage">
          <h2 id="stage-heading" ref={heading} tabIndex={-1}>
            {strings.howToUse}
          </h2>
          <p className="ours-block">{strings.exerciseIntro}</p>
          <ol>
            {strings.exerciseHow.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          {saved.status === 'discarded' && (
            <p className="notice" role="status">
              {strings.discardedExercise}
            </p>
          )}
          <p className="step-nav">
            {saved.status === 'ok' && (
              <button type="button" className="button button--primary" onClick={resume}>
                {strings.resumeExercise}
              </button>
            )}
            <button
              type="button"
              className="button button--primary"
              onClick={() => send({ type: 'exercise.start' })}
            >
              {strings.startExercise}
            </button>
          </p>
        </section>
      )}

      {stage === 'choosing' && node?.kind === 'decision' && (
        <section aria-labelledby="stage-heading" className="stage decision">
          <span className="eyebrow">{strings.stepLabel(context.path.length + 1)}</span>
          <h2 id="stage-heading" ref={heading} tabIndex={-1}>
            {node.title}
          </h2>
          <p className="decision__meta">
            {strings.decides}: <strong>{scenario.actors[node.decider]?.name}</strong>
          </p>
          <p className="question">
            <span className="ours__tag">{strings.ourQuestion}:</span> {node.question}
          </p>
          {node.framing.length > 0 && (
            <>
              <h3>{strings.framing}</h3>
              {node.framing.map((id) => claimCard(id, true))}
            </>
          )}
          <h3 id="options-heading">{strings.chooseOption}</h3>
          <ol className="options" aria-labelledby="options-heading">
            {node.options.map((o, i) => (
              <li key={o.id}>
                <button
                  type="button"
                  className="option"
                  onClick={() => send({ type: 'exercise.choose', optionId: o.id })}
                >
                  <span className="option__key" aria-hidden="true">
                    {i + 1}
                  </span>
                  <span className="option__label">{o.label}</span>
                  <span className="option__desc">{o.description}</span>
                </button>
              </li>
            ))}
          </ol>
          {back && (
            <p className="step-nav">
              <button type="button" className="button" onClick={back}>
                {strings.backToReveal}
              </button>
            </p>
          )}
        </section>
      )}

      {stage === 'predicting' && context.pending && node?.kind === 'decision' && (
        <Predict
          key={`${context.pending.nodeId}/${context.pending.optionId}`}
          scenario={scenario}
          decision={node}
          optionId={context.pending.optionId}
          candidates={candidatesFor(exercise, context.pending.nodeId, context.pending.optionId)}
          headingRef={heading}
          onSubmit={(prediction) => {
            if (send({ type: 'exercise.predict', prediction })) send({ type: 'exercise.reveal' });
          }}
          onBack={() => send({ type: 'exercise.back' })}
        />
      )}

      {stage === 'revealed' && context.records.length > 0 && (
        <Reveal
          scenario={scenario}
          record={context.records.at(-1) as ExerciseRecord}
          namedBefore={kindsNamed(context.records.slice(0, -1))}
          headingRef={heading}
          claimCard={claimCard}
          onGuess={(claimId, kind) => send({ type: 'exercise.guessKind', claimId, kind })}
          onNext={() => send({ type: 'exercise.next' })}
          nextIsDebrief={
            snapshot.can({ type: 'exercise.next' }) &&
            isLastDecision(scenarioMachine, context.path, context.records.at(-1)?.optionId)
          }
        />
      )}

      {stage === 'debrief' && (
        <Debrief
          scenario={scenario}
          outcome={node}
          path={context.path}
          records={context.records}
          headingRef={heading}
          onRestart={() => send({ type: 'exercise.restart' })}
          onBack={back}
        />
      )}
    </div>
  );
}

function isLastDecision(
  machine: ReturnType<typeof buildScenarioMachine>,
  path: readonly string[],
  optionId: string | undefined,
): boolean {
  if (!optionId) return false;
  const r = resolvePath(machine, [...path, optionId]);
  return r.ok && r.snapshot.hasTag('outcome');
}

function optionLabel(decision: DecisionNode, optionId: string): string {
  return decision.options.find((o) => o.id === optionId)?.label ?? optionId;
}

function Predict({
  scenario,
  decision,
  optionId,
  candidates,
  headingRef,
  onSubmit,
  onBack,
}: {
  scenario: TrainingScenario;
  decision: DecisionNode;
  optionId: string;
  candidates: readonly (string | null)[];
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onSubmit: (
    prediction: { kind: 'candidate'; claimId: string | null } | { kind: 'text'; text: string },
  ) => void;
  onBack: () => void;
}) {
  const [picked, setPicked] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [error, setError] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) onSubmit({ kind: 'text', text: text.trim() });
    else if (picked !== undefined)
      onSubmit({ kind: 'candidate', claimId: picked === '' ? null : picked });
    else setError(true);
  };
  return (
    <section aria-labelledby="stage-heading" className="stage">
      <span className="eyebrow">{strings.youChoseShort(optionLabel(decision, optionId))}</span>
      <h2 id="stage-heading" ref={headingRef} tabIndex={-1}>
        {strings.predictHeading}
      </h2>
      <form onSubmit={submit} aria-describedby={error ? 'predict-error' : undefined} noValidate>
        <fieldset className="choices">
          <legend>{strings.predictPick}</legend>
          {candidates.map((id) => {
            const value = id ?? '';
            return (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="candidate"
                  value={value}
                  checked={picked === value}
                  onChange={() => {
                    setPicked(value);
                    setError(false);
                  }}
                />
                <span>
                  {id === null ? strings.predictNothing : (scenario.claims[id]?.label ?? id)}
                </span>
              </label>
            );
          })}
        </fieldset>
        <p>
          <label htmlFor="own-words" className="block-label">
            {strings.predictOwn}
          </label>
          <textarea
            id="own-words"
            rows={3}
            maxLength={2000}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(false);
            }}
          />
        </p>
        {error && (
          <p id="predict-error" className="notice" role="alert">
            {strings.predictRequired}
          </p>
        )}
        <p className="step-nav">
          <button type="submit" className="button button--primary">
            {strings.revealButton}
          </button>
          <button type="button" className="button" onClick={onBack}>
            {strings.changeChoice}
          </button>
        </p>
      </form>
    </section>
  );
}

function Reveal({
  scenario,
  record,
  namedBefore,
  headingRef,
  claimCard,
  onGuess,
  onNext,
  nextIsDebrief,
}: {
  scenario: TrainingScenario;
  record: ExerciseRecord;
  /** Kinds the learner named at earlier decisions: a claim met again is not asked about again. */
  namedBefore: Readonly<Record<string, ClaimKind>>;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  claimCard: (id: string, showKind: boolean, headingLevel: 3 | 4, tie?: Tie) => React.ReactNode;
  onGuess: (claimId: string, kind: ClaimKind) => void;
  onNext: () => void;
  nextIsDebrief: boolean;
}) {
  const decision = scenario.nodes[record.nodeId] as DecisionNode;
  const label = optionLabel(decision, record.optionId);
  const answer = answerFor(scenario, record.nodeId, record.optionId);
  const scored = gradingOf(scenario, record.nodeId, record.optionId).scored;
  const shown = [...answer.consequences, ...(answer.ruledOut ? [answer.ruledOut] : [])];
  const p = record.prediction;
  // The claim whose kind was just checked: its verdict takes the focus from the quiz it replaces.
  const [checked, setChecked] = useState<string | undefined>();
  return (
    <section aria-labelledby="stage-heading" className="stage">
      <span className="eyebrow">{strings.atDecision(decision.title, label)}</span>
      <h2 id="stage-heading" ref={headingRef} tabIndex={-1}>
        {strings.youChose(label)}
      </h2>
      <div
        className={`verdict ${record.correct === true ? 'verdict--right' : record.correct === false ? 'verdict--wrong' : ''}`}
      >
        <p>
          <span className="ours__tag">
            {p.kind === 'text' ? strings.yourWords : strings.yourPrediction}:
          </span>{' '}
          {p.kind === 'text'
            ? p.text
            : p.claimId === null
              ? strings.predictNothing
              : (scenario.claims[p.claimId]?.label ?? p.claimId)}
        </p>
        {record.correct !== null && (
          <p className="verdict__line">
            {record.correct ? strings.verdictRight : strings.verdictWrong}
          </p>
        )}
        {!scored && <p className="verdict__line">{strings.verdictUnscored}</p>}
      </div>
      {answer.ruledOut && (
        <>
          <h3>{strings.ruledOut(answer.ruledOut.tie.kind).heading}</h3>
          <p>{strings.ruledOut(answer.ruledOut.tie.kind).body}</p>
        </>
      )}
      {shown.length === 0 && <p>{strings.noConsequences(label)}</p>}
      {shown.map(({ claim: id, tie }) => {
        const guess = record.kindGuesses[id];
        const claim = scenario.claims[id];
        if (!claim) return null;
        if (guess === undefined && namedBefore[id] !== undefined) {
          return (
            <div key={id} className="reveal-claim">
              {claimCard(id, true, 3, tie)}
              <p className="muted">{strings.kindNamedBefore}</p>
            </div>
          );
        }
        return (
          <div key={id} className="reveal-claim">
            {/* Straight under the stage's h2: each claim an h3, its kind's answer an h4. */}
            {claimCard(id, guess !== undefined, 3, tie)}
            {guess === undefined ? (
              <KindQuiz
                claimId={id}
                onGuess={(claimId, kind) => {
                  setChecked(claimId);
                  onGuess(claimId, kind);
                }}
              />
            ) : (
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
          scenarioId={scenario.id}
          claims={scenario.claims}
          silence={answer.silence}
          headingLevel={3}
        />
      )}
      <p className="step-nav">
        <button type="button" className="button button--primary" onClick={onNext}>
          {nextIsDebrief ? strings.toDebrief : strings.next}
        </button>
      </p>
    </section>
  );
}

function KindQuiz({
  claimId,
  onGuess,
}: {
  claimId: string;
  onGuess: (claimId: string, kind: ClaimKind) => void;
}) {
  const [kind, setKind] = useState<ClaimKind | undefined>();
  return (
    <form
      className="kind-quiz"
      onSubmit={(e) => {
        e.preventDefault();
        if (kind) onGuess(claimId, kind);
      }}
    >
      <fieldset className="choices choices--inline">
        <legend>{strings.kindQuestion}</legend>
        {KINDS.map((k) => (
          <label key={k} className="choice">
            <input
              type="radio"
              name={`kind-${claimId}`}
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            <span>{strings.kinds[k]}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={!kind}>
        {strings.check}
      </button>
    </form>
  );
}

/**
 * The answer to "what kind of claim is this?". It replaces the quiz form, which had the focus, so
 * its heading takes the focus when it comes from a Check (a screen reader reads it out there): no
 * live region, which would be created already holding its text and so often go unannounced.
 */
function KindVerdict({
  right,
  kind,
  reason,
  focus,
}: {
  right: boolean;
  kind: string;
  reason: string;
  focus: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <div className={`verdict kind-verdict ${right ? 'verdict--right' : 'verdict--wrong'}`}>
      <h4 ref={heading} tabIndex={-1} className="verdict__line">
        {right ? strings.kindRight(kind) : strings.kindWrong(kind)}
      </h4>
      {!right && <p>{reason}</p>}
    </div>
  );
}

function Debrief({
  scenario,
  outcome,
  path,
  records,
  headingRef,
  onRestart,
  onBack,
}: {
  scenario: TrainingScenario;
  outcome: TrainingScenario['nodes'][string] | undefined;
  path: readonly string[];
  records: readonly ExerciseRecord[];
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onRestart: () => void;
  /** Back to the last reveal, if the machine allows it. */
  onBack: (() => void) | undefined;
}) {
  const [include, setInclude] = useState(false);
  const kinds = Object.fromEntries(Object.entries(scenario.claims).map(([id, c]) => [id, c.kind]));
  const score = scoreOf(records, kinds);
  const shared = sharedFrom(records, { includePredictions: include });
  return (
    <section aria-labelledby="stage-heading" className="stage">
      <span className="eyebrow">{strings.debrief}</span>
      <h2 id="stage-heading" ref={headingRef} tabIndex={-1}>
        {outcome?.title ?? strings.debrief}
      </h2>
      {outcome?.kind === 'outcome' && (
        <p className="ours-block">
          <span className="ours__tag">{strings.ourSummary}:</span> {outcome.summary}
        </p>
      )}
      <h3>{strings.scoreHeading}</h3>
      <ul>
        <li>{strings.scorePredictions(score.predictions.right, score.predictions.of)}</li>
        <li>{strings.scoreKinds(score.kinds.right, score.kinds.of)}</li>
      </ul>
      <p>
        <label>
          <input type="checkbox" checked={include} onChange={(e) => setInclude(e.target.checked)} />{' '}
          {strings.includePredictions}
        </label>
      </p>
      <p className="step-nav">
        <Link
          className="button button--primary"
          href={debriefHref(scenario.id, path, shared)}
          prefetch={false}
        >
          {strings.openDebrief}
        </Link>
        <a className="button" href={exportHref(scenario.id, path, 'md', shared)} download>
          {strings.downloadMarkdown}
        </a>
        <a className="button" href={exportHref(scenario.id, path, 'json', shared)} download>
          {strings.downloadJson}
        </a>
        {onBack && (
          <button type="button" className="button" onClick={onBack}>
            {strings.backToReveal}
          </button>
        )}
        <button type="button" className="button" onClick={onRestart}>
          {strings.restartExercise}
        </button>
      </p>
    </section>
  );
}
