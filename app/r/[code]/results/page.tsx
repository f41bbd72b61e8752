import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { VoiceNotice } from '@/app/_components/voice-notice';
import type { ChoiceResult, DecisionResult } from '@/app/_lib/class-results';
import { formatDate, lastDate } from '@/app/_lib/room-dates';
import { routes } from '@/app/_lib/routes';
import { getRuntime } from '@/app/_lib/runtime';
import { strings } from '@/app/_lib/strings';
import { loadRoomPage } from '@/app/_server/rooms/pages';
import { roomResults } from '@/app/_server/rooms/results';
import type { Claim } from '@/content/parse';
import { PrintButton } from '@/app/scenarios/[id]/debrief/print-button';
import { FacilitatorOnly } from '../_components/facilitator-only';
import { RoomStatePage } from '../_components/room-state-page';
import '../room.css';
import './results.css';

export const dynamic = 'force-dynamic';

const t = strings.results;

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Own words listed per choice before "show all": a class of hundreds stays one readable page. */
const WORDS_SHOWN = 20;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  return {
    title: `${strings.room.roomCode(code.toUpperCase())} · ${t.title('').replace(/: $/, '')}`,
    robots: { index: false },
  };
}

/**
 * The class's results, for the facilitator of either kind of room: what they chose, what they
 * expected the text to say beside what it says, the claim kinds they confuse, who finished and
 * how long each decision took. Drawn on the server (the bars are SVG), so it prints and works
 * without JavaScript; hiding a learner's words is a plain form.
 */
export default async function ResultsPage({ params, searchParams }: Props) {
  const { code } = await params;
  const expand = (await searchParams).words;
  const page = await loadRoomPage(code);
  if (page.kind !== 'room') return <RoomStatePage page={page} />;
  const { room } = page;
  const runtime = getRuntime(room.row.scenarioId);
  if (!runtime) return <RoomStatePage page={{ kind: 'not-found' }} />;
  if (!page.facilitator) return <FacilitatorOnly code={room.row.code} />;
  const { results, now } = await roomResults(page.hub.store, room, runtime);
  const { scenario } = runtime;
  const { counts } = results;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  const joinUrl = `${proto}://${host}${routes.room(room.row.code)}`;
  const state = results.room.open
    ? room.row.mode === 'self-paced'
      ? strings.selfPaced.openUntilLine(formatDate(lastDate(room.row.expiresAt)))
      : strings.myRooms.open
    : room.row.closedAt !== null
      ? strings.myRooms.closedState
      : strings.myRooms.ended;
  const asOf = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(now);

  return (
    <article className="results">
      <span className="eyebrow">{strings.room.roomCode(room.row.code)}</span>
      <h1>{t.title(scenario.title)}</h1>
      <p className="results__meta">
        {t.modeLabel[room.row.mode]} · {state} · {t.asOf(`${asOf} UTC`)}
      </p>
      <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} />
      <p className="ours-block">{t.ours}</p>
      <nav aria-label={t.download} className="step-nav no-print">
        <span>{t.download}:</span>
        {(['csv', 'md', 'json'] as const).map((format) => (
          <a
            key={format}
            className="button"
            href={routes.roomResultsExport(room.row.code, format)}
            download
          >
            {format === 'md'
              ? strings.room.exportMarkdown
              : format === 'csv'
                ? strings.room.exportCsv
                : strings.room.exportJson}
          </a>
        ))}
        <PrintButton />
        <Link className="button" href={routes.roomResults(room.row.code)} prefetch={false}>
          {t.refresh}
        </Link>
        <Link className="button" href={routes.myRooms()} prefetch={false}>
          {strings.myRooms.title}
        </Link>
        {room.row.mode === 'live' && (
          <Link className="button" href={routes.facilitate(room.row.code)} prefetch={false}>
            {strings.myRooms.projector}
          </Link>
        )}
      </nav>

      <section aria-labelledby="who-heading">
        <h2 id="who-heading">{t.completionHeading}</h2>
        {counts.runs === 0 ? (
          <p>{t.noLearners}</p>
        ) : (
          <>
            <p>
              <strong>{t.learners(counts.learners)}</strong>
            </p>
            {room.row.mode === 'self-paced' && (
              <dl className="results__counts">
                <div>
                  <dt>{t.finished}</dt>
                  <dd>{counts.finished}</dd>
                </div>
                <div>
                  <dt>{t.going}</dt>
                  <dd>{counts.going}</dd>
                </div>
                <div>
                  <dt>{t.stopped}</dt>
                  <dd>{counts.stopped}</dd>
                </div>
                <div>
                  <dt>{t.startedOver}</dt>
                  <dd>{counts.startedOver}</dd>
                </div>
              </dl>
            )}
            {room.row.mode === 'self-paced' && <p className="hint">{t.countedNote}</p>}
          </>
        )}
        {results.room.open && (
          <p className="no-print">
            {t.shareLink} <strong className="results__url">{joinUrl}</strong>
          </p>
        )}
      </section>

      <section aria-labelledby="choices-heading">
        <h2 id="choices-heading">{t.choicesHeading}</h2>
        {results.decisions.map((d) => (
          <DecisionBars key={d.nodeId} decision={d} />
        ))}
      </section>

      <section aria-labelledby="predictions-heading">
        <h2 id="predictions-heading">{t.predictionsHeading}</h2>
        <p>{t.predictionsIntro}</p>
        {results.choices.length === 0 && <p>{strings.room.noPredictions}</p>}
        {results.choices.map((c) => (
          <ChoicePredictions
            key={`${c.nodeId}/${c.optionId}`}
            code={room.row.code}
            scenarioId={scenario.id}
            claims={scenario.claims}
            choice={c}
            allWords={expand === `${c.nodeId}/${c.optionId}`}
          />
        ))}
      </section>

      <section aria-labelledby="kinds-heading">
        <h2 id="kinds-heading">{t.kindsHeading}</h2>
        <p>{t.kindsIntro}</p>
        {results.kinds.answered === 0 ? (
          <p>{t.noKinds}</p>
        ) : (
          <>
            <ul className="results__kinds">
              {results.kinds.byKind
                .filter((k) => k.answered > 0)
                .map((k) => (
                  <li key={k.kind}>
                    <strong>{strings.kinds[k.kind]}</strong>: {t.kindRight(k.right, k.answered)}
                  </li>
                ))}
            </ul>
            {results.kinds.confusions.length > 0 && (
              <table className="results__table">
                <caption>{t.confusionsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.kindColumn}</th>
                    <th scope="col">{t.answeredColumn}</th>
                    <th scope="col">{t.countColumn}</th>
                  </tr>
                </thead>
                <tbody>
                  {results.kinds.confusions.map((c) => (
                    <tr key={`${c.kind}/${c.answered}`}>
                      <th scope="row">{strings.kinds[c.kind]}</th>
                      <td>{strings.kinds[c.answered]}</td>
                      <td>
                        {c.count} of {c.of}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </article>
  );
}

/** One decision: a bar per option (SVG), with counts and shares in words beside it. */
function DecisionBars({ decision: d }: { decision: DecisionResult }) {
  const headingId = `decision-${d.nodeId}`;
  return (
    <section aria-labelledby={headingId} className="results__decision">
      <h3 id={headingId}>{d.title}</h3>
      {d.total === 0 ? (
        <p>{t.nobodyHere}</p>
      ) : (
        <ul className="bars" aria-label={t.chart(d.title)}>
          {d.options.map((o) => (
            <li key={o.optionId} className="bars__row">
              <span className="bars__label">
                {o.label}
                {d.followed === o.optionId && (
                  <span className="muted"> ({strings.room.roomFollows(o.label)})</span>
                )}
              </span>
              <svg
                className="bars__bar"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
              >
                <rect className="bars__track" x="0" y="0" width="100" height="10" />
                <rect
                  className="bars__fill"
                  x="0"
                  y="0"
                  width={Math.max(o.share * 100, o.count > 0 ? 0.5 : 0)}
                  height="10"
                />
              </svg>
              <span className="bars__figure">
                {t.chose(o.count, d.total)} ({Math.round(o.share * 100)}%)
              </span>
            </li>
          ))}
        </ul>
      )}
      {d.medianSeconds !== null && <p className="hint">{t.medianTime(d.medianSeconds)}</p>}
    </section>
  );
}

/** One choice: what the text ties to it, and what the class predicted. */
function ChoicePredictions({
  code,
  scenarioId,
  claims,
  choice: c,
  allWords,
}: {
  code: string;
  scenarioId: string;
  claims: Readonly<Record<string, Claim>>;
  choice: ChoiceResult;
  /** List every learner's own words here, not only the first WORDS_SHOWN. */
  allWords: boolean;
}) {
  const headingId = `choice-${c.nodeId}-${c.optionId}`;
  const cite = (claimId: string) => {
    const at = claims[claimId]?.citations[0];
    return at ? (
      <>
        {' '}
        <a href={routes.source(scenarioId, at.anchor)} className="muted">
          {strings.location(at)}
        </a>
      </>
    ) : null;
  };
  const shown = c.words.filter((w) => !w.hidden);
  const listed = allWords ? shown : shown.slice(0, WORDS_SHOWN);
  const wordsHref = (all: boolean) =>
    `${routes.roomResults(code)}${all ? `?words=${encodeURIComponent(`${c.nodeId}/${c.optionId}`)}` : ''}#${headingId}-words`;
  const hidden = c.words.filter((w) => w.hidden);
  const picks = c.made - c.words.length;
  return (
    <section aria-labelledby={headingId} className="results__choice">
      <h3 id={headingId}>
        {c.decision} → {c.option}
      </h3>
      <p>
        {t.predictionsMade(c.made)}.{' '}
        {c.right === null ? strings.room.notScoredHere : t.rightOf(c.right, picks)}
      </p>
      <ul className="results__predictions">
        {c.theText.map((claim) => (
          <li key={claim.claimId}>
            <span
              className={`results__tag${claim.tie === 'inferred' ? ' results__tag--ours' : ''}`}
            >
              {claim.tie === 'stated' ? t.textSays : t.ourReading}
            </span>{' '}
            {claim.label}
            {cite(claim.claimId)}: <strong>{claim.count}</strong>
          </li>
        ))}
        <li>
          {c.nothing.textsAnswer && <span className="results__tag">{t.textSays}</span>}{' '}
          {strings.predictNothing}: <strong>{c.nothing.count}</strong>
        </li>
        {c.beyond.map((b) => (
          <li key={b.claimId}>
            <span className="results__tag results__tag--beyond">{t.notThere}</span> {b.label}
            {cite(b.claimId)}: <strong>{b.count}</strong>
          </li>
        ))}
      </ul>
      {c.beyondCount > 0 && <p>{t.beyondTheText(c.beyondCount)}.</p>}
      {shown.length > 0 && (
        <>
          <h4 id={`${headingId}-words`}>{t.ownWords}</h4>
          <ul className="p-words results__words">
            {listed.map((w) => (
              <li key={w.key}>
                <span>
                  {w.text} <span className="muted">({w.by})</span>
                </span>
                <form method="post" action={routes.roomResultsWords(code)} className="no-print">
                  <input type="hidden" name="key" value={w.key} />
                  <input type="hidden" name="hide" value="1" />
                  <input type="hidden" name="at" value={headingId} />
                  <button type="submit" className="button" aria-label={t.hideWordsLabel(w.by)}>
                    {t.hide}
                  </button>
                </form>
              </li>
            ))}
          </ul>
          {shown.length > WORDS_SHOWN && (
            <p className="no-print">
              {allWords ? (
                <a href={wordsHref(false)}>{t.fewerWords(WORDS_SHOWN)}</a>
              ) : (
                <a href={wordsHref(true)}>{t.allWords(shown.length)}</a>
              )}{' '}
              <span className="hint">{t.allInCsv}</span>
            </p>
          )}
        </>
      )}
      {hidden.length > 0 && (
        <details className="results__hidden no-print">
          <summary>{t.hiddenHeading(hidden.length)}</summary>
          <p className="hint">{t.hiddenNote}</p>
          <ul className="results__words">
            {hidden.map((w) => (
              <li key={w.key}>
                <span>
                  {w.text} <span className="muted">({w.by})</span>
                </span>
                <form method="post" action={routes.roomResultsWords(code)}>
                  <input type="hidden" name="key" value={w.key} />
                  <input type="hidden" name="hide" value="0" />
                  <input type="hidden" name="at" value={headingId} />
                  <button type="submit" className="button" aria-label={t.showWordsLabel(w.by)}>
                    {t.show}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
