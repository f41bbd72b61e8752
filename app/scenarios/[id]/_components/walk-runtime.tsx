'use client';

/**
 * The browser runtime of a scenario: the same machine the server renders from, running as an
 * actor. Links drive the URL and the actor follows it (user.goTo); keys drive the actor and the
 * URL follows it. Progress is saved locally after every step.
 *
 * WalkProvider loads this module after the page has hydrated, and only where it has work to do:
 * reading needs no JavaScript, so XState and the machine stay out of the code a page needs before
 * it can paint and respond.
 */
import { useActorRef } from '@xstate/react';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { SnapshotFrom } from 'xstate';
import type { WalkGraph } from '@/content/parse';
import { resolvePath } from '@/machines/paths';
import {
  buildScenarioMachine,
  currentNodeId,
  pathOf,
  BRIEFING_TAG,
  type ScenarioEvent,
  type ScenarioMachine,
  type ScenarioSnapshot,
} from '@/machines/scenario-machine';
import { stepLabel } from '@/app/_lib/labels';
import { browserStorage, writeProgress } from '@/app/_lib/progress-store';
import { hrefOf, parseWalkPathname } from '@/app/_lib/routes';
import { isTypingTarget } from '@/app/_lib/keys';
import type { WalkRuntimeValue } from './walk-provider';
import { devInspector } from './dev-inspector';

/** The event a key press means, if any (the machine decides whether it is allowed). */
export function eventForKey(
  graph: WalkGraph,
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

/** The snapshot the actor starts from on a page: the step its URL names, else the briefing. */
export function startSnapshot(
  graph: WalkGraph,
  machine: ScenarioMachine,
  pathname: string,
): ScenarioSnapshot | undefined {
  const loc = parseWalkPathname(graph.id, pathname);
  if (loc.kind !== 'step') return undefined;
  const resolved = resolvePath(machine, loc.path);
  return resolved.ok ? resolved.snapshot : undefined;
}

export { buildScenarioMachine };

/**
 * The running walk. WalkProvider builds the machine and the start snapshot first (each in a task
 * of its own, see startSnapshot), then renders this.
 */
export function WalkRuntime({
  graph,
  machine,
  start,
  onReady,
}: {
  graph: WalkGraph;
  machine: ScenarioMachine;
  /** Undefined: the machine's initial state, the briefing. */
  start: ScenarioSnapshot | undefined;
  /** Hands the running actor and the machine's helpers to the provider's consumers. */
  onReady: (value: WalkRuntimeValue) => void;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const [inspect] = useState(devInspector);
  const actorRef = useActorRef(machine, { snapshot: start, inspect });

  useEffect(() => {
    onReady({
      actorRef,
      isValidPath: (path) => resolvePath(machine, path).ok,
      labelOf: (path) => {
        const resolved = resolvePath(machine, path);
        return resolved.ok ? stepLabel(graph, resolved.snapshot) : undefined;
      },
    });
  }, [graph, machine, actorRef, onReady]);

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

  return null;
}
