/**
 * The outline: the whole tree as nested lists. Every decision, option and outcome of every step
 * is listed and linked; every consequence the content assigns to an option or an outcome is
 * quoted with its location; every silence is stated, its parts located.
 */
import type { Claim } from '../content/parse';
import { answerClaims, answerFor } from '../machines/answers';
import {
  cases,
  collapse,
  escapeRegExp,
  expect,
  strings,
  test,
  urls,
  type ScenarioCase,
} from './helpers';

interface Expected {
  /** Decision titles, once per decision step, with the step's URL. */
  readonly decisions: { title: string; href: string }[];
  /** "Option: label" headings, once per option of each decision step. */
  readonly options: string[];
  /** Outcome titles, once per outcome step, with the step's URL. */
  readonly outcomes: { title: string; href: string }[];
  /** Every claim an option or an outcome has as a consequence. */
  readonly quoted: Claim[];
  /** Silence statements, and the claims each names as its parts. */
  readonly silences: { statement: string; parts: Claim[] }[];
  /** How many consequences and rulings the outline shows, each with its "why here". */
  ties: number;
}

function expected(c: ScenarioCase): Expected {
  const { id, nodes, claims } = c.scenario;
  const claim = (claimId: string) => {
    const found = claims[claimId];
    if (!found) throw new Error(`unknown claim ${claimId}`);
    return found;
  };
  const out: Expected = {
    decisions: [],
    options: [],
    outcomes: [],
    quoted: [],
    silences: [],
    ties: 0,
  };
  for (const step of c.steps) {
    const node = nodes[step.nodeId];
    if (node?.kind === 'decision') {
      out.decisions.push({ title: node.title, href: urls.step(id, step.path) });
      for (const option of node.options) {
        out.options.push(`${strings.option}: ${option.label}`);
        const answer = answerFor(c.scenario, step.nodeId, option.id);
        out.quoted.push(...answerClaims(answer).map(claim));
        out.ties += answer.consequences.length + (answer.ruledOut ? 1 : 0);
        if (answer.silence) {
          out.silences.push({
            statement: strings.textDoesNotSay(answer.silence.about),
            parts: answer.silence.parts.map(claim),
          });
        }
      }
    } else if (node?.kind === 'outcome') {
      out.outcomes.push({ title: node.title, href: urls.step(id, step.path) });
      out.quoted.push(...node.consequences.map((x) => claim(x.claim)));
      out.ties += node.consequences.length;
      for (const s of node.silences) {
        out.silences.push({
          statement: strings.textDoesNotSay(s.about),
          parts: s.parts.map(claim),
        });
      }
    }
  }
  return out;
}

const sorted = (list: readonly string[]) => [...list].sort();

for (const c of cases) {
  const { id } = c.scenario;
  const want = expected(c);

  test(`${id}: the outline lists every step and quotes every consequence`, async ({ page }) => {
    await page.goto(urls.outline(id));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      strings.outlineTitle(c.scenario.title),
    );
    const main = page.getByRole('main');

    // Decisions: one linked h2 per decision step.
    const decisionLinks = await main
      .getByRole('heading', { level: 2 })
      .getByRole('link')
      .evaluateAll((as) =>
        as.map((a) => ({ title: a.textContent ?? '', href: a.getAttribute('href') ?? '' })),
      );
    expect(
      sorted(decisionLinks.map((d) => `${collapse(d.title)} → ${d.href}`)),
      'one linked heading per decision step',
    ).toEqual(sorted(want.decisions.map((d) => `${d.title} → ${d.href}`)));

    // Options: one h3 per option of each decision step; outcomes: one linked h3 per outcome.
    const h3 = await main.getByRole('heading', { level: 3 }).evaluateAll((hs) =>
      hs.map((h) => ({
        text: h.textContent ?? '',
        href: h.querySelector('a')?.getAttribute('href') ?? null,
      })),
    );
    expect(
      sorted(h3.map((h) => collapse(h.text)).filter((t) => t.startsWith(`${strings.option}: `))),
      'every option of every decision',
    ).toEqual(sorted(want.options));
    expect(
      sorted(
        h3
          .filter((h) => collapse(h.text).startsWith(`${strings.outcomeLabel}: `))
          .map((h) => `${collapse(h.text)} → ${h.href ?? ''}`),
      ),
      'every outcome, linked to its page',
    ).toEqual(sorted(want.outcomes.map((o) => `${strings.outcomeLabel}: ${o.title} → ${o.href}`)));

    // Every consequence quoted, each quotation with its location link.
    const quotes = await main.locator('figure.quote').evaluateAll((figures) =>
      figures.map((f) => ({
        text: f.querySelector('blockquote')?.textContent ?? '',
        location: f.querySelector('figcaption a')?.textContent ?? '',
        href: f.querySelector('figcaption a')?.getAttribute('href') ?? '',
      })),
    );
    const shown = new Set(
      quotes.map((q) => `${collapse(q.text)} | ${collapse(q.location)} | ${q.href}`),
    );
    for (const claim of want.quoted) {
      for (const cite of claim.citations) {
        const location = strings.location(cite);
        const line = `${collapse(cite.text)} | ${location}${strings.inSourceReader} | ${urls.source(id)}#${cite.anchor}`;
        expect(shown.has(line), `"${claim.label}" quotes ${location}: ${cite.text}`).toBe(true);
      }
    }
    // Each consequence says why it sits on its branch.
    await expect(main.locator('.tie')).toHaveCount(want.ties);
    // And nothing is quoted that the content does not assign.
    const allowed = new Set(
      want.quoted.flatMap((claim) => claim.citations.map((cite) => collapse(cite.text))),
    );
    for (const q of quotes) expect(allowed, 'a quoted consequence').toContain(collapse(q.text));

    // Every silence, stated, with each part named and located.
    expect(
      sorted((await main.locator('.silence__statement').allTextContents()).map(collapse)),
      'every silence of every option and outcome',
    ).toEqual(sorted(want.silences.map((s) => s.statement)));
    for (const silence of want.silences) {
      const blocks = main.locator('.silence').filter({
        has: page.locator('.silence__statement', { hasText: silence.statement }),
      });
      expect(await blocks.count(), `"${silence.statement}" is stated`).toBeGreaterThan(0);
      for (const block of await blocks.all()) {
        for (const part of silence.parts) {
          const item = block
            .getByRole('listitem')
            .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(part.label)} \\(`) });
          await expect(item, `"${silence.statement}" names "${part.label}"`).toHaveCount(1);
          for (const cite of part.citations) {
            await expect(
              item.getByRole('link', {
                name: strings.location(cite),
                exact: true,
              }),
            ).toHaveAttribute('href', `${urls.source(id)}#${cite.anchor}`);
          }
        }
      }
    }
  });
}
