/**
 * Addresses the app does not have answer 404 with a page that leads back to the library; under a
 * walk path, with JavaScript, it also offers the nearest valid step (the longest valid prefix).
 */
import { cases, expect, strings, test, urlOf, urls } from './helpers';

interface BogusCase {
  readonly url: string;
  /** Where "Nearest valid step" should lead, with JavaScript; undefined when none is offered. */
  readonly nearest: string | undefined;
}

const bogus: BogusCase[] = [
  { url: '/nope', nearest: undefined },
  { url: '/scenarios/nope', nearest: undefined },
  { url: '/scenarios/nope/walk/nope', nearest: undefined },
  // Pages rendered on request (proxy.ts answers unknown addresses before rendering).
  { url: '/scenarios/nope/compare', nearest: undefined },
  { url: '/scenarios/nope/debrief/nope', nearest: undefined },
  ...cases.flatMap((c): BogusCase[] => {
    const { id } = c.scenario;
    const deepest = [...c.steps].sort((a, b) => b.path.length - a.path.length)[0]?.path ?? [];
    const firstOption = deepest.slice(0, 1);
    return [
      { url: `${urls.step(id, [])}/nope`, nearest: urls.step(id, []) },
      { url: `${urls.step(id, firstOption)}/nope`, nearest: urls.step(id, firstOption) },
      { url: `${urls.step(id, deepest)}/nope`, nearest: urls.step(id, deepest) },
      { url: `${urls.step(id, [])}/nope/${firstOption.join('/')}`, nearest: urls.step(id, []) },
      { url: `${urls.briefing(id)}/nope`, nearest: urls.briefing(id) },
      { url: `${urls.debrief(id, deepest)}/nope`, nearest: urls.briefing(id) },
    ];
  }),
];

for (const javaScriptEnabled of [true, false]) {
  test.describe(`404, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    for (const { url, nearest } of bogus) {
      test(url, async ({ page, consoleGuard }) => {
        consoleGuard.expectNotFound(url);
        const response = await page.goto(url);
        expect(response?.status()).toBe(404);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(strings.notFoundTitle);

        const library = page.getByRole('link', { name: strings.backToLibrary, exact: true });
        await expect(library).toHaveAttribute('href', urls.library());

        const nearestLink = page.getByRole('link', { name: new RegExp(`^${strings.nearestStep}`) });
        if (javaScriptEnabled && nearest !== undefined) {
          await expect(nearestLink).toHaveAttribute('href', nearest);
          // The button names the page it leads to: its text after the label is that page's title.
          const named = ((await nearestLink.textContent()) ?? '').slice(
            `${strings.nearestStep}: `.length,
          );
          await nearestLink.click();
          await expect(page).toHaveURL(urlOf(nearest));
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(named);
        } else {
          await expect(nearestLink).toHaveCount(0);
          await library.click();
          await expect(page).toHaveURL(urlOf(urls.library()));
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(strings.libraryTitle);
        }
      });
    }
  });
}
