/** @jest-environment jsdom */
import './intersection-observer';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe, toHaveNoViolations } from 'jest-axe';
import { strings } from '@/app/_lib/strings';
import { toTraining } from '@/app/_lib/training';
import { ExerciseApp } from '@/app/scenarios/[id]/exercise/exercise-app';
import type { DecisionNode } from '@/content/parse';
import { answerClaims, answerFor } from '@/machines/answers';
import { realScenario } from '../helpers/scenarios';
import type { NavigationHelper } from '../helpers/next-navigation';

expect.extend(toHaveNoViolations);

jest.mock('next/navigation', () =>
  jest
    .requireActual<NavigationHelper>('../helpers/next-navigation')
    .navigationAt('/scenarios/kabul-crossroads/exercise'),
);

const kabul = realScenario('kabul-crossroads');
const scenario = toTraining(kabul);
const first = kabul.nodes['ttp-or-pakistan'] as DecisionNode;
const second = kabul.nodes['approach-after-ttp'] as DecisionNode;
const labelOf = (node: DecisionNode, id: string) =>
  node.options.find((o) => o.id === id)?.label ?? id;
const [claimId] = answerClaims(answerFor(kabul, 'ttp-or-pakistan', 'ttp'));
const claim = kabul.claims[claimId ?? ''];
if (!claim) throw new Error('the TTP’s consequence is missing');

type User = ReturnType<typeof userEvent.setup>;

function renderApp() {
  // As on the page: the app sits in the layout's <main>.
  return render(
    <main>
      <ExerciseApp scenario={scenario} />
    </main>,
  );
}

const stageHeading = () => document.getElementById('stage-heading') as HTMLElement;

async function choose(user: User, node: DecisionNode, optionId: string) {
  const list = screen.getByRole('list', { name: strings.chooseOption });
  const label = labelOf(node, optionId);
  await user.click(within(list).getByRole('button', { name: new RegExp(`^${label}\\b`) }));
}

async function predictAndReveal(user: User, words: string) {
  await user.type(screen.getByLabelText(strings.predictOwn), words);
  await user.click(screen.getByRole('button', { name: strings.revealButton }));
}

/** Start → choose the TTP → predict in own words → Lock in. */
async function toFirstReveal(user: User) {
  await user.click(screen.getByRole('button', { name: strings.startExercise }));
  await choose(user, first, 'ttp');
  await predictAndReveal(user, 'Better ties');
}

async function checkKind(user: User, kind: string) {
  const quiz = screen.getAllByRole('group', { name: strings.kindQuestion })[0] as HTMLElement;
  await user.click(within(quiz).getByRole('radio', { name: kind }));
  await user.click(screen.getAllByRole('button', { name: strings.check })[0] as HTMLElement);
}

beforeEach(() => {
  window.localStorage.clear();
});

describe('ExerciseApp focus', () => {
  it('moves the focus to the revealed stage after Lock in, never leaving it on <body>', async () => {
    const user = userEvent.setup();
    renderApp();
    await toFirstReveal(user);
    expect(stageHeading()).toHaveTextContent(strings.youChose(labelOf(first, 'ttp'), true));
    expect(document.activeElement).toBe(stageHeading());
  });

  it('moves the focus to the answer’s heading after Check (right), with no stale status', async () => {
    const user = userEvent.setup();
    const { container } = renderApp();
    await toFirstReveal(user);
    await checkKind(user, strings.kinds[claim.kind]);

    const answer = screen.getByRole('heading', {
      level: 4,
      name: strings.kindRight(strings.kinds[claim.kind]),
    });
    expect(document.activeElement).toBe(answer);
    expect(answer).toHaveAttribute('tabindex', '-1');
    expect(document.activeElement).not.toBe(document.body);
    // The focus move is the announcement: no role="status" created already holding the answer.
    for (const status of screen.queryAllByRole('status')) {
      expect(status).not.toHaveTextContent(strings.kindRight(strings.kinds[claim.kind]));
    }
    expect(await axe(container)).toHaveNoViolations();
  });

  it('moves the focus to the answer’s heading after Check (wrong), the reason after it', async () => {
    const user = userEvent.setup();
    renderApp();
    await toFirstReveal(user);
    const wrong = Object.entries(strings.kinds).find(([k]) => k !== claim.kind)?.[1] ?? '';
    await checkKind(user, wrong);

    const answer = screen.getByRole('heading', {
      level: 4,
      name: strings.kindWrong(strings.kinds[claim.kind]),
    });
    expect(document.activeElement).toBe(answer);
    expect(answer.nextElementSibling).toHaveTextContent(claim.kindReason);
  });
});

describe('ExerciseApp reveal: graded only against the text’s own ties', () => {
  it('does not score Pakistan, whose silence is contested, and shows both readings for discussion', async () => {
    const user = userEvent.setup();
    const { container } = renderApp();
    await user.click(screen.getByRole('button', { name: strings.startExercise }));
    await choose(user, first, 'pakistan');
    await user.click(screen.getByRole('radio', { name: strings.predictNothing }));
    await user.click(screen.getByRole('button', { name: strings.revealButton }));
    expect(screen.getByText(strings.verdictContested)).toBeInTheDocument();
    expect(screen.queryByText(strings.verdictRight)).not.toBeInTheDocument();
    expect(screen.queryByText(strings.verdictWrong)).not.toBeInTheDocument();
    expect(screen.getByText(strings.noConsequences('Pakistan', true))).toBeInTheDocument();
    // ¶9's "right choice", which may refer here, is quoted beside our reading.
    expect(screen.getByRole('heading', { name: strings.contestedHeading })).toBeInTheDocument();
    expect(
      screen.getByText(/^By making the right choice-the choice of partnership/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', {
        name: /^The text does not say in words tied to this choice what follows from it/,
      }),
    ).toBeInTheDocument();
    // No kind quiz: nothing is shown as a consequence here.
    expect(screen.queryByRole('group', { name: strings.kindQuestion })).not.toBeInTheDocument();
    expect(await axe(container)).toHaveNoViolations();
  });

  it('scores nothing where the link is our reading, and says so beside the reading', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: strings.startExercise }));
    await choose(user, first, 'ttp');
    await user.click(screen.getByRole('radio', { name: claim.label }));
    await user.click(screen.getByRole('button', { name: strings.revealButton }));
    expect(screen.getByText(strings.verdictUnscored)).toBeInTheDocument();
    expect(screen.queryByText(strings.verdictRight)).not.toBeInTheDocument();
    expect(screen.queryByText(strings.verdictWrong)).not.toBeInTheDocument();
    expect(screen.getByText('Why here (our reading, not the text’s words):')).toBeInTheDocument();
  });
});

describe('ExerciseApp back', () => {
  it('goes back from the next decision to the last reveal, kind answers kept, focus on its heading', async () => {
    const user = userEvent.setup();
    const { container } = renderApp();
    // No back at the first decision.
    await user.click(screen.getByRole('button', { name: strings.startExercise }));
    expect(screen.queryByRole('button', { name: strings.backToReveal })).not.toBeInTheDocument();
    await choose(user, first, 'ttp');
    await predictAndReveal(user, 'Better ties');
    await checkKind(user, strings.kinds[claim.kind]);
    // No back from a reveal: the prediction is locked in.
    expect(screen.queryByRole('button', { name: strings.backToReveal })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: strings.changeChoice })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: strings.next }));
    expect(stageHeading()).toHaveTextContent(second.title);
    expect(await axe(container)).toHaveNoViolations();
    await user.click(screen.getByRole('button', { name: strings.backToReveal }));
    expect(stageHeading()).toHaveTextContent(strings.youChose(labelOf(first, 'ttp'), true));
    expect(document.activeElement).toBe(stageHeading());
    expect(
      screen.getByRole('heading', { level: 4, name: strings.kindRight(strings.kinds[claim.kind]) }),
    ).toBeInTheDocument();
    expect(screen.getByText('Better ties')).toBeInTheDocument();

    // On to the debrief, and back from it.
    await user.click(screen.getByRole('button', { name: strings.next }));
    await choose(user, second, 'partnership');
    await predictAndReveal(user, 'Closer ties');
    await user.click(screen.getByRole('button', { name: strings.toDebrief }));
    const outcome = kabul.nodes['outcome-ttp-partnership'];
    expect(stageHeading()).toHaveTextContent(outcome?.title ?? '');
    await user.click(screen.getByRole('button', { name: strings.backToReveal }));
    // After the TTP, partnership is ruled out by our reading: the heading says so.
    expect(stageHeading()).toHaveTextContent(
      strings.youChose(labelOf(second, 'partnership'), true),
    );
    expect(document.activeElement).toBe(stageHeading());
  });

  it('restores saved progress with a back in it', async () => {
    const user = userEvent.setup();
    const view = renderApp();
    await toFirstReveal(user);
    await user.click(screen.getByRole('button', { name: strings.next }));
    await user.click(screen.getByRole('button', { name: strings.backToReveal }));
    const at = stageHeading().textContent;
    view.unmount();

    renderApp();
    await user.click(await screen.findByRole('button', { name: strings.resumeExercise }));
    expect(stageHeading().textContent).toBe(at);
    expect(screen.getByText('Better ties')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: strings.next }));
    expect(stageHeading()).toHaveTextContent(second.title);
  });
});
