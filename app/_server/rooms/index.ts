/**
 * The one room hub of this server process (one store per process: see store/sqlite.ts), made on
 * first use. Held on globalThis so that module reloads in development reuse it. If opening the
 * store fails, nothing is remembered and the next request tries again.
 */
import { getScenario } from '@/content/load';
import { toExerciseScenario, toTraining } from '@/app/_lib/training';
import type { ExerciseScenario } from '@/machines/exercise-machine';
import { openStore } from '../store/open-store';
import { roomLimits } from './config';
import { RoomHub } from './hub';

const holder = globalThis as { __crossroadsRoomHub?: Promise<RoomHub> };

const scenarios = new Map<string, ExerciseScenario | undefined>();

/** A scenario as the room machine takes it, by id. */
export function exerciseScenario(id: string): ExerciseScenario | undefined {
  if (!scenarios.has(id)) {
    const scenario = getScenario(id);
    scenarios.set(id, scenario && toExerciseScenario(toTraining(scenario)));
  }
  return scenarios.get(id);
}

export function getHub(): Promise<RoomHub> {
  holder.__crossroadsRoomHub ??= (async () => {
    const store = await openStore();
    const hub = new RoomHub({ store, limits: roomLimits(), scenario: exerciseScenario });
    try {
      // Several instances on one PostgreSQL database: hear of each other's changes.
      await hub.watchStore();
    } catch (error) {
      await hub.close();
      throw error;
    }
    hub.startSweeping();
    return hub;
  })().catch((error: unknown) => {
    holder.__crossroadsRoomHub = undefined;
    throw error;
  });
  return holder.__crossroadsRoomHub;
}
