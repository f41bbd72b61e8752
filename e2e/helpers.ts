/**
 * Shared pieces of the browser tests: the real content and the steps its machine allows (read
 * with the project's own code, so a new scenario is covered without new tests), URLs, and a
 * `test` whose fixture fails any test that logged a console error, a warning about a response
 * header, or an uncaught page error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { contentDirs, loadAllScenarios } from '../content/load';
import type { DecisionNode, OutcomeNode, Scenario, ScenarioNode } from '../content/parse';
import { listSteps, resolvePath, type StepRef } from '../machines/paths';
import {
  buildScenarioMachine,
  currentNodeId,
  type ScenarioMachine,
} from '../machines/scenario-machine';

export { strings } from '../app/_lib/strings';
export { mapNodeId, stepToken } from '../app/_lib/routes';

const contentRoot = path.resolve(__dirname, '..', 'content');

export interface ScenarioCase {
  readonly scenario: Scenario;
  readonly machine: ScenarioMachine;
  /** Every step after the briefing, as listSteps() gives them. */
  readonly steps: readonly StepRef[];
  /** The steps that are outcomes: one per complete path. */
  readonly outcomes: readonly StepRef[];
  /** The source file, exactly as on disk. */
  readonly sourceText: string;
}

function loadCases(): ScenarioCase[] {
  const dirs = contentDirs(contentRoot);
  return loadAllScenarios(dirs).map((scenario) => {
    const machine = buildScenarioMachine(scenario);
    const steps = listSteps(scenario, machine);
    return {
      scenario,
      machine,
      steps,
      outcomes: steps.filter((s) => scenario.nodes[s.nodeId]?.kind === 'outcome'),
      sourceText: fs.readFileSync(path.join(dirs.sources, scenario.source.file), 'utf8'),
    };
  });
}

export const cases: readonly ScenarioCase[] = loadCases();

export const urls = {
  library: () => '/',
  briefing: (id: string) => `/scenarios/${id}`,
  step: (id: string, stepPath: readonly string[]) =>
    `/scenarios/${id}/walk${stepPath.map((p) => `/${encodeURIComponent(p)}`).join('')}`,
  source: (id: string) => `/scenarios/${id}/source`,
  map: (id: string) => `/scenarios/${id}/map`,
  outline: (id: string) => `/scenarios/${id}/outline`,
  compare: (id: string) => `/scenarios/${id}/compare`,
  exercise: (id: string) => `/scenarios/${id}/exercise`,
  present: (id: string) => `/scenarios/${id}/present`,
  debrief: (id: string, stepPath: readonly string[]) =>
    `/scenarios/${id}/debrief${stepPath.map((p) => `/${encodeURIComponent(p)}`).join('')}`,
  debriefExport: (id: string) => `/scenarios/${id}/debrief-export`,
} as const;

/**
 * Presenter mode is built separately; its page is tested once it exists, and until then the
 * tests that need it are skipped with this reason.
 */
export const presentExists = fs.existsSync(
  path.resolve(__dirname, '..', 'app', 'scenarios', '[id]', 'present', 'page.tsx'),
);
export const presentMissing =
  'presenter mode is not built yet (no app/scenarios/[id]/present/page.tsx)';

/** A step's path for test titles: option ids joined by '/', or '(first decision)'. */
export function stepName(stepPath: readonly string[]): string {
  return stepPath.length > 0 ? stepPath.join('/') : '(first decision)';
}

/** The node a path leads to, as the machine says. */
export function nodeAt(c: ScenarioCase, stepPath: readonly string[]): ScenarioNode {
  const resolved = resolvePath(c.machine, stepPath);
  if (!resolved.ok) throw new Error(`${c.scenario.id}: no step at ${stepPath.join('/')}`);
  const node = c.scenario.nodes[currentNodeId(resolved.snapshot)];
  if (!node) throw new Error(`${c.scenario.id}: no node for ${stepPath.join('/')}`);
  return node;
}

/** The id of the node a path leads to. */
export function idOf(c: ScenarioCase, stepPath: readonly string[]): string {
  const resolved = resolvePath(c.machine, stepPath);
  if (!resolved.ok) throw new Error(`${c.scenario.id}: no step at ${stepPath.join('/')}`);
  return currentNodeId(resolved.snapshot);
}

export function decisionAt(c: ScenarioCase, stepPath: readonly string[]): DecisionNode {
  const node = nodeAt(c, stepPath);
  if (node.kind !== 'decision') throw new Error(`${stepPath.join('/')} is not a decision`);
  return node;
}

export function outcomeAt(c: ScenarioCase, stepPath: readonly string[]): OutcomeNode {
  const node = nodeAt(c, stepPath);
  if (node.kind !== 'outcome') throw new Error(`${stepPath.join('/')} is not an outcome`);
  return node;
}

/** The label of the option a path chooses at its last decision. */
export function optionLabel(c: ScenarioCase, stepPath: readonly string[]): string {
  const decision = decisionAt(c, stepPath.slice(0, -1));
  const option = decision.options.find((o) => o.id === stepPath.at(-1));
  if (!option) throw new Error(`no option ${stepPath.at(-1)} at ${decision.title}`);
  return option.label;
}

/** The longest outcome path, so tests that need depth get the deepest walk. */
export function deepestOutcome(c: ScenarioCase): StepRef {
  const [deepest] = [...c.outcomes].sort((a, b) => b.path.length - a.path.length);
  if (!deepest) throw new Error(`${c.scenario.id} has no outcome`);
  return deepest;
}

/** Whitespace runs collapsed to one space and trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Every page of a scenario a reader can reach, with a name for test titles. */
export function scenarioPages(c: ScenarioCase): { name: string; url: string }[] {
  const { id } = c.scenario;
  return [
    { name: `${id} briefing`, url: urls.briefing(id) },
    ...c.steps.map((s) => ({ name: `${id} step ${stepName(s.path)}`, url: urls.step(id, s.path) })),
    { name: `${id} source reader`, url: urls.source(id) },
    { name: `${id} map`, url: urls.map(id) },
    { name: `${id} outline`, url: urls.outline(id) },
    { name: `${id} compare`, url: urls.compare(id) },
    { name: `${id} exercise`, url: urls.exercise(id) },
    ...debriefPages(c),
    ...(presentExists ? [{ name: `${id} presenter`, url: urls.present(id) }] : []),
  ];
}

/** The debrief page of the deepest outcome: one stands for them all in the page-wide checks. */
function debriefPages(c: ScenarioCase): { name: string; url: string }[] {
  const outcome = c.outcomes.length > 0 ? deepestOutcome(c) : undefined;
  return outcome
    ? [
        {
          name: `${c.scenario.id} debrief ${stepName(outcome.path)}`,
          url: urls.debrief(c.scenario.id, outcome.path),
        },
      ]
    : [];
}

/**
 * Presses Tab until `isTarget` holds for the focused element (at most `limit` presses), so a
 * control is reached the way a keyboard user reaches it. Returns the number of presses.
 */
export async function tabUntil(
  page: Page,
  isTarget: () => Promise<boolean>,
  what: string,
  limit = 80,
): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await isTarget()) return presses;
  }
  throw new Error(`Tab never reached ${what} in ${limit} presses`);
}

/** Tabs to a locator's element (see tabUntil). */
export async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  await expect(target).toBeVisible();
  await tabUntil(
    page,
    () => target.evaluate((el) => el === document.activeElement),
    String(target),
    limit,
  );
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The production build the tests run against: next.config.js's `distDir`. */
export const BUILD_DIR = path.join(process.cwd(), process.env.CROSSROADS_DIST_DIR || '.next');

/** A URL matcher for a path, ignoring origin, and with nothing after it but an optional hash. */
export function urlOf(pathname: string): RegExp {
  return new RegExp(`^https?://[^/]+${escapeRegExp(pathname)}/?(#.*)?$`);
}

/**
 * A full-page picture of `page`, kept with the test's results (test-results/) and attached to its
 * report, to look at in review. With `width`, taken at that width, then the page's size is put
 * back.
 */
export async function shoot(page: Page, name: string, width?: number): Promise<void> {
  const size = page.viewportSize();
  if (width && size) await page.setViewportSize({ width, height: 812 });
  const file = base.info().outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  await base.info().attach(name, { path: file, contentType: 'image/png' });
  if (width && size) await page.setViewportSize(size);
}

/**
 * Resolves once React has hydrated the page (its fiber is attached to the body) and, on a
 * scenario's pages, the walk runtime is not still loading (its live region says data-walk
 * "ready", or "idle" where the page does not need it): on a step, keyboard handlers are in place.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const hydrated = Object.keys(document.body).some((k) => k.startsWith('__reactFiber'));
          const walk = document.querySelector('[data-walk]');
          return hydrated && (!walk || walk.getAttribute('data-walk') !== 'loading');
        }),
      { message: 'the page hydrates' },
    )
    .toBe(true);
}

interface ConsoleProblem {
  readonly kind: 'console' | 'pageerror';
  readonly page: string;
  readonly text: string;
}

export interface ConsoleGuard {
  /** A document this test expects to answer 404: the browser's own "Failed to load" line for it is not an app error. */
  expectNotFound(url: string): void;
}

/**
 * `test` with an automatic check: no console error, no warning about a response header and no
 * uncaught exception on any page visited.
 */
export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  consoleGuard: [
    async ({ page }, provide) => {
      const expected404 = new Set<string>();
      const problems: ConsoleProblem[] = [];
      page.on('console', (msg) => {
        // Warnings count only when they are about a response header: a header Chromium cannot
        // read (e.g. an unknown Permissions-Policy feature) is a header that does not protect.
        const headerWarning = msg.type() === 'warning' && /\bheader\b/i.test(msg.text());
        if (msg.type() !== 'error' && !headerWarning) return;
        const where = msg.location().url;
        const is404 = /Failed to load resource: the server responded with a status of 404/;
        if (expected404.has(where) && is404.test(msg.text())) return;
        problems.push({ kind: 'console', page: page.url(), text: `${msg.text()} (${where})` });
      });
      page.on('pageerror', (error) => {
        problems.push({ kind: 'pageerror', page: page.url(), text: error.stack ?? error.message });
      });
      await provide({
        expectNotFound: (url) => {
          expected404.add(new URL(url, test.info().project.use.baseURL).href);
        },
      });
      expect(problems, 'console errors and uncaught exceptions on the pages visited').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
