/**
 * The shareable debrief page (rendered on request, readable with JavaScript off) and its export
 * route: the path's quotes and silences; predictions and score only when the link carries them;
 * an unreadable `d` is a notice, never a crash; a path that is not an outcome is a 404.
 */
import { encodeShared, type SharedDebrief } from '../app/_lib/debrief';
import { answerClaims, answerFor, gradingOf } from '../machines/answers';
import { candidatesFor } from '../machines/exercise-machine';
import {
  cases,
  collapse,
  escapeRegExp,
  expect,
  optionLabel,
  outcomeAt,
  stepName,
  strings,
  test,
  urls,
  type ScenarioCase,
} from './helpers';

/** The path the brief names for the Kabul scenario, else the scenario's deepest outcome. */
function debriefPath(c: ScenarioCase): readonly string[] {
  const named = c.outcomes.find((o) => o.path.join('/') === 'ttp/pressure');
  const [deepest] = [...c.outcomes].sort((a, b) => b.path.length - a.path.length);
  return (named ?? deepest)?.path ?? [];
}

function nodeIdAt(c: ScenarioCase, stepPath: readonly string[]): string {
  const step = c.steps.find((s) => s.path.join('/') === stepPath.join('/'));
  if (!step) throw new Error(`${c.scenario.id}: no step at ${stepName(stepPath)}`);
  return step.nodeId;
}

/**
 * What an exercise shares when the learner opts in: here, the right claim picked at the first
 * decision where a pick is scored, own words at the others, and the first revealed claim's kind
 * named right.
 */
function sharedFor(c: ScenarioCase, stepPath: readonly string[]) {
  const predictions: NonNullable<SharedDebrief['predictions']>[number][] = [];
  const said: string[] = [];
  const kinds: Record<string, NonNullable<SharedDebrief['kinds']>[string]> = {};
  let picked = false;
  stepPath.forEach((optionId, i) => {
    const nodeId = nodeIdAt(c, stepPath.slice(0, i));
    const own = answerClaims(answerFor(c.scenario, nodeId, optionId));
    const grading = gradingOf(c.scenario, nodeId, optionId);
    const first = own[0];
    if (first !== undefined && Object.keys(kinds).length === 0) {
      kinds[first] = c.scenario.claims[first]?.kind ?? 'descriptive';
    }
    if (grading.scored && !picked) {
      const right = candidatesFor(c.scenario, nodeId, optionId).find((x) =>
        grading.right.includes(x),
      );
      if (right === undefined) throw new Error('no right candidate');
      picked = true;
      predictions.push({ claimId: right });
      said.push(right === null ? strings.predictNothing : (c.scenario.claims[right]?.label ?? ''));
    } else {
      const text = `Shared words at decision ${i + 1}`;
      predictions.push({ text });
      said.push(text);
    }
  });
  if (!picked) throw new Error(`${c.scenario.id}: no scored choice on ${stepName(stepPath)}`);
  return {
    shared: { predictions, kinds } satisfies SharedDebrief,
    said,
    kindCount: Object.keys(kinds).length,
  };
}

for (const c of cases) {
  const { id } = c.scenario;
  const stepPath = debriefPath(c);
  const outcome = outcomeAt(c, stepPath);
  const pathLabel = stepPath.map((_, i) => optionLabel(c, stepPath.slice(0, i + 1))).join(' → ');
  const h1Text = strings.outcomeLine(outcome.title, pathLabel);
  const { shared, said, kindCount } = sharedFor(c, stepPath);
  const d = encodeShared(shared);

  test.describe(`${id}: debrief ${stepName(stepPath)}, JavaScript off`, () => {
    test.use({ javaScriptEnabled: false });

    test('renders the quotes and the silences, without predictions', async ({ page }) => {
      const response = await page.goto(urls.debrief(id, stepPath));
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1Text);
      const main = page.getByRole('main');
      expect(await main.locator('blockquote').count()).toBeGreaterThan(0);
      expect((await main.locator('.silence__statement').allTextContents()).map(collapse)).toEqual(
        [
          ...stepPath.flatMap((optionId, i) => {
            const silence = answerFor(
              c.scenario,
              nodeIdAt(c, stepPath.slice(0, i)),
              optionId,
            ).silence;
            return silence ? [silence] : [];
          }),
          ...outcome.silences,
        ].map((s) => strings.textDoesNotSay(s.about)),
      );
      await expect(main.getByText(strings.predictionsNotShared)).toBeVisible();
      await expect(main.getByText(strings.sharedUnreadable)).toHaveCount(0);
      await expect(main.getByText(`${strings.yourPrediction}:`)).toHaveCount(0);
    });

    test('with shared predictions (?d=), shows them and the score', async ({ page }) => {
      const response = await page.goto(`${urls.debrief(id, stepPath)}?d=${d}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1Text);
      const main = page.getByRole('main');
      await expect(main.getByText(strings.scorePredictions(1, 1), { exact: true })).toBeVisible();
      await expect(
        main.getByText(strings.scoreKinds(kindCount, kindCount), { exact: true }),
      ).toBeVisible();
      for (const [i, words] of said.entries()) {
        await expect(
          main.getByRole('listitem').filter({ hasText: `${strings.yourPrediction}: ${words}` }),
          `prediction ${i + 1}`,
        ).toHaveCount(1);
      }
      await expect(main.getByText(strings.predictionsNotShared)).toHaveCount(0);
      // The downloads carry the same predictions.
      await expect(
        main.getByRole('link', { name: strings.downloadMarkdown, exact: true }),
      ).toHaveAttribute('href', new RegExp(`[?&]d=${escapeRegExp(d)}(&|$)`));
    });

    test('an unreadable ?d= shows a notice, not an error', async ({ page }) => {
      const response = await page.goto(`${urls.debrief(id, stepPath)}?d=%%%`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(h1Text);
      await expect(page.getByText(strings.sharedUnreadable)).toBeVisible();
      expect(await page.getByRole('main').locator('blockquote').count()).toBeGreaterThan(0);
    });
  });

  for (const javaScriptEnabled of [false, true]) {
    test.describe(`${id}: debrief, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      test.use({ javaScriptEnabled });
      for (const notOutcome of [[], stepPath.slice(0, 1)]) {
        test(`a path that is not an outcome (${stepName(notOutcome)}) is a 404 page`, async ({
          page,
          consoleGuard,
        }) => {
          const url = urls.debrief(id, notOutcome);
          consoleGuard.expectNotFound(url);
          const response = await page.goto(url);
          expect(response?.status()).toBe(404);
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(strings.notFoundTitle);
          await expect(
            page.getByRole('link', { name: strings.backToLibrary, exact: true }),
          ).toHaveAttribute('href', urls.library());
        });
      }
    });
  }

  test.describe(`${id}: debrief export ${stepName(stepPath)}`, () => {
    const exportUrl = (query: Record<string, string>) =>
      `${urls.debriefExport(id)}?${new URLSearchParams(query).toString()}`;

    test('JSON: an attachment that parses and names the outcome and the predictions', async ({
      request,
    }) => {
      const response = await request.get(
        exportUrl({ format: 'json', path: stepPath.join('/'), d }),
      );
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^application\/json/);
      expect(response.headers()['content-disposition']).toBe(
        `attachment; filename="crossroads-debrief-${id}-${stepPath.join('-')}.json"`,
      );
      const report = JSON.parse(await response.text()) as {
        scenario: { id: string };
        path: string[];
        outcome: { title: string; consequences: { id: string }[] };
        choices: { prediction?: { said: string } }[];
        silences: { statement: string }[];
        score?: { predictions: { right: number; of: number } };
      };
      expect(report.scenario.id).toBe(id);
      expect(report.path).toEqual([...stepPath]);
      expect(report.outcome.title).toBe(outcome.title);
      expect(report.outcome.consequences.map((x) => x.id)).toEqual([...outcome.consequences]);
      expect(report.silences.map((s) => s.statement)).toEqual(
        outcome.silences.map((s) => strings.textDoesNotSay(s.about)),
      );
      expect(report.choices.map((x) => x.prediction?.said)).toEqual(said);
      expect(report.score?.predictions).toEqual({ right: 1, of: 1 });
    });

    test('Markdown: an attachment naming the outcome', async ({ request }) => {
      const response = await request.get(exportUrl({ format: 'md', path: stepPath.join('/') }));
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^text\/markdown/);
      expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.md"$/);
      expect(await response.text()).toContain(h1Text);
    });

    test('bad input is a 400 or 404 with a message, never a 500', async ({ request }) => {
      const bad: [Record<string, string>, number][] = [
        [{ format: 'xml', path: stepPath.join('/') }, 400],
        [{ format: 'md', path: stepPath.slice(0, 1).join('/') }, 404],
        [{ format: 'md', path: 'nope/nope' }, 404],
        [{ format: 'json', path: stepPath.join('/'), d: '%%%' }, 400],
      ];
      for (const [query, status] of bad) {
        const response = await request.get(exportUrl(query));
        expect(response.status(), JSON.stringify(query)).toBe(status);
        expect((await response.text()).trim().length).toBeGreaterThan(0);
      }
    });
  });
}
