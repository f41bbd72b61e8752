/** Printing an outcome keeps the text's words and drops the site's chrome. */
import { cases, deepestOutcome, expect, stepName, strings, test, urls } from './helpers';

for (const c of cases) {
  const outcome = deepestOutcome(c);
  test(`${c.scenario.id}: printing outcome ${stepName(outcome.path)}`, async ({ page }) => {
    await page.goto(urls.step(c.scenario.id, outcome.path));
    await page.emulateMedia({ media: 'print' });

    const quotes = page.getByRole('main').locator('blockquote');
    expect(await quotes.count()).toBeGreaterThan(0);
    for (const quote of await quotes.all()) await expect(quote).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.getByRole('navigation', { name: strings.primaryNav })).toBeHidden();
    await expect(page.locator('.step-nav')).toBeHidden();
    // On paper a quote's location is its paragraph and sentence: no site-relative link after it,
    // and no open/closed marker on sections that print open.
    const printed = await page.evaluate(() => ({
      linkSuffixes: [...document.querySelectorAll('.quote__where a')].map(
        (a) => getComputedStyle(a, '::after').content,
      ),
      markers: [...document.querySelectorAll('details > summary')].map(
        (s) => getComputedStyle(s, '::before').display,
      ),
    }));
    expect(printed.linkSuffixes.length).toBeGreaterThan(0);
    expect(new Set(printed.linkSuffixes)).toEqual(new Set(['none']));
    expect(printed.markers.every((d) => d === 'none')).toBe(true);

    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('.site-header')).toBeVisible();
    await expect(page.getByRole('navigation', { name: strings.stepNav })).toBeVisible();
  });
}
