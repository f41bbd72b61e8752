'use client';

/**
 * Every page of a scenario sits inside this provider. It renders the page and a polite live
 * region at once; after a client navigation it moves focus to the new page's heading and
 * announces it. The walk runtime (./walk-runtime: the XState actor, keys, saved progress) loads
 * only where it has work to do: on walkthrough steps, and wherever a component asks for it
 * (saved progress to check). It then sets itself up in a few short tasks after hydration, so the
 * page stays responsive while it does. Until then the page is fully readable and every link
 * works; only the keyboard shortcuts wait for the runtime.
 */
import type { ActorRefFrom } from 'xstate';
import { usePathname } from 'next/navigation';
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
import type { ScenarioMachine, ScenarioSnapshot } from '@/machines/scenario-machine';
import { browserStorage, progressKey, readStoredJson } from '@/app/_lib/progress-store';
import { parseWalkPathname } from '@/app/_lib/routes';
import { shellStrings } from '@/app/_lib/shell-strings';
import type { WalkRuntime } from './walk-runtime';

/** What the running walk runtime offers the page's other browser components. */
export interface WalkRuntimeValue {
  readonly actorRef: ActorRefFrom<ScenarioMachine>;
  /** Whether the machine accepts this path of option ids (e.g. saved progress). */
  readonly isValidPath: (path: readonly string[]) => boolean;
  /** The step a path leads to, described for people; undefined for a path the machine refuses. */
  readonly labelOf: (path: readonly string[]) => string | undefined;
}

/** The runtime's state, shown on the live region as data-walk (the browser tests read it). */
export type WalkStatus = 'idle' | 'loading' | 'ready';

interface WalkContextValue {
  readonly graph: WalkGraph;
  /** Null until the runtime has loaded, and on pages that never need it. */
  readonly runtime: WalkRuntimeValue | null;
  /** Loads the runtime on a page that does not load it by itself. Safe to call repeatedly. */
  readonly requestRuntime: () => void;
}

const WalkContext = createContext<WalkContextValue | null>(null);

export function useWalk(): WalkContextValue {
  const value = useContext(WalkContext);
  if (!value) throw new Error('useWalk must be used inside <WalkProvider>');
  return value;
}

/**
 * For components that check saved progress against the machine: loads the runtime if this
 * scenario has anything saved (valid or not), and returns it once running; null otherwise.
 */
export function useRuntimeForSavedProgress(): WalkRuntimeValue | null {
  const { graph, runtime, requestRuntime } = useWalk();
  useEffect(() => {
    const storage = browserStorage();
    if (storage && readStoredJson(storage, progressKey(graph.id)).found) requestRuntime();
  }, [graph.id, requestRuntime]);
  return runtime;
}

/** Lets the browser paint and handle input before the next piece of set-up. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Loaded {
  readonly Runtime: typeof WalkRuntime;
  readonly machine: ScenarioMachine;
  readonly start: ScenarioSnapshot | undefined;
}

export function WalkProvider({ graph, children }: { graph: WalkGraph; children: ReactNode }) {
  const pathname = usePathname();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [runtime, setRuntimeValue] = useState<WalkRuntimeValue | null>(null);
  const liveRegion = useRef<HTMLDivElement>(null);
  const latestPathname = useRef(pathname);
  useEffect(() => {
    latestPathname.current = pathname;
  }, [pathname]);

  // Once needed, the runtime stays: leaving the walk for the reader keeps the actor's place.
  const onStep = parseWalkPathname(graph.id, pathname).kind === 'step';
  const [needed, setNeeded] = useState(onStep);
  if (onStep && !needed) setNeeded(true);

  useEffect(() => {
    if (!needed) return;
    let live = true;
    void (async () => {
      const walk = await import('./walk-runtime');
      await nextTask();
      if (!live) return;
      const machine = walk.buildScenarioMachine(graph);
      await nextTask();
      if (!live) return;
      // Where the actor starts: the step the URL names now, so the server's page and the actor agree.
      const start = walk.startSnapshot(graph, machine, latestPathname.current);
      await nextTask();
      if (live) setLoaded({ Runtime: walk.WalkRuntime, machine, start });
    })();
    return () => {
      live = false;
    };
  }, [needed, graph]);

  // After a client navigation: focus the new page's heading and announce it.
  const firstPathname = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPathname.current) return;
    firstPathname.current = pathname;
    // Only walkthrough pages move focus; elsewhere (the reader, the map) the URL's #anchor leads.
    if (parseWalkPathname(graph.id, pathname).kind === 'other' || window.location.hash) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
    if (liveRegion.current)
      liveRegion.current.textContent = shellStrings.announceStep(heading.textContent ?? '');
  }, [pathname, graph.id]);

  const requestRuntime = useCallback(() => setNeeded(true), []);
  const onReady = useCallback((value: WalkRuntimeValue) => setRuntimeValue(value), []);
  const value = useMemo(
    () => ({ graph, runtime, requestRuntime }),
    [graph, runtime, requestRuntime],
  );
  const status: WalkStatus = runtime ? 'ready' : needed ? 'loading' : 'idle';
  return (
    <WalkContext.Provider value={value}>
      {children}
      {loaded ? (
        <loaded.Runtime
          graph={graph}
          machine={loaded.machine}
          start={loaded.start}
          onReady={onReady}
        />
      ) : null}
      <div
        ref={liveRegion}
        className="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-walk={status}
      />
    </WalkContext.Provider>
  );
}
