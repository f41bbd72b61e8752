/**
 * A self-paced room is open "until" a date: through the end of that date in every time zone,
 * which is 12:00 UTC the day after (the last places to reach midnight are at UTC−12). Dates are
 * `yyyy-mm-dd`, as a date input sends them.
 */

/** When a room open until `date` ends (ms since the epoch). */
export function endOfDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d + 1, 12);
}

/** The date a room ending at `end` is open until (the inverse of endOfDate). */
export function lastDate(end: number): string {
  return new Date(end - 36 * 3_600_000).toISOString().slice(0, 10);
}

/** The date `days` days after `now`, in UTC. */
export function dateInDays(now: number, days: number): string {
  return new Date(now + days * 86_400_000).toISOString().slice(0, 10);
}

/** A date for people: "21 December 2026". */
export function formatDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** A self-paced room is open this many days unless the facilitator picks a date, and at most the other. */
export const SELF_PACED_DEFAULT_DAYS = 14;
export const SELF_PACED_MAX_DAYS = 90;
