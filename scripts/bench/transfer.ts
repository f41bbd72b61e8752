/**
 * First visit: what Chromium transfers, compressed as served, for each route in a fresh browser
 * context (bytes by kind, the largest scripts and what they hold, browser issues seen).
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../lib/chromium';
import { kB } from './format';
import { cleanups, sleep } from './process';
import { check, type Table } from './report';
import { BUDGET, type Route } from './settings';

export interface Transfer {
  readonly requests: number;
  readonly failed: number;
  readonly jsBytes: number;
  readonly totalBytes: number;
  /** Responses by content-encoding, e.g. { br: 3, gzip: 2, none: 1 }. */
  readonly encodings: Record<string, number>;
  /** DevTools issues (e.g. CSP violations) and console errors seen during the visit. */
  readonly issues: readonly string[];
  /** Every response: its pathname, resource type and bytes received. */
  readonly resources: readonly Resource[];
}

interface Resource {
  readonly path: string;
  readonly type: string;
  readonly bytes: number;
}

/** Strings that survive minification and say which library a chunk holds. */
const SIGNATURES: readonly (readonly [string, string])[] = [
  ['react-dom', '__reactContainer$'],
  ['zod', '$ZodObject'],
  ['xstate', 'xstate.init'],
  ['@xstate/react', 'useActorRef'],
  ['d3-hierarchy', 'eachBefore'],
  ['next router', 'NEXT_ROUTER_PREFETCH'],
];

function describeIssue(issue: {
  code: string;
  details: {
    contentSecurityPolicyIssueDetails?: {
      violatedDirective: string;
      contentSecurityPolicyViolationType: string;
      blockedURL?: string;
      sourceCodeLocation?: { url: string; lineNumber: number; columnNumber: number };
    };
  };
}): string {
  const csp = issue.details.contentSecurityPolicyIssueDetails;
  if (!csp) return issue.code;
  const where = csp.sourceCodeLocation
    ? ` at ${new URL(csp.sourceCodeLocation.url).pathname}:${csp.sourceCodeLocation.lineNumber + 1}:${csp.sourceCodeLocation.columnNumber + 1}`
    : '';
  const blocked = csp.blockedURL ? ` blocked ${csp.blockedURL}` : '';
  return `CSP ${csp.violatedDirective} (${csp.contentSecurityPolicyViolationType})${blocked}${where}`;
}

async function firstVisit(browser: Browser, url: string): Promise<Transfer> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const types = new Map<string, { type: string; path: string }>();
    const resources: Resource[] = [];
    const encodings: Record<string, number> = {};
    let started = 0;
    let finished = 0;
    let failed = 0;
    let jsBytes = 0;
    let totalBytes = 0;
    cdp.on('Network.requestWillBeSent', () => (started += 1));
    cdp.on('Network.responseReceived', (e) => {
      types.set(e.requestId, { type: e.type, path: new URL(e.response.url).pathname });
      const headers = Object.fromEntries(
        Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const encoding = headers['content-encoding'] ?? 'none';
      encodings[encoding] = (encodings[encoding] ?? 0) + 1;
    });
    cdp.on('Network.loadingFinished', (e) => {
      finished += 1;
      totalBytes += e.encodedDataLength;
      const response = types.get(e.requestId);
      if (response?.type === 'Script') jsBytes += e.encodedDataLength;
      resources.push({
        path: response?.path ?? '?',
        type: response?.type ?? 'Other',
        bytes: e.encodedDataLength,
      });
    });
    cdp.on('Network.loadingFailed', () => (failed += 1));
    const issues: string[] = [];
    cdp.on('Audits.issueAdded', (e) => issues.push(describeIssue(e.issue)));
    page.on('console', (m) => {
      if (m.type() === 'error') issues.push(`console error: ${m.text().slice(0, 200)}`);
    });
    page.on('pageerror', (e) => issues.push(`page error: ${e.message.slice(0, 200)}`));
    await cdp.send('Network.enable');
    await cdp.send('Audits.enable');
    await page.goto(url, { waitUntil: 'networkidle' });
    // Prefetches start after hydration, when links scroll into view: wait until a whole second
    // passes with nothing new requested and nothing in flight (at most 10 s).
    const deadline = Date.now() + 10_000;
    let seen = -1;
    while (Date.now() < deadline && (seen !== started || finished + failed < started)) {
      seen = started;
      await sleep(1000);
    }
    return {
      requests: finished,
      failed,
      jsBytes,
      totalBytes,
      encodings,
      issues: [...new Set(issues)],
      resources,
    };
  } finally {
    await context.close();
  }
}

/** A first visit to each route, in one Chromium. */
export async function measureFirstVisits(
  origin: string,
  routes: readonly Route[],
): Promise<{ transfers: Map<Route, Transfer>; browserVersion: string }> {
  console.log('bench: first visits in Chromium …');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  cleanups.push(() => browser.close());
  const browserVersion = browser.version();
  const transfers = new Map<Route, Transfer>();
  for (const route of routes) {
    transfers.set(route, await firstVisit(browser, `${origin}${route.path}`));
  }
  await browser.close();
  return { transfers, browserVersion };
}

export function transferTable(
  routes: readonly Route[],
  transfers: ReadonlyMap<Route, Transfer>,
): Table {
  return {
    title: 'First visit: bytes transferred',
    note:
      'Fresh browser context (1280×720), waiting for the network to go idle so link prefetches ' +
      'count. Bytes as received (response headers plus compressed bodies, CDP ' +
      '`encodedDataLength`); kB = 1,000 bytes. Budget: a step transfers ≤ 200 kB in all; other ' +
      'pages are informational.',
    head: ['Route', 'Requests', 'JavaScript', 'Total', 'Budget', 'Result', 'Encodings'],
    rows: routes.map((route) => {
      const t = transfers.get(route);
      if (!t) return [route.path, '—', '—', '—', '—', '—', '—'];
      const budget = route.step ? `≤ ${kB(BUDGET.stepTransfer)}` : '—';
      const verdict = route.step
        ? check(
            `first visit to ${route.path} transfers ${kB(t.totalBytes)}`,
            t.totalBytes <= BUDGET.stepTransfer,
          )
        : 'informational';
      const encodings = Object.entries(t.encodings)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      return [
        route.path,
        `${t.requests}${t.failed > 0 ? ` (+${t.failed} failed)` : ''}`,
        kB(t.jsBytes),
        kB(t.totalBytes),
        budget,
        verdict,
        encodings,
      ];
    }),
  };
}

export function breakdownTable(
  routes: readonly Route[],
  transfers: ReadonlyMap<Route, Transfer>,
): Table {
  const kinds: readonly (readonly [string, (type: string) => boolean])[] = [
    ['HTML', (t) => t === 'Document'],
    ['JavaScript', (t) => t === 'Script'],
    ['RSC / fetch (prefetches)', (t) => t === 'Fetch' || t === 'XHR'],
    ['CSS', (t) => t === 'Stylesheet'],
    ['Other', (t) => !['Document', 'Script', 'Fetch', 'XHR', 'Stylesheet'].includes(t)],
  ];
  return {
    title: 'First visit: where the bytes go',
    note: 'The totals above by kind of response (requests, kB as transferred).',
    head: ['Route', ...kinds.map(([k]) => k)],
    rows: routes.map((route) => [
      route.path,
      ...kinds.map(([, test]) => {
        const of = (transfers.get(route)?.resources ?? []).filter((r) => test(r.type));
        return `${of.length} · ${kB(of.reduce((sum, r) => sum + r.bytes, 0))}`;
      }),
    ]),
  };
}

export async function scriptsTable(
  origin: string,
  routes: readonly Route[],
  transfers: ReadonlyMap<Route, Transfer>,
): Promise<Table> {
  const scripts = new Map<string, { bytes: number; routes: number }>();
  for (const t of transfers.values()) {
    for (const r of t.resources.filter((x) => x.type === 'Script')) {
      const seen = scripts.get(r.path);
      scripts.set(r.path, {
        bytes: Math.max(seen?.bytes ?? 0, r.bytes),
        routes: (seen?.routes ?? 0) + 1,
      });
    }
  }
  const largest = [...scripts].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 8);
  const contents = new Map<string, string>();
  for (const [script] of largest) {
    const text = await fetch(`${origin}${script}`)
      .then((r) => r.text())
      .catch(() => '');
    contents.set(
      script,
      SIGNATURES.filter(([, mark]) => text.includes(mark))
        .map(([name]) => name)
        .join(', '),
    );
  }
  return {
    title: 'Largest scripts',
    note: `The ${largest.length} largest scripts over all first visits, as transferred (compressed), with the libraries recognised in them.`,
    head: ['Script', 'Transferred', 'Loaded on', 'Contains'],
    rows: largest.map(([script, { bytes, routes: count }]) => [
      script,
      kB(bytes),
      `${count} of ${routes.length} routes`,
      contents.get(script) || '—',
    ]),
  };
}

export function issuesTable(
  routes: readonly Route[],
  transfers: ReadonlyMap<Route, Transfer>,
): Table {
  return {
    title: 'Browser issues on a first visit',
    note: 'DevTools issues (the source of a Lighthouse `inspector-issues` failure), console errors and page errors seen while measuring the first visits.',
    head: ['Route', 'Issue'],
    rows: routes.flatMap((route) =>
      (transfers.get(route)?.issues ?? []).map((issue) => [route.path, issue]),
    ),
  };
}
