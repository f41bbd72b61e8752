import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

const t = strings.room;

/** Joining a room: an optional nickname, and Join. A plain form: it works without JavaScript. */
export function JoinForm({
  code,
  title,
  nicknameMax,
  keepDays,
  intro,
}: {
  code: string;
  title: string;
  nicknameMax: number;
  /** Days a room is kept after it ends. */
  keepDays: number;
  /** What joining means in this kind of room. */
  intro?: string;
}) {
  return (
    <section aria-labelledby="join-heading" className="stage">
      <span className="eyebrow">{t.roomCode(code)}</span>
      <h1 id="join-heading">{t.joinRoom(title)}</h1>
      {intro && <p>{intro}</p>}
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
      <p className="muted">{t.noPersonalData(keepDays)}</p>
    </section>
  );
}
