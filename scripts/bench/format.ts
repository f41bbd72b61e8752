/**
 * Small helpers shared by the measurements and the report: the median of a series, figures as
 * text (ms, kB, MB) and route paths as report file names (slug).
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
