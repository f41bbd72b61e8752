import type { Metadata } from 'next';
import Link from 'next/link';
import { PromptList } from '@/app/_components/prompt-list';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { buildRoomReport } from '@/app/_lib/room-report';
import { getRuntime, resolveStep, stepView } from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { loadRoomPage } from '@/app/_server/rooms/pages';
import { PrintButton } from '@/app/scenarios/[id]/debrief/print-button';
import { OutcomeBody } from '@/app/scenarios/[id]/_components/outcome-body';
import { FacilitatorOnly } from '../_components/facilitator-only';
import { RoomStatePage } from '../_components/room-state-page';
import '../room.css';

export const dynamic = 'force-dynamic';

const t = strings.room;
const p = strings.present;

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  return {
    title: `${t.roomDebrief} · ${t.roomCode(code.toUpperCase())}`,
    robots: { index: false },
  };
}

/** The room's debrief, for the facilitator: its path, its split, its predictions, the text. */
export default async function RoomDebriefPage({ params }: Props) {
  const { code } = await params;
  const page = await loadRoomPage(code);
  if (page.kind !== 'room') return <RoomStatePage page={page} />;
  const { room } = page;
  const runtime = getRuntime(room.row.scenarioId);
  if (!runtime) return <RoomStatePage page={{ kind: 'not-found' }} />;
  if (!page.facilitator) return <FacilitatorOnly code={room.row.code} />;
  const report = buildRoomReport(runtime, room.row, room.snapshot, room.seq);
  const { scenario } = runtime;
  const resolved = resolveStep(runtime, report.path);
  const view = resolved.ok ? stepView(runtime, resolved.snapshot) : undefined;
  const outcome = view ? scenario.nodes[view.nodeId] : undefined;

  return (
    <article className="room-debrief">
      <span className="eyebrow">{t.roomDebrief}</span>
      <h1>{t.debriefTitle(scenario.title, report.code)}</h1>
      <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} />
      <p>
        {t.participantsHere(report.participants)}. {strings.yourPath}:{' '}
        <strong>{report.pathLabel || '—'}</strong>
        {outcome?.kind === 'outcome' && <> ({outcome.title})</>}
      </p>
      <p className="step-nav no-print">
        <span>{t.exports}:</span>
        {(['md', 'csv', 'json'] as const).map((format) => (
          <a key={format} className="button" href={routes.roomExport(report.code, format)} download>
            {format === 'md' ? t.exportMarkdown : format === 'csv' ? t.exportCsv : t.exportJson}
          </a>
        ))}
        <PrintButton />
        <Link className="button" href={routes.facilitate(report.code)} prefetch={false}>
          {t.roomCode(report.code)}
        </Link>
        <Link className="button" href={routes.roomResults(report.code)} prefetch={false}>
          {strings.myRooms.results}
        </Link>
      </p>

      <section aria-labelledby="split-heading">
        <h2 id="split-heading">{t.splitHeading}</h2>
        {report.decisions.map((d) => (
          <table key={d.nodeId} className="p-tally room-split">
            <caption>
              {p.decisionNumber(d.number)}: {d.decision}
            </caption>
            <thead>
              <tr>
                <th scope="col">{p.tallyOption}</th>
                <th scope="col">{p.tallyVotes}</th>
                <th scope="col">{p.tallyChosen}</th>
              </tr>
            </thead>
            <tbody>
              {d.votes.map((v) => (
                <tr key={v.option} className={v.option === d.followed ? 'is-chosen' : undefined}>
                  <th scope="row">{v.option}</th>
                  <td>
                    {v.count}
                    {d.voted > 0 && ` (${Math.round((v.count / d.voted) * 100)}%)`}
                  </td>
                  <td>{v.option === d.followed ? p.chosen : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>

      <section aria-labelledby="predictions-heading">
        <h2 id="predictions-heading">{t.predictionsHeading}</h2>
        {report.decisions.map((d) => (
          <section key={d.nodeId} aria-labelledby={`pred-${d.number}`}>
            <h3 id={`pred-${d.number}`}>
              {p.decisionNumber(d.number)}: {d.decision} → {d.followed}
            </h3>
            {d.predictions.made === 0 ? (
              <p>{t.noPredictions}</p>
            ) : (
              <>
                <p>
                  {t.predictedOf(d.predictions.made, report.participants)}.{' '}
                  {d.predictions.right === null
                    ? t.notScoredHere
                    : t.rightOf(
                        d.predictions.right,
                        d.predictions.made - d.predictions.words.length,
                      )}
                </p>
                <ul>
                  {d.predictions.picks.map((pick) => (
                    <li key={pick.said}>
                      {pick.said}: {t.pickedBy(pick.count)}
                      {pick.textsAnswer && <strong> ({t.theTextsAnswer})</strong>}
                    </li>
                  ))}
                </ul>
                {d.predictions.words.length > 0 && (
                  <>
                    <h4>{t.ownWords}</h4>
                    <ul className="p-words">
                      {d.predictions.words.map((w, i) => (
                        <li key={i}>
                          {w.text} <span className="muted">({w.by})</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            )}
          </section>
        ))}
      </section>

      {view && outcome?.kind === 'outcome' && (
        <OutcomeBody runtime={runtime} outcome={outcome} view={view} />
      )}
      {outcome?.kind === 'outcome' && (
        <PromptList prompts={[...outcome.prompts, ...scenario.prompts]} />
      )}
    </article>
  );
}
