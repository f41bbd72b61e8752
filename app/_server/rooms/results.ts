/**
 * A room's learners as results entries (class-results.ts): a self-paced room's runs as stored,
 * or a live room's participants with their votes and predictions from the room's log.
 */
import {
  buildClassResults,
  type ClassResults,
  type LearnerEntry,
  type LearnerStep,
} from '@/app/_lib/class-results';
import type { ScenarioRuntime } from '@/app/_lib/runtime';
import { presenterView } from '@/app/_lib/room-views';
import { readRunRecord } from '@/app/_lib/self-paced';
import { isCorrect } from '@/machines/exercise-machine';
import type { RoomStore, RunRow } from '../store/types';
import type { LiveRoom } from './hub';

export { hiddenWordsOf } from '@/app/_lib/class-results';

/** Self-paced: one entry per run, learners numbered in the order of their first run. */
export function runEntries(runs: readonly RunRow[]): LearnerEntry[] {
  const learners = new Map<string, number>();
  const attempts = new Map<string, number>();
  return runs.map((run): LearnerEntry => {
    if (!learners.has(run.participantId)) learners.set(run.participantId, learners.size + 1);
    const attempt = (attempts.get(run.participantId) ?? 0) + 1;
    attempts.set(run.participantId, attempt);
    const record = readRunRecord(run.record);
    return {
      key: run.runId,
      learner: learners.get(run.participantId) as number,
      nickname: run.nickname,
      attempt,
      status: run.status === 'active' ? 'going' : run.status,
      startedAt: run.startedAt,
      updatedAt: run.updatedAt,
      steps: (record?.decisions ?? []).map((d): LearnerStep => ({
        nodeId: d.nodeId,
        chose: d.optionId,
        about: d.optionId,
        prediction: d.prediction,
        correct: d.correct,
        kindGuesses: d.kindGuesses,
        ms: d.ms,
      })),
    };
  });
}

/** Live: one entry per participant, a step per decision the room went through. */
export function liveEntries(room: LiveRoom): LearnerEntry[] {
  const { context } = room.snapshot;
  const view = presenterView(room.scenario, room.machines, room.snapshot, room.seq);
  return Object.entries(context.participants).map(([participantId, participant], index) => ({
    key: participantId,
    learner: index + 1,
    nickname: participant.nickname,
    attempt: 1,
    status: 'live',
    startedAt: room.row.createdAt,
    updatedAt: room.row.closedAt ?? room.row.createdAt,
    steps: view.history.map((h): LearnerStep => {
      const prediction = context.predictions[h.nodeId]?.[participantId] ?? null;
      return {
        nodeId: h.nodeId,
        chose: context.votes[h.nodeId]?.[participantId] ?? null,
        about: h.optionId,
        prediction,
        correct: prediction ? isCorrect(room.scenario, h.nodeId, h.optionId, prediction) : null,
        kindGuesses: {},
        ms: null,
      };
    }),
  }));
}

/** The options a live room followed, by decision. */
export function followedOf(room: LiveRoom): Record<string, string> {
  if (room.row.mode !== 'live') return {};
  const view = presenterView(room.scenario, room.machines, room.snapshot, room.seq);
  return Object.fromEntries(view.history.map((h) => [h.nodeId, h.optionId]));
}

export async function classEntries(store: RoomStore, room: LiveRoom): Promise<LearnerEntry[]> {
  return room.row.mode === 'self-paced'
    ? runEntries(await store.runsOfRoom(room.row.id))
    : liveEntries(room);
}

/** A room's results as of `now`: its entries read from the store (or the room's log) and counted. */
export async function roomResults(
  store: RoomStore,
  room: LiveRoom,
  runtime: ScenarioRuntime,
  now = Date.now(),
): Promise<{ results: ClassResults; now: number }> {
  const entries = await classEntries(store, room);
  return {
    results: buildClassResults(runtime.scenario, room.row, entries, now, followedOf(room)),
    now,
  };
}
