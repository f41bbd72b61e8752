/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { axe, toHaveNoViolations } from 'jest-axe';
import { KindsLegend } from '@/app/_components/kinds-legend';
import { PromptList } from '@/app/_components/prompt-list';
import type { BriefingNode } from '@/content/parse';
import { realScenario } from '../helpers/scenarios';

expect.extend(toHaveNoViolations);

const kabul = realScenario('kabul-crossroads');

describe('KindsLegend', () => {
  it('is a region headed as our definitions', () => {
    render(<KindsLegend />);
    const heading = screen.getByRole('heading', {
      level: 2,
      name: 'Reading the claim kinds (our definitions)',
    });
    expect(screen.getByRole('region', { name: heading.textContent ?? '' })).toContainElement(
      heading,
    );
  });

  it('defines the four kinds, each term with its definition', () => {
    render(<KindsLegend />);
    const terms = screen.getAllByRole('term').map((t) => t.textContent);
    const definitions = screen.getAllByRole('definition').map((d) => d.textContent);
    expect(terms).toEqual(['Conditional', 'Predictive', 'Normative', 'Descriptive']);
    expect(definitions).toEqual([
      'ties one thing to another: if this, then that; this excludes that.',
      'says what will or is likely to happen.',
      'says what should, must or may be done.',
      'says what is the case, or what someone believes or fears.',
    ]);
  });

  it('defines every kind the scenario’s claims use', () => {
    render(<KindsLegend />);
    const terms = screen.getAllByRole('term').map((t) => t.textContent?.toLowerCase());
    for (const claim of Object.values(kabul.claims)) expect(terms).toContain(claim.kind);
  });

  it('has no axe violations', async () => {
    const { container } = render(<KindsLegend />);
    expect(await axe(container)).toHaveNoViolations();
  });
});

describe('PromptList', () => {
  const briefing = kabul.nodes[kabul.start] as BriefingNode;
  const prompts = briefing.prompts;

  it('heads the list as our questions, not the text’s', () => {
    render(<PromptList prompts={prompts} />);
    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading).toHaveTextContent('For discussion (our questions, not the text’s)');
    expect(heading).toHaveTextContent(/our questions/);
    expect(screen.getByRole('region', { name: heading.textContent ?? '' })).toContainElement(
      screen.getByRole('list'),
    );
  });

  it('lists every prompt, in order', () => {
    expect(prompts.length).toBeGreaterThan(0);
    render(<PromptList prompts={prompts} />);
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([...prompts]);
  });

  it('takes a lower heading level when nested', () => {
    render(<PromptList prompts={prompts} headingLevel={3} />);
    expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent(/our questions/);
    expect(screen.queryByRole('heading', { level: 2 })).not.toBeInTheDocument();
  });

  it('renders nothing without prompts', () => {
    const { container } = render(<PromptList prompts={[]} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('renders prompts as text, never as markup', () => {
    render(<PromptList prompts={['<b>bold?</b> & more']} />);
    expect(screen.getByRole('listitem')).toHaveTextContent('<b>bold?</b> & more');
    expect(screen.getByRole('listitem').querySelector('b')).toBeNull();
  });

  it('has no axe violations', async () => {
    const { container } = render(<PromptList prompts={prompts} />);
    expect(await axe(container)).toHaveNoViolations();
  });
});
