import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

const t = strings.room;

/** Joining a room: an optional nickname, and Join. A plain form: it works without JavaScript. */
export function JoinForm({
  code,
  title,
  nicknameMax,
}: {
  code: string;
  title: string;
  nicknameMax: number;
}) {
  return (
    <section aria-labelledby="join-heading" className="stage">
      <span className="eyebrow">{t.roomCode(code)}</span>
      <h1 id="join-heading">{t.joinRoom(title)}</h1>
      <form method="post" action={routes.roomJoin(code)} className="join-form">
        <p>
          <label htmlFor="nickname" className="block-label">
            {t.nicknameLabel}
          </label>
          <input
            id="nickname"
            name="nickname"
            type="text"
            autoComplete="nickname"
            maxLength={nicknameMax}
            aria-describedby="nickname-hint"
          />
          <span id="nickname-hint" className="hint">
            {t.nicknameHint(nicknameMax)}
          </span>
        </p>
        <p>
          <button type="submit" className="button button--primary">
            {t.join}
          </button>
        </p>
      </form>
      <p className="muted">{t.noPersonalData}</p>
    </section>
  );
}
