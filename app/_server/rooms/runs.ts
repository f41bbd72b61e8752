/**
 * Self-paced rooms: each learner runs the exercise on their own, and the server keeps the run.
 * A run is stored whole (its events with the time of each, and the record they add up to) after
 * every step, and only then acknowledged. Each step names how many events the run had when the
 * browser sent it; a step from a stale count (the same run open in two tabs) is refused with the
 * run as stored, so the browser catches up instead of overwriting it. Every new event is checked
 * by replaying the run through the exercise machine, as the browser does.
 */
import { randomBytes } from 'node:crypto';
import {
  buildExerciseMachine,
  type ExerciseMachine,
  type ExerciseScenario,
} from '@/machines/exercise-machine';
import {
  MAX_RUN_EVENTS,
  replayRun,
  type RunEvent,
  type RunRecord,
  type TimedEvent,
} from '@/app/_lib/self-paced';
import { RunConflictError } from '../store/errors';
import type { RoomRow, RoomStore, RunRow } from '../store/types';

/** A run as the browser gets it. */
export interface RunView {
  readonly runId: string;
  readonly status: RunRow['status'];
  readonly events: readonly TimedEvent[];
}

export type RunOutcome =
  | { readonly ok: true; readonly run: RunView }
  | {
      readonly ok: false;
      /** 404 no such run of yours, 409 stale or refused, 410 room closed. */
      readonly status: 404 | 409 | 410;
      readonly reason:
        'no-such-run' | 'stale' | 'not-now' | 'run-ended' | 'run-too-long' | 'closed';
      /** The run as stored, for the browser to catch up with (stale, not-now). */
      readonly run?: RunView;
    };

const machines = new Map<string, ExerciseMachine>();

/** The exercise machine a self-paced run is checked against: a prediction before every reveal. */
export function runMachine(scenario: ExerciseScenario): ExerciseMachine {
  let machine = machines.get(scenario.id);
  if (!machine) {
    machine = buildExerciseMachine(scenario, { requirePrediction: true });
    machines.set(scenario.id, machine);
  }
  return machine;
}

export function viewOf(run: RunRow): RunView {
  return { runId: run.runId, status: run.status, events: run.events as TimedEvent[] };
}

/** Whether the room takes steps now: open, and not past its end. */
export function roomIsOpen(row: RoomRow, now = Date.now()): boolean {
  return row.closedAt === null && row.expiresAt > now;
}

/** The participant's latest run in the room (the one to resume or look back on), if any. */
export async function latestRun(
  store: RoomStore,
  row: RoomRow,
  participantId: string,
): Promise<RunRow | undefined> {
  const runs = await store.runsOf(row.id, participantId);
  return runs.findLast((run) => run.status !== 'abandoned') ?? runs.at(-1);
}

/**
 * Starts a run: the exercise's start event, stored. If the participant has a run going, that one
 * is answered instead (a second tab, a double click); `over` gives it up first (start over), and
 * it then counts as abandoned.
 */
export async function startRun(
  store: RoomStore,
  row: RoomRow,
  scenario: ExerciseScenario,
  participant: { id: string; nickname: string | null },
  options: { over?: string; now?: number } = {},
): Promise<RunOutcome> {
  const now = options.now ?? Date.now();
  if (!roomIsOpen(row, now)) return { ok: false, status: 410, reason: 'closed' };
  const runs = await store.runsOf(row.id, participant.id);
  const going = runs.find((run) => run.status === 'active');
  if (going && going.runId !== options.over) return { ok: true, run: viewOf(going) };
  if (going) {
    try {
      await store.saveRun({ ...going, status: 'abandoned', updatedAt: now }, going.events.length);
    } catch (error) {
      if (error instanceof RunConflictError) return stale(store, row, going.runId);
      throw error;
    }
  }
  const events: TimedEvent[] = [{ at: now, event: { type: 'exercise.start' } }];
  const replayed = replayRun(runMachine(scenario), events);
  const saved = await store.saveRun(
    {
      roomId: row.id,
      runId: randomBytes(9).toString('base64url'),
      participantId: participant.id,
      nickname: participant.nickname,
      status: 'active',
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
      events,
      record: replayed?.record satisfies RunRecord | undefined,
    },
    0,
  );
  return { ok: true, run: viewOf(saved) };
}

/**
 * Takes the learner's next events (usually one; a prediction and its reveal go together), all
 * or none, if the run still has `expected` events and the machine accepts each in turn.
 */
export async function stepRun(
  store: RoomStore,
  row: RoomRow,
  scenario: ExerciseScenario,
  participantId: string,
  input: { runId: string; expected: number; events: readonly RunEvent[]; now?: number },
): Promise<RunOutcome> {
  const now = input.now ?? Date.now();
  if (!roomIsOpen(row, now)) return { ok: false, status: 410, reason: 'closed' };
  const run = await store.run(row.id, input.runId);
  if (!run || run.participantId !== participantId) {
    return { ok: false, status: 404, reason: 'no-such-run' };
  }
  if (run.status === 'abandoned') {
    return { ok: false, status: 409, reason: 'run-ended', run: viewOf(run) };
  }
  if (run.events.length !== input.expected) {
    return { ok: false, status: 409, reason: 'stale', run: viewOf(run) };
  }
  if (run.events.length + input.events.length > MAX_RUN_EVENTS) {
    return { ok: false, status: 409, reason: 'run-too-long', run: viewOf(run) };
  }
  const events = [
    ...(run.events as TimedEvent[]),
    ...input.events.map((event) => ({ at: now, event })),
  ];
  const replayed = replayRun(runMachine(scenario), events);
  if (!replayed) return { ok: false, status: 409, reason: 'not-now', run: viewOf(run) };
  const finished = replayed.record.stage === 'debrief';
  try {
    const saved = await store.saveRun(
      {
        ...run,
        status: finished || run.status === 'finished' ? 'finished' : 'active',
        finishedAt: run.finishedAt ?? (finished ? now : null),
        updatedAt: now,
        events,
        record: replayed.record,
      },
      input.expected,
    );
    return { ok: true, run: viewOf(saved) };
  } catch (error) {
    if (error instanceof RunConflictError) return stale(store, row, run.runId);
    throw error;
  }
}

async function stale(store: RoomStore, row: RoomRow, runId: string): Promise<RunOutcome> {
  const current = await store.run(row.id, runId);
  return current
    ? { ok: false, status: 409, reason: 'stale', run: viewOf(current) }
    : { ok: false, status: 404, reason: 'no-such-run' };
}
