import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDate, lastDate } from '@/app/_lib/room-dates';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { getScenario } from '@/content/load';
import { loadMyRooms, type MyRoom } from '@/app/_server/rooms/pages';
import { RoomStatePage } from '@/app/r/[code]/_components/room-state-page';
import '@/app/r/[code]/room.css';

export const dynamic = 'force-dynamic';

const t = strings.myRooms;

export const metadata: Metadata = { title: t.title, robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The facilitator's rooms: every room this browser opened (known by the keys in its cookies),
 * with its state and learners, and the way to its results; close, reopen until a new date
 * (self-paced), or delete with everything in it. Plain forms: no JavaScript needed.
 */
export default async function MyRoomsPage({ searchParams }: Props) {
  const loaded = await loadMyRooms();
  if (loaded.kind !== 'rooms') return <RoomStatePage page={loaded} />;
  const query = await searchParams;
  const one = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : '');
  const done = t.done[one('done')];
  const problem = t.problems[one('problem')] ?? strings.room.problems[one('problem')];
  const keepMs = loaded.hub.limits.keepMs;
  return (
    <article className="my-rooms">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {done && one('code') && (
        <p className="notice" role="status">
          {done(one('code'))}
        </p>
      )}
      {problem && (
        <p className="notice" role="alert">
          {problem}
        </p>
      )}
      {loaded.rooms.length === 0 ? (
        <>
          <p>{t.none}</p>
          <p>
            <Link href={routes.library()}>{t.openOne}</Link>
          </p>
        </>
      ) : (
        <ul className="my-rooms__list">
          {loaded.rooms.map((r) => (
            <RoomItem key={r.room.row.code} item={r} keepMs={keepMs} now={loaded.now} />
          ))}
        </ul>
      )}
    </article>
  );
}

function RoomItem({ item, keepMs, now }: { item: MyRoom; keepMs: number; now: number }) {
  const { row } = item.room;
  const scenario = getScenario(row.scenarioId);
  const open = row.closedAt === null && row.expiresAt > now;
  const ended = Math.min(row.expiresAt, row.closedAt ?? Infinity);
  const deletedOn = formatDate(new Date(ended + keepMs).toISOString().slice(0, 10));
  const state = open
    ? row.mode === 'self-paced'
      ? strings.selfPaced.openUntilLine(formatDate(lastDate(row.expiresAt)))
      : t.open
    : `${row.closedAt !== null ? t.closedState : t.ended}; ${t.deletedOn(deletedOn)}`;
  const headingId = `room-${row.code}`;
  return (
    <li className="my-rooms__room">
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>
          {strings.room.roomCode(row.code)}: {scenario?.title ?? row.scenarioId}
        </h2>
        <dl className="my-rooms__facts">
          <div>
            <dt>{t.kindColumn}</dt>
            <dd>{strings.results.modeLabel[row.mode]}</dd>
          </div>
          <div>
            <dt>{t.stateColumn}</dt>
            <dd>{state}</dd>
          </div>
          <div>
            <dt>{t.whoColumn}</dt>
            <dd>{item.joined}</dd>
          </div>
        </dl>
        <div className="my-rooms__actions">
          <Link
            className="button button--primary"
            href={routes.roomResults(row.code)}
            prefetch={false}
          >
            {t.results}
          </Link>
          {row.mode === 'live' && open && (
            <Link className="button" href={routes.facilitate(row.code)} prefetch={false}>
              {t.projector}
            </Link>
          )}
          {open && (
            <form method="post" action={routes.roomManage(row.code)}>
              <input type="hidden" name="action" value="close" />
              <button type="submit" className="button">
                {t.close}
              </button>
            </form>
          )}
          <Link className="button" href={routes.roomDelete(row.code)} prefetch={false}>
            {t.delete}
          </Link>
        </div>
        {row.mode === 'self-paced' && (
          <form method="post" action={routes.roomManage(row.code)} className="my-rooms__reopen">
            <input type="hidden" name="action" value="reopen" />
            <label htmlFor={`until-${row.code}`}>{t.reopen}</label>
            <input
              id={`until-${row.code}`}
              type="date"
              name="openUntil"
              required
              defaultValue={lastDate(row.expiresAt)}
            />
            <button type="submit" className="button">
              {open ? t.changeDate : t.reopenButton}
            </button>
          </form>
        )}
      </section>
    </li>
  );
}
