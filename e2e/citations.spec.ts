/**
 * The text's words: every blockquote on every page stands verbatim in the scenario's source file,
 * cites its sentence in the reader, and every quotation figure links to its location. The reader
 * shows a cited sentence as the :target and emphasises the passages of the step a reader came from;
 * under each paragraph it lists, for each cited sentence, exactly the pages that quote it.
 */
import {
  cases,
  collapse,
  escapeRegExp,
  expect,
  scenarioPages,
  stepName,
  test,
  urls,
  type ScenarioCase,
} from './helpers';

interface QuoteOnPage {
  readonly text: string;
  readonly cite: string | null;
  /** Location links in the figure's caption (null when the blockquote is not in a quote figure). */
  readonly links: string[] | null;
}

/** Sentence anchor → the sentence's text as the reader shows it (without its number marker). */
function sentencesOf(c: ScenarioCase): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of c.scenario.document.paragraphs) {
    for (const s of p.sentences) map.set(s.id, s.text);
  }
  return map;
}

for (const c of cases) {
  const { id } = c.scenario;
  const source = collapse(c.sourceText);
  const sentences = sentencesOf(c);
  const citePattern = new RegExp(`^/scenarios/${escapeRegExp(id)}/source#(p\\d+-s\\d+)$`);
  const linkPattern = new RegExp(
    `^/scenarios/${escapeRegExp(id)}/source(?:\\?step=[^#]+)?#(p\\d+-s\\d+)$`,
  );

  test.describe(`${id}: quotations`, () => {
    for (const { name, url } of [{ name: 'library', url: urls.library() }, ...scenarioPages(c)]) {
      test(`${name}: every blockquote is verbatim, cited and located`, async ({ page }) => {
        await page.goto(url);
        const quotes: QuoteOnPage[] = await page.locator('blockquote').evaluateAll((nodes) =>
          nodes.map((q) => {
            const figure = q.closest('figure');
            return {
              text: q.textContent ?? '',
              cite: q.getAttribute('cite'),
              links: figure
                ? [...figure.querySelectorAll('figcaption a')].map(
                    (a) => a.getAttribute('href') ?? '',
                  )
                : null,
            };
          }),
        );
        if (url.includes('/walk'))
          expect(quotes.length, 'a step quotes the text').toBeGreaterThan(0);

        for (const quote of quotes) {
          const text = collapse(quote.text);
          expect(text.length, 'a blockquote is not empty').toBeGreaterThan(0);
          expect(
            source.includes(text),
            `"${text}" occurs verbatim in ${c.scenario.source.file}`,
          ).toBe(true);

          const anchor = citePattern.exec(quote.cite ?? '')?.[1];
          expect(anchor, `cite of "${text}" (${quote.cite})`).toBeDefined();
          expect(
            collapse(sentences.get(anchor ?? '') ?? '').includes(text),
            `"${text}" stands in sentence ${anchor}`,
          ).toBe(true);

          expect(quote.links, `"${text}" is inside a quotation figure`).not.toBeNull();
          expect(quote.links?.length, `"${text}" has one location link`).toBe(1);
          const link = linkPattern.exec(quote.links?.[0] ?? '');
          expect(link?.[1], `location link of "${text}" (${quote.links?.[0]})`).toBe(anchor);
        }

        // And every quotation figure holds a blockquote and a location link.
        const figures = page.locator('figure.quote');
        await expect(figures.filter({ hasNot: page.locator('blockquote') })).toHaveCount(0);
        await expect(
          figures.filter({ hasNot: page.locator('figcaption a[href*="/source"]') }),
        ).toHaveCount(0);
      });
    }
  });

  test.describe(`${id}: source reader`, () => {
    const [anchor, text] = sentences.has('p6-s4')
      ? ['p6-s4', sentences.get('p6-s4') ?? '']
      : ([...sentences.entries()][0] ?? ['', '']);

    for (const javaScriptEnabled of [true, false]) {
      test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
        test.use({ javaScriptEnabled });

        test(`#${anchor} is the :target and shows that sentence`, async ({ page }) => {
          await page.goto(`${urls.source(id)}#${anchor}`);
          const target = page.locator(':target');
          await expect(target).toHaveAttribute('id', anchor);
          await expect(target).toContainText(collapse(text));
          await expect(target).toBeInViewport();
        });
      });
    }

    test('each cited sentence lists the pages that quote it, and every page that quotes it', async ({
      page,
      request,
    }) => {
      await page.goto(urls.source(id));
      const listed = await page.locator('.citers li').evaluateAll((items) =>
        items.map((li) => ({
          sentence: li.querySelector('a[href^="#"]')?.getAttribute('href')?.slice(1) ?? '',
          pages: [...li.querySelectorAll('a:not([href^="#"])')].map(
            (a) => a.getAttribute('href') ?? '',
          ),
        })),
      );
      expect(listed.length).toBeGreaterThan(0);
      const pagesOf = new Map(listed.map((l) => [l.sentence, new Set(l.pages)]));

      // The sentence anchors each page's blockquotes cite, read once from its server-rendered HTML:
      // every listed page, every step and the briefing.
      const quoting = [urls.briefing(id), ...c.steps.map((s) => urls.step(id, s.path))];
      const quotedOn = new Map<string, Set<string>>();
      for (const url of new Set([...listed.flatMap((l) => l.pages), ...quoting])) {
        const html = await (await request.get(url)).text();
        quotedOn.set(
          url,
          new Set(
            [...html.matchAll(/<blockquote[^>]*\scite="([^"]*)"/g)].map(
              (m) => citePattern.exec(m[1] ?? '')?.[1] ?? `unrecognised cite ${m[1]}`,
            ),
          ),
        );
      }

      // Every listed page quotes the sentence it is listed under.
      for (const l of listed) {
        for (const href of l.pages) {
          expect([...(quotedOn.get(href) ?? [])], `${href} quotes ${l.sentence}`).toContain(
            l.sentence,
          );
        }
      }
      // Every step (and the briefing) that quotes a sentence is listed under it.
      for (const url of quoting) {
        for (const sentence of quotedOn.get(url) ?? []) {
          expect([...(pagesOf.get(sentence) ?? [])], `${sentence} lists ${url}`).toContain(url);
        }
      }
    });

    const step = c.steps.find((s) => s.path.length > 0) ?? c.steps[0];
    test(`a location link on step ${stepName(step?.path ?? [])} emphasises that step's passages`, async ({
      page,
    }) => {
      if (!step) throw new Error(`${id} has no step`);
      await page.goto(urls.step(id, step.path));
      const location = page.locator('figure.quote figcaption a').filter({ visible: true }).first();
      const href = (await location.getAttribute('href')) ?? '';
      const linked = linkPattern.exec(href)?.[1];
      expect(linked, `location link ${href}`).toBeDefined();

      const token = step.path.join('/');
      await location.click();
      await expect(page).toHaveURL(
        new RegExp(
          `${escapeRegExp(urls.source(id))}\\?step=${escapeRegExp(encodeURIComponent(token))}#${linked}$`,
        ),
      );
      const emphasised = page.locator('.sentence--emphasis');
      await expect.poll(() => emphasised.count()).toBeGreaterThan(0);
      await expect(page.locator(`[id="${linked}"]`)).toHaveClass(/sentence--emphasis/);
      await expect(page.locator(`[id="${linked}"]`)).toBeInViewport();
      for (const steps of await emphasised.evaluateAll((els) =>
        els.map((el) => el.getAttribute('data-steps') ?? ''),
      )) {
        expect(steps.split(' ')).toContain(token);
      }
    });
  });
}
