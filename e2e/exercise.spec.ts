/**
 * Training mode, JavaScript on, by keyboard (Tab, Space, Enter, arrows): every outcome path is
 * run as an exercise (choose, predict by a claim or in one's own words, reveal, name a claim's
 * kind, next …) to the debrief, whose Markdown download holds every quote met and the learner's
 * words, and whose shareable link shows the predictions and the score. Saved exercises resume;
 * unreadable ones are discarded with a notice.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Claim, DecisionNode } from '../content/parse';
import { answerClaims, answerFor, gradingOf, placedByOurReading } from '../machines/answers';
import { candidatesFor } from '../machines/exercise-machine';
import {
  cases,
  collapse,
  decisionAt,
  escapeRegExp,
  expect,
  optionLabel,
  outcomeAt,
  stepName,
  strings,
  tabTo,
  test,
  urlOf,
  urls,
  waitForHydration,
  type ScenarioCase,
} from './helpers';

const exerciseKey = (id: string) => `crossroads:exercise:${id}`;

/** The heading of the exercise's current stage: it has focus after every change of stage. */
async function expectStage(page: Page, heading: string) {
  const h2 = page.getByRole('heading', { level: 2, name: heading, exact: true });
  await expect(h2).toBeVisible();
  await expect(h2).toBeFocused();
}

/** The node id of the step at a path. */
function nodeIdAt(c: ScenarioCase, stepPath: readonly string[]): string {
  const step = c.steps.find((s) => s.path.join('/') === stepPath.join('/'));
  if (!step) throw new Error(`${c.scenario.id}: no step at ${stepName(stepPath)}`);
  return step.nodeId;
}

function claimOf(c: ScenarioCase, id: string): Claim {
  const claim = c.scenario.claims[id];
  if (!claim) throw new Error(`unknown claim ${id}`);
  return claim;
}

/** The option button of a decision, found by its label. */
function optionButton(page: Page, label: string) {
  return page
    .getByRole('list', { name: strings.chooseOption })
    .getByRole('button', { name: new RegExp(`^${escapeRegExp(label)}(\\s|$)`) });
}

/** Selects one radio of a group by keyboard: Tab into the group, then arrows (or Space on the first). */
async function pickRadio(page: Page, group: string, label: string) {
  const fieldset = page.getByRole('group', { name: group, exact: true }).first();
  const radios = fieldset.getByRole('radio');
  const names = await radios.evaluateAll((rs) =>
    rs.map((r) => (r.closest('label')?.textContent ?? '').trim()),
  );
  const index = names.findIndex((n) => collapse(n) === label);
  expect(index, `"${label}" is offered in "${group}" (${names.join(' | ')})`).toBeGreaterThan(-1);
  await tabTo(page, radios.first());
  if (index === 0) await page.keyboard.press('Space');
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
  await expect(radios.nth(index)).toBeChecked();
  await expect(radios.nth(index)).toBeFocused();
}

interface Prediction {
  /** What the learner picked or typed. */
  readonly said: string;
  /** A picked claim, or own words. */
  readonly picked: boolean;
  /**
   * Whether the debrief counts it as a right pick (null: not scored: own words, or a choice the
   * text ties to its consequence only by our reading).
   */
  readonly correct: boolean | null;
}

/**
 * Briefing → Start → at each decision of `stepPath`: choose, predict (a claim at even decisions,
 * own words at odd ones), reveal, name the first claim's kind, Next … → debrief.
 */
async function runExercise(page: Page, c: ScenarioCase, stepPath: readonly string[]) {
  const { id, title } = c.scenario;
  const predictions: Prediction[] = [];
  let quizzes = 0;
  const named = new Set<string>();

  await page.goto(urls.exercise(id));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(strings.exerciseTitle(title));
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 2, name: strings.howToUse })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: strings.startExercise, exact: true }));
  await page.keyboard.press('Enter');

  for (let i = 0; i < stepPath.length; i += 1) {
    const prefix = stepPath.slice(0, i);
    const decision: DecisionNode = decisionAt(c, prefix);
    const decisionId = nodeIdAt(c, prefix);
    const optionId = stepPath[i] as string;
    const label = optionLabel(c, stepPath.slice(0, i + 1));

    // Choose.
    await expectStage(page, decision.title);
    await expect(page.getByText(strings.stepLabel(i + 1), { exact: true })).toBeVisible();
    await tabTo(page, optionButton(page, label));
    await page.keyboard.press('Space');

    // Predict.
    await expectStage(page, strings.predictHeading);
    await expect(page.getByText(strings.youChoseShort(label), { exact: true })).toBeVisible();
    const answer = answerFor(c.scenario, decisionId, optionId);
    const own = answerClaims(answer);
    const grading = gradingOf(c.scenario, decisionId, optionId);
    if (i % 2 === 0) {
      // Pick the right answer where one is scored; else the claim our reading places here (or,
      // where the silence is contested, the consequence that may refer here).
      const ours = [...own, ...(answer.silence?.contested?.claims ?? [])];
      const right = candidatesFor(c.scenario, decisionId, optionId).find((candidate) =>
        grading.scored
          ? grading.right.includes(candidate)
          : candidate !== null && ours.includes(candidate),
      );
      if (right === undefined) throw new Error(`no right candidate at ${decisionId}/${optionId}`);
      const said = right === null ? strings.predictNothing : claimOf(c, right).label;
      await pickRadio(page, strings.predictPick, said);
      predictions.push({ said, picked: true, correct: grading.scored ? true : null });
    } else {
      const said = `At ${decision.title} I expect the text to warn of costs (${stepName(stepPath)})`;
      await tabTo(page, page.getByLabel(strings.predictOwn, { exact: true }));
      await page.keyboard.type(said);
      predictions.push({ said, picked: false, correct: null });
    }
    await tabTo(page, page.getByRole('button', { name: strings.revealButton, exact: true }));
    await page.keyboard.press('Enter');

    // Reveal: our verdict, then the text's words for each consequence of the option, each with
    // its tie, then what the text says of the parts it leaves open.
    await expectStage(page, strings.youChose(label, placedByOurReading(answer)));
    const prediction = predictions.at(-1) as Prediction;
    await expect(
      page.getByText(
        `${prediction.picked ? strings.yourPrediction : strings.yourWords}: ${prediction.said}`,
        { exact: true },
      ),
    ).toBeVisible();
    if (prediction.correct !== null) {
      await expect(page.getByText(strings.verdictRight, { exact: true })).toBeVisible();
    }
    const contested = answer.silence?.contested;
    await expect(page.getByText(strings.verdictUnscored, { exact: true })).toHaveCount(
      grading.scored || contested ? 0 : 1,
    );
    await expect(page.getByText(strings.verdictContested, { exact: true })).toHaveCount(
      contested ? 1 : 0,
    );
    const stage = page.locator('section.stage');
    const expectedQuotes = [
      ...own,
      ...(answer.silence?.parts ?? []),
      ...(contested?.claims ?? []),
    ].flatMap((claimId) => claimOf(c, claimId).citations.map((x) => collapse(x.text)));
    expect((await stage.locator('blockquote').allTextContents()).map(collapse)).toEqual(
      expectedQuotes,
    );
    await expect(stage.locator('.tie')).toHaveCount(own.length);
    if (own.length === 0)
      await expect(stage).toContainText(strings.noConsequences(label, contested !== undefined));

    // Name the kind of the first claim revealed, unless it was named at an earlier decision.
    const first = own[0];
    if (first !== undefined && named.has(first)) {
      await expect(stage.getByText(strings.kindNamedBefore, { exact: true })).toBeVisible();
    } else if (first !== undefined) {
      named.add(first);
      const kind = claimOf(c, first).kind;
      await pickRadio(page, strings.kindQuestion, strings.kinds[kind]);
      await page.keyboard.press('Tab');
      await expect(
        page.getByRole('button', { name: strings.check, exact: true }).first(),
      ).toBeFocused();
      await page.keyboard.press('Enter');
      // The answer replaces the quiz, which had the focus: its heading takes the focus.
      await expect(
        page.getByRole('heading', {
          level: 4,
          name: strings.kindRight(strings.kinds[kind]),
          exact: true,
        }),
      ).toBeFocused();
      quizzes += 1;
    }

    const last = i === stepPath.length - 1;
    await tabTo(
      page,
      page.getByRole('button', { name: last ? strings.toDebrief : strings.next, exact: true }),
    );
    await page.keyboard.press('Enter');
  }

  // Debrief.
  const outcome = outcomeAt(c, stepPath);
  await expectStage(page, outcome.title);
  const picks = predictions.filter((p) => p.correct !== null).length;
  await expect(
    page.getByText(strings.scorePredictions(picks, picks), { exact: true }),
  ).toBeVisible();
  await expect(page.getByText(strings.scoreKinds(quizzes, quizzes), { exact: true })).toBeVisible();
  return { predictions, quizzes };
}

/** Every claim an exercise along `stepPath` quotes as the text's answer, and the outcome's. */
function quotedOnPath(c: ScenarioCase, stepPath: readonly string[]): Claim[] {
  const ids: string[] = [];
  for (let i = 0; i < stepPath.length; i += 1) {
    const decisionId = nodeIdAt(c, stepPath.slice(0, i));
    ids.push(...answerClaims(answerFor(c.scenario, decisionId, stepPath[i] as string)));
  }
  ids.push(...outcomeAt(c, stepPath).consequences.map((x) => x.claim));
  return ids.map((claimId) => claimOf(c, claimId));
}

for (const c of cases) {
  const { id } = c.scenario;

  test.describe(`${id}: exercise`, () => {
    for (const { path: stepPath } of c.outcomes) {
      test(`by keyboard along ${stepName(stepPath)}: debrief, Markdown download, shared link`, async ({
        page,
      }) => {
        // A whole exercise walked one key at a time (every Tab is a round trip to the browser),
        // then three documents checked: on a busy two-core host it takes about 30 s.
        test.slow();
        const { predictions, quizzes } = await runExercise(page, c, stepPath);
        const outcome = outcomeAt(c, stepPath);

        const include = page.getByRole('checkbox', { name: strings.includePredictions });
        await tabTo(page, include);
        await page.keyboard.press('Space');
        await expect(include).toBeChecked();

        // The Markdown download.
        await tabTo(page, page.getByRole('link', { name: strings.downloadMarkdown, exact: true }));
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.keyboard.press('Enter'),
        ]);
        expect(download.suggestedFilename()).toBe(
          `crossroads-debrief-${id}-${stepPath.join('-')}.md`,
        );
        const md = fs.readFileSync(await download.path(), 'utf8');
        expect(md).toContain(`# ${strings.debriefTitle(c.scenario.title)}`);
        for (let i = 0; i < stepPath.length; i += 1) {
          const decision = decisionAt(c, stepPath.slice(0, i));
          expect(md).toContain(
            `### ${strings.atDecision(decision.title, optionLabel(c, stepPath.slice(0, i + 1)))}`,
          );
        }
        for (const claim of quotedOnPath(c, stepPath)) {
          for (const cite of claim.citations) {
            const location = strings.location(cite);
            expect(
              md,
              `"${claim.label}": ${location} is quoted and located in the Markdown`,
            ).toMatch(
              new RegExp(
                `^> ${escapeRegExp(cite.text)}\\s*\\n\\s*\\n— ${escapeRegExp(location)} \\(https?://[^)\\s]+${escapeRegExp(`${urls.source(id)}#${cite.anchor}`)}\\)$`,
                'm',
              ),
            );
          }
        }
        for (const silence of outcome.silences) {
          expect(md).toContain(strings.textDoesNotSay(silence.about));
          for (const part of silence.parts.map((p) => claimOf(c, p))) {
            expect(md).toContain(
              `- ${part.label}: ${part.citations.map((x) => strings.location(x)).join('; ')}`,
            );
          }
        }
        for (const p of predictions) {
          const verdict = p.correct === null ? '' : ` (${strings.verdictRight})`;
          expect(md, 'the prediction is in the Markdown').toContain(
            `${strings.yourPrediction}: ${p.said}${verdict}`,
          );
        }
        // Every consequence in the Markdown says why it sits there.
        for (let i = 0; i < stepPath.length; i += 1) {
          const answer = answerFor(c.scenario, nodeIdAt(c, stepPath.slice(0, i)), stepPath[i]!);
          for (const { tie } of [
            ...answer.consequences,
            ...(answer.ruledOut ? [answer.ruledOut] : []),
          ]) {
            expect(md).toContain(
              tie.kind === 'stated'
                ? `${strings.whyHere}: ${strings.tieStated} “${tie.text}”`
                : `${strings.whyHereOurs}: ${tie.reading}`,
            );
          }
        }
        const picks = predictions.filter((p) => p.correct !== null).length;
        expect(md).toContain(`- ${strings.scorePredictions(picks, picks)}`);
        expect(md).toContain(`- ${strings.scoreKinds(quizzes, quizzes)}`);

        // The shareable debrief carries the predictions and the score.
        await tabTo(page, page.getByRole('link', { name: strings.openDebrief, exact: true }));
        await page.keyboard.press('Enter');
        await expect(page).toHaveURL(
          new RegExp(`${escapeRegExp(urls.debrief(id, stepPath))}\\?d=[A-Za-z0-9_-]+$`),
        );
        const pathLabel = stepPath.map((_, i) => optionLabel(c, stepPath.slice(0, i + 1)));
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(
          strings.outcomeLine(outcome.title, pathLabel.join(' → ')),
        );
        const main = page.getByRole('main');
        await expect(
          main.getByText(strings.scorePredictions(picks, picks), { exact: true }),
        ).toBeVisible();
        await expect(
          main.getByText(strings.scoreKinds(quizzes, quizzes), { exact: true }),
        ).toBeVisible();
        for (const p of predictions) {
          await expect(
            main.getByRole('listitem').filter({ hasText: `${strings.yourPrediction}: ${p.said}` }),
          ).toHaveCount(1);
        }
        await expect(main.getByText(strings.sharedUnreadable)).toHaveCount(0);
        await expect(main.getByText(strings.predictionsNotShared)).toHaveCount(0);
      });
    }

    test('a reload mid-exercise offers the saved exercise, which resumes at the same stage', async ({
      page,
    }) => {
      const [optionId] = c.outcomes[0]?.path ?? [];
      if (optionId === undefined) throw new Error(`${id} has no outcome`);
      const decision = decisionAt(c, []);
      const label = optionLabel(c, [optionId]);
      const heading = strings.youChose(
        label,
        placedByOurReading(answerFor(c.scenario, nodeIdAt(c, []), optionId)),
      );

      await page.goto(urls.exercise(id));
      await waitForHydration(page);
      await tabTo(page, page.getByRole('button', { name: strings.startExercise, exact: true }));
      await page.keyboard.press('Enter');
      await expectStage(page, decision.title);
      await tabTo(page, optionButton(page, label));
      await page.keyboard.press('Enter');
      await expectStage(page, strings.predictHeading);
      const said = 'Saved before a reload';
      await tabTo(page, page.getByLabel(strings.predictOwn, { exact: true }));
      await page.keyboard.type(said);
      await tabTo(page, page.getByRole('button', { name: strings.revealButton, exact: true }));
      await page.keyboard.press('Enter');
      await expectStage(page, heading);

      await page.reload();
      await waitForHydration(page);
      const resume = page.getByRole('button', { name: strings.resumeExercise, exact: true });
      await expect(resume).toBeVisible();
      await expect(page.getByText(strings.discardedExercise)).toHaveCount(0);
      await tabTo(page, resume);
      await page.keyboard.press('Enter');
      await expectStage(page, heading);
      await expect(page.getByText(`${strings.yourWords}: ${said}`, { exact: true })).toBeVisible();
      await expect(resume).toHaveCount(0);

      // And the resumed exercise carries on.
      const next = c.scenario.nodes[nodeIdAt(c, [optionId])];
      await tabTo(
        page,
        page.getByRole('button', {
          name: next?.kind === 'outcome' ? strings.toDebrief : strings.next,
          exact: true,
        }),
      );
      await page.keyboard.press('Enter');
      await expectStage(page, next?.title ?? '');
    });

    const corrupt: { name: string; value: string }[] = [
      { name: 'not JSON', value: '{"version":1,' },
      {
        name: 'an event the exercise refuses',
        value: JSON.stringify({
          version: 1,
          scenarioId: id,
          mode: 'exercise',
          events: [{ type: 'exercise.start' }, { type: 'exercise.choose', optionId: 'nope' }],
          savedAt: new Date(0).toISOString(),
        }),
      },
    ];
    for (const { name, value } of corrupt) {
      test(`a saved exercise that is ${name} is discarded with a notice`, async ({ page }) => {
        await page.addInitScript(
          ([key, raw]) => {
            if (sessionStorage.getItem('e2e-seeded') === null) {
              localStorage.setItem(key, raw);
              sessionStorage.setItem('e2e-seeded', '1');
            }
          },
          [exerciseKey(id), value] as const,
        );
        await page.goto(urls.exercise(id));
        await expect(page).toHaveURL(urlOf(urls.exercise(id)));
        await expect(page.getByText(strings.discardedExercise)).toBeVisible();
        await expect(
          page.getByRole('button', { name: strings.resumeExercise, exact: true }),
        ).toHaveCount(0);
        expect(await page.evaluate((key) => localStorage.getItem(key), exerciseKey(id))).toBeNull();

        // The exercise still starts.
        await tabTo(page, page.getByRole('button', { name: strings.startExercise, exact: true }));
        await page.keyboard.press('Enter');
        await expectStage(page, decisionAt(c, []).title);
      });
    }
  });
}
