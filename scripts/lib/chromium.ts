/**
 * Debian's Chromium, and the flags that keep it quiet on a closed network. Shared by the browser
 * tests (playwright.config.ts) and the benchmark. Playwright adds --headless itself.
 */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
