/**
 * Small helpers shared by the measurements and the report: the median and percentiles of a
 * series, figures as text (ms, kB, MB) and route paths as report file names (slug).
 */

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
export const slug = (p: string) => (p === '/' ? 'root' : p.replace(/^\//, '').replace(/\//g, '_'));
/** The p-th percentile (0–100) of a series, nearest rank; NaN for none. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
};
