/** Screenshots of the main page kinds at a phone and a desktop width, kept as artifacts. */
import { cases, expect, test, urls } from './helpers';

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
  ];

  for (const width of widths) {
    test(`${id}: screenshots at ${width} px`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width, height: width < 800 ? 812 : 900 });
      for (const { name, url } of shots) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        const file = testInfo.outputPath(`${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        await testInfo.attach(`${name}-${width}`, { path: file, contentType: 'image/png' });
      }
    });
  }
}
