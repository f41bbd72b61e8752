/**
 * The compare page, JavaScript off: the form picks two outcomes and the page shows only what
 * the text says on one and not the other; decision by decision, what the text says of each
 * option, quoted. Unknown picks and unknown scenarios never crash.
 */
import type { Locator } from '@playwright/test';
import type { Claim, Consequence } from '../content/parse';
import { answerClaims, answerFor } from '../machines/answers';
import {
  cases,
  collapse,
  escapeRegExp,
  expect,
  idOf,
  optionLabel,
  outcomeAt,
  stepToken,
  strings,
  test,
  urlOf,
  urls,
  type ScenarioCase,
} from './helpers';

/** Every claim an outcome page quotes: each choice's answer and silence, the outcome's own. */
function claimsOnOutcome(c: ScenarioCase, stepPath: readonly string[]): string[] {
  const ids: string[] = [];
  for (let i = 1; i <= stepPath.length; i += 1) {
    const answer = answerFor(c.scenario, idOf(c, stepPath.slice(0, i - 1)), stepPath[i - 1]!);
    ids.push(...answerClaims(answer), ...(answer.silence?.parts ?? []));
  }
  const outcome = outcomeAt(c, stepPath);
  ids.push(
    ...outcome.consequences.map((x) => x.claim),
    ...outcome.silences.flatMap((s) => s.parts),
  );
  return [...new Set(ids)];
}

const claimOf = (c: ScenarioCase, id: string): Claim => {
  const claim = c.scenario.claims[id];
  if (!claim) throw new Error(`unknown claim ${id}`);
  return claim;
};

/** The claims shown in a part of the page: their labels, and the text each quotes. */
async function claimsIn(scope: Locator) {
  return scope.locator('.claim').evaluateAll((cards) =>
    cards.map((card) => ({
      label: card.querySelector('.claim__label')?.textContent ?? '',
      quotes: [...card.querySelectorAll('blockquote')].map((q) => q.textContent ?? ''),
      located: [...card.querySelectorAll('figure.quote figcaption a')].length,
    })),
  );
}

async function expectClaims(scope: Locator, claims: readonly Claim[], what: string) {
  const shown = await claimsIn(scope);
  expect(shown.map((s) => collapse(s.label)).sort(), what).toEqual(
    claims.map((c) => c.label).sort(),
  );
  for (const claim of claims) {
    const card = shown.find((s) => collapse(s.label) === claim.label);
    expect(card?.quotes.map(collapse), `${what}: "${claim.label}" is quoted`).toEqual(
      claim.citations.map((x) => collapse(x.text)),
    );
    expect(card?.located, `${what}: "${claim.label}" has a location per quote`).toBe(
      claim.citations.length,
    );
  }
}

const sorted = (list: readonly string[]) => [...list].sort();

for (const c of cases) {
  const { id } = c.scenario;
  const tokens = c.outcomes.map((o) => stepToken(o.path));
  // The pair the brief names for the Kabul scenario; any other scenario compares its first and last outcomes.
  const [aPath, bPath]: readonly [readonly string[], readonly string[]] =
    tokens.includes('pakistan/partnership') && tokens.includes('ttp/pressure')
      ? [
          ['pakistan', 'partnership'],
          ['ttp', 'pressure'],
        ]
      : [c.outcomes[0]?.path ?? [], c.outcomes.at(-1)?.path ?? []];

  test.describe(`${id}: compare, JavaScript off`, () => {
    test.use({ javaScriptEnabled: false });

    test(`the form shows only the differences between ${stepToken(aPath)} and ${stepToken(bPath)}`, async ({
      page,
    }) => {
      const response = await page.goto(urls.compare(id));
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        strings.compareTitle(c.scenario.title),
      );
      await page.getByLabel(strings.pathA, { exact: true }).selectOption(stepToken(aPath));
      await page.getByLabel(strings.pathB, { exact: true }).selectOption(stepToken(bPath));
      await page.getByRole('button', { name: strings.showDifferences, exact: true }).click();
      await expect(page).toHaveURL(
        new RegExp(
          `${escapeRegExp(urls.compare(id))}\\?a=${escapeRegExp(encodeURIComponent(stepToken(aPath)))}&b=${escapeRegExp(encodeURIComponent(stepToken(bPath)))}(#.*)?$`,
        ),
      );
      await expect(page.getByLabel(strings.pathA, { exact: true })).toHaveValue(stepToken(aPath));
      await expect(page.getByLabel(strings.pathB, { exact: true })).toHaveValue(stepToken(bPath));

      const onA = claimsOnOutcome(c, aPath);
      const onB = claimsOnOutcome(c, bPath);
      for (const [x, mine, theirs] of [
        [aPath, onA, onB],
        [bPath, onB, onA],
      ] as const) {
        const outcome = outcomeAt(c, x);
        const only = mine.filter((claimId) => !theirs.includes(claimId)).map((i) => claimOf(c, i));
        const region = page.getByRole('region', {
          name: strings.onlyOn(outcome.title),
          exact: true,
        });
        await expect(region).toBeVisible();
        await expectClaims(region, only, `only on ${stepToken(x)}`);
        if (only.length === 0) await expect(region).toContainText(strings.noDifferences);
        expect(
          sorted((await region.locator('.silence').allTextContents()).map(collapse)),
          `the silences of ${stepToken(x)}`,
        ).toEqual(sorted(outcome.silences.map((s) => strings.textDoesNotSay(s.about))));
      }
    });

    test('decision by decision: what the text says of each option, quoted, with its tie', async ({
      page,
    }) => {
      await page.goto(urls.compare(id));
      const seen = new Set<string>();
      for (const step of c.steps) {
        const decision = c.scenario.nodes[step.nodeId];
        if (decision?.kind !== 'decision' || seen.has(step.nodeId)) continue;
        seen.add(step.nodeId);
        const name =
          step.path.length > 0
            ? strings.decisionAfter(
                decision.title,
                step.path.map((_, i) => optionLabel(c, step.path.slice(0, i + 1))).join(' → '),
              )
            : decision.title;
        const region = page.getByRole('region', { name, exact: true });
        await expect(region, `a section for "${name}"`).toBeVisible();

        const answers = decision.options.map((o) => answerFor(c.scenario, step.nodeId, o.id));
        const key = (x: Consequence) => JSON.stringify(x);
        const shared = answers
          .map((a) => a.consequences.map(key))
          .reduce((acc, list) => acc.filter((k) => list.includes(k)));
        const everyClaim: Claim[] = (answers[0]?.consequences ?? [])
          .filter((x) => shared.includes(key(x)))
          .map((x) => claimOf(c, x.claim));
        for (const [i, option] of decision.options.entries()) {
          const answer = answers[i]!;
          const only = [
            ...answer.consequences.filter((x) => !shared.includes(key(x))).map((x) => x.claim),
            ...(answer.ruledOut ? [answer.ruledOut.claim] : []),
            ...(answer.silence?.parts ?? []),
            ...(answer.silence?.contested?.claims ?? []),
          ].map((x) => claimOf(c, x));
          // The heading says where what it shows sits by our reading (an inferred tie).
          const ours = [
            ...answer.consequences.filter((x) => !shared.includes(key(x))),
            ...(answer.ruledOut ? [answer.ruledOut] : []),
          ].some((x) => x.tie.kind === 'inferred');
          everyClaim.push(...only);
          const column = region
            .getByRole('heading', { name: strings.saidOf(option.label, ours), exact: true })
            .locator('xpath=..');
          await expectClaims(column, only, `${name}: "${option.label}"`);
          await expect(column.locator('.tie')).toHaveCount(
            answer.consequences.filter((x) => !shared.includes(key(x))).length +
              (answer.ruledOut ? 1 : 0),
          );
          if (answer.consequences.length === 0 && !answer.ruledOut) {
            await expect(column).toContainText(
              strings.noConsequences(option.label, answer.silence?.contested !== undefined),
            );
          }
          if (answer.ruledOut) {
            await expect(column).toContainText(strings.ruledOut(answer.ruledOut.tie.kind).heading);
          }
        }
        if (shared.length > 0) {
          await expect(
            region.getByRole('heading', { name: strings.saidOfBoth, exact: true }),
          ).toBeVisible();
        }
        await expectClaims(region, everyClaim, `${name}: all it quotes`);
        expect(await region.locator('blockquote').count()).toBeGreaterThan(0);
      }
      expect(seen.size, 'the scenario has decisions').toBeGreaterThan(0);
    });

    test('the same path picked twice asks for two different ones', async ({ page }) => {
      const token = stepToken(aPath);
      await page.goto(
        `${urls.compare(id)}?a=${encodeURIComponent(token)}&b=${encodeURIComponent(token)}`,
      );
      await expect(page.locator('#differences')).toHaveText(strings.samePath);
      await expect(
        page.getByRole('region', { name: new RegExp(`^${escapeRegExp(strings.onlyOn(''))}`) }),
      ).toHaveCount(0);
    });

    test('unknown picks show no differences, and do not crash', async ({ page }) => {
      const response = await page.goto(`${urls.compare(id)}?a=x&b=y`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        strings.compareTitle(c.scenario.title),
      );
      await expect(
        page.getByRole('region', { name: new RegExp(`^${escapeRegExp(strings.onlyOn(''))}`) }),
      ).toHaveCount(0);
      await expect(page.locator('#differences')).toHaveCount(0);
      await expect(
        page.getByRole('button', { name: strings.showDifferences, exact: true }),
      ).toBeVisible();
    });
  });
}

test('an unknown scenario has no compare page', async ({ page, consoleGuard }) => {
  const url = '/scenarios/nope/compare';
  consoleGuard.expectNotFound(url);
  const response = await page.goto(url);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(strings.notFoundTitle);
  await expect(page).toHaveURL(urlOf(url));
});
