/**
 * axe-core finds no WCAG 2.2 AA or best-practice violation on any page, in light and dark colour schemes; no page
 * scrolls sideways at 320 px (a region that scrolls on its own, like the map, may be wider); and
 * no page logs a console error (the `test` fixture checks that).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cases, expect, presentExists, presentMissing, scenarioPages, test, urls } from './helpers';

/** WCAG 2.2 A and AA, and axe's best practices (e.g. landmarks with unique names). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const NOT_FOUND = '/scenarios/nope';

const pages: { name: string; url: string }[] = [
  { name: 'library', url: urls.library() },
  ...cases.flatMap(scenarioPages),
  { name: '404 page', url: NOT_FOUND },
];

/** One line per failing element: rule id, impact, selector and axe's summary. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} [${v.impact ?? 'n/a'}] ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`,
    ),
  );
}

for (const { name, url } of pages) {
  test.describe(name, () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`axe: no WCAG 2.2 AA or best-practice violations (${colorScheme})`, async ({
        page,
        consoleGuard,
      }) => {
        if (url === NOT_FOUND) consoleGuard.expectNotFound(url);
        await page.emulateMedia({ colorScheme });
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
      });
    }

    test('no horizontal scroll at 320 px', async ({ page, consoleGuard }) => {
      if (url === NOT_FOUND) consoleGuard.expectNotFound(url);
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        // Content inside a region that scrolls sideways on its own (the map, the comparison
        // table) may be wider: only the document must not scroll sideways.
        const inScroller = (el: Element) => {
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
          }
          return false;
        };
        const wide = [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
          .filter((el) => !inScroller(el))
          .slice(0, 5)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`,
          );
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
      });
      expect(
        overflow.scrollWidth,
        `wider than the viewport: ${overflow.wide.join(', ')}`,
      ).toBeLessThanOrEqual(overflow.clientWidth);
    });
  });
}

if (!presentExists) {
  test.describe('presenter mode', () => {
    test('axe, 320 px and console checks', () => {
      test.skip(true, presentMissing);
    });
  });
}

test.describe('console', () => {
  test('no console errors on any page of the app', async ({ page }) => {
    for (const { url } of pages.filter((p) => p.url !== NOT_FOUND)) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    }
  });
});
