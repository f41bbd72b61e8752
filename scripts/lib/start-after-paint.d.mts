/** Types of start-after-paint.mjs (plain JavaScript, so `npm run build` needs no compiler). */
export function loaderScript(sources: readonly string[]): string;
export function startAfterPaint(html: string): string;
export function startAfterPaintIn(distDir: string): number;
