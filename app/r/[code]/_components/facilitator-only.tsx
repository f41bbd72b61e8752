import Link from 'next/link';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

/** What a facilitator's page says to a browser that did not open the room. */
export function FacilitatorOnly({ code }: { code: string }) {
  return (
    <article className="room-message">
      <h1>{strings.room.facilitatorOnly}</h1>
      <p>{strings.room.facilitatorOnlyBody}</p>
      <p className="step-nav">
        <Link className="button button--primary" href={routes.room(code)} prefetch={false}>
          {strings.room.joinInstead}
        </Link>
      </p>
    </article>
  );
}
