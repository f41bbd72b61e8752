/**
 * A self-paced room, end to end in Debian's Chromium: a teacher opens one from the briefing;
 * three learners join on phones and work through it at different times (one in her own words,
 * one who stops halfway and comes back on the same phone); the teacher's results count what
 * each did, hide a learner's words, and download a CSV with a row per learner per decision; the
 * teacher's rooms page closes the room (a learner is told) and deletes it (its pages are gone).
 * Every page passes axe.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { escapeRegExp, expect, strings, test, urls } from './helpers';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const r = strings.results;
const s = strings.selfPaced;

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`),
  );
}

async function phone(browser: Browser): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    viewport: { width: 375, height: 812 },
    baseURL: test.info().project.use.baseURL,
  });
  return { ctx, page: await ctx.newPage() };
}

const stage = (page: Page) => page.locator('#stage-heading');

async function join(page: Page, code: string, nickname?: string) {
  await page.goto(`/r/${code}`);
  await expect(page.getByText(s.joinIntro)).toBeVisible();
  if (nickname) await page.getByLabel(strings.room.nicknameLabel).fill(nickname);
  await page.getByRole('button', { name: strings.room.join }).click();
  await page.getByRole('button', { name: strings.startExercise, exact: true }).click();
  await expect(page.getByText(s.saved)).toBeVisible();
}

async function choose(page: Page, label: string) {
  await page
    .getByRole('list', { name: strings.chooseOption })
    .getByRole('button', { name: new RegExp(`^${label}(\\s|$)`) })
    .click();
}

/** Predicts (a claim by its label, or own words) and reveals; waits until the room has it. */
async function predict(page: Page, label: string, said: { claim?: string; words?: string }) {
  if (said.words) await page.getByLabel(strings.predictOwn, { exact: true }).fill(said.words);
  else await page.getByRole('radio', { name: said.claim, exact: true }).check();
  await page.getByRole('button', { name: strings.revealButton, exact: true }).click();
  // The heading says so where what is shown sits by our reading (an inferred tie).
  await expect(stage(page)).toHaveText(
    new RegExp(
      `^(${escapeRegExp(strings.youChose(label))}|${escapeRegExp(strings.youChose(label, true))})$`,
    ),
  );
  await expect(page.getByText(s.saved)).toBeVisible();
}

async function next(page: Page, last = false) {
  await page
    .getByRole('button', { name: last ? strings.toDebrief : strings.next, exact: true })
    .click();
  await expect(page.getByText(s.saved)).toBeVisible();
}

test.describe('a self-paced room', () => {
  test.setTimeout(180_000);

  test('three learners at their own pace, the teacher’s results, closing and deleting', async ({
    page: teacher,
    browser,
    consoleGuard,
  }) => {
    // The teacher opens a self-paced room from the briefing and lands on its results.
    await teacher.goto(urls.briefing('kabul-crossroads'));
    await teacher.getByText(s.openHeading).click();
    await teacher.getByRole('radio', { name: s.selfPaced }).check();
    await teacher.getByRole('button', { name: s.openRoom }).click();
    await expect(teacher).toHaveURL(/\/r\/[A-Z0-9]{6}\/results$/);
    const code = /\/r\/([A-Z0-9]{6})\//.exec(teacher.url())![1]!;
    await expect(teacher.getByText(r.noLearners)).toBeVisible();
    expect(await axe(teacher)).toEqual([]);

    // Ann: Pakistan ("nothing", the text's answer), then partnership in her own words; finishes.
    const ann = await phone(browser);
    await join(ann.page, code, 'Ann');
    expect(await axe(ann.page)).toEqual([]);
    await choose(ann.page, 'Pakistan');
    await predict(ann.page, 'Pakistan', { claim: strings.predictNothing });
    await next(ann.page);
    await choose(ann.page, 'Partnership');
    await predict(ann.page, 'Partnership', { words: 'Trade and transit reopen' });
    await next(ann.page, true);
    await expect(ann.page.getByText(s.finishedNote)).toBeVisible();

    // Bo, anonymous: the TTP, then pressure; finishes.
    const bo = await phone(browser);
    await join(bo.page, code);
    await choose(bo.page, 'The TTP');
    await predict(bo.page, 'The TTP', { claim: strings.predictNothing });
    await next(bo.page);
    await choose(bo.page, 'Pressure');
    await predict(bo.page, 'Pressure', { claim: strings.predictNothing });
    await next(bo.page, true);

    // Cy: Pakistan, then stops; back on the same phone later, she is where she left off.
    const cy = await phone(browser);
    await join(cy.page, code, 'Cy');
    await choose(cy.page, 'Pakistan');
    await predict(cy.page, 'Pakistan', { words: 'Kabul gets aid' });
    await cy.page.reload();
    await expect(stage(cy.page)).toHaveText(strings.youChose('Pakistan'));
    await expect(cy.page.getByText(`${strings.yourWords}: Kabul gets aid`)).toBeVisible();

    // The teacher's results match what they did.
    await teacher.reload();
    await expect(teacher.getByText(r.learners(3), { exact: true })).toBeVisible();
    const counts = teacher.locator('.results__counts');
    await expect(counts.locator('div').filter({ hasText: r.finished }).locator('dd')).toHaveText(
      '2',
    );
    await expect(counts.locator('div').filter({ hasText: r.going }).locator('dd')).toHaveText('1');
    const first = teacher.getByRole('list', { name: r.chart('The TTP or Pakistan') });
    await expect(first.getByRole('listitem').filter({ hasText: 'Pakistan' }).last()).toContainText(
      `${r.chose(2, 3)} (67%)`,
    );
    await expect(first.getByRole('listitem').filter({ hasText: 'The TTP' })).toContainText(
      `${r.chose(1, 3)} (33%)`,
    );
    await expect(first.locator('svg rect.bars__fill')).toHaveCount(2);
    await expect(teacher.getByText('Trade and transit reopen')).toBeVisible();
    await expect(teacher.getByText('Kabul gets aid')).toBeVisible();
    expect(await axe(teacher)).toEqual([]);

    // Hiding Ann's words before projecting: gone from the page, listed under "hidden".
    await teacher.getByRole('button', { name: r.hideWordsLabel('Ann') }).click();
    await expect(teacher.getByText('Trade and transit reopen')).toBeHidden();
    await expect(teacher.getByText(r.hiddenHeading(1))).toBeVisible();
    expect(await axe(teacher)).toEqual([]);

    // The CSV: a row per learner per decision (Ann 2, Bo 2, Cy 1), Ann's words marked hidden.
    const download = teacher.waitForEvent('download');
    await teacher.getByRole('link', { name: strings.room.exportCsv }).click();
    const csv = (await (await download).createReadStream())
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const lines = (await csv).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 5);
    expect(lines.filter((l) => l.includes(',Ann,'))).toHaveLength(2);
    expect(lines.find((l) => l.includes('Trade and transit reopen'))).toMatch(/,yes$/);

    // The teacher's rooms: the room is listed; closing it tells a learner who comes back.
    await teacher.goto('/rooms');
    const item = teacher.getByRole('region', { name: new RegExp(`Room ${code}`) });
    await expect(item).toContainText(strings.results.modeLabel['self-paced']!);
    expect(await axe(teacher)).toEqual([]);
    await item.getByRole('button', { name: strings.myRooms.close }).click();
    await expect(teacher.getByText(strings.myRooms.done.close!(code))).toBeVisible();
    await cy.page.reload();
    await expect(cy.page.getByText(s.closedNote)).toBeVisible();

    // Deleting asks for the code, then everything is gone.
    await teacher
      .getByRole('region', { name: new RegExp(`Room ${code}`) })
      .getByRole('link', { name: strings.myRooms.delete })
      .click();
    expect(await axe(teacher)).toEqual([]);
    await teacher.getByLabel(strings.myRooms.confirmLabel(code)).fill(code);
    await teacher.getByRole('button', { name: strings.myRooms.confirm }).click();
    await expect(teacher.getByText(strings.myRooms.done.delete!(code))).toBeVisible();
    await expect(teacher.getByRole('region', { name: new RegExp(`Room ${code}`) })).toHaveCount(0);
    consoleGuard.expectNotFound(`/r/${code}/results`);
    const gone = await teacher.goto(`/r/${code}/results`);
    expect(gone?.status()).toBe(404);
    await expect(teacher.getByRole('heading', { level: 1 })).toHaveText(strings.notFoundTitle);

    for (const p of [ann, bo, cy]) await p.ctx.close();
  });
});
