'use client';

/**
 * A learner's run in a self-paced room. The run is the server's: the page starts from the events
 * it has stored, and every step is sent to it and stored before it says "Saved". The screen moves
 * at once (the exercise machine runs here too, on the same events); steps wait in order while the
 * server cannot be reached and are sent again, and if the run moved on elsewhere (another tab),
 * the screen catches up with the server's run instead of overwriting it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BriefingStage } from '@/app/_components/stages/briefing-stage';
import { ExerciseStages } from '@/app/_components/stages/exercise-stages';
import { StageAnnouncer } from '@/app/_components/stages/stage-announcer';
import { useStageFocus } from '@/app/_components/stages/use-stage-focus';
import { routes } from '@/app/_lib/routes';
import { RUN_EVENT_TYPES, replayRun, type RunEvent, type TimedEvent } from '@/app/_lib/self-paced';
import { strings } from '@/app/_lib/strings';
import { toExerciseScenario, type TrainingScenario } from '@/app/_lib/training';
import { buildExerciseMachine, type ExerciseEvent } from '@/machines/exercise-machine';

const t = strings.selfPaced;

export interface RunState {
  readonly runId: string;
  readonly status: 'active' | 'finished' | 'abandoned';
  readonly events: readonly TimedEvent[];
}

type Sync = 'idle' | 'saving' | 'saved' | 'offline' | 'caught-up' | 'closed';

/** The steps a learner takes in a run (the start is the server's, with the run). */
const RUN_TYPES = new Set<string>(RUN_EVENT_TYPES.filter((type) => type !== 'exercise.start'));

async function post(
  code: string,
  body: unknown,
): Promise<{ status: number; run?: RunState; error?: string }> {
  const res = await fetch(routes.roomRun(code), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as { run?: RunState; error?: string };
  return { status: res.status, ...data };
}

export function RunApp({
  code,
  scenario,
  initial,
  open,
}: {
  code: string;
  scenario: TrainingScenario;
  /** The learner's latest run, as stored; null before their first. */
  initial: RunState | null;
  /** Whether the room still takes steps. */
  open: boolean;
}) {
  const machine = useMemo(
    () => buildExerciseMachine(toExerciseScenario(scenario), { requirePrediction: true }),
    [scenario],
  );
  const [run, setRunState] = useState<RunState | null>(initial);
  const [sync, setSync] = useState<Sync>(open ? 'idle' : 'closed');
  const [starting, setStarting] = useState(false);
  // The run as shown (read synchronously: a prediction and its reveal are sent in one tick), the
  // run as the server has acknowledged it, and the steps still to send, in order.
  const shown = useRef<RunState | null>(initial);
  const confirmed = useRef<RunState | null>(initial);
  const outbox = useRef<RunEvent[]>([]);
  const sending = useRef(false);
  const setRun = useCallback((next: RunState) => {
    shown.current = next;
    setRunState(next);
  }, []);

  const snapshot = useMemo(
    () => (run ? replayRun(machine, run.events)?.snapshot : undefined),
    [machine, run],
  );
  const stage = snapshot ? String(snapshot.value) : 'briefing';
  const { heading, live } = useStageFocus(
    `${run?.runId ?? ''}:${stage}:${snapshot?.context.path.join('/') ?? ''}`,
  );

  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    let wait = 1000;
    try {
      while (outbox.current.length > 0 && confirmed.current) {
        const batch = outbox.current.slice(0, 4);
        setSync('saving');
        let answer: Awaited<ReturnType<typeof post>>;
        try {
          answer = await post(code, {
            action: 'step',
            runId: confirmed.current.runId,
            expected: confirmed.current.events.length,
            events: batch,
          });
        } catch {
          answer = { status: 0 };
        }
        if (answer.status === 200 && answer.run) {
          confirmed.current = answer.run;
          outbox.current = outbox.current.slice(batch.length);
          wait = 1000;
          if (outbox.current.length === 0) {
            setRun(answer.run);
            setSync('saved');
          }
        } else if (answer.status === 409 && answer.run) {
          // The run moved on elsewhere, or this step no longer fits: show the server's run.
          confirmed.current = answer.run;
          outbox.current = [];
          setRun(answer.run);
          setSync('caught-up');
        } else if (answer.status === 410) {
          outbox.current = [];
          if (confirmed.current) setRun(confirmed.current);
          setSync('closed');
        } else {
          // Offline, the store restarting, too many at once: keep the steps, try again.
          setSync('offline');
          await new Promise((resolve) => setTimeout(resolve, wait));
          wait = Math.min(wait * 2, 15_000);
        }
      }
    } finally {
      sending.current = false;
    }
  }, [code, setRun]);

  const closed = sync === 'closed';
  const send = useCallback(
    (event: ExerciseEvent): boolean => {
      const current = shown.current;
      if (!current || closed || !RUN_TYPES.has(event.type)) return false;
      const step = event as RunEvent;
      const events = [...current.events, { at: Date.now(), event: step }];
      // The machine decides here as it will on the server: a refused step is not sent.
      if (!replayRun(machine, events)) return false;
      setRun({ ...current, events });
      outbox.current = [...outbox.current, step];
      // A prediction and its reveal are sent in the same tick: one request carries both.
      queueMicrotask(() => void flush());
      return true;
    },
    [machine, closed, flush, setRun],
  );

  const start = useCallback(
    async (over?: string) => {
      setStarting(true);
      try {
        const answer = await post(
          code,
          over ? { action: 'over', runId: over } : { action: 'start' },
        );
        if (answer.run) {
          confirmed.current = answer.run;
          outbox.current = [];
          setRun(answer.run);
          setSync('saved');
        } else if (answer.status === 410) {
          setSync('closed');
        } else {
          setSync('offline');
        }
      } catch {
        setSync('offline');
      } finally {
        setStarting(false);
      }
    },
    [code, setRun],
  );

  // Leaving with steps unsent: the browser asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (outbox.current.length > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const finished = run?.status === 'finished' || stage === 'debrief';

  return (
    <div className="exercise run">
      <StageAnnouncer announcerRef={live} />
      <p className={`run-sync run-sync--${sync}`} role="status">
        {sync === 'saving' && t.saving}
        {sync === 'saved' && t.saved}
        {sync === 'offline' && t.notSaved}
        {sync === 'caught-up' && t.caughtUp}
        {sync === 'closed' && t.closedNote}
      </p>

      {!run && (
        <BriefingStage
          headingRef={heading}
          discarded={false}
          onStart={() => void start()}
          startDisabled={starting || sync === 'closed'}
        />
      )}

      {run && snapshot && (
        <ExerciseStages
          scenario={scenario}
          snapshot={snapshot}
          send={send}
          headingRef={heading}
          debriefActions={(back) => (
            <>
              <p className="notice">{t.finishedNote}</p>
              <p className="step-nav">
                {back && sync !== 'closed' && (
                  <button type="button" className="button" onClick={back}>
                    {strings.backToReveal}
                  </button>
                )}
                {sync !== 'closed' && (
                  <button
                    type="button"
                    className="button"
                    disabled={starting}
                    onClick={() => void start()}
                  >
                    {t.startAgain}
                  </button>
                )}
              </p>
            </>
          )}
        />
      )}

      {run && !finished && sync !== 'closed' && stage !== 'briefing' && (
        <details className="run-over">
          <summary>{t.startOver}</summary>
          <p className="hint">{t.startOverNote}</p>
          <button
            type="button"
            className="button"
            disabled={starting}
            onClick={() => void start(run.runId)}
          >
            {t.startOver}
          </button>
        </details>
      )}
    </div>
  );
}
