/**
 * A learner's run in a self-paced room, as data: the exercise events the server accepted, each
 * with the time it arrived, and the record they add up to (path, predictions, claim-kind answers,
 * time per decision). The server replays a run to check each new event against the exercise
 * machine before storing it; the browser replays the same events to show where the learner is.
 * Pure, and shared by both.
 */
import { initialTransition, transition } from 'xstate';
import { claimKindSchema, type ClaimKind } from '@/content/schema';
import type {
  ExerciseEvent,
  ExerciseMachine,
  ExerciseSnapshot,
  Prediction,
} from '@/machines/exercise-machine';
import { exerciseEventSchema } from './exercise-progress';
import { z } from './zod';

/** What a learner may send in a run: the exercise's steps, not the presenter's tallies or lens. */
export const RUN_EVENT_TYPES = [
  'exercise.start',
  'exercise.choose',
  'exercise.predict',
  'exercise.reveal',
  'exercise.guessKind',
  'exercise.next',
  'exercise.back',
] as const satisfies readonly ExerciseEvent['type'][];

export type RunEvent = Extract<ExerciseEvent, { type: (typeof RUN_EVENT_TYPES)[number] }>;

/** A run event as it arrives from a browser: one of the exercise's events, of an allowed type. */
export const runEventSchema = exerciseEventSchema.refine(
  (event) => (RUN_EVENT_TYPES as readonly string[]).includes(event.type),
  { message: 'not an event a learner sends' },
) as unknown as z.ZodType<RunEvent>;

/** The most events one run keeps; a run that would go past it is refused (`run-too-long`). */
export const MAX_RUN_EVENTS = 500;

/** An accepted event and when the server accepted it (ms since the epoch). */
export interface TimedEvent {
  readonly at: number;
  readonly event: RunEvent;
}

export type RunStage = 'briefing' | 'choosing' | 'predicting' | 'revealed' | 'debrief';

/** One decision the learner has revealed: what they chose and said, and how long it took. */
export interface RunDecision {
  readonly nodeId: string;
  readonly optionId: string;
  readonly prediction: Prediction;
  /** As the exercise grades it: null where nothing is scored. */
  readonly correct: boolean | null;
  readonly kindGuesses: Readonly<Record<string, ClaimKind>>;
  /** From arriving at the decision to its reveal, in ms. */
  readonly ms: number;
}

/** What a run's events add up to; stored beside them so results need not replay every run. */
export interface RunRecord {
  readonly v: 1;
  readonly stage: RunStage;
  readonly path: readonly string[];
  readonly decisions: readonly RunDecision[];
}

export const emptyRunRecord: RunRecord = { v: 1, stage: 'briefing', path: [], decisions: [] };

/** Replays events; undefined if the machine refuses any of them. */
export function replayRun(
  machine: ExerciseMachine,
  events: readonly TimedEvent[],
): { snapshot: ExerciseSnapshot; record: RunRecord } | undefined {
  let snapshot = initialTransition(machine)[0];
  // When the learner first arrived at the decision n steps in (the choosing screen), by n.
  const arrived = new Map<number, number>();
  const ms: number[] = [];
  for (const { at, event } of events) {
    if (!snapshot.can(event)) return undefined;
    const before = snapshot.context.records.length;
    snapshot = transition(machine, snapshot, event)[0];
    const { context } = snapshot;
    if (snapshot.value === 'choosing' && !arrived.has(context.path.length)) {
      arrived.set(context.path.length, at);
    }
    if (context.records.length > before) {
      const n = context.records.length - 1;
      ms[n] = Math.max(0, at - (arrived.get(n) ?? at));
    }
  }
  const { context } = snapshot;
  return {
    snapshot,
    record: {
      v: 1,
      stage: snapshot.value as RunStage,
      path: context.pending ? [...context.path, context.pending.optionId] : [...context.path],
      decisions: context.records.map((r, n) => ({
        nodeId: r.nodeId,
        optionId: r.optionId,
        prediction: r.prediction,
        correct: r.correct,
        kindGuesses: r.kindGuesses,
        ms: ms[n] ?? 0,
      })),
    },
  };
}

const predictionSchema = z.union([
  z.strictObject({ kind: z.literal('candidate'), claimId: z.string().nullable() }),
  z.strictObject({ kind: z.literal('text'), text: z.string() }),
]);

/** A stored record, checked before results use it; undefined if it is not one. */
const recordSchema = z.strictObject({
  v: z.literal(1),
  stage: z.enum(['briefing', 'choosing', 'predicting', 'revealed', 'debrief']),
  path: z.array(z.string()),
  decisions: z.array(
    z.strictObject({
      nodeId: z.string(),
      optionId: z.string(),
      prediction: predictionSchema,
      correct: z.boolean().nullable(),
      kindGuesses: z.record(z.string(), claimKindSchema),
      ms: z.number().min(0),
    }),
  ),
});

export function readRunRecord(value: unknown): RunRecord | undefined {
  const parsed = recordSchema.safeParse(value);
  return parsed.success ? (parsed.data as RunRecord) : undefined;
}
