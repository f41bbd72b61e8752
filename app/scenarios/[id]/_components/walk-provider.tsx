'use client';

/**
 * The browser runtime of a scenario: the same machine the server renders from, running as an
 * actor. Links drive the URL and the actor follows it (user.goTo); keys drive the actor and the
 * URL follows it. Focus moves to the new step's heading and a polite live region announces it.
 * Progress is saved locally after every step.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { usePathname, useRouter } from 'next/navigation';
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { ScenarioGraph } from '@/content/parse';
import { resolvePath } from '@/machines/paths';
import {
  buildScenarioMachine,
  currentNodeId,
  pathOf,
  BRIEFING_TAG,
  type ScenarioEvent,
  type ScenarioMachine,
} from '@/machines/scenario-machine';
import { browserStorage, writeProgress } from '@/app/_lib/progress-store';
import { hrefOf, parseWalkPathname } from '@/app/_lib/routes';
import { isTypingTarget } from '@/app/_lib/keys';
import { strings } from '@/app/_lib/strings';
import { devInspector } from './dev-inspector';

interface WalkContextValue {
  readonly graph: ScenarioGraph;
  readonly machine: ScenarioMachine;
  readonly actorRef: ActorRefFrom<ScenarioMachine>;
}

const WalkContext = createContext<WalkContextValue | null>(null);

export function useWalk(): WalkContextValue {
  const value = useContext(WalkContext);
  if (!value) throw new Error('useWalk must be used inside <WalkProvider>');
  return value;
}

/** The event a key press means, if any (the machine decides whether it is allowed). */
export function eventForKey(
  graph: ScenarioGraph,
  nodeId: string,
  key: string,
  altKey: boolean,
): ScenarioEvent | undefined {
  if (altKey) return key === 'ArrowLeft' ? { type: 'user.back' } : undefined;
  if (/^[1-9]$/.test(key)) {
    const node = graph.nodes[nodeId];
    const option = node?.kind === 'decision' ? node.options[Number(key) - 1] : undefined;
    return option ? { type: 'user.choose', optionId: option.id } : undefined;
  }
  if (key === 'Backspace') return { type: 'user.back' };
  if (key === 'r' || key === 'R') return { type: 'user.restart' };
  return undefined;
}

export function WalkProvider({ graph, children }: { graph: ScenarioGraph; children: ReactNode }) {
  const machine = useMemo(() => buildScenarioMachine(graph), [graph]);
  const pathname = usePathname();
  const router = useRouter();
  // The actor starts at the step the URL names, so the server's page and the actor agree.
  const [startSnapshot] = useState(() => {
    const loc = parseWalkPathname(graph.id, pathname);
    if (loc.kind !== 'step') return undefined;
    const resolved = resolvePath(machine, loc.path);
    return resolved.ok ? resolved.snapshot : undefined;
  });
  const [inspect] = useState(devInspector);
  const actorRef = useActorRef(machine, { snapshot: startSnapshot, inspect });

  // URL → actor: a link, Back/Forward or a typed URL moved the page; the actor follows.
  useEffect(() => {
    const loc = parseWalkPathname(graph.id, pathname);
    const snapshot = actorRef.getSnapshot();
    if (loc.kind === 'briefing' && snapshot.can({ type: 'user.restart' })) {
      actorRef.send({ type: 'user.restart' });
    } else if (
      loc.kind === 'step' &&
      (snapshot.hasTag(BRIEFING_TAG) || pathOf(snapshot).join('/') !== loc.path.join('/'))
    ) {
      actorRef.send({ type: 'user.goTo', path: loc.path });
    }
  }, [pathname, graph.id, actorRef]);

  // Actor → storage: remember the last step reached, including a step opened from a link.
  useEffect(() => {
    const save = (snapshot: SnapshotFrom<ScenarioMachine>) => {
      const storage = browserStorage();
      if (storage && !snapshot.hasTag(BRIEFING_TAG))
        writeProgress(storage, graph.id, pathOf(snapshot));
    };
    save(actorRef.getSnapshot());
    const subscription = actorRef.subscribe(save);
    return () => subscription.unsubscribe();
  }, [actorRef, graph.id]);

  // Keys → actor → URL.
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      if (parseWalkPathname(graph.id, window.location.pathname).kind !== 'step') return;
      const snapshot = actorRef.getSnapshot();
      const event = eventForKey(graph, currentNodeId(snapshot), e.key, e.altKey);
      if (!event || !snapshot.can(event)) return;
      e.preventDefault();
      actorRef.send(event);
      router.push(hrefOf(graph.id, actorRef.getSnapshot()));
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [actorRef, graph, router]);

  // After a step change: focus its heading and announce it.
  const stepTitle = useSelector(actorRef, (s) => graph.nodes[currentNodeId(s)]?.title ?? '');
  const liveRegion = useRef<HTMLDivElement>(null);
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = pathname;
    // Only walkthrough pages move focus; elsewhere (the reader, the map) the URL's #anchor leads.
    if (parseWalkPathname(graph.id, pathname).kind === 'other' || window.location.hash) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    // The live region is written directly: it mirrors the DOM that just changed.
    if (liveRegion.current)
      liveRegion.current.textContent = strings.announceStep(heading?.textContent ?? stepTitle);
  }, [pathname, stepTitle, graph.id]);

  const value = useMemo(() => ({ graph, machine, actorRef }), [graph, machine, actorRef]);
  return (
    <WalkContext.Provider value={value}>
      {children}
      <div
        ref={liveRegion}
        className="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
      />
    </WalkContext.Provider>
  );
}
