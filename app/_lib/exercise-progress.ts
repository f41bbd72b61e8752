/**
 * Saved exercise and presenter progress: the list of events the learner or facilitator sent,
 * versioned and validated with zod, then replayed through the exercise machine. An event the
 * machine refuses means the data cannot be trusted: it is discarded with a notice.
 */
import { initialTransition, transition } from 'xstate';
import { z } from './zod';
import { claimKindSchema } from '@/content/schema';
import { readStoredJson, removeStored, type StorageLike } from './progress-store';
import {
  MAX_PREDICTION_LENGTH,
  MAX_TALLY,
  type ExerciseEvent,
  type ExerciseMachine,
  type ExerciseSnapshot,
} from '@/machines/exercise-machine';

export const EXERCISE_PROGRESS_VERSION = 1;
const id = z.string().min(1).max(100);

export const exerciseEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('exercise.start') }),
  z.strictObject({ type: z.literal('exercise.choose'), optionId: id }),
  z.strictObject({
    type: z.literal('exercise.predict'),
    prediction: z.union([
      z.strictObject({ kind: z.literal('candidate'), claimId: id.nullable() }),
      z.strictObject({ kind: z.literal('text'), text: z.string().max(MAX_PREDICTION_LENGTH) }),
    ]),
  }),
  z.strictObject({ type: z.literal('exercise.reveal') }),
  z.strictObject({ type: z.literal('exercise.guessKind'), claimId: id, kind: claimKindSchema }),
  z.strictObject({ type: z.literal('exercise.next') }),
  z.strictObject({ type: z.literal('exercise.back') }),
  z.strictObject({ type: z.literal('exercise.toggleLens') }),
  z.strictObject({
    type: z.literal('exercise.tally'),
    nodeId: id,
    optionId: id,
    count: z.int().min(0).max(MAX_TALLY),
  }),
  z.strictObject({ type: z.literal('exercise.restart') }),
]);

const savedSchema = z.strictObject({
  version: z.literal(EXERCISE_PROGRESS_VERSION),
  scenarioId: id,
  mode: z.enum(['exercise', 'present']),
  events: z.array(exerciseEventSchema).max(1000),
  savedAt: z.iso.datetime(),
});

export type ExerciseMode = z.output<typeof savedSchema>['mode'];

export const exerciseKey = (scenarioId: string, mode: ExerciseMode) =>
  `crossroads:${mode}:${scenarioId}`;

export type ExerciseRead =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly snapshot: ExerciseSnapshot; readonly events: ExerciseEvent[] }
  | { readonly status: 'discarded' };

/** Replays events through the machine; undefined if any event is refused. */
export function replay(
  machine: ExerciseMachine,
  events: readonly ExerciseEvent[],
): ExerciseSnapshot | undefined {
  let snapshot = initialTransition(machine)[0];
  for (const event of events) {
    if (!snapshot.can(event)) return undefined;
    snapshot = transition(machine, snapshot, event)[0];
  }
  return snapshot;
}

export function readExercise(
  storage: StorageLike,
  scenarioId: string,
  mode: ExerciseMode,
  machine: ExerciseMachine,
): ExerciseRead {
  const key = exerciseKey(scenarioId, mode);
  const stored = readStoredJson(storage, key);
  if (!stored.found) return { status: 'none' };
  const parsed = savedSchema.safeParse(stored.json);
  if (parsed.success && parsed.data.scenarioId === scenarioId && parsed.data.mode === mode) {
    const events = parsed.data.events as ExerciseEvent[];
    if (events.length === 0) return { status: 'none' };
    const snapshot = replay(machine, events);
    if (snapshot) return { status: 'ok', snapshot, events };
  }
  removeStored(storage, key);
  return { status: 'discarded' };
}

export function writeExercise(
  storage: StorageLike,
  scenarioId: string,
  mode: ExerciseMode,
  events: readonly ExerciseEvent[],
  now: Date = new Date(),
): void {
  try {
    storage.setItem(
      exerciseKey(scenarioId, mode),
      JSON.stringify({
        version: EXERCISE_PROGRESS_VERSION,
        scenarioId,
        mode,
        events,
        savedAt: now.toISOString(),
      }),
    );
  } catch {
    // Quota or privacy settings: progress is a convenience, never a requirement.
  }
}

/** The event log to keep after an event: a restart starts a new log. */
export function appendEvent(
  events: readonly ExerciseEvent[],
  event: ExerciseEvent,
): ExerciseEvent[] {
  return event.type === 'exercise.restart' ? [] : [...events, event];
}
