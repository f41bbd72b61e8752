/** @jest-environment jsdom */
import './intersection-observer';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe, toHaveNoViolations } from 'jest-axe';
import { decodeShared } from '@/app/_lib/debrief';
import { exerciseKey } from '@/app/_lib/exercise-progress';
import { strings } from '@/app/_lib/strings';
import { toTraining } from '@/app/_lib/training';
import { PresenterApp } from '@/app/scenarios/[id]/present/presenter-app';
import type { DecisionNode } from '@/content/parse';
import { answerClaims, answerFor } from '@/machines/answers';
import { realScenario } from '../helpers/scenarios';
import type { NavigationHelper } from '../helpers/next-navigation';

const t = strings.present;

expect.extend(toHaveNoViolations);

jest.mock('next/navigation', () =>
  jest
    .requireActual<NavigationHelper>('../helpers/next-navigation')
    .navigationAt('/scenarios/kabul-crossroads/present'),
);

const kabul = realScenario('kabul-crossroads');
const scenario = toTraining(kabul);
const KEY = 'crossroads:present:kabul-crossroads';
const first = kabul.nodes['ttp-or-pakistan'] as DecisionNode;
const second = kabul.nodes['approach-after-pakistan'] as DecisionNode;
const optionOf = (node: DecisionNode, id: string) =>
  node.options.find((o) => o.id === id) as DecisionNode['options'][number];
const pakistan = optionOf(first, 'pakistan');
/** What the reveal after "Pakistan" quotes: no consequence of its own, the parts of its silence. */
const pakistanAnswer = answerFor(kabul, 'ttp-or-pakistan', 'pakistan');
const pakistanShows = [
  ...answerClaims(pakistanAnswer),
  ...(pakistanAnswer.silence?.parts ?? []),
  ...(pakistanAnswer.silence?.contested?.claims ?? []),
];
const partnership = optionOf(second, 'partnership');

/** Every passage the scenario quotes, exactly as the source has it. */
const citationTexts = new Set(
  Object.values(kabul.claims).flatMap((c) => c.citations.map((q) => q.text)),
);
const quotesOf = (claimIds: readonly string[]) =>
  claimIds.flatMap((id) => kabul.claims[id]?.citations.map((c) => c.text) ?? []);

function renderApp() {
  // As on the page: the app sits in the layout's <main>.
  return render(
    <main>
      <PresenterApp scenario={scenario} />
    </main>,
  );
}

const heading = () => screen.getByRole('heading', { level: 1 });
const liveRegion = () =>
  screen.getAllByRole('status').find((el) => el.getAttribute('aria-live') === 'polite');
const notes = () => screen.getByRole('complementary', { name: t.facilitatorNotes });
/** The keys the legend offers, as "key name" lines. */
const legend = () =>
  within(screen.getByRole('region', { name: t.keysHeading }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);
const backButton = () => screen.queryByRole('button', { name: 'Back (B)' });
const voteInput = (label: string) =>
  screen.getByRole('spinbutton', { name: `${t.roomVote} for ${label}` });

/** Keys go to whatever has focus; the heading has it after every change of screen. */
async function press(user: ReturnType<typeof userEvent.setup>, keys: string) {
  await user.keyboard(keys);
}

function expectBlockquotesAreSourceText() {
  const quotes = document.querySelectorAll('blockquote');
  for (const q of quotes) {
    // Only the source's own words inside: one paragraph holding exactly one citation text.
    expect(q.children).toHaveLength(1);
    expect(citationTexts.has(q.textContent ?? '')).toBe(true);
  }
  return quotes.length;
}

beforeEach(() => {
  window.localStorage.clear();
});

describe('PresenterApp', () => {
  it('shows the briefing: title, the text’s voice, our introduction, facilitator notes and Start', async () => {
    const { container } = renderApp();
    expect(heading()).toHaveTextContent(kabul.title);
    expect(screen.getByRole('complementary', { name: 'Whose words are these?' })).toHaveTextContent(
      kabul.source.voice,
    );
    expect(screen.getByText(/Our introduction/)).toBeInTheDocument();
    const briefing = kabul.nodes[kabul.start];
    for (const note of briefing?.facilitatorNotes ?? []) {
      expect(within(notes()).getByText(note)).toBeInTheDocument();
    }
    expect(within(notes()).getByText(t.facilitatorNotes)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start (N)' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: t.resume })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Keys' })).toBeInTheDocument();
    expectBlockquotesAreSourceText();
    expect(await axe(container)).toHaveNoViolations();
  });

  it('walks the flow with N, digits, B and R, hiding the consequences until the reveal', async () => {
    const user = userEvent.setup();
    const { container } = renderApp();

    await press(user, 'n');
    expect(heading()).toHaveTextContent(first.title);
    expect(heading()).toHaveFocus();
    expect(liveRegion()).toHaveTextContent(`Now at: ${first.title}`);
    expect(screen.getByText(first.question)).toBeInTheDocument();
    expect(screen.getByText(/Who decides/)).toHaveTextContent('The Afghan Taliban (Kabul)');
    expect(screen.getByText(/Our question/)).toBeInTheDocument();
    for (const note of first.facilitatorNotes) {
      expect(within(notes()).getByText(note)).toBeInTheDocument();
    }
    // The options are real buttons, numbered.
    expect(screen.getByRole('button', { name: pakistan.label })).toHaveAttribute(
      'aria-keyshortcuts',
      '1',
    );
    expect(screen.getByRole('button', { name: 'The TTP' })).toHaveAttribute(
      'aria-keyshortcuts',
      '2',
    );
    // No consequence is on the page before a choice.
    for (const quote of quotesOf(pakistanShows)) {
      expect(document.body).not.toHaveTextContent(quote);
    }
    expect(await axe(container)).toHaveNoViolations();

    // R and B do nothing yet; a digit with no option does nothing.
    await press(user, 'r');
    await press(user, 'b');
    await press(user, '3');
    expect(heading()).toHaveTextContent(first.title);

    await press(user, '1');
    expect(heading()).toHaveTextContent('The room goes with “Pakistan”');
    expect(heading()).toHaveFocus();
    expect(liveRegion()).toHaveTextContent('Now at: The room goes with “Pakistan”');
    // Hidden means absent, not styled away.
    expect(document.querySelectorAll('blockquote')).toHaveLength(0);
    for (const id of pakistanShows) {
      expect(screen.queryByText(kabul.claims[id]?.label ?? '')).not.toBeInTheDocument();
    }
    for (const quote of quotesOf(pakistanShows)) {
      expect(document.body).not.toHaveTextContent(quote);
    }
    expect(screen.getByRole('button', { name: 'Reveal what the text says (R)' })).toBeEnabled();

    await press(user, 'b');
    expect(heading()).toHaveTextContent(first.title);
    await press(user, '2');
    expect(heading()).toHaveTextContent('The room goes with “The TTP”');
    await press(user, 'B');
    await press(user, '1');

    await press(user, 'r');
    expect(heading()).toHaveTextContent('What the text says follows from choosing “Pakistan”');
    expect(heading()).toHaveFocus();
    for (const quote of quotesOf(pakistanShows)) {
      expect(document.body).toHaveTextContent(quote);
    }
    expect(pakistan.consequences).toEqual([]);
    expect(
      // Contested: ¶9's "right choice" may refer to it, as we read it.
      screen.getByText(
        `The text ties no consequence to “${pakistan.label}” in words of its own; one it ties to another choice may also refer to this one, as we read it (see below).`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: /^The text does not say in words tied/ }),
    ).toBeInTheDocument();
    for (const id of pakistanShows) {
      expect(
        screen.getByRole('heading', { level: 3, name: kabul.claims[id]?.label }),
      ).toBeInTheDocument();
    }
    expect(expectBlockquotesAreSourceText()).toBe(quotesOf(pakistanShows).length);
    // Each quote carries its location.
    expect(screen.getAllByRole('link', { name: /^¶\d+, sentence \d+/ }).length).toBe(
      quotesOf(pakistanShows).length,
    );
    expect(await axe(container)).toHaveNoViolations();

    await press(user, 'N');
    expect(heading()).toHaveTextContent(second.title);
    expect(screen.getByText(second.framingNote ?? '')).toBeInTheDocument();
  });

  it('goes one screen back with B wherever there is one, and offers B only there', async () => {
    const user = userEvent.setup();
    const { container } = renderApp();
    const revealedFirst = 'What the text says follows from choosing “Pakistan”';
    expect(legend()).toEqual(['N next / start']);
    expect(backButton()).not.toBeInTheDocument();

    await press(user, 'n');
    // The first decision: nothing to go back to (there is no back to the briefing).
    expect(legend()).toEqual(['1–9 choose an option']);
    expect(backButton()).not.toBeInTheDocument();

    await press(user, '1');
    expect(legend()).toEqual(['R reveal', 'B back']);

    // The review's case: N, 1, R, then B takes the reveal back; the answer is hidden again.
    await press(user, 'r');
    expect(heading()).toHaveTextContent(revealedFirst);
    expect(legend()).toEqual(['N next / start', 'B back']);
    expect(backButton()).toBeInTheDocument();
    await press(user, 'b');
    expect(heading()).toHaveTextContent('The room goes with “Pakistan”');
    expect(heading()).toHaveFocus();
    expect(liveRegion()).toHaveTextContent('Now at: The room goes with “Pakistan”');
    expect(document.querySelectorAll('blockquote')).toHaveLength(0);

    // N too soon at a reveal: B from the next decision comes back to that reveal.
    await press(user, 'r');
    await press(user, 'n');
    expect(heading()).toHaveTextContent(second.title);
    expect(legend()).toEqual(['B back', '1–9 choose an option']);
    expect(await axe(container)).toHaveNoViolations();
    await user.click(backButton() as HTMLElement);
    expect(heading()).toHaveTextContent(revealedFirst);
    expect(heading()).toHaveFocus();
    expect(expectBlockquotesAreSourceText()).toBe(quotesOf(pakistanShows).length);

    // And from the debrief to the last reveal.
    await press(user, 'n');
    await press(user, '1');
    await press(user, 'r');
    await press(user, 'n');
    const outcome = kabul.nodes['outcome-pakistan-partnership'];
    expect(heading()).toHaveTextContent(outcome?.title ?? '');
    expect(legend()).toEqual(['B back']);
    expect(await axe(container)).toHaveNoViolations();
    await press(user, 'b');
    expect(heading()).toHaveTextContent('What the text says follows from choosing “Partnership”');
    expect(heading()).toHaveFocus();
  });

  it('keeps the room’s votes when going back, and resumes a session with backs in it', async () => {
    const user = userEvent.setup();
    const view = renderApp();
    await press(user, 'n');
    await user.type(voteInput(pakistan.label), '4');
    act(() => heading().focus());
    await press(user, '1');
    await press(user, 'r');
    await press(user, 'b');
    await press(user, 'b');
    expect(heading()).toHaveTextContent(first.title);
    expect(voteInput(pakistan.label)).toHaveValue(4);
    await press(user, '2');
    await press(user, 'r');
    await press(user, 'n');
    await press(user, 'b');
    const at = heading().textContent;
    expect(at).toBe(
      'What follows from choosing “The TTP”: the text’s words, placed here by our reading',
    );
    view.unmount();

    renderApp();
    const offer = await screen.findByRole('region', { name: t.resumeHeading });
    await user.click(within(offer).getByRole('button', { name: t.resume }));
    expect(heading().textContent).toBe(at);
    await press(user, 'b');
    await press(user, 'b');
    expect(heading()).toHaveTextContent(first.title);
    expect(voteInput(pakistan.label)).toHaveValue(4);
  });

  it('lets the facilitator fold the notes away, and keeps them folded on later screens', async () => {
    const user = userEvent.setup();
    renderApp();
    const details = () => notes().querySelector('details') as HTMLDetailsElement;
    expect(details().open).toBe(true);
    await user.click(within(notes()).getByText(t.facilitatorNotes));
    expect(details().open).toBe(false);
    await press(user, 'n');
    expect(heading()).toHaveTextContent(first.title);
    expect(details().open).toBe(false);
  });

  it('ignores keys while typing in a vote box and with Ctrl, Meta or Alt', async () => {
    const user = userEvent.setup();
    renderApp();
    await press(user, '{Control>}n{/Control}');
    await press(user, '{Meta>}n{/Meta}');
    await press(user, '{Alt>}n{/Alt}');
    expect(heading()).toHaveTextContent(kabul.title);

    await press(user, 'n');
    const box = voteInput(pakistan.label);
    await user.type(box, '12');
    expect(box).toHaveValue(12);
    expect(heading()).toHaveTextContent(first.title);
    await user.type(voteInput('The TTP'), 'nrb2');
    expect(heading()).toHaveTextContent(first.title);

    // Clicking an option chooses it, like its digit.
    await user.click(screen.getByRole('button', { name: pakistan.label }));
    expect(heading()).toHaveTextContent('The room goes with “Pakistan”');
  });

  it('shows the room’s votes, the silences and a debrief link that carries the tallies', async () => {
    const user = userEvent.setup();
    const { container } = renderApp();
    await press(user, 'n');
    await user.type(voteInput(pakistan.label), '12');
    await user.type(voteInput('The TTP'), '5');
    act(() => heading().focus());
    await press(user, '1');
    expect(screen.getByText('12 votes')).toBeInTheDocument();
    expect(screen.getByText('17 votes in all')).toBeInTheDocument();
    await press(user, 'r');
    await press(user, 'n');

    await user.type(voteInput(partnership.label), '7');
    await user.click(screen.getByRole('button', { name: partnership.label }));
    await user.click(screen.getByRole('button', { name: 'Reveal what the text says (R)' }));
    expect(heading()).toHaveTextContent('What the text says follows from choosing “Partnership”');
    await user.click(screen.getByRole('button', { name: 'Next: the debrief (N)' }));

    const outcome = kabul.nodes['outcome-pakistan-partnership'];
    if (outcome?.kind !== 'outcome') throw new Error('no outcome');
    expect(heading()).toHaveTextContent(outcome.title);
    expect(heading()).toHaveFocus();
    expect(screen.getByText(/Our summary/).closest('p')).toHaveTextContent(outcome.summary);
    for (const silence of outcome.silences) {
      expect(
        screen.getByRole('heading', { name: `The text does not say ${silence.about}.` }),
      ).toBeInTheDocument();
      for (const quote of quotesOf(silence.parts)) {
        expect(document.body).toHaveTextContent(quote);
      }
    }
    for (const note of outcome.facilitatorNotes) {
      expect(within(notes()).getByText(note)).toBeInTheDocument();
    }
    expectBlockquotesAreSourceText();

    const table = screen.getByRole('table');
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual([
      'OptionVotesRoom went with',
      'Decision 1: The TTP or Pakistan',
      'Pakistan12Chosen',
      'The TTP5',
      'Decision 2: Pressure or partnership',
      'Partnership7Chosen',
      'Pressure–not counted',
    ]);
    expect(within(table).getByRole('rowheader', { name: 'Pakistan' })).toBeInTheDocument();

    const link = screen.getByRole('link', { name: 'Open the debrief page' });
    const url = new URL(link.getAttribute('href') ?? '', 'http://localhost');
    expect(url.pathname).toBe('/scenarios/kabul-crossroads/debrief/pakistan/partnership');
    expect(decodeShared(url.searchParams.get('d') ?? undefined)).toEqual({
      ok: true,
      shared: {
        tallies: {
          'ttp-or-pakistan': { pakistan: 12, ttp: 5 },
          'approach-after-pakistan': { partnership: 7 },
        },
      },
    });
    expect(await axe(container)).toHaveNoViolations();

    await user.click(screen.getByRole('button', { name: 'Restart' }));
    expect(heading()).toHaveTextContent(kabul.title);
    expect(heading()).toHaveFocus();
    expect(screen.queryByRole('button', { name: t.resume })).not.toBeInTheDocument();
  });

  it('offers a saved session back after a re-mount and resumes at the same screen', async () => {
    const user = userEvent.setup();
    const view = renderApp();
    await press(user, 'n');
    await user.type(voteInput(pakistan.label), '9');
    act(() => heading().focus());
    await press(user, '1');
    await press(user, 'r');
    const revealed = heading().textContent;
    const quotes = expectBlockquotesAreSourceText();
    view.unmount();

    const raw = window.localStorage.getItem(KEY);
    expect(KEY).toBe(exerciseKey(kabul.id, 'present'));
    expect(JSON.parse(raw ?? '{}')).toMatchObject({
      scenarioId: kabul.id,
      mode: 'present',
      events: [
        { type: 'exercise.start' },
        { type: 'exercise.tally', nodeId: 'ttp-or-pakistan', optionId: 'pakistan', count: 9 },
        { type: 'exercise.choose', optionId: 'pakistan' },
        { type: 'exercise.reveal' },
      ],
    });

    renderApp();
    expect(heading()).toHaveTextContent(kabul.title);
    const offer = await screen.findByRole('region', { name: t.resumeHeading });
    expect(offer).toHaveTextContent(`stopped at: Decision 1, ${first.title}`);
    await user.click(within(offer).getByRole('button', { name: t.resume }));
    expect(heading().textContent).toBe(revealed);
    expect(heading()).toHaveFocus();
    expect(expectBlockquotesAreSourceText()).toBe(quotes);
    expect(screen.queryByRole('region', { name: t.resumeHeading })).not.toBeInTheDocument();

    // The resumed session goes on, tallies included.
    await press(user, 'n');
    expect(heading()).toHaveTextContent(second.title);
  });

  it('starting afresh withdraws the offer of a saved session', async () => {
    const user = userEvent.setup();
    const view = renderApp();
    await press(user, 'n');
    view.unmount();
    renderApp();
    expect(await screen.findByRole('button', { name: t.resume })).toBeInTheDocument();
    await press(user, 'n');
    expect(heading()).toHaveTextContent(first.title);
    expect(screen.queryByRole('button', { name: t.resume })).not.toBeInTheDocument();
  });

  it.each([
    ['data that is not JSON', '{not json'],
    [
      'events the machine refuses',
      JSON.stringify({
        version: 1,
        scenarioId: 'kabul-crossroads',
        mode: 'present',
        events: [{ type: 'exercise.start' }, { type: 'exercise.choose', optionId: 'nowhere' }],
        savedAt: '2025-01-02T03:04:05.000Z',
      }),
    ],
  ])('discards %s with a notice', async (_name, data) => {
    window.localStorage.setItem(KEY, data);
    const { container } = renderApp();
    const notice = await screen.findByText(/Saved session could not be read and was discarded/);
    expect(notice).toHaveAttribute('role', 'status');
    expect(window.localStorage.getItem(KEY)).toBeNull();
    expect(screen.queryByRole('button', { name: t.resume })).not.toBeInTheDocument();
    expect(await axe(container)).toHaveNoViolations();
  });
});
