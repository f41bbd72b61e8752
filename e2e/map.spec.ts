/**
 * The decision map: one link per step and one for the briefing, each leading to a real page and
 * reachable by Tab with a visible focus indicator. Arriving from a step highlights the path to
 * it (JavaScript on) or makes its box the :target (JavaScript off); saved progress marks the
 * boxes visited.
 */
import type { Page } from '@playwright/test';
import type { StepRef } from '../machines/paths';
import {
  cases,
  deepestOutcome,
  escapeRegExp,
  expect,
  mapNodeId,
  optionLabel,
  stepName,
  stepToken,
  strings,
  tabUntil,
  test,
  urlOf,
  urls,
  waitForHydration,
  type ScenarioCase,
} from './helpers';

const BRIEFING_KEY = 'briefing';

/**
 * How the map marks an outcome's silence: 'all' where the text gives the path no consequence (on
 * its choices or its outcome), 'part' where it does; false without a silence.
 */
function silenceOf(c: ScenarioCase, step: StepRef | undefined): 'all' | 'part' | false {
  const node = step ? c.scenario.nodes[step.nodeId] : undefined;
  if (node?.kind !== 'outcome' || node.silences.length === 0) return false;
  const said = step!.snapshot.context.trail.some((choice) => {
    const d = c.scenario.nodes[choice.nodeId];
    return (
      d?.kind === 'decision' &&
      (d.options.find((o) => o.id === choice.optionId)?.consequences.length ?? 0) > 0
    );
  });
  return said || node.consequences.length > 0 ? 'part' : 'all';
}

/** Box keys (see mapNodeId) of a step and of every step before it, with the briefing. */
function keysOnPath(stepPath: readonly string[]): string[] {
  return [
    BRIEFING_KEY,
    ...stepPath.map((_, i) => stepToken(stepPath.slice(0, i))),
    stepToken(stepPath),
  ];
}

/** Every box key of the map: the briefing and one per step. */
function allKeys(c: ScenarioCase): string[] {
  return [BRIEFING_KEY, ...c.steps.map((s) => stepToken(s.path))];
}

const box = (page: Page, key: string) => page.locator(`svg a[id="${mapNodeId(key)}"]`);
/** The line from a box's parent to the box. */
const edgeTo = (page: Page, key: string) => page.locator(`svg .map-edge[data-to="${key}"]`);

/** Follows the "Map" link among the scenario views of a step page. */
async function openMapFromStep(page: Page) {
  await page
    .getByRole('navigation', { name: strings.scenarioTools })
    .getByRole('link', { name: strings.map, exact: true })
    .click();
}

/** What shows a box has focus: its own outline, or its rectangle's stroke. */
function focusLook(page: Page, key: string) {
  return box(page, key).evaluate((a) => {
    const rect = a.querySelector('rect');
    const own = getComputedStyle(a);
    const r = rect ? getComputedStyle(rect) : undefined;
    return {
      outline: own.outlineStyle === 'none' ? 'none' : `${own.outlineStyle} ${own.outlineWidth}`,
      stroke: r ? `${r.stroke} ${r.strokeWidth}` : '',
    };
  });
}

for (const c of cases) {
  const { id } = c.scenario;
  const keys = allKeys(c);
  const hrefs = [urls.briefing(id), ...c.steps.map((s) => urls.step(id, s.path))];

  test.describe(`${id}: decision map`, () => {
    test('one link per step and one for the briefing, each to a page that answers 200', async ({
      page,
      request,
    }) => {
      await page.goto(urls.map(id));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        strings.mapTitle(c.scenario.title),
      );
      const links = page.locator('svg a');
      await expect(links).toHaveCount(keys.length);
      const onPage = await links.evaluateAll((as) =>
        as.map((a) => ({ id: a.id, href: a.getAttribute('href') ?? '' })),
      );
      expect(onPage.map((l) => l.id).sort()).toEqual(keys.map(mapNodeId).sort());
      expect(onPage.map((l) => l.href).sort()).toEqual([...hrefs].sort());
      for (const key of keys) {
        const step = c.steps.find((s) => stepToken(s.path) === key);
        await expect(box(page, key), `box ${key} links to its page`).toHaveAttribute(
          'href',
          step ? urls.step(id, step.path) : urls.briefing(id),
        );
        // Each box is named by its kind, its title, the option that leads to it, and silence; the
        // name starts with the box's visible text, in order (WCAG 2.5.3, label in name).
        const node = c.scenario.nodes[step ? step.nodeId : c.scenario.start];
        if (!node) throw new Error(`no node for box ${key}`);
        await expect(box(page, key)).toHaveAccessibleName(
          strings.mapNodeName(
            strings.mapKind[node.kind],
            node.title,
            step && step.path.length > 0 ? optionLabel(c, step.path) : undefined,
            silenceOf(c, step),
            (node.kind === 'outcome' && node.ruledOut?.tie.kind) || false,
          ),
        );
        const visible = await box(page, key)
          .locator('text')
          .evaluateAll((texts) =>
            texts
              .map((t) => t.textContent ?? '')
              .join('')
              .replace(/\s+/g, ' ')
              .trim(),
          );
        expect(await box(page, key).getAttribute('aria-label')).toMatch(
          new RegExp(`^${escapeRegExp(visible)}`),
        );
      }
      for (const href of hrefs) {
        const response = await request.get(href);
        expect(response.status(), `GET ${href}`).toBe(200);
      }
    });

    test('every line of text fits inside its box', async ({ page }) => {
      await page.goto(urls.map(id));
      const overflowing = await page.locator('svg a').evaluateAll((as) =>
        as.flatMap((a) => {
          const rect = a.querySelector('rect')?.getBBox();
          if (!rect) return [`${a.id}: no box`];
          return [...a.querySelectorAll('text')]
            .map((t) => t.getBBox())
            .filter((b) => b.x < rect.x + 2 || b.x + b.width > rect.x + rect.width - 2)
            .map(() => `${a.id}: ${a.textContent ?? ''}`);
        }),
      );
      expect(overflowing).toEqual([]);
    });

    test('on a phone, the map opens with its start in view', async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(urls.map(id));
      await waitForHydration(page);
      const start = box(page, 'briefing').locator('rect');
      await expect
        .poll(async () => {
          const [scroller, r] = await Promise.all([
            page.locator('.map-scroll').boundingBox(),
            start.boundingBox(),
          ]);
          return (
            !!scroller && !!r && r.x >= scroller.x && r.x + r.width <= scroller.x + scroller.width
          );
        })
        .toBe(true);
    });

    test('Tab reaches every box in turn, each with a visible focus indicator', async ({ page }) => {
      await page.goto(urls.map(id));
      await waitForHydration(page);
      const domOrder = await page.locator('svg a').evaluateAll((as) => as.map((a) => a.id));
      const unfocused = new Map<string, { outline: string; stroke: string }>();
      for (const key of keys) unfocused.set(mapNodeId(key), await focusLook(page, key));

      const focusedBox = () =>
        page.evaluate(() => {
          const el = document.activeElement;
          return el instanceof SVGAElement ? el.id : null;
        });
      const reached: string[] = [];
      await tabUntil(page, async () => (await focusedBox()) !== null, 'the first map box');
      for (;;) {
        const focused = await focusedBox();
        if (focused === null) break;
        reached.push(focused);
        const key = keys.find((k) => mapNodeId(k) === focused) ?? '';
        const look = await focusLook(page, key);
        expect(
          look,
          `box ${key} looks different with keyboard focus (outline or stroke)`,
        ).not.toEqual(unfocused.get(focused));
        if (reached.length > keys.length) break;
        await page.keyboard.press('Tab');
      }
      expect(reached, 'every box is reached once, in document order').toEqual(domOrder);
    });

    for (const javaScriptEnabled of [true, false]) {
      test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
        test.use({ javaScriptEnabled });
        const target = deepestOutcome(c).path;
        const token = stepToken(target);
        const onPath = keysOnPath(target);
        const offPath = keys.filter((k) => !onPath.includes(k));

        test(`the Map link on step ${stepName(target)} opens the map at that step`, async ({
          page,
        }) => {
          // Walk there by the option links, so progress is saved the way a reader saves it.
          await page.goto(urls.step(id, []));
          for (let i = 1; i <= target.length; i += 1) {
            const prefix = target.slice(0, i);
            await page.locator(`a.option[data-option="${prefix.at(-1) as string}"]`).click();
            await expect(page).toHaveURL(urlOf(urls.step(id, prefix)));
          }
          if (javaScriptEnabled) await waitForHydration(page);
          await openMapFromStep(page);
          await expect(page).toHaveURL(
            new RegExp(
              `${escapeRegExp(urls.map(id))}\\?step=${escapeRegExp(encodeURIComponent(token))}#${mapNodeId(token)}$`,
            ),
          );
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(
            strings.mapTitle(c.scenario.title),
          );

          if (javaScriptEnabled) {
            for (const key of onPath) {
              await expect(box(page, key), `box ${key} is on the path`).toHaveClass(
                /\bis-on-path\b/,
              );
            }
            for (const key of onPath.filter((k) => k !== BRIEFING_KEY)) {
              await expect(edgeTo(page, key), `the line to ${key} is on the path`).toHaveClass(
                /\bis-on-path\b/,
              );
            }
            for (const key of offPath) {
              await expect(box(page, key), `box ${key} is off the path`).not.toHaveClass(
                /\bis-on-path\b/,
              );
              await expect(edgeTo(page, key)).not.toHaveClass(/\bis-on-path\b/);
            }

            // Saved progress: the steps walked are marked visited, and only those.
            for (const key of onPath) {
              await expect(box(page, key), `box ${key} is visited`).toHaveClass(/\bis-visited\b/);
            }
            for (const key of offPath) {
              await expect(box(page, key), `box ${key} is not visited`).not.toHaveClass(
                /\bis-visited\b/,
              );
            }
          } else {
            const targetBox = page.locator(':target');
            await expect(targetBox).toHaveAttribute('id', mapNodeId(token));
            await expect(targetBox).toHaveAttribute('href', urls.step(id, target));
            await expect(targetBox).toBeInViewport();
          }
        });
      });
    }
  });
}
