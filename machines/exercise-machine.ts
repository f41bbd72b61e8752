/**
 * The exercise (training mode): briefing → at each decision choose → predict → reveal → next …
 * → debrief. It drives the scenario machine with pure transitions (no invoke), keeping only the
 * path in its own context, so xstate/graph can walk it like the scenario machine.
 *
 * Back (`exercise.back`) goes one screen back by undoing exactly what the step forward did:
 * predicting → choosing (the choice is withdrawn), a later decision or the debrief → the reveal
 * before it (the step is taken back), and, when predictions are optional (presenter mode),
 * revealed → predicting (the reveal is withdrawn). A required prediction is a commitment: once
 * its answer is revealed it cannot be taken back and changed. There is no back to the briefing.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import type { ClaimKind } from '@/content/schema';
import type { ScenarioGraph } from '@/content/parse';
import { allConsequenceClaims, answerClaims, answerFor, gradingOf } from './answers';
import { resolvePath } from './paths';
import {
  buildScenarioMachine,
  currentNodeId,
  OUTCOME_TAG,
  type ScenarioMachine,
} from './scenario-machine';

/** What the learner says the text will say follows: one candidate claim (null: "nothing"), or their own words. */
export type Prediction =
  | { readonly kind: 'candidate'; readonly claimId: string | null }
  | { readonly kind: 'text'; readonly text: string };

export interface ExerciseRecord {
  readonly nodeId: string;
  readonly optionId: string;
  readonly prediction: Prediction;
  /**
   * Whether a picked candidate is right; null where nothing is scored: own words, or a choice
   * whose link to the text is only our reading (see gradingOf).
   */
  readonly correct: boolean | null;
  /** The learner's answers to "what kind of claim is this?", by claim id. */
  readonly kindGuesses: Readonly<Record<string, ClaimKind>>;
}

export interface ExerciseContext {
  /** Option ids chosen and revealed so far (the scenario path). */
  readonly path: readonly string[];
  /** The choice being predicted or revealed at the current decision. */
  readonly pending: { readonly nodeId: string; readonly optionId: string } | null;
  readonly prediction: Prediction | null;
  readonly records: readonly ExerciseRecord[];
  /** Show claim kinds and voice on every consequence. */
  readonly lens: boolean;
  /** Presenter mode: the room's vote at each decision, as the facilitator typed it. */
  readonly tallies: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export type ExerciseEvent =
  | { type: 'exercise.start' }
  | { type: 'exercise.choose'; optionId: string }
  | { type: 'exercise.predict'; prediction: Prediction }
  | { type: 'exercise.reveal' }
  | { type: 'exercise.guessKind'; claimId: string; kind: ClaimKind }
  | { type: 'exercise.next' }
  | { type: 'exercise.back' }
  | { type: 'exercise.toggleLens' }
  | { type: 'exercise.tally'; nodeId: string; optionId: string; count: number }
  | { type: 'exercise.restart' };

/** Enough of a scenario to run the exercise: its graph and each claim's kind. */
export interface ExerciseScenario extends ScenarioGraph {
  readonly claimKinds: Readonly<Record<string, ClaimKind>>;
}

export const MAX_PREDICTION_LENGTH = 2000;
export const MAX_TALLY = 100_000;

export interface ExerciseOptions {
  /**
   * Learners must commit to a prediction before the reveal. Presenter mode turns this off: the
   * room votes instead, and the facilitator records the tally.
   */
  readonly requirePrediction: boolean;
}
const CANDIDATES = 4;

/** A small deterministic PRNG (mulberry32) seeded from a string, for stable shuffles. */
function seeded(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The claims a reveal shows as the text's answer (the option's consequences, or the claim that
 * rules the combination out): the ones whose kind a learner may be asked to name.
 */
export function revealedClaims(
  graph: ScenarioGraph,
  nodeId: string,
  optionId: string,
): readonly string[] {
  return answerClaims(answerFor(graph, nodeId, optionId));
}

/**
 * Candidates to predict from, shuffled deterministically. Where the prediction is scored, one
 * right answer (a consequence the text ties to the choice in its own words, or "nothing", if the
 * text declares it silent); where it is not, the claim our reading places here, to be discussed
 * at the reveal (for a contested silence, "nothing" and the consequence that may refer here). The
 * wrong ones are consequences the text gives other choices, then the claims
 * most easily mistaken for this choice's consequences: this decision's framing and background,
 * and what the text says of the parts it leaves open. None of the choice's own answer is ever
 * offered as a wrong answer.
 */
export function candidatesFor(
  graph: ScenarioGraph,
  nodeId: string,
  optionId: string,
): (string | null)[] {
  const random = seeded(`${graph.id}/${nodeId}/${optionId}`);
  const shuffle = <T>(list: readonly T[]): T[] => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  const answer = answerFor(graph, nodeId, optionId);
  const own = new Set(answerClaims(answer));
  const grading = gradingOf(graph, nodeId, optionId);
  // A contested silence offers "nothing" and the consequence that may refer here, both for discussion.
  const contested = answer.silence?.contested?.claims ?? [];
  const first: string | null = grading.scored
    ? (shuffle(grading.right)[0] as string | null)
    : contested.length > 0
      ? null
      : (shuffle([...own])[0] as string);
  const elsewhere: (string | null)[] = allConsequenceClaims(graph).filter(
    (id) => !own.has(id) && !contested.includes(id),
  );
  // "Nothing" is offered everywhere; it is the right answer only where the text declares silence.
  if (first !== null) elsewhere.push(null);
  const decision = graph.nodes[nodeId];
  const nearby = [
    ...(decision?.kind === 'decision' ? [...decision.framing, ...decision.context] : []),
    ...(answer.silence?.parts ?? []),
  ].filter((id, i, all) => !own.has(id) && !elsewhere.includes(id) && all.indexOf(id) === i);
  const wrong = [...shuffle(elsewhere), ...shuffle(nearby)]
    .filter((id) => !contested.includes(id as string))
    .slice(0, CANDIDATES - 1 - contested.length);
  return shuffle([first, ...contested, ...wrong]);
}

/**
 * Whether a prediction is right: null where nothing is scored (own words, or a choice whose only
 * link to the text is our reading); otherwise whether the pick is among the right answers.
 */
export function isCorrect(
  graph: ScenarioGraph,
  nodeId: string,
  optionId: string,
  prediction: Prediction,
): boolean | null {
  if (prediction.kind === 'text') return null;
  const grading = gradingOf(graph, nodeId, optionId);
  return grading.scored ? grading.right.includes(prediction.claimId) : null;
}

export function buildExerciseMachine(
  scenario: ExerciseScenario,
  options: ExerciseOptions = { requirePrediction: true },
) {
  const scenarioMachine: ScenarioMachine = buildScenarioMachine(scenario);
  const stepAt = (path: readonly string[]) => {
    const r = resolvePath(scenarioMachine, path);
    return r.ok ? r.snapshot : undefined;
  };

  return setup({
    types: { context: {} as ExerciseContext, events: {} as ExerciseEvent },
    guards: {
      canChoose: ({ context, event }) =>
        event.type === 'exercise.choose' &&
        stepAt(context.path)?.can({ type: 'user.choose', optionId: event.optionId }) === true,
      validPrediction: ({ context, event }) => {
        if (event.type !== 'exercise.predict' || !context.pending) return false;
        const p = event.prediction;
        if (p.kind === 'text')
          return p.text.trim().length > 0 && p.text.length <= MAX_PREDICTION_LENGTH;
        return candidatesFor(scenario, context.pending.nodeId, context.pending.optionId).includes(
          p.claimId,
        );
      },
      mayReveal: ({ context }) => context.prediction !== null || !options.requirePrediction,
      validTally: ({ event }) => {
        if (event.type !== 'exercise.tally') return false;
        const node = scenario.nodes[event.nodeId];
        return (
          node?.kind === 'decision' &&
          node.options.some((o) => o.id === event.optionId) &&
          Number.isInteger(event.count) &&
          event.count >= 0 &&
          event.count <= MAX_TALLY
        );
      },
      /**
       * A claim revealed at this decision whose kind the learner has not named yet, here or at an
       * earlier decision: a claim met twice on a path is asked about once.
       */
      revealedClaim: ({ context, event }) => {
        const last = context.records.at(-1);
        return (
          event.type === 'exercise.guessKind' &&
          last !== undefined &&
          revealedClaims(scenario, last.nodeId, last.optionId).includes(event.claimId) &&
          kindsNamed(context.records.slice(0, -1))[event.claimId] === undefined &&
          event.kind in { conditional: 1, predictive: 1, normative: 1, descriptive: 1 }
        );
      },
      /** The reveal can be withdrawn only where no prediction was required before it. */
      mayUnreveal: () => !options.requirePrediction,
      /** A decision has been revealed and left: there is a reveal to go back to. */
      hasStepBack: ({ context }) => context.path.length > 0 && context.records.length > 0,
      nextIsOutcome: ({ context }) => {
        if (!context.pending) return false;
        return stepAt([...context.path, context.pending.optionId])?.hasTag(OUTCOME_TAG) === true;
      },
    },
    actions: {
      choose: assign(({ context, event }) => {
        if (event.type !== 'exercise.choose') return {};
        const nodeId = currentNodeId(
          stepAt(context.path) as NonNullable<ReturnType<typeof stepAt>>,
        );
        return { pending: { nodeId, optionId: event.optionId }, prediction: null };
      }),
      predict: assign({
        prediction: ({ context, event }) =>
          event.type === 'exercise.predict' ? event.prediction : context.prediction,
      }),
      record: assign({
        records: ({ context }) => {
          const { pending } = context;
          if (!pending) return context.records;
          const prediction: Prediction = context.prediction ?? { kind: 'text', text: '' };
          return [
            ...context.records,
            {
              ...pending,
              prediction,
              correct: context.prediction
                ? isCorrect(scenario, pending.nodeId, pending.optionId, prediction)
                : null,
              kindGuesses: {},
            },
          ];
        },
      }),
      guessKind: assign({
        records: ({ context, event }) => {
          if (event.type !== 'exercise.guessKind') return context.records;
          const last = context.records.at(-1) as ExerciseRecord;
          return [
            ...context.records.slice(0, -1),
            { ...last, kindGuesses: { ...last.kindGuesses, [event.claimId]: event.kind } },
          ];
        },
      }),
      advance: assign(({ context }) => ({
        path: context.pending ? [...context.path, context.pending.optionId] : context.path,
        pending: null,
        prediction: null,
      })),
      unchoose: assign({ pending: null, prediction: null }),
      /** Undoes record: the last decision's record goes, the pending choice stays. */
      unrecord: assign({ records: ({ context }) => context.records.slice(0, -1) }),
      /** Undoes advance: the last step comes off the path and is pending again, as it was. */
      retreat: assign(({ context }) => {
        const last = context.records.at(-1);
        const optionId = context.path.at(-1);
        if (!last || optionId === undefined) return {};
        return {
          path: context.path.slice(0, -1),
          pending: { nodeId: last.nodeId, optionId },
          // record stores "no prediction" as empty words, which a prediction can never be.
          prediction:
            last.prediction.kind === 'text' && last.prediction.text === '' ? null : last.prediction,
        };
      }),
      toggleLens: assign({ lens: ({ context }) => !context.lens }),
      tally: assign({
        tallies: ({ context, event }) =>
          event.type === 'exercise.tally'
            ? {
                ...context.tallies,
                [event.nodeId]: { ...context.tallies[event.nodeId], [event.optionId]: event.count },
              }
            : context.tallies,
      }),
      reset: assign({ path: [], pending: null, prediction: null, records: [], tallies: {} }),
    },
  }).createMachine({
    id: `${scenario.id}-exercise`,
    context: { path: [], pending: null, prediction: null, records: [], lens: false, tallies: {} },
    initial: 'briefing',
    on: {
      'exercise.toggleLens': { actions: 'toggleLens' },
      'exercise.tally': { guard: 'validTally', actions: 'tally' },
      'exercise.restart': { target: '.briefing', actions: 'reset' },
    },
    states: {
      briefing: { on: { 'exercise.start': { target: 'choosing' } } },
      choosing: {
        on: {
          'exercise.choose': { guard: 'canChoose', target: 'predicting', actions: 'choose' },
          'exercise.back': { guard: 'hasStepBack', target: 'revealed', actions: 'retreat' },
        },
      },
      predicting: {
        on: {
          'exercise.predict': { guard: 'validPrediction', actions: 'predict' },
          'exercise.reveal': { guard: 'mayReveal', target: 'revealed', actions: 'record' },
          'exercise.back': { target: 'choosing', actions: 'unchoose' },
        },
      },
      revealed: {
        on: {
          'exercise.guessKind': { guard: 'revealedClaim', actions: 'guessKind' },
          'exercise.next': [
            { guard: 'nextIsOutcome', target: 'debrief', actions: 'advance' },
            { target: 'choosing', actions: 'advance' },
          ],
          'exercise.back': { guard: 'mayUnreveal', target: 'predicting', actions: 'unrecord' },
        },
      },
      debrief: {
        on: {
          'exercise.back': { guard: 'hasStepBack', target: 'revealed', actions: 'retreat' },
        },
      },
    },
  });
}

export type ExerciseMachine = ReturnType<typeof buildExerciseMachine>;
export type ExerciseSnapshot = SnapshotFrom<ExerciseMachine>;

/** The kinds a learner has named so far, by claim id (each claim is asked about once). */
export function kindsNamed(records: readonly ExerciseRecord[]): Record<string, ClaimKind> {
  return Object.assign({}, ...records.map((r) => r.kindGuesses)) as Record<string, ClaimKind>;
}

/** Score: picked candidates right, and claim kinds named right. */
export function scoreOf(
  records: readonly ExerciseRecord[],
  kinds: Readonly<Record<string, ClaimKind>>,
) {
  const picks = records.filter((r) => r.correct !== null);
  const guesses = records.flatMap((r) => Object.entries(r.kindGuesses));
  return {
    predictions: { right: picks.filter((r) => r.correct).length, of: picks.length },
    kinds: { right: guesses.filter(([id, k]) => kinds[id] === k).length, of: guesses.length },
  };
}
