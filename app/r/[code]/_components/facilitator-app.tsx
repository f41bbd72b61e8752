'use client';

/**
 * The facilitator's projector in a live room: the join code and QR code, then each decision with
 * the room's live votes, the option the room follows, the room's predictions, and what the text
 * says follows, to the end. Keys as in presenter mode: N next or start, 1–9 go with an option,
 * R reveal, B back. Every step is a command the server checks against the room machine; the
 * buttons and keys offered are the ones the machine allows (the view's `can`).
 */
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ClaimList } from '@/app/_components/claim-card';
import { ChoiceAnswerView } from '@/app/_components/choice-answer';
import { PromptList } from '@/app/_components/prompt-list';
import { isTypingTarget } from '@/app/_lib/keys';
import type { PresenterView, PredictionTally } from '@/app/_lib/room-views';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { toExerciseScenario, type TrainingScenario } from '@/app/_lib/training';
import type { DecisionNode } from '@/content/parse';
import { answerFor, gradingOf, placedByOurReading } from '@/machines/answers';
import { resolvePath } from '@/machines/paths';
import { buildScenarioMachine, currentNodeId } from '@/machines/scenario-machine';
import { FacilitatorNotes } from '@/app/scenarios/[id]/present/facilitator-notes';
import { KeyButton } from '@/app/scenarios/[id]/present/key-button';
import { ScreenHeading } from '@/app/scenarios/[id]/present/screen-heading';
import { framingBeforeReveal } from './framing';
import { RoomProblem } from './room-problem';
import { post, useRoomStream } from './use-room-stream';

const t = strings.room;
const p = strings.present;

type LiveView = PresenterView & { readonly connected?: number };

/** Votes as bars: counts and shares in text, the bars decoration. */
function LiveBars({
  decision,
  votes,
  highlight,
  badge,
}: {
  decision: DecisionNode;
  votes: Readonly<Record<string, number>>;
  highlight: string | undefined;
  badge: string;
}) {
  const total = Object.values(votes).reduce((a, b) => a + b, 0);
  return (
    <ul className="p-bars" role="list">
      {decision.options.map((o) => {
        const count = votes[o.id] ?? 0;
        const share = total > 0 ? Math.round((count / total) * 100) : 0;
        return (
          <li key={o.id} className={o.id === highlight ? 'p-bars__item is-chosen' : 'p-bars__item'}>
            <span className="p-bars__label">
              {o.label}
              {o.id === highlight && <span className="p-chosen">{badge}</span>}
            </span>
            <span className="p-bars__count">
              {p.votes(count)} · {share}%
            </span>
            <span className="p-bars__track" aria-hidden="true">
              <span className="p-bars__fill" style={{ inlineSize: `${share}%` }} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The room's predictions at a decision, beside the text's answer. */
function RoomPredictions({
  scenario,
  nodeId,
  optionId,
  tally,
  participants,
}: {
  scenario: TrainingScenario;
  nodeId: string;
  optionId: string;
  tally: PredictionTally;
  participants: number;
}) {
  const exercise = toExerciseScenario(scenario);
  const grading = gradingOf(exercise, nodeId, optionId);
  const picks = Object.entries(tally.picks).sort((a, b) => b[1] - a[1]);
  const labelOf = (id: string) =>
    id === '' ? strings.predictNothing : (scenario.claims[id]?.label ?? id);
  return (
    <section aria-labelledby="p-predictions-heading" className="p-predictions">
      <h2 id="p-predictions-heading">{t.roomPredictions}</h2>
      <p className="p-muted">
        {t.predictedOf(tally.made, participants)}.{' '}
        {tally.right === null
          ? t.notScoredHere
          : t.rightOf(tally.right, tally.made - tally.words.length)}
      </p>
      {picks.length > 0 && (
        <ul>
          {picks.map(([id, n]) => (
            <li key={id}>
              {labelOf(id)}: {t.pickedBy(n)}
              {grading.scored && grading.right.includes(id === '' ? null : id) && (
                <strong> ({t.theTextsAnswer})</strong>
              )}
            </li>
          ))}
        </ul>
      )}
      {tally.words.length > 0 && (
        // Learners' own words are folded: the facilitator opens them when the room is ready.
        <details className="p-more">
          <summary>
            {t.ownWords} ({tally.words.length})
          </summary>
          <ul className="p-words">
            {tally.words.map((w, i) => (
              <li key={i}>
                {w.text} <span className="p-muted">({w.nickname ?? t.anonymous})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export function FacilitatorApp({
  code,
  scenario,
  initial,
  joinUrl,
  qrSvg,
  keepDays,
}: {
  /** Days the room is kept after it ends. */
  keepDays: number;
  code: string;
  scenario: TrainingScenario;
  initial: LiveView;
  /** The short address learners type (…/join) and the room's own (…/r/CODE), shown large. */
  joinUrl: { readonly short: string; readonly room: string };
  /** The QR code for the room's address, as SVG markup rendered on the server. */
  qrSvg: string;
}) {
  const { view, state, accept } = useRoomStream<LiveView>(routes.facilitateEvents(code), initial);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [notesOpen, setNotesOpen] = useState(true);

  const command = useCallback(
    async (type: string, optionId?: string) => {
      setBusy(true);
      const sent = await post(routes.facilitateCommand(code), {
        type,
        ...(optionId ? { optionId } : {}),
        position: view.position,
      });
      setBusy(false);
      const next = sent.body?.view as LiveView | undefined;
      if (next) accept(next);
      if (sent.ok) setError(undefined);
      else {
        setError(sent.error);
      }
    },
    [code, view.position, accept],
  );

  const decision =
    view.decision && (scenario.nodes[view.decision.nodeId] as DecisionNode | undefined);
  const followedLabel = decision?.options.find((o) => o.id === view.followed)?.label ?? '';

  // Keys: N next/start, R reveal, B back, 1–9 go with an option; never while typing.
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target) || busy) return;
      const k = e.key.toLowerCase();
      let sent = true;
      if (k === 'n' && view.can.start) void command('start');
      else if (k === 'n' && view.can.next) void command('next');
      else if (k === 'r' && view.can.reveal) void command('reveal');
      else if (k === 'b' && view.can.back) void command('back');
      else if (/^[1-9]$/.test(e.key) && decision) {
        const option = decision.options[Number(e.key) - 1];
        if (option && view.can.follow.includes(option.id)) void command('follow', option.id);
        else sent = false;
      } else sent = false;
      if (sent) e.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [view, decision, command, busy]);

  // After a change of screen, the new heading takes the focus and is announced.
  const root = useRef<HTMLDivElement>(null);
  const screenKey = `${view.status}|${view.path.join('/')}|${view.followed ?? ''}`;
  const lastScreen = useRef(screenKey);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (lastScreen.current === screenKey) return;
    lastScreen.current = screenKey;
    const h1 = root.current?.querySelector<HTMLElement>('h1');
    h1?.focus();
    setAnnouncement(p.announce(h1?.textContent ?? ''));
  }, [screenKey]);

  const back = view.can.back && (
    <KeyButton label={p.back} shortcut="B" onClick={() => void command('back')} disabled={busy} />
  );

  let screen: ReactNode = null;
  let notes: readonly string[] = [];
  if (view.status === 'lobby') {
    const briefing = scenario.nodes[scenario.start];
    notes = briefing?.kind === 'briefing' ? briefing.facilitatorNotes : [];
    screen = (
      <>
        <ScreenHeading eyebrow={scenario.title} text={t.lobbyHeading} />
        <div className="room-lobby">
          <div>
            <p className="room-code" aria-label={t.roomCode(code.split('').join(' '))}>
              {code}
            </p>
            <p className="p-lead">
              {t.joinAt} <strong>{joinUrl.short}</strong>
            </p>
            <p className="p-muted">
              {t.orScan} <span className="room-url">{joinUrl.room}</span>
            </p>
            <p className="p-lead">{t.participantsHere(view.participants)}</p>
          </div>
          <figure className="room-qr" aria-label={t.qrLabel(joinUrl.room)} role="img">
            <span dangerouslySetInnerHTML={{ __html: qrSvg }} />
          </figure>
        </div>
        <p className="p-muted">{t.noPersonalData(keepDays)}</p>
        <p className="p-actions">
          <KeyButton
            label={t.start}
            shortcut="N"
            primary
            disabled={!view.can.start || busy}
            onClick={() => void command('start')}
          />
        </p>
      </>
    );
  } else if (view.status === 'choosing' && decision && view.decision) {
    notes = decision.facilitatorNotes;
    const framing = framingBeforeReveal(scenario, view.decision.nodeId, decision);
    screen = (
      <>
        <ScreenHeading eyebrow={p.decisionNumber(view.decision.number)} text={decision.title} />
        <p className="p-decider">
          {p.decides}: <strong>{scenario.actors[decision.decider]?.name}</strong>
        </p>
        <p className="p-question ours-block">
          <span className="ours__tag">{p.ourQuestion}:</span> {decision.question}
        </p>
        <section aria-labelledby="p-votes-heading">
          <h2 id="p-votes-heading">{p.roomVoteHeading}</h2>
          <p className="p-muted" role="status">
            {t.votedOf(view.voted, view.participants)}
            {view.connected !== undefined && ` · ${t.connectedNow(view.connected)}`}
          </p>
          <LiveBars
            decision={decision}
            votes={view.votes}
            highlight={view.tied ? undefined : view.majority}
            badge={t.majority}
          />
        </section>
        <ol className="p-options" aria-label={p.options}>
          {decision.options.map((o, i) => (
            <li key={o.id} className="p-option">
              <KeyButton
                label={t.goWith(o.label)}
                shortcut={String(i + 1)}
                primary={o.id === view.majority}
                disabled={!view.can.follow.includes(o.id) || busy}
                onClick={() => void command('follow', o.id)}
              />
              <p className="p-option__desc">{o.description}</p>
            </li>
          ))}
        </ol>
        {back && <p className="p-actions">{back}</p>}
        {framing.length > 0 && (
          <details className="p-more">
            <summary>{p.framing(framing.length)}</summary>
            <ClaimList scenarioId={scenario.id} claims={framing} headingLevel={3} />
          </details>
        )}
      </>
    );
  } else if (view.status === 'predicting' && decision && view.decision && view.followed) {
    notes = decision.facilitatorNotes;
    screen = (
      <>
        <ScreenHeading
          eyebrow={`${p.decisionNumber(view.decision.number)} · ${decision.title}`}
          text={p.roomGoesWith(followedLabel)}
        />
        <LiveBars
          decision={decision}
          votes={view.votes}
          highlight={view.followed}
          badge={p.chosen}
        />
        <p className="p-lead" role="status">
          {t.predictedOf(view.predictions?.made ?? 0, view.participants)}
        </p>
        <p className="ours-block p-note">{p.hiddenUntilReveal}</p>
        <p className="p-actions">
          <KeyButton
            label={p.reveal}
            shortcut="R"
            primary
            disabled={!view.can.reveal || busy}
            onClick={() => void command('reveal')}
          />
          {back}
        </p>
      </>
    );
  } else if (view.status === 'revealed' && decision && view.decision && view.followed) {
    notes = decision.facilitatorNotes;
    const scenarioMachine = buildScenarioMachine(scenario);
    const resolved = resolvePath(scenarioMachine, [...view.path, view.followed]);
    const last = resolved.ok && resolved.snapshot.hasTag('outcome');
    const answer = answerFor(toExerciseScenario(scenario), view.decision.nodeId, view.followed);
    screen = (
      <>
        <ScreenHeading
          eyebrow={`${p.decisionNumber(view.decision.number)} · ${decision.title}`}
          text={p.youChose(followedLabel, placedByOurReading(answer))}
        />
        <ChoiceAnswerView
          scenarioId={scenario.id}
          claims={scenario.claims}
          answer={answer}
          optionLabel={followedLabel}
          headingLevel={2}
          fromStep={[...view.path, view.followed]}
        />
        {view.predictions && (
          <RoomPredictions
            scenario={scenario}
            nodeId={view.decision.nodeId}
            optionId={view.followed}
            tally={view.predictions}
            participants={view.participants}
          />
        )}
        <p className="p-actions">
          <KeyButton
            label={last ? p.toDebrief : p.next}
            shortcut="N"
            primary
            disabled={!view.can.next || busy}
            onClick={() => void command('next')}
          />
          {back}
        </p>
        <PromptList prompts={decision.prompts} />
      </>
    );
  } else if (view.status === 'debrief' || view.status === 'closed') {
    const resolved = resolvePath(buildScenarioMachine(scenario), view.path);
    const end = resolved.ok ? scenario.nodes[currentNodeId(resolved.snapshot)] : undefined;
    notes = end?.kind === 'outcome' ? end.facilitatorNotes : [];
    screen = (
      <>
        <ScreenHeading
          eyebrow={view.status === 'closed' ? t.closed : p.debriefLabel}
          text={end?.title ?? t.theEnd}
        />
        {end?.kind === 'outcome' && (
          <div className="ours-block p-intro">
            <p>
              <span className="ours__tag">{p.ourSummary}:</span> {end.summary}
            </p>
          </div>
        )}
        <p className="p-actions">
          <Link
            className="button button--primary p-button"
            href={routes.roomDebrief(code)}
            prefetch={false}
          >
            {t.openRoomDebrief}
          </Link>
          {back}
          {view.can.close && (
            <button
              type="button"
              className="button p-button"
              disabled={busy}
              onClick={() => void command('close')}
            >
              {t.closeRoom}
            </button>
          )}
        </p>
        {view.can.close && <p className="p-muted">{t.closeRoomNote}</p>}
        {end?.kind === 'outcome' && <PromptList prompts={end.prompts} />}
      </>
    );
  }

  return (
    <div className="presenter" ref={root} aria-busy={busy}>
      <p className="p-bar">
        <span className="p-bar__mode">{t.roomCode(code)}</span>
        <span className="p-bar__title">{scenario.title}</span>
        <span className={`room-state room-state--${state}`}>
          {state === 'reconnecting' ? t.reconnecting : t.live}
        </span>
      </p>
      {view.status !== 'lobby' && (
        <p className="p-voice">
          <strong>{p.voiceLabel}</strong> {p.voiceLine(scenario.source.voice)}{' '}
          <span className="p-voice__ours">{p.oursLine}</span>
        </p>
      )}
      <RoomProblem reason={error} />
      <div className="p-layout">
        <div className="p-stage">{screen}</div>
        <div className="p-side">
          <FacilitatorNotes notes={notes} open={notesOpen} onToggle={setNotesOpen} />
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
