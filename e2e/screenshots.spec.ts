/** Screenshots of the main page kinds at a phone and a desktop width, kept as artifacts. */
import {
  cases,
  decisionAt,
  deepestOutcome,
  expect,
  shoot,
  strings,
  test,
  urls,
  waitForHydration,
} from './helpers';

const widths = [375, 1280] as const;

for (const c of cases) {
  const { id } = c.scenario;
  const decision = c.steps.find((s) => c.scenario.nodes[s.nodeId]?.kind === 'decision');
  const outcome = c.outcomes[0];
  const shots: { name: string; url: string }[] = [
    { name: 'library', url: urls.library() },
    { name: `${id}-briefing`, url: urls.briefing(id) },
    ...(decision ? [{ name: `${id}-decision`, url: urls.step(id, decision.path) }] : []),
    ...(outcome ? [{ name: `${id}-outcome`, url: urls.step(id, outcome.path) }] : []),
    { name: `${id}-reader`, url: urls.source(id) },
    { name: `${id}-map`, url: urls.map(id) },
    { name: `${id}-outline`, url: urls.outline(id) },
    { name: `${id}-compare`, url: urls.compare(id) },
    ...(c.outcomes.length > 0
      ? [{ name: `${id}-debrief`, url: urls.debrief(id, deepestOutcome(c).path) }]
      : []),
  ];

  for (const width of widths) {
    test(`${id}: screenshots at ${width} px`, async ({ page }) => {
      // Ten full-page screenshots and an exercise: more than one page's worth of time.
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: width < 800 ? 812 : 900 });
      for (const { name, url } of shots) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await shoot(page, `${name}-${width}`);
      }

      // The exercise, at its first reveal.
      await page.goto(urls.exercise(id));
      await waitForHydration(page);
      await page.getByRole('button', { name: strings.startExercise, exact: true }).click();
      const first = decisionAt(c, []).options[0];
      if (!first) throw new Error(`${id}: the first decision has no option`);
      await page
        .getByRole('list', { name: strings.chooseOption })
        .getByRole('button')
        .first()
        .click();
      await page
        .getByRole('group', { name: strings.predictPick })
        .getByRole('radio')
        .first()
        .check();
      await page.getByRole('button', { name: strings.revealButton, exact: true }).click();
      await expect(
        page.getByRole('heading', { level: 2, name: strings.youChose(first.label) }),
      ).toBeFocused();
      await shoot(page, `${id}-exercise-revealed-${width}`);
    });
  }
}
