'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { browserStorage } from '@/app/_lib/progress-store';
import { stepToken } from '@/app/_lib/routes';
import { useRuntimeForSavedProgress, useWalk } from '../_components/walk-provider';

/** Tokens of a step and every step before it on its path, plus the briefing. */
function pathKeys(token: string): string[] {
  if (token === 'briefing') return ['briefing'];
  const parts = token === '-' ? [] : token.split('/');
  return ['briefing', ...parts.map((_, i) => stepToken(parts.slice(0, i))), token].filter(
    (k, i, all) => all.indexOf(k) === i,
  );
}

function mark(keys: readonly string[], className: string): () => void {
  const marked: Element[] = [];
  for (const key of keys) {
    document
      .querySelectorAll(`[data-key="${CSS.escape(key)}"], [data-to="${CSS.escape(key)}"]`)
      .forEach((el) => {
        el.classList.add(className);
        marked.push(el);
      });
  }
  return () => marked.forEach((el) => el.classList.remove(className));
}

/**
 * With JavaScript: highlight the path to the step the learner came from, mark saved progress, and
 * open a wide map at its start.
 */
export function MapEnhancer() {
  const step = useSearchParams().get('step');
  const { graph } = useWalk();
  const runtime = useRuntimeForSavedProgress();

  useEffect(() => (step === null ? undefined : mark(pathKeys(step), 'is-on-path')), [step]);

  // Opened without a step to show (no #fragment), a map wider than the screen starts scrolled to
  // its start, the briefing at the top centre, rather than at its left edge.
  useEffect(() => {
    if (window.location.hash) return;
    const scroller = document.querySelector('.map-scroll');
    const start = document.querySelector('[data-key="briefing"] rect');
    // Not if the map has been scrolled already (0 is the start in either direction).
    if (!scroller || !start || scroller.scrollLeft !== 0) return;
    const view = scroller.getBoundingClientRect();
    const box = start.getBoundingClientRect();
    scroller.scrollLeft += box.left + box.width / 2 - (view.left + view.width / 2);
  }, []);

  useEffect(() => {
    const storage = browserStorage();
    // Saved progress is checked against the machine: the runtime loads only if something is saved.
    if (!storage || !runtime) return undefined;
    let unmark: (() => void) | undefined;
    let live = true;
    void import('@/app/_lib/progress').then(({ readProgress }) => {
      const read = readProgress(storage, graph.id, runtime.isValidPath);
      if (live && read.status === 'ok')
        unmark = mark(pathKeys(stepToken(read.progress.path)), 'is-visited');
    });
    return () => {
      live = false;
      unmark?.();
    };
  }, [graph.id, runtime]);

  return null;
}
