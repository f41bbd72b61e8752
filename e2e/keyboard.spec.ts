/**
 * Keyboard only, JavaScript on: number keys choose, Backspace and Alt+ArrowLeft go back, R
 * restarts; focus lands on the new page's heading and the live region announces it. Tab reaches
 * the options in order, with a visible focus outline.
 */
import type { Page } from '@playwright/test';
import {
  cases,
  decisionAt,
  expect,
  nodeAt,
  strings,
  test,
  urlOf,
  urls,
  waitForHydration,
  type ScenarioCase,
} from './helpers';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const liveRegion = (page: Page) => page.locator('[role="status"][aria-live="polite"]');

async function expectArrivedAt(page: Page, c: ScenarioCase, stepPath: readonly string[]) {
  const title = nodeAt(c, stepPath).title;
  await expect(page).toHaveURL(urlOf(urls.step(c.scenario.id, stepPath)));
  await expect(h1(page)).toHaveText(title);
  await expect(h1(page)).toBeFocused();
  await expect(liveRegion(page)).toContainText(title);
}

for (const c of cases) {
  const { id, title } = c.scenario;
  const first = decisionAt(c, []);
  const [option1, option2] = first.options;

  test.describe(`${id}: keyboard`, () => {
    test.beforeEach(async ({ page }) => {
      await page.goto(urls.step(id, []));
      await expect(h1(page)).toHaveText(first.title);
      await waitForHydration(page);
    });

    test('1 chooses the first option, Backspace and Alt+ArrowLeft go back, R restarts', async ({
      page,
    }) => {
      if (!option1) throw new Error('the first decision has no option');
      await page.keyboard.press('1');
      await expectArrivedAt(page, c, [option1.id]);
      await expect(liveRegion(page)).toHaveText(
        strings.announceStep(nodeAt(c, [option1.id]).title),
      );

      await page.keyboard.press('Backspace');
      await expectArrivedAt(page, c, []);

      await page.keyboard.press('1');
      await expectArrivedAt(page, c, [option1.id]);
      await page.keyboard.press('Alt+ArrowLeft');
      await expectArrivedAt(page, c, []);

      await page.keyboard.press('1');
      await expectArrivedAt(page, c, [option1.id]);
      await page.keyboard.press('r');
      await expect(page).toHaveURL(urlOf(urls.briefing(id)));
      await expect(h1(page)).toHaveText(title);
      await expect(h1(page)).toBeFocused();
      await expect(liveRegion(page)).toContainText(title);
    });

    test('Tab reaches the options in order, with a visible focus outline', async ({ page }) => {
      if (!option1) throw new Error('the first decision has no option');
      const focusedOption = () =>
        page.evaluate(() => {
          const el = document.activeElement;
          return el instanceof HTMLElement && el.matches('a.option') ? el.dataset.option : null;
        });
      let reached: string | null | undefined = null;
      for (let presses = 0; presses < 100 && !reached; presses += 1) {
        await page.keyboard.press('Tab');
        reached = await focusedOption();
      }
      expect(reached, 'the first option link Tab reaches').toBe(option1.id);

      const link = page.locator(`a.option[data-option="${option1.id}"]`);
      await expect(link).toBeFocused();
      const outline = await link.evaluate((el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: style.outlineWidth };
      });
      expect(outline.style).not.toBe('none');
      expect(parseFloat(outline.width)).toBeGreaterThan(0);

      if (option2) {
        await page.keyboard.press('Tab');
        await expect(page.locator(`a.option[data-option="${option2.id}"]`)).toBeFocused();
      }

      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await expectArrivedAt(page, c, [option1.id]);
    });
  });
}
