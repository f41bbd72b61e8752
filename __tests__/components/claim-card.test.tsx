/** @jest-environment jsdom */
import './intersection-observer';
import { render, screen, within } from '@testing-library/react';
import { axe, toHaveNoViolations } from 'jest-axe';
import { ClaimCard, ClaimList, SourceQuote } from '@/app/_components/claim-card';
import { ChoiceAnswerView } from '@/app/_components/choice-answer';
import { answerFor } from '@/machines/answers';
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
    const c = claim('pivotal-crossroads');
    expect(c.citations).toHaveLength(2);
    const { container } = render(<ClaimCard scenarioId={ID} claim={c} />);
    const quotes = [...container.querySelectorAll('blockquote')];
    expect(quotes.map((q) => q.textContent)).toEqual(c.citations.map((x) => x.text));
    expect(quotes.map((q) => q.getAttribute('cite'))).toEqual([
      '/scenarios/kabul-crossroads/source#p6-s1',
      '/scenarios/kabul-crossroads/source#p6-s2',
    ]);
    expect(screen.getAllByRole('link').map((l) => l.textContent)).toEqual([
      '¶6, sentence 1, in the source reader',
      '¶6, sentence 2, in the source reader',
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
      'combined-pressure-backfires': 'Predictive',
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

describe('ClaimCard with a tie (a consequence, and why it sits on this branch)', () => {
  const partnership = (() => {
    const node = kabul.nodes['approach-after-pakistan'];
    if (node?.kind !== 'decision') throw new Error('fixture changed');
    return node.options.find((o) => o.id === 'partnership')!.consequences[0]!;
  })();
  const ttp = (() => {
    const node = kabul.nodes['ttp-or-pakistan'];
    if (node?.kind !== 'decision') throw new Error('fixture changed');
    return node.options.find((o) => o.id === 'ttp')!.consequences[0]!;
  })();

  it('marks the text’s tying words inside the quotation, which stays the source’s words exactly', () => {
    const c = claim(partnership.claim);
    const { container } = render(<ClaimCard scenarioId={ID} claim={c} tie={partnership.tie} />);
    const quote = container.querySelector('blockquote') as HTMLElement;
    expect(quote.textContent).toBe(c.citations[0]!.text);
    const marks = quote.querySelectorAll('mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.textContent).toBe('By making the right choice-the choice of partnership');
  });

  it('says why here, in the text’s words, located, outside the quotation; and shows our note as ours', () => {
    render(<ClaimCard scenarioId={ID} claim={claim(partnership.claim)} tie={partnership.tie} />);
    const line = screen.getByText(/^Why here:/).closest('p') as HTMLElement;
    expect(line.closest('blockquote')).toBeNull();
    // The words are a <q>: the browser draws the quotation marks.
    expect(line).toHaveTextContent(
      'Why here: the text says By making the right choice-the choice of partnership (¶9, part of sentence 3',
    );
    const q = line.querySelector('q');
    expect(q?.textContent).toBe('By making the right choice-the choice of partnership');
    expect(q).toHaveAttribute('cite', '/scenarios/kabul-crossroads/source#p9-s3');
    expect(within(line).getByRole('link', { name: /¶9, part of sentence 3/ })).toHaveAttribute(
      'href',
      '/scenarios/kabul-crossroads/source#p9-s3',
    );
    expect(within(line).getByText(/^Our note/)).toHaveClass('ours__tag');
  });

  it('gives our reading as ours, and marks nothing in the quotation', () => {
    const { container } = render(
      <ClaimCard scenarioId={ID} claim={claim(ttp.claim)} tie={ttp.tie} />,
    );
    expect(container.querySelector('mark')).toBeNull();
    const tag = screen.getByText('Why here (our reading, not the text’s words):');
    expect(tag).toHaveClass('ours__tag');
    expect(tag.closest('blockquote')).toBeNull();
    expect(tag.closest('p')).toHaveTextContent(ttp.tie.kind === 'inferred' ? ttp.tie.reading : '');
  });

  it('has no axe violations, either way', async () => {
    const { container } = render(
      <>
        <ClaimCard scenarioId={ID} claim={claim(partnership.claim)} tie={partnership.tie} />
        <ClaimCard scenarioId={ID} claim={claim(ttp.claim)} tie={ttp.tie} />
      </>,
    );
    expect(await axe(container)).toHaveNoViolations();
  });
});

describe('ChoiceAnswerView (what the text says follows from each choice)', () => {
  const choices = Object.entries(kabul.nodes).flatMap(([nodeId, n]) =>
    n.kind === 'decision' ? n.options.map((o) => [nodeId, o.id, o.label] as const) : [],
  );

  it.each(choices)(
    'at %s / %s: every consequence has its “why here”, and every quotation is the source’s words',
    (nodeId, optionId, label) => {
      const answer = answerFor(kabul, nodeId, optionId);
      const { container } = render(
        <ChoiceAnswerView
          scenarioId={ID}
          claims={kabul.claims}
          answer={answer}
          optionLabel={label}
        />,
      );
      const tied = [...answer.consequences, ...(answer.ruledOut ? [answer.ruledOut] : [])];
      expect(container.querySelectorAll('.tie')).toHaveLength(tied.length);
      const sentences = new Map(
        kabul.document.paragraphs.flatMap((p) => p.sentences.map((x) => [x.id, x.text] as const)),
      );
      for (const quote of container.querySelectorAll('blockquote')) {
        const anchor = quote.getAttribute('cite')?.split('#')[1] ?? '';
        expect(sentences.get(anchor)).toContain(quote.textContent);
      }
      if (tied.length === 0) {
        expect(container).toHaveTextContent(
          answer.silence?.contested
            ? `The text ties no consequence to “${label}” in words of its own;`
            : `The text assigns no consequence of its own to “${label}”.`,
        );
        expect(container).toHaveTextContent('The text does not say');
      }
    },
  );

  it('says the TTP-then-partnership combination is ruled out, cites why, and offers nothing more', () => {
    const { container } = render(
      <ChoiceAnswerView
        scenarioId={ID}
        claims={kabul.claims}
        answer={answerFor(kabul, 'approach-after-ttp', 'partnership')}
        optionLabel="Partnership"
      />,
    );
    expect(
      screen.getByRole('heading', { name: 'The text rules this combination out, as we read it' }),
    ).toBeInTheDocument();
    expect(container.querySelectorAll('blockquote')).toHaveLength(1);
    expect(container.querySelector('blockquote')?.getAttribute('cite')).toMatch(/#p6-s4$/);
    expect(container).not.toHaveTextContent('right choice');
    expect(container).not.toHaveTextContent('The text does not say');
  });

  it('has no axe violations', async () => {
    const { container } = render(
      <ChoiceAnswerView
        scenarioId={ID}
        claims={kabul.claims}
        answer={answerFor(kabul, 'ttp-or-pakistan', 'pakistan')}
        optionLabel="Pakistan"
      />,
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
