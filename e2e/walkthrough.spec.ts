/**
 * Every complete path the machine allows, walked from the library by clicking links, with
 * JavaScript on and off; and Back, Forward and Reload keeping the reader's place.
 */
import type { Page } from '@playwright/test';
import { answerClaims, answerFor } from '../machines/answers';
import {
  cases,
  deepestOutcome,
  escapeRegExp,
  expect,
  idOf,
  nodeAt,
  optionLabel,
  outcomeAt,
  stepName,
  strings,
  test,
  urlOf,
  urls,
  waitForHydration,
  type ScenarioCase,
} from './helpers';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function expectStep(page: Page, c: ScenarioCase, stepPath: readonly string[]) {
  const node = nodeAt(c, stepPath);
  await expect(page).toHaveURL(urlOf(urls.step(c.scenario.id, stepPath)));
  await expect(h1(page)).toHaveText(node.title);
  const decisionsSoFar = stepPath.length + (node.kind === 'decision' ? 1 : 0);
  await expect(page.locator('main .eyebrow').first()).toHaveText(
    node.kind === 'outcome' ? strings.outcomeLabel : strings.stepLabel(decisionsSoFar),
  );
}

/** Library → briefing → first decision → … → the outcome at `target`, clicking links only. */
async function walkFromLibrary(page: Page, c: ScenarioCase, target: readonly string[]) {
  const { scenario } = c;
  await page.goto(urls.library());
  await expect(h1(page)).toHaveText(strings.libraryTitle);
  // The card's link is "Start the walkthrough", completed for screen readers by the title
  // (as "…: Title" or "… (Title)").
  const title = escapeRegExp(scenario.title);
  const startName = new RegExp(
    `^${escapeRegExp(strings.start)}\\s*(?::\\s*${title}|\\(${title}\\))$`,
  );
  await page.getByRole('link', { name: startName }).click();

  await expect(page).toHaveURL(urlOf(urls.briefing(scenario.id)));
  await expect(h1(page)).toHaveText(scenario.title);
  // The introduction is our words, and says so.
  const briefing = scenario.nodes[scenario.start];
  if (briefing?.kind !== 'briefing') throw new Error(`${scenario.id}: start is not a briefing`);
  await expect(page.locator('main .lead').first()).toHaveText(
    `${strings.ourIntroduction}: ${briefing.intro}`,
  );
  await page.getByRole('link', { name: strings.start, exact: true }).first().click();
  await expectStep(page, c, []);

  for (let i = 1; i <= target.length; i += 1) {
    const prefix = target.slice(0, i);
    const optionId = prefix.at(-1) as string;
    const link = page.locator(`a.option[data-option="${optionId}"]`);
    await expect(link.locator('.option__label')).toHaveText(optionLabel(c, prefix));
    await expect(link).toHaveAttribute('href', urls.step(scenario.id, prefix));
    await link.click();
    await expectStep(page, c, prefix);
  }
}

/** What an outcome page must show, according to the content. */
async function expectOutcomeContent(page: Page, c: ScenarioCase, stepPath: readonly string[]) {
  const outcome = outcomeAt(c, stepPath);
  const main = page.getByRole('main');
  expect(await main.locator('blockquote').count()).toBeGreaterThan(0);

  // One section per choice made, titled by the decision and the option.
  for (let i = 1; i <= stepPath.length; i += 1) {
    const decision = nodeAt(c, stepPath.slice(0, i - 1));
    await expect(
      main.getByRole('heading', {
        level: 3,
        name: strings.atDecision(decision.title, optionLabel(c, stepPath.slice(0, i))),
        exact: true,
      }),
    ).toBeVisible();
  }

  const leads = main.getByRole('heading', { name: strings.whereItLeads, exact: true });
  if (outcome.consequences.length > 0) await expect(leads).toBeVisible();
  else await expect(leads).toHaveCount(0);

  // What the text says of each choice on the path: consequences with ties, silences, rulings.
  const answers = stepPath.map((_, i) => {
    const decision = nodeAt(c, stepPath.slice(0, i));
    return decision.kind === 'decision'
      ? answerFor(c.scenario, idOf(c, stepPath.slice(0, i)), stepPath[i] as string)
      : undefined;
  });

  const silent = main.getByRole('heading', { level: 2, name: strings.silences, exact: true });
  if (outcome.silences.length > 0) await expect(silent).toBeVisible();
  else await expect(silent).toHaveCount(0);
  await expect(main.locator('.silence__statement')).toHaveText([
    ...answers.flatMap((a) => (a?.silence ? [strings.textDoesNotSay(a.silence.about)] : [])),
    ...outcome.silences.map((s) => strings.textDoesNotSay(s.about)),
  ]);
  await expect(main.locator('.ruled-out__statement')).toHaveCount(
    answers.filter((a) => a?.ruledOut).length,
  );

  // Every consequence met has its "why here": one per consequence and ruling on the path.
  const tied = answers.flatMap((a) => [
    ...(a?.consequences ?? []),
    ...(a?.ruledOut ? [a.ruledOut] : []),
  ]);
  await expect(main.locator('.tie')).toHaveCount(tied.length + outcome.consequences.length);
  for (const { tie } of tied) {
    if (tie.kind === 'stated')
      await expect(main.locator('mark', { hasText: tie.text })).not.toHaveCount(0);
  }

  // Every claim the path meets is shown by its label.
  const claimIds = new Set<string>([
    ...outcome.consequences.map((x) => x.claim),
    ...outcome.silences.flatMap((s) => s.parts),
    ...answers.flatMap((a) => (a ? [...answerClaims(a), ...(a.silence?.parts ?? [])] : [])),
  ]);
  const labels = await main.locator('.claim__label').allTextContents();
  for (const id of claimIds) {
    expect(labels, `claim "${id}" is shown`).toContain(c.scenario.claims[id]?.label);
  }
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`walking every path, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    for (const c of cases) {
      for (const outcome of c.outcomes) {
        test(`${c.scenario.id}: ${stepName(outcome.path)}`, async ({ page }) => {
          await walkFromLibrary(page, c, outcome.path);
          await expectOutcomeContent(page, c, outcome.path);
        });
      }
    }
  });

  test.describe(`history keeps the place, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    for (const c of cases) {
      const target = deepestOutcome(c).path;
      test(`${c.scenario.id}: back, forward and reload along ${stepName(target)}`, async ({
        page,
      }) => {
        await walkFromLibrary(page, c, target);

        for (let i = target.length - 1; i >= 0; i -= 1) {
          await page.goBack();
          await expectStep(page, c, target.slice(0, i));
        }
        await page.goBack();
        await expect(page).toHaveURL(urlOf(urls.briefing(c.scenario.id)));
        await expect(h1(page)).toHaveText(c.scenario.title);

        for (let i = 0; i <= target.length; i += 1) {
          await page.goForward();
          await expectStep(page, c, target.slice(0, i));
        }

        await page.reload();
        await expectStep(page, c, target);

        if (javaScriptEnabled) {
          // After a reload the browser runtime agrees with the URL: Back by key undoes the last choice.
          await waitForHydration(page);
          await page.keyboard.press('Backspace');
          await expectStep(page, c, target.slice(0, -1));
          await page.reload();
          await expectStep(page, c, target.slice(0, -1));
        }
      });
    }
  });
}
