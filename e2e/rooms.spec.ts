/**
 * A live room, end to end in Debian's Chromium: a facilitator opens a room from the briefing and
 * runs it at the projector; three learners join on phones (one with JavaScript off), vote and
 * predict; each phone shows the text's answer and whether its prediction matched; the room's
 * debrief and its Markdown carry the room's split and predictions. Every new page passes axe.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, shoot, strings, test, urls } from './helpers';

const t = strings.room;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`),
  );
}

async function phone(
  browser: Browser,
  javaScriptEnabled = true,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 375, height: 812 },
    baseURL: test.info().project.use.baseURL,
  });
  return { ctx, page: await ctx.newPage() };
}

const stage = (page: Page) => page.locator('#stage-heading');

/**
 * Reloads a phone without JavaScript, whose waiting screen also refreshes itself: a reload that
 * meets that refresh is aborted by it, and the refresh's own load is as good.
 */
async function reloadNoScript(page: Page): Promise<void> {
  try {
    await page.reload();
  } catch (error) {
    if (!String(error).includes('ERR_ABORTED')) throw error;
    await page.waitForLoadState('load');
  }
}

/**
 * Presses a key on the projector once its last command has been answered: keys, like the buttons,
 * do nothing while a command is in flight (the screen says so with aria-busy).
 */
async function press(projector: Page, key: string): Promise<void> {
  await expect(projector.locator('.presenter')).toHaveAttribute('aria-busy', 'false');
  await projector.keyboard.press(key);
}

test.describe('a live room', () => {
  test.setTimeout(240_000);

  test('a facilitator and three phones (one without JavaScript) run it to the debrief', async ({
    page: projector,
    browser,
  }) => {
    // The facilitator opens a room from the briefing.
    await projector.goto(urls.briefing('kabul-crossroads'));
    await projector.getByText(strings.selfPaced.openHeading).click();
    await expect(projector.getByRole('radio', { name: strings.selfPaced.live })).toBeChecked();
    await projector.getByRole('button', { name: strings.selfPaced.openRoom }).click();
    await expect(projector).toHaveURL(/\/r\/[A-Z0-9]{6}\/facilitate$/);
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText(t.lobbyHeading);
    const code = (await projector.locator('.room-code').textContent())!.trim();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    await expect(projector.locator('.room-qr svg')).toBeVisible();
    expect(await axe(projector)).toEqual([]);

    // Ann joins through /join with a nickname; Bo by the room's address; Cy without JavaScript.
    const ann = await phone(browser);
    await ann.page.goto('/join');
    await ann.page.getByLabel(t.codeLabel).fill(code.toLowerCase());
    await ann.page.getByRole('button', { name: t.join }).click();
    await expect(ann.page).toHaveURL(new RegExp(`/r/${code}$`));
    expect(await axe(ann.page)).toEqual([]);
    await ann.page.getByLabel(t.nicknameLabel).fill('Ann');
    await ann.page.getByRole('button', { name: t.join }).click();
    await expect(stage(ann.page)).toHaveText(t.waitingToStart);

    const bo = await phone(browser);
    await bo.page.goto(`/r/${code}`);
    await bo.page.getByRole('button', { name: t.join }).click();
    await expect(stage(bo.page)).toHaveText(t.waitingToStart);

    const cy = await phone(browser, false);
    await cy.page.goto(`/r/${code}`);
    await cy.page.getByRole('button', { name: t.join }).click();
    await expect(stage(cy.page)).toHaveText(t.waitingToStart);
    // Without JavaScript, the waiting screen refreshes itself.
    await expect(cy.page.locator('noscript meta[http-equiv="refresh"]')).toHaveCount(1);

    // The projector counts them, live.
    await expect(projector.locator('.p-stage')).toContainText(t.participantsHere(3));
    await press(projector, 'n');
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText('The TTP or Pakistan');

    // The phones with JavaScript follow within a second; Cy's page reloads itself.
    await expect(stage(ann.page)).toHaveText('The TTP or Pakistan', { timeout: 2_000 });
    await expect(stage(bo.page)).toHaveText('The TTP or Pakistan', { timeout: 2_000 });
    await reloadNoScript(cy.page);
    await expect(stage(cy.page)).toHaveText('The TTP or Pakistan');
    expect(await axe(ann.page)).toEqual([]);

    // Votes: a second vote replaces the first.
    await ann.page.getByRole('button', { name: /^The TTP\b/ }).click();
    await ann.page.getByRole('button', { name: /^Pakistan\b/ }).click();
    await expect(ann.page.getByRole('button', { name: /^Pakistan\b/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await bo.page.getByRole('button', { name: /^The TTP\b/ }).click();
    await cy.page.getByRole('button', { name: /^Pakistan\b/ }).click();
    await expect(cy.page.getByRole('button', { name: /^Pakistan\b/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await expect(projector.locator('.p-stage')).toContainText(t.votedOf(3, 3));
    await expect(projector.locator('.p-bars__item', { hasText: 'Pakistan' })).toContainText(
      '2 votes · 67%',
    );
    expect(await axe(projector)).toEqual([]);
    await shoot(projector, 'projector-votes');
    await shoot(projector, 'projector-votes-375', 375);
    await shoot(ann.page, 'phone-voted-375');
    // The majority is the default: the facilitator goes with it (key 1: Pakistan).
    await press(projector, '1');
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText(
      strings.present.roomGoesWith('Pakistan'),
    );

    // Predictions: Ann picks "nothing of its own", Bo writes his own words, Cy picks a listed
    // claim. This choice's silence is contested (our reading), so none of them is scored.
    await expect(ann.page.getByText(t.roomFollows('Pakistan'))).toBeVisible({ timeout: 2_000 });
    await ann.page.getByRole('radio', { name: strings.predictNothing }).check();
    await ann.page.getByRole('button', { name: strings.sendPrediction }).click();
    await expect(ann.page.getByText(t.predictionSent)).toBeVisible();
    await bo.page.getByLabel(strings.predictOwn).fill('Better relations with Pakistan');
    await bo.page.getByRole('button', { name: strings.sendPrediction }).click();
    await reloadNoScript(cy.page);
    await cy.page.getByRole('radio').nth(0).check();
    await cy.page.getByRole('button', { name: strings.sendPrediction }).click();
    await expect(cy.page.getByText(t.predictionSent)).toBeVisible();

    await expect(projector.locator('.p-stage')).toContainText(t.predictedOf(3, 3));
    await press(projector, 'r');
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText(
      strings.youChose('Pakistan'),
    );
    await expect(projector.locator('.p-predictions')).toContainText(t.ownWords);
    await expect(projector.locator('.p-predictions')).toContainText(
      'Better relations with Pakistan',
    );

    // Each phone: the text's answer, and that here it is not scored but discussed.
    await expect(ann.page.getByText(strings.verdictContested)).toBeVisible({ timeout: 2_000 });
    await expect(ann.page.getByRole('heading', { name: /^The text does not say/ })).toBeVisible();
    await expect(
      bo.page.getByText(`${strings.yourWords}: Better relations with Pakistan`),
    ).toBeVisible();
    await reloadNoScript(cy.page);
    await expect(cy.page.getByText(strings.verdictContested)).toBeVisible();
    for (const quote of await ann.page.locator('blockquote').allTextContents()) {
      expect(quote.length).toBeGreaterThan(0);
    }
    expect(await axe(ann.page)).toEqual([]);
    await shoot(projector, 'projector-reveal');
    await shoot(ann.page, 'phone-reveal-375');

    // The second decision: partnership, then the debrief.
    await press(projector, 'n');
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText(
      'Pressure or partnership',
    );
    await expect(stage(ann.page)).toHaveText('Pressure or partnership', { timeout: 2_000 });
    await ann.page.getByRole('button', { name: /^Partnership\b/ }).click();
    await expect(projector.locator('.p-stage')).toContainText(t.votedOf(1, 3));
    await projector.getByRole('button', { name: /Go with “Partnership”/ }).click();
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText(
      strings.present.roomGoesWith('Partnership'),
    );
    await press(projector, 'r');
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText(
      strings.youChose('Partnership'),
    );
    await press(projector, 'n');
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText(
      'Pakistan, then partnership',
    );
    await expect(stage(ann.page)).toHaveText('Pakistan, then partnership', { timeout: 2_000 });
    await expect(ann.page.getByRole('link', { name: t.keepDebrief })).toHaveAttribute(
      'href',
      /\/scenarios\/kabul-crossroads\/debrief\/pakistan\/partnership\?d=/,
    );

    // The room's debrief: the split, the predictions, every quotation; and its Markdown.
    await projector.getByRole('link', { name: t.openRoomDebrief }).click();
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText(
      t.debriefTitle('Kabul at the crossroads', code),
    );
    const split = projector.locator('table.room-split').first();
    await expect(split.getByRole('row', { name: /Pakistan/ })).toContainText('2 (67%)');
    await expect(split.getByRole('row', { name: /The TTP/ })).toContainText('1 (33%)');
    expect(await projector.locator('blockquote').count()).toBeGreaterThan(0);
    expect(await axe(projector)).toEqual([]);

    const [download] = await Promise.all([
      projector.waitForEvent('download'),
      projector.getByRole('link', { name: t.exportMarkdown }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`crossroads-room-${code}.md`);
    const md = fs.readFileSync(await download.path(), 'utf8');
    expect(md).toContain(`# ${t.debriefTitle('Kabul at the crossroads', code)}`);
    expect(md).toContain('- Pakistan: 2 (Chosen)');
    expect(md).toContain('- The TTP: 1');
    expect(md).toContain('- Better relations with Pakistan (anonymous 2)');
    // Siding with Pakistan is a contested silence: the room's picks are counted, not graded.
    expect(md).toContain(`${t.notScoredHere}\n\n- ${strings.predictNothing}: 1 pick\n`);
    expect(md).not.toContain(t.theTextsAnswer);
    expect(md).toContain('> By making the right choice-the choice of partnership');

    // Only the facilitator's browser can steer the room or read its debrief.
    const steer = await ann.page.request.post(`/r/${code}/facilitate/command`, {
      data: { type: 'close' },
      headers: { Origin: new URL(ann.page.url()).origin },
    });
    expect(steer.status()).toBe(403);

    // Closing: every phone says so.
    await projector.goto(`/r/${code}/facilitate`);
    await projector.getByRole('button', { name: t.closeRoom }).click();
    await expect(stage(ann.page)).toHaveText(t.roomClosed, { timeout: 2_000 });
    await reloadNoScript(cy.page);
    await expect(stage(cy.page)).toHaveText(t.roomClosed);

    for (const p of [ann, bo, cy]) await p.ctx.close();
  });

  test('an unknown code is a real 404 page with a way back, with or without JavaScript', async ({
    page,
    consoleGuard,
  }) => {
    consoleGuard.expectNotFound('/r/ZZZZZZ');
    const res = await page.goto('/r/ZZZZZZ');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(strings.notFoundTitle);
    await expect(page.getByRole('link', { name: strings.backToLibrary })).toBeVisible();
  });

  test('the join page says plainly when a code is not one', async ({ page }) => {
    await page.goto('/join?code=OOO111');
    await expect(page.locator('#code-error')).toHaveText(t.badCode);
    expect(await axe(page)).toEqual([]);
  });
});
