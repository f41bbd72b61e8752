/** @jest-environment jsdom */
import './intersection-observer';
import { render, screen, within } from '@testing-library/react';
import { axe, toHaveNoViolations } from 'jest-axe';
import { ClaimCard, ClaimList, SourceQuote } from '@/app/_components/claim-card';
import type { Claim } from '@/content/parse';
import { realScenario } from '../helpers/scenarios';

expect.extend(toHaveNoViolations);

const kabul = realScenario('kabul-crossroads');
const ID = kabul.id;

function claim(id: string): Claim {
  const found = kabul.claims[id];
  if (!found) throw new Error(`no claim ${id}`);
  return found;
}

const allClaims = Object.entries(kabul.claims).map(([id, c]) => ({ id, claim: c }));

describe('SourceQuote', () => {
  const citation = claim('cornerstone').citations[0]!;

  it('quotes exactly the source text inside the blockquote', () => {
    const { container } = render(<SourceQuote scenarioId={ID} citation={citation} />);
    const quotes = container.querySelectorAll('blockquote');
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.textContent).toBe(
      'Pakistan’s unwavering commitment to a peaceful, stable, and prosperous Afghanistan remains the cornerstone of its foreign policy.',
    );
    expect(quotes[0]?.textContent).toBe(citation.text);
  });

  it('cites the sentence in the source reader', () => {
    const { container } = render(<SourceQuote scenarioId={ID} citation={citation} />);
    expect(container.querySelector('blockquote')).toHaveAttribute(
      'cite',
      '/scenarios/kabul-crossroads/source#p1-s1',
    );
  });

  it('links the location, outside the quote, to the sentence in the reader', () => {
    const { container } = render(<SourceQuote scenarioId={ID} citation={citation} />);
    const link = screen.getByRole('link', { name: /¶1, sentence 1/ });
    // jsdom's name computation puts a space before an inline child; browsers do not.
    expect(link).toHaveAccessibleName(/^¶1, sentence 1 ?, in the source reader$/);
    expect(link).toHaveAttribute('href', '/scenarios/kabul-crossroads/source#p1-s1');
    expect(link.closest('blockquote')).toBeNull();
    expect(container.querySelector('blockquote')).not.toHaveTextContent('¶');
  });

  it('tells the reader which step it came from, when it is on a step', () => {
    render(<SourceQuote scenarioId={ID} citation={citation} fromStep={['ttp', 'pressure']} />);
    expect(screen.getByRole('link', { name: /¶1, sentence 1/ })).toHaveAttribute(
      'href',
      '/scenarios/kabul-crossroads/source?step=ttp%2Fpressure#p1-s1',
    );
  });

  it('keeps the cite attribute the plain sentence address, even from a step', () => {
    const { container } = render(
      <SourceQuote scenarioId={ID} citation={citation} fromStep={['ttp']} />,
    );
    expect(container.querySelector('blockquote')).toHaveAttribute(
      'cite',
      '/scenarios/kabul-crossroads/source#p1-s1',
    );
  });

  it('addresses a repeated sentence by its location, not its words', () => {
    const first = claim('partner-for-peace').citations[0]!;
    const again = claim('ready-partner').citations[0]!;
    expect(first.text).toBe(again.text);
    render(
      <>
        <SourceQuote scenarioId={ID} citation={first} />
        <SourceQuote scenarioId={ID} citation={again} />
      </>,
    );
    expect(screen.getByRole('link', { name: /¶5, sentence 1/ })).toHaveAttribute(
      'href',
      '/scenarios/kabul-crossroads/source#p5-s1',
    );
    expect(screen.getByRole('link', { name: /¶9, sentence 2/ })).toHaveAttribute(
      'href',
      '/scenarios/kabul-crossroads/source#p9-s2',
    );
  });

  it('has no axe violations', async () => {
    const { container } = render(<SourceQuote scenarioId={ID} citation={citation} />);
    expect(await axe(container)).toHaveNoViolations();
  });
});

describe('ClaimCard', () => {
  it('heads the card with our label, at the level asked for', () => {
    const c = claim('cornerstone');
    const { rerender } = render(<ClaimCard scenarioId={ID} claim={c} />);
    expect(screen.getByRole('heading', { level: 3, name: c.label })).toBeInTheDocument();
    rerender(<ClaimCard scenarioId={ID} claim={c} headingLevel={4} />);
    expect(screen.getByRole('heading', { level: 4, name: c.label })).toBeInTheDocument();
  });

  it('renders one quote per citation, in order, each with its own location', () => {
    const c = claim('taliban-govern-a-divided-country');
    expect(c.citations).toHaveLength(2);
    const { container } = render(<ClaimCard scenarioId={ID} claim={c} />);
    const quotes = [...container.querySelectorAll('blockquote')];
    expect(quotes.map((q) => q.textContent)).toEqual(c.citations.map((x) => x.text));
    expect(quotes.map((q) => q.getAttribute('cite'))).toEqual([
      '/scenarios/kabul-crossroads/source#p3-s1',
      '/scenarios/kabul-crossroads/source#p3-s2',
    ]);
    expect(screen.getAllByRole('link').map((l) => l.textContent)).toEqual([
      '¶3, sentence 1, in the source reader',
      '¶3, sentence 2, in the source reader',
    ]);
  });

  it('keeps the label, the kind and our reading outside every blockquote', () => {
    const c = claim('duty-to-protect');
    const { container } = render(<ClaimCard scenarioId={ID} claim={c} />);
    const kind = screen.getByText('Normative');
    const reading = screen.getByText('Our reading:');
    const heading = screen.getByRole('heading', { name: c.label });
    for (const el of [kind, reading, heading]) expect(el.closest('blockquote')).toBeNull();
    expect(reading.parentElement).toHaveTextContent(`Our reading: ${c.kindReason}`);
    expect(kind).toHaveTextContent('Claim kind: Normative');
    const quote = container.querySelector('blockquote') as HTMLElement;
    for (const ours of ['Our reading', 'Normative', c.kindReason, c.label, 'The text claims']) {
      expect(quote.textContent).not.toContain(ours);
    }
  });

  it('says the quote is the text’s claim before it', () => {
    render(<ClaimCard scenarioId={ID} claim={claim('cornerstone')} />);
    expect(screen.getByText('The text claims:').closest('blockquote')).toBeNull();
  });

  it('names each kind as the content says', () => {
    const kinds = {
      'normal-ties-exclude-attacks': 'Conditional',
      'no-stability-on-pressure': 'Predictive',
      'duty-to-protect': 'Normative',
      cornerstone: 'Descriptive',
    } as const;
    for (const [id, label] of Object.entries(kinds)) {
      const { unmount } = render(<ClaimCard scenarioId={ID} claim={claim(id)} />);
      expect(screen.getByText(label)).toHaveTextContent(`Claim kind: ${label}`);
      unmount();
    }
  });

  it('has no axe violations', async () => {
    const { container } = render(
      <ClaimCard scenarioId={ID} claim={claim('taliban-govern-a-divided-country')} />,
    );
    expect(await axe(container)).toHaveNoViolations();
  });
});

describe('ClaimList', () => {
  const claims = [
    { id: 'cornerstone', claim: claim('cornerstone') },
    { id: 'duty-to-protect', claim: claim('duty-to-protect') },
    { id: 'partner-for-peace', claim: claim('partner-for-peace') },
  ];

  it('lists one card per claim, in the order given', () => {
    render(<ClaimList scenarioId={ID} claims={claims} />);
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual(
      claims.map((c) => c.claim.label),
    );
  });

  it('passes the heading level and the step on to each card', () => {
    render(<ClaimList scenarioId={ID} claims={claims} headingLevel={4} fromStep={[]} />);
    expect(screen.getAllByRole('heading', { level: 4 })).toHaveLength(3);
    for (const link of screen.getAllByRole('link')) {
      expect(link.getAttribute('href')).toMatch(
        /^\/scenarios\/kabul-crossroads\/source\?step=-#p\d+-s\d+$/,
      );
    }
  });

  it('has no axe violations', async () => {
    const { container } = render(<ClaimList scenarioId={ID} claims={claims} fromStep={['ttp']} />);
    expect(await axe(container)).toHaveNoViolations();
  });
});

describe('only the text’s own words are ever inside a blockquote', () => {
  it('holds for every claim of the Kabul scenario', () => {
    const { container } = render(<ClaimList scenarioId={ID} claims={allClaims} />);
    const quotes = [...container.querySelectorAll('blockquote')];
    const citations = allClaims.flatMap(({ claim: c }) => c.citations);
    expect(quotes).toHaveLength(citations.length);
    for (const [i, quote] of quotes.entries()) {
      const citation = citations[i]!;
      // Exactly the cited characters: no label, kind, reading, location or link.
      expect(quote.textContent).toBe(citation.text);
      expect(quote.querySelectorAll('a, button, h1, h2, h3, h4, h5, h6')).toHaveLength(0);
      expect(quote.getAttribute('cite')).toBe(
        `/scenarios/kabul-crossroads/source#p${citation.paragraph}-s${citation.sentence}`,
      );
      expect(citation.anchor).toBe(`p${citation.paragraph}-s${citation.sentence}`);
    }
  });

  it('quotes the source sentence at each cited location', () => {
    const { container } = render(<ClaimList scenarioId={ID} claims={allClaims} />);
    const sentences = new Map(
      kabul.document.paragraphs.flatMap((p) => p.sentences.map((s) => [s.id, s.text] as const)),
    );
    for (const quote of container.querySelectorAll('blockquote')) {
      const anchor = quote.getAttribute('cite')?.split('#')[1] ?? '';
      expect(sentences.get(anchor)).toContain(quote.textContent);
    }
  });

  it('lists every location link once per citation, saying when a quote is part of its sentence', () => {
    const { container } = render(<ClaimList scenarioId={ID} claims={allClaims} />);
    const sentences = new Map(
      kabul.document.paragraphs.flatMap((p) => p.sentences.map((s) => [s.id, s.text] as const)),
    );
    const withoutStop = (t: string | null | undefined) =>
      (t ?? '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const quotes = [...container.querySelectorAll('blockquote')];
    const names = screen.getAllByRole('link').map((l) => l.textContent);
    const expected = allClaims
      .flatMap(({ claim: c }) => c.citations)
      .map((x, i) => {
        const whole = withoutStop(sentences.get(x.anchor)) === withoutStop(quotes[i]?.textContent);
        const which = whole ? 'sentence' : 'part of sentence';
        return `¶${x.paragraph}, ${which} ${x.sentence}, in the source reader`;
      });
    expect(names).toEqual(expected);
    // The Kabul scenario has both kinds, so both wordings are checked.
    expect(expected.some((n) => n.includes('part of sentence'))).toBe(true);
    expect(expected.some((n) => !n.includes('part of sentence'))).toBe(true);
  });
});
