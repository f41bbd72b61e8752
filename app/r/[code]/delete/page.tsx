import type { Metadata } from 'next';
import Link from 'next/link';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { getScenario } from '@/content/load';
import { loadRoomPage } from '@/app/_server/rooms/pages';
import { FacilitatorOnly } from '../_components/facilitator-only';
import { RoomStatePage } from '../_components/room-state-page';
import '../room.css';

export const dynamic = 'force-dynamic';

const t = strings.myRooms;

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  return { title: t.deleteTitle(code.toUpperCase()), robots: { index: false } };
}

/** Asks before deleting a room: what goes with it, and its code typed to confirm. */
export default async function DeleteRoomPage({ params, searchParams }: Props) {
  const { code } = await params;
  const page = await loadRoomPage(code);
  if (page.kind !== 'room') return <RoomStatePage page={page} />;
  const { room } = page;
  if (!page.facilitator) return <FacilitatorOnly code={room.row.code} />;
  const problem = (await searchParams).problem;
  const message = typeof problem === 'string' ? t.problems[problem] : undefined;
  const scenario = getScenario(room.row.scenarioId);
  const joined = Object.keys(room.snapshot.context.participants).length;
  return (
    <article className="room-message">
      <span className="eyebrow">{scenario?.title}</span>
      <h1>{t.deleteTitle(room.row.code)}</h1>
      <p>{t.deleteBody(joined)}</p>
      {message && (
        <p className="notice" role="alert">
          {message}
        </p>
      )}
      <form method="post" action={routes.roomManage(room.row.code)} className="join-form">
        <input type="hidden" name="action" value="delete" />
        <p>
          <label htmlFor="confirm" className="block-label">
            {t.confirmLabel(room.row.code)}
          </label>
          <input
            id="confirm"
            name="confirm"
            type="text"
            className="code-input"
            autoComplete="off"
            required
            maxLength={12}
          />
        </p>
        <p className="step-nav">
          <button type="submit" className="button button--danger">
            {t.confirm}
          </button>
          <Link className="button" href={routes.myRooms()} prefetch={false}>
            {t.cancel}
          </Link>
          <Link className="button" href={routes.roomResults(room.row.code)} prefetch={false}>
            {t.results}
          </Link>
        </p>
      </form>
    </article>
  );
}
