'use client';

import { useActorRef, useSelector } from '@xstate/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  appendEvent,
  readExercise,
  replay,
  writeExercise,
  type ExerciseMode,
  type ExerciseRead,
} from '@/app/_lib/exercise-progress';
import { browserStorage } from '@/app/_lib/progress';
import { toExerciseScenario, type TrainingScenario } from '@/app/_lib/training';
import { buildExerciseMachine, type ExerciseEvent } from '@/machines/exercise-machine';

/**
 * Runs the exercise machine for a scenario and keeps its event log in local storage. Saved
 * progress is offered back (resume), or discarded with a notice when it cannot be replayed.
 */
export function useExercise(scenario: TrainingScenario, mode: ExerciseMode) {
  const machine = useMemo(
    () =>
      buildExerciseMachine(toExerciseScenario(scenario), {
        requirePrediction: mode === 'exercise',
      }),
    [scenario, mode],
  );
  const actorRef = useActorRef(machine);
  const snapshot = useSelector(actorRef, (s) => s);
  const events = useRef<ExerciseEvent[]>([]);
  const [saved, setSaved] = useState<ExerciseRead>({ status: 'none' });

  useEffect(() => {
    const storage = browserStorage();
    // Storage exists only in the browser, so this runs after hydration by design.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (storage) setSaved(readExercise(storage, scenario.id, mode, machine));
  }, [scenario.id, mode, machine]);

  const send = useCallback(
    (event: ExerciseEvent) => {
      if (!actorRef.getSnapshot().can(event)) return false;
      actorRef.send(event);
      events.current = appendEvent(events.current, event);
      const storage = browserStorage();
      if (storage) writeExercise(storage, scenario.id, mode, events.current);
      // Once the user acts, an older saved session is no longer on offer.
      setSaved((s) => (s.status === 'none' ? s : { status: 'none' }));
      return true;
    },
    [actorRef, scenario.id, mode],
  );

  /** Replays the saved events into the running actor. */
  const resume = useCallback(() => {
    if (saved.status !== 'ok') return;
    if (!replay(machine, saved.events)) return;
    for (const event of saved.events) actorRef.send(event);
    events.current = [...saved.events];
    setSaved({ status: 'none' });
  }, [saved, machine, actorRef]);

  return { machine, actorRef, snapshot, send, saved, resume };
}
