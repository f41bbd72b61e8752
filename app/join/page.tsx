import type { Metadata } from 'next';
import '../r/[code]/room.css';
import { redirect } from 'next/navigation';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { normaliseCode } from '@/app/_server/rooms/codes';

const t = strings.room;

export const metadata: Metadata = { title: t.joinTitle, description: t.joinIntro };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where learners type a room's code: a GET form, so it works without JavaScript. */
export default async function JoinPage({ searchParams }: Props) {
  const raw = (await searchParams).code;
  const typed = typeof raw === 'string' ? raw : undefined;
  const code = typed === undefined ? undefined : normaliseCode(typed);
  if (code) redirect(routes.room(code));
  return (
    <article className="room-message">
      <h1>{t.joinTitle}</h1>
      <p>{t.joinIntro}</p>
      <form method="get" action={routes.join()} className="join-form">
        <p>
          <label htmlFor="code" className="block-label">
            {t.codeLabel}
          </label>
          <input
            id="code"
            name="code"
            type="text"
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={12}
            defaultValue={typed}
            className="code-input"
            aria-describedby={typed !== undefined ? 'code-error code-hint' : 'code-hint'}
            aria-invalid={typed !== undefined ? true : undefined}
            required
          />
          <span id="code-hint" className="hint">
            {t.codeHint}
          </span>
        </p>
        {typed !== undefined && (
          <p id="code-error" className="notice" role="alert">
            {t.badCode}
          </p>
        )}
        <p>
          <button type="submit" className="button button--primary">
            {t.join}
          </button>
        </p>
      </form>
    </article>
  );
}
