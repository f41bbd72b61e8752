import { strings } from '@/app/_lib/strings';

const t = strings.room;

/** Why something sent to the room was refused, in plain words. */
export function RoomProblem({ reason }: { reason: string | undefined }) {
  if (!reason) return null;
  return (
    <p className="notice" role="alert">
      {t.problems[reason] ?? t.problemFallback}
    </p>
  );
}

/** Without JavaScript, a waiting screen refreshes itself (with it, the event stream updates it). */
export function RefreshWithoutScript({ seconds = 4 }: { seconds?: number }) {
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(seconds)} />
      <p className="muted">{t.refreshing}</p>
    </noscript>
  );
}
