'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { resolvePath } from '@/machines/paths';
import { stepLabel } from '@/app/_lib/labels';
import type { ProgressRead } from '@/app/_lib/progress';
import { browserStorage } from '@/app/_lib/progress-store';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { useWalk } from './walk-provider';

/** On the briefing: offers saved progress back, or says it was discarded. */
export function ResumeOffer() {
  const { graph, machine } = useWalk();
  const [read, setRead] = useState<ProgressRead>({ status: 'none' });

  useEffect(() => {
    // Storage exists only in the browser, so this runs after hydration by design; the validating
    // reader (and zod) load only here, not with every walkthrough page.
    const storage = browserStorage();
    if (!storage) return;
    let live = true;
    void import('@/app/_lib/progress').then(({ readProgress }) => {
      if (live) setRead(readProgress(storage, graph.id, (path) => resolvePath(machine, path).ok));
    });
    return () => {
      live = false;
    };
  }, [graph.id, machine]);

  if (read.status === 'none') return null;
  if (read.status === 'discarded') {
    return (
      <p className="notice" role="status">
        {strings.discardedProgress}
      </p>
    );
  }
  const resolved = resolvePath(machine, read.progress.path);
  if (!resolved.ok) return null;
  const where = stepLabel(graph, resolved.snapshot);
  return (
    <section className="notice" aria-labelledby="resume-heading">
      <h2 id="resume-heading" className="visually-hidden">
        {strings.resumeHeading}
      </h2>
      <Link className="button button--primary" href={routes.step(graph.id, read.progress.path)}>
        {strings.resume(where)}
      </Link>
    </section>
  );
}
