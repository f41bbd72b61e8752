'use client';

/**
 * Every page of a scenario sits inside this provider. It renders the page and a polite live
 * region at once, then loads the walk runtime (./walk-runtime: the XState actor, keys, focus,
 * saved progress) once the page has hydrated. Until then the page is fully readable and every
 * link works; only the keyboard shortcuts wait for the runtime.
 */
import type { ActorRefFrom } from 'xstate';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { WalkGraph } from '@/content/parse';
import type { ScenarioMachine } from '@/machines/scenario-machine';
import type { WalkRuntime } from './walk-runtime';

/** What the running walk runtime offers the page's other browser components. */
export interface WalkRuntimeValue {
  readonly machine: ScenarioMachine;
  readonly actorRef: ActorRefFrom<ScenarioMachine>;
  /** Whether the machine accepts this path of option ids (e.g. saved progress). */
  readonly isValidPath: (path: readonly string[]) => boolean;
  /** The step a path leads to, described for people; undefined for a path the machine refuses. */
  readonly labelOf: (path: readonly string[]) => string | undefined;
}

interface WalkContextValue {
  readonly graph: WalkGraph;
  /** Null until the runtime has loaded (just after hydration). */
  readonly runtime: WalkRuntimeValue | null;
}

const WalkContext = createContext<WalkContextValue | null>(null);

export function useWalk(): WalkContextValue {
  const value = useContext(WalkContext);
  if (!value) throw new Error('useWalk must be used inside <WalkProvider>');
  return value;
}

export function WalkProvider({ graph, children }: { graph: WalkGraph; children: ReactNode }) {
  const [Runtime, setRuntime] = useState<typeof WalkRuntime | null>(null);
  const [runtime, setRuntimeValue] = useState<WalkRuntimeValue | null>(null);
  const liveRegion = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void import('./walk-runtime').then((module) => {
      // A function in state must be wrapped, or React would call it as an updater.
      if (live) setRuntime(() => module.WalkRuntime);
    });
    return () => {
      live = false;
    };
  }, []);

  const onReady = useCallback((value: WalkRuntimeValue) => setRuntimeValue(value), []);
  // The live region is written directly: it mirrors the DOM that just changed.
  const announce = useCallback((text: string) => {
    if (liveRegion.current) liveRegion.current.textContent = text;
  }, []);
  const value = useMemo(() => ({ graph, runtime }), [graph, runtime]);
  return (
    <WalkContext.Provider value={value}>
      {children}
      {Runtime ? <Runtime graph={graph} announce={announce} onReady={onReady} /> : null}
      <div
        ref={liveRegion}
        className="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-walk={runtime ? 'ready' : 'loading'}
      />
    </WalkContext.Provider>
  );
}
