/**
 * A phone's first screen (375 × 812): every step shows its heading and the start of what the
 * text says follows from the last choice (on the first decision, the question), with the voice
 * notice one line that opens to the full notice and the views folded into one control.
 */
import type { Locator, Page } from '@playwright/test';
import {
  cases,
  escapeRegExp,
  expect,
  nodeAt,
  optionLabel,
  stepName,
  strings,
  test,
  urls,
  type ScenarioCase,
} from './helpers';

const PHONE = { width: 375, height: 812 };
/** One line of body text: what must be on screen for a block's start to be readable. */
const LINE = 24;

async function startsOnFirstScreen(locator: Locator) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, 'laid out').not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + Math.min(box!.height, LINE)).toBeLessThanOrEqual(PHONE.height);
}

/** What the text says follows from the step's last choice: its heading and its first block. */
function answerStart(page: Page, c: ScenarioCase, stepPath: readonly string[]): Locator[] {
  const node = nodeAt(c, stepPath);
  if (node.kind === 'outcome') {
    const section = page.locator('section[aria-labelledby="every-consequence"]');
    return [
      section.getByRole('heading', { level: 2, name: strings.everyConsequence }),
      section.locator('h2 + section > *').first(),
    ];
  }
  if (stepPath.length === 0) return [page.locator('main .question')];
  const section = page.locator('section[aria-labelledby="after-choice"]');
  const label = optionLabel(c, stepPath);
  // Worded as the text's or, where what follows sits there by our reading, as ours.
  const either = [strings.youChose(label), strings.youChose(label, true)];
  return [
    section.getByRole('heading', {
      level: 2,
      name: new RegExp(`^(${either.map(escapeRegExp).join('|')})$`),
    }),
    section.locator('h2 + *'),
  ];
}

test.use({ viewport: PHONE });

for (const c of cases) {
  test(`${c.scenario.id}: every step's first phone screen shows its heading and what follows`, async ({
    page,
  }) => {
    for (const step of c.steps) {
      await test.step(stepName(step.path), async () => {
        await page.goto(urls.step(c.scenario.id, step.path));
        await startsOnFirstScreen(
          page.getByRole('heading', { level: 1, name: nodeAt(c, step.path).title }),
        );
        for (const part of answerStart(page, c, step.path)) await startsOnFirstScreen(part);
      });
    }
  });

  test(`${c.scenario.id}: the voice is one line that opens to the full notice`, async ({
    page,
  }) => {
    await page.goto(urls.step(c.scenario.id, c.steps[1]!.path));
    const notice = page.getByRole('complementary', { name: strings.voiceNoticeTitle });
    const line = notice.locator('summary');
    await expect(line).toHaveText(c.scenario.source.voiceLine ?? c.scenario.source.voice);
    // One line: no taller than its touch target.
    expect((await line.boundingBox())!.height).toBeLessThanOrEqual(44);
    await expect(notice.getByText(strings.voiceNotice)).toBeHidden();

    await line.focus();
    await page.keyboard.press('Enter');
    await expect(notice.getByText(c.scenario.source.voice, { exact: false })).toBeVisible();
    await expect(notice.getByText(strings.voiceNotice, { exact: false })).toBeVisible();
    await expect(notice.getByRole('link', { name: strings.readSource })).toBeVisible();
  });

  test(`${c.scenario.id}: the views are one named control that opens from the keyboard`, async ({
    page,
  }) => {
    await page.goto(urls.step(c.scenario.id, []));
    const views = page.getByRole('navigation', { name: strings.scenarioTools });
    const map = views.getByRole('link', { name: strings.map, exact: true });
    await expect(map).toBeHidden();
    const control = views.getByText(strings.scenarioTools);
    expect((await control.boundingBox())!.height).toBeLessThanOrEqual(44);

    await control.focus();
    await page.keyboard.press('Enter');
    for (const name of [strings.map, strings.outline, strings.compare, strings.sourceText])
      await expect(views.getByRole('link', { name, exact: true })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(map).toBeFocused();
  });
}

test('without JavaScript the views and the voice notice still open', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  const c = cases[0]!;
  await page.goto(urls.step(c.scenario.id, []));
  const views = page.getByRole('navigation', { name: strings.scenarioTools });
  await views.getByText(strings.scenarioTools).click();
  await expect(views.getByRole('link', { name: strings.map, exact: true })).toBeVisible();
  const notice = page.getByRole('complementary', { name: strings.voiceNoticeTitle });
  await notice.locator('summary').click();
  await expect(notice.getByRole('link', { name: strings.readSource })).toBeVisible();
  await context.close();
});
