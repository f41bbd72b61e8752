import Link from 'next/link';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import type { RoomPage } from '@/app/_server/rooms/pages';

const t = strings.room;

/** What a room page says when there is no room to show: not found, too many guesses, store down. */
export function RoomStatePage({ page }: { page: Exclude<RoomPage, { kind: 'room' }> }) {
  const [title, body] =
    page.kind === 'not-found'
      ? [t.notFound, t.notFoundBody]
      : page.kind === 'too-many'
        ? [t.tooManyCodes, t.tooManyCodesBody(page.retryAfter)]
        : [t.unavailable, t.unavailableBody];
  return (
    <article className="room-message">
      <h1>{title}</h1>
      <p>{body}</p>
      <p className="step-nav">
        <Link className="button button--primary" href={routes.join()} prefetch={false}>
          {t.joinTitle}
        </Link>
        <Link className="button" href={routes.library()} prefetch={false}>
          {strings.library}
        </Link>
      </p>
    </article>
  );
}
