/** @jest-environment jsdom */
/**
 * The exercise's stages as a phone in a live room uses them: the choose and predict stages as
 * plain POST forms (no JavaScript needed, the fields named for the route handlers), the current
 * pick marked, and the reveal read-only. The solo exercise's use of the same components is
 * covered by exercise-app.test.tsx.
 */
import './intersection-observer';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axe, toHaveNoViolations } from 'jest-axe';
import { listedClaims } from '@/app/_components/choice-answer';
import { ChooseStage } from '@/app/_components/stages/choose-stage';
import { PredictStage } from '@/app/_components/stages/predict-stage';
import { RevealStage, type RevealStageProps } from '@/app/_components/stages/reveal-stage';
import { strings } from '@/app/_lib/strings';
import { toExerciseScenario, toTraining } from '@/app/_lib/training';
import type { DecisionNode } from '@/content/parse';
import { answerFor, gradingOf } from '@/machines/answers';
import {
  candidatesFor,
  isCorrect,
  MAX_PREDICTION_LENGTH,
  type Prediction,
} from '@/machines/exercise-machine';
import { realScenario } from '../helpers/scenarios';

expect.extend(toHaveNoViolations);

const kabul = realScenario('kabul-crossroads');
const exercise = toExerciseScenario(toTraining(kabul));
const FIRST = 'ttp-or-pakistan';
const first = kabul.nodes[FIRST] as DecisionNode;
const VOTE = '/rooms/abc/vote';
const PREDICT = '/rooms/abc/predict';

const label = (claimId: string) => kabul.claims[claimId]?.label ?? claimId;
const optionLabel = (node: DecisionNode, optionId: string) =>
  node.options.find((o) => o.id === optionId)?.label ?? optionId;

/**
 * Records every submission the browser would send (the fields, with the button that submitted
 * them), and stops it, since jsdom cannot navigate. A submission the component has already
 * stopped (its own handler ran first: React listens below the document) is not one.
 */
function submissions() {
  const posted: { form: HTMLFormElement; data: [string, string][] }[] = [];
  const listen = (e: Event) => {
    const { target, submitter } = e as SubmitEvent;
    if (e.defaultPrevented || !(target instanceof HTMLFormElement)) return;
    posted.push({
      form: target,
      data: [...new FormData(target, submitter)].map(([k, v]) => [k, String(v)]),
    });
    e.preventDefault();
  };
  document.addEventListener('submit', listen);
  return { posted, stop: () => document.removeEventListener('submit', listen) };
}

function chooseStage(props: Partial<Parameters<typeof ChooseStage>[0]> = {}) {
  return render(
    <main>
      <ChooseStage
        scenarioId={kabul.id}
        decision={first}
        number={1}
        decider={kabul.actors[first.decider]?.name}
        framing={listedClaims(kabul.claims, first.framing)}
        form={{ action: VOTE }}
        {...props}
      />
    </main>,
  );
}

const options = () =>
  within(screen.getByRole('list', { name: strings.chooseOption })).getAllByRole('button');

describe('ChooseStage as a form', () => {
  let log: ReturnType<typeof submissions>;
  beforeEach(() => {
    log = submissions();
  });
  afterEach(() => log.stop());

  it('is a POST form whose options are submit buttons carrying optionId', async () => {
    const user = userEvent.setup();
    const { container } = chooseStage();
    const form = container.querySelector('form');
    expect(form).not.toBeNull();
    expect(form).toHaveAttribute('method', 'post');
    expect(form).toHaveAttribute('action', VOTE);
    expect(options()).toHaveLength(first.options.length);
    for (const button of options()) {
      expect(button).toHaveAttribute('type', 'submit');
      expect(button).toHaveAttribute('name', 'optionId');
      expect(button.closest('form')).toBe(form);
    }

    const second = first.options[1]!;
    await user.click(screen.getByRole('button', { name: new RegExp(`^${second.label}\\b`) }));
    expect(log.posted).toHaveLength(1);
    expect(log.posted[0]?.form).toBe(form);
    expect(log.posted[0]?.data).toEqual([['optionId', second.id]]);
  });

  it('names and styles the options as the solo exercise does', () => {
    const solo = chooseStage({ form: undefined, onChoose: () => {} });
    const soloButtons = options();
    const names = soloButtons.map((b) => b.textContent);
    const classes = soloButtons.map((b) => b.className);
    expect(soloButtons.every((b) => b.getAttribute('type') === 'button')).toBe(true);
    expect(soloButtons.every((b) => !b.hasAttribute('aria-pressed'))).toBe(true);
    solo.unmount();

    chooseStage();
    expect(options().map((b) => b.textContent)).toEqual(names);
    expect(options().map((b) => b.className)).toEqual(classes);
    for (const [i, o] of first.options.entries()) {
      expect(options()[i]).toHaveAccessibleName(`${o.label} ${o.description}`);
    }
  });

  it('marks the current pick, in words and as pressed, its name unchanged', async () => {
    // The second option picked: the mark follows the pick, not the order.
    const [other, picked] = first.options;
    if (!other || !picked) throw new Error('the first decision has two options');
    const { container } = chooseStage({ selected: picked.id });
    const pickedButton = screen.getByRole('button', { pressed: true });
    expect(pickedButton).toHaveAccessibleName(`${picked.label} ${picked.description}`);
    expect(pickedButton).toHaveTextContent(strings.currentPick);
    const others = screen.getAllByRole('button', { pressed: false });
    expect(others).toHaveLength(first.options.length - 1);
    expect(others[0]).toHaveAccessibleName(`${other.label} ${other.description}`);
    expect(screen.getAllByText(strings.currentPick)).toHaveLength(1);
    expect(await axe(container)).toHaveNoViolations();
  });

  it('says no pick is made yet: every option not pressed', () => {
    chooseStage();
    expect(screen.getAllByRole('button', { pressed: false })).toHaveLength(first.options.length);
    expect(screen.queryByText(strings.currentPick)).not.toBeInTheDocument();
  });

  it('with onChoose as well, calls it instead of posting', async () => {
    const user = userEvent.setup();
    const onChoose = jest.fn();
    chooseStage({ onChoose });
    const option = first.options[0]!;
    await user.click(screen.getByRole('button', { name: new RegExp(`^${option.label}\\b`) }));
    expect(onChoose).toHaveBeenCalledWith(option.id);
    expect(log.posted).toHaveLength(0);
  });

  it('has no axe violations, and no back button unless given one', async () => {
    const { container } = chooseStage();
    expect(screen.queryByRole('button', { name: strings.backToReveal })).not.toBeInTheDocument();
    expect(await axe(container)).toHaveNoViolations();
  });
});

describe('PredictStage as a form', () => {
  const OPTION = 'ttp';
  const candidates = candidatesFor(exercise, FIRST, OPTION);
  let log: ReturnType<typeof submissions>;
  beforeEach(() => {
    log = submissions();
  });
  afterEach(() => log.stop());

  function predictStage(props: Partial<Parameters<typeof PredictStage>[0]> = {}) {
    return render(
      <main>
        <PredictStage
          optionLabel={optionLabel(first, OPTION)}
          claims={kabul.claims}
          candidates={candidates}
          form={{ action: PREDICT }}
          submitLabel={strings.sendPrediction}
          {...props}
        />
      </main>,
    );
  }
  const send = () => screen.getByRole('button', { name: strings.sendPrediction });

  it('is a POST form: candidate radios (a claim id, or "" for nothing) and the own words', async () => {
    const user = userEvent.setup();
    const { container } = predictStage();
    const form = container.querySelector('form');
    expect(form).toHaveAttribute('method', 'post');
    expect(form).toHaveAttribute('action', PREDICT);
    expect(form).not.toHaveAttribute('novalidate');
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => [r.getAttribute('name'), (r as HTMLInputElement).value])).toEqual(
      candidates.map((id) => ['candidate', id ?? '']),
    );
    const words = screen.getByLabelText(strings.predictOwn);
    expect(words).toHaveAttribute('name', 'text');
    expect(words).toHaveAttribute('maxlength', String(MAX_PREDICTION_LENGTH));

    const claimId = candidates.find((c): c is string => c !== null)!;
    await user.click(screen.getByRole('radio', { name: label(claimId) }));
    await user.type(words, 'It will backfire');
    await user.click(send());
    expect(log.posted).toHaveLength(1);
    expect(log.posted[0]?.data).toEqual([
      ['candidate', claimId],
      ['text', 'It will backfire'],
    ]);
  });

  it('posts "the text says nothing" as an empty candidate', async () => {
    const user = userEvent.setup();
    predictStage();
    await user.click(screen.getByRole('radio', { name: strings.predictNothing }));
    await user.click(send());
    expect(log.posted[0]?.data).toEqual([
      ['candidate', ''],
      ['text', ''],
    ]);
  });

  it('leaves validation to the server: an empty prediction is posted, with no error shown', async () => {
    const user = userEvent.setup();
    predictStage();
    await user.click(send());
    expect(log.posted[0]?.data).toEqual([['text', '']]);
    expect(screen.queryByText(strings.predictRequired)).not.toBeInTheDocument();
  });

  it.each<[string, Prediction, [string, string][]]>([
    [
      'a claim',
      { kind: 'candidate', claimId: 'normal-ties-exclude-attacks' },
      [
        ['candidate', 'normal-ties-exclude-attacks'],
        ['text', ''],
      ],
    ],
    [
      '“nothing”',
      { kind: 'candidate', claimId: null },
      [
        ['candidate', ''],
        ['text', ''],
      ],
    ],
    ['own words', { kind: 'text', text: 'Said before' }, [['text', 'Said before']]],
  ])(
    'shows an earlier prediction (%s) as made, and posts it again unchanged',
    async (_, initial, data) => {
      const user = userEvent.setup();
      predictStage({ initial });
      if (initial.kind === 'candidate') {
        const name = initial.claimId === null ? strings.predictNothing : label(initial.claimId);
        expect(screen.getByRole('radio', { name })).toBeChecked();
        expect(
          screen.getAllByRole('radio').filter((r) => (r as HTMLInputElement).checked),
        ).toHaveLength(1);
      } else {
        expect(screen.getByLabelText(strings.predictOwn)).toHaveValue(initial.text);
        expect(screen.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(
          false,
        );
      }
      await user.click(send());
      expect(log.posted[0]?.data).toEqual(data);
    },
  );

  it('has no back button unless given one, and no axe violations', async () => {
    const { container, unmount } = predictStage();
    expect(screen.queryByRole('button', { name: strings.changeChoice })).not.toBeInTheDocument();
    expect(await axe(container)).toHaveNoViolations();
    unmount();
    predictStage({ onBack: () => {} });
    expect(screen.getByRole('button', { name: strings.changeChoice })).toBeInTheDocument();
  });

  it('with onSubmit as well, checks the prediction and hands it over instead of posting', async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn();
    predictStage({ onSubmit });
    await user.click(send());
    expect(screen.getByRole('alert')).toHaveTextContent(strings.predictRequired);
    expect(onSubmit).not.toHaveBeenCalled();
    await user.click(screen.getByRole('radio', { name: strings.predictNothing }));
    await user.click(send());
    expect(onSubmit).toHaveBeenCalledWith({ kind: 'candidate', claimId: null });
    expect(log.posted).toHaveLength(0);
  });
});

describe('RevealStage read-only (no quiz)', () => {
  function revealStage(
    nodeId: string,
    optionId: string,
    prediction?: Prediction,
    more: Partial<RevealStageProps> = {},
  ) {
    const node = kabul.nodes[nodeId] as DecisionNode;
    return render(
      <main>
        <RevealStage
          scenarioId={kabul.id}
          claims={kabul.claims}
          decisionTitle={node.title}
          optionLabel={optionLabel(node, optionId)}
          record={
            prediction && {
              prediction,
              correct: isCorrect(kabul, nodeId, optionId, prediction),
            }
          }
          answer={answerFor(kabul, nodeId, optionId)}
          scored={gradingOf(kabul, nodeId, optionId).scored}
          {...more}
        />
      </main>,
    );
  }

  it('shows a right pick as right, the text’s consequence with its stated tie and kind, no quiz', async () => {
    const claimId = 'right-choice-transforms';
    const { container } = revealStage('approach-after-pakistan', 'partnership', {
      kind: 'candidate',
      claimId,
    });
    expect(screen.getByText(strings.verdictRight)).toBeInTheDocument();
    expect(screen.getByText(`${strings.yourPrediction}:`).parentElement).toHaveTextContent(
      label(claimId),
    );
    const card = screen.getByRole('heading', { level: 3, name: label(claimId) }).closest('article');
    expect(card).not.toBeNull();
    const tie = (card as HTMLElement).querySelector('.tie--stated');
    expect(tie).toHaveTextContent(`${strings.whyHere}: ${strings.tieStated}`);
    expect((card as HTMLElement).querySelector('mark')).not.toBeNull();
    expect(within(card as HTMLElement).getByText(`${strings.claimKind}:`)).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: strings.kindQuestion })).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(await axe(container)).toHaveNoViolations();
  });

  it('shows a wrong pick as not what the text says', () => {
    revealStage('approach-after-pakistan', 'pressure', {
      kind: 'candidate',
      claimId: 'right-choice-transforms',
    });
    expect(screen.getByText(strings.verdictWrong)).toBeInTheDocument();
    expect(screen.queryByText(strings.verdictRight)).not.toBeInTheDocument();
  });

  it('heads the answer by its tie kind: “placed here by our reading” only where a tie is ours', () => {
    const ours = revealStage(FIRST, 'ttp');
    expect(
      screen.getByRole('heading', { level: 2, name: strings.youChose('The TTP', true) }),
    ).toBeInTheDocument();
    ours.unmount();
    revealStage('approach-after-pakistan', 'partnership');
    expect(
      screen.getByRole('heading', { level: 2, name: strings.youChose('Partnership') }),
    ).toBeInTheDocument();
  });

  it('says where nothing is scored, with our reading as the tie, even with no prediction made', async () => {
    const { container } = revealStage(FIRST, 'ttp');
    expect(screen.getByText(strings.verdictUnscored)).toBeInTheDocument();
    expect(screen.queryByText(`${strings.yourPrediction}:`)).not.toBeInTheDocument();
    expect(screen.getByText(`${strings.whyHereOurs}:`)).toBeInTheDocument();
    expect(container.querySelectorAll('.tie')).toHaveLength(1);
    expect(await axe(container)).toHaveNoViolations();
  });

  it('shows the text’s silence, and a ruling out with its tie', () => {
    const silent = revealStage(FIRST, 'pakistan', { kind: 'candidate', claimId: null });
    // Contested: ¶9's "right choice" may refer here, as we read it, so nothing is scored.
    expect(screen.getByText(strings.verdictContested)).toBeInTheDocument();
    expect(screen.queryByText(strings.verdictRight)).not.toBeInTheDocument();
    expect(screen.getByText(strings.noConsequences('Pakistan', true))).toBeInTheDocument();
    expect(
      screen.getByRole('heading', {
        name: /^The text does not say in words tied to this choice what follows from it/,
      }),
    ).toBeInTheDocument();
    silent.unmount();

    const answer = answerFor(kabul, 'approach-after-ttp', 'partnership');
    const ruling = answer.ruledOut!;
    const { container } = revealStage('approach-after-ttp', 'partnership', {
      kind: 'text',
      text: 'Closer ties',
    });
    expect(
      screen.getByRole('heading', { level: 3, name: strings.ruledOut(ruling.tie.kind).heading }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 3, name: label(ruling.claim) }),
    ).toBeInTheDocument();
    expect(container.querySelectorAll('.tie')).toHaveLength(1);
    expect(screen.queryByRole('group', { name: strings.kindQuestion })).not.toBeInTheDocument();
  });

  it('asks each claim’s kind only when given the quiz', () => {
    revealStage(
      'approach-after-pakistan',
      'partnership',
      { kind: 'text', text: 'Closer ties' },
      { quiz: { guesses: {}, namedBefore: {}, onGuess: () => {} }, onNext: () => {} },
    );
    expect(screen.getByRole('group', { name: strings.kindQuestion })).toBeInTheDocument();
    expect(screen.queryByText(`${strings.claimKind}:`)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: strings.next })).toBeInTheDocument();
  });
});
