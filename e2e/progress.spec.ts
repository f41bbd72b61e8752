/**
 * Saved progress (JavaScript on): the briefing offers the last step reached; anything in storage
 * that cannot be trusted is discarded with a notice, and the page still works.
 */
import type { Page } from '@playwright/test';
import {
  cases,
  deepestOutcome,
  expect,
  nodeAt,
  optionLabel,
  strings,
  test,
  urlOf,
  urls,
  waitForHydration,
} from './helpers';

const progressKey = (id: string) => `crossroads:progress:${id}`;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

for (const c of cases) {
  const { id, title } = c.scenario;
  const target = deepestOutcome(c).path;
  const firstChoice = target.slice(0, 1);
  /** The resume link names the step by the option labels chosen (see app/_lib/labels.ts). */
  const resumeLabel = (stepPath: readonly string[]) =>
    strings.resume(
      stepPath.length > 0
        ? stepPath.map((_, i) => optionLabel(c, stepPath.slice(0, i + 1))).join(' → ')
        : nodeAt(c, []).title,
    );

  test.describe(`${id}: saved progress`, () => {
    test('the briefing offers to resume at the last step reached', async ({ page }) => {
      await page.goto(urls.briefing(id));
      await expect(h1(page)).toHaveText(title);
      await page.getByRole('link', { name: strings.start, exact: true }).first().click();
      await expect(page).toHaveURL(urlOf(urls.step(id, [])));
      const option = target[0] as string;
      await page.locator(`a.option[data-option="${option}"]`).click();
      await expect(page).toHaveURL(urlOf(urls.step(id, firstChoice)));

      // Back to the briefing in the app, then on a fresh load: both offer the step.
      await page
        .getByRole('navigation', { name: strings.stepNav })
        .getByRole('link', { name: strings.restart })
        .click();
      await expect(page).toHaveURL(urlOf(urls.briefing(id)));
      const resume = page.getByRole('link', { name: resumeLabel(firstChoice), exact: true });
      await expect(resume).toHaveAttribute('href', urls.step(id, firstChoice));

      await page.reload();
      await expect(resume).toHaveAttribute('href', urls.step(id, firstChoice));
      await resume.click();
      await expect(page).toHaveURL(urlOf(urls.step(id, firstChoice)));
      await expect(h1(page)).toHaveText(nodeAt(c, firstChoice).title);
    });

    test('a step opened directly by its URL is saved too', async ({ page }) => {
      await page.goto(urls.step(id, target));
      await expect(h1(page)).toBeVisible();
      // Saving starts with the walk's scripts, which start after the first paint: a reader who
      // leaves before then has nothing saved (docs/decisions/004-mobile-performance.md).
      await waitForHydration(page);
      await page
        .getByRole('navigation', { name: strings.stepNav })
        .getByRole('link', { name: strings.restart })
        .click();
      await expect(page).toHaveURL(urlOf(urls.briefing(id)));
      await expect(
        page.getByRole('link', { name: resumeLabel(target), exact: true }),
      ).toHaveAttribute('href', urls.step(id, target));
    });

    const corrupt: { name: string; value: string }[] = [
      { name: 'not JSON', value: '{"version":1,' },
      {
        name: 'another version',
        value: JSON.stringify({
          version: 99,
          scenarioId: id,
          path: [],
          savedAt: new Date(0).toISOString(),
        }),
      },
      {
        name: 'a path the scenario does not have',
        value: JSON.stringify({
          version: 1,
          scenarioId: id,
          path: ['nope'],
          savedAt: new Date(0).toISOString(),
        }),
      },
    ];
    for (const { name, value } of corrupt) {
      test(`saved progress that is ${name} is discarded with a notice`, async ({ page }) => {
        await page.addInitScript(
          ([key, raw]) => {
            if (sessionStorage.getItem('e2e-seeded') === null) {
              localStorage.setItem(key, raw);
              sessionStorage.setItem('e2e-seeded', '1');
            }
          },
          [progressKey(id), value] as const,
        );
        await page.goto(urls.briefing(id));
        await expect(h1(page)).toHaveText(title);
        await expect(page.getByText(strings.discardedProgress)).toBeVisible();
        await expect(page.getByRole('link', { name: /^Resume where you left off/ })).toHaveCount(0);
        expect(await page.evaluate((key) => localStorage.getItem(key), progressKey(id))).toBeNull();

        // The page still works: the walkthrough starts.
        await page.getByRole('link', { name: strings.start, exact: true }).first().click();
        await expect(page).toHaveURL(urlOf(urls.step(id, [])));

        // Progress saved from then on is offered again, and the notice is gone.
        await page.goto(urls.briefing(id));
        await expect(
          page.getByRole('link', { name: strings.resume(nodeAt(c, []).title), exact: true }),
        ).toHaveAttribute('href', urls.step(id, []));
        await expect(page.getByText(strings.discardedProgress)).toHaveCount(0);
      });
    }
  });
}
