'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { ProgressRead } from '@/app/_lib/progress';
import { browserStorage } from '@/app/_lib/progress-store';
import { routes } from '@/app/_lib/routes';
import { shellStrings } from '@/app/_lib/shell-strings';
import { useRuntimeForSavedProgress, useWalk } from './walk-provider';

/** On the briefing: offers saved progress back, or says it was discarded. */
export function ResumeOffer() {
  const { graph } = useWalk();
  const runtime = useRuntimeForSavedProgress();
  const [read, setRead] = useState<ProgressRead>({ status: 'none' });

  useEffect(() => {
    // Storage exists only in the browser, so this runs after hydration by design. The runtime
    // loads only if something is saved; the validating reader (and zod) load only here, once the
    // runtime can say which paths are valid.
    const storage = browserStorage();
    if (!storage || !runtime) return;
    let live = true;
    void import('@/app/_lib/progress').then(({ readProgress }) => {
      if (live) setRead(readProgress(storage, graph.id, runtime.isValidPath));
    });
    return () => {
      live = false;
    };
  }, [graph.id, runtime]);

  if (read.status === 'none') return null;
  if (read.status === 'discarded') {
    return (
      <p className="notice" role="status">
        {shellStrings.discardedProgress}
      </p>
    );
  }
  const where = runtime?.labelOf(read.progress.path);
  if (where === undefined) return null;
  return (
    <section className="notice" aria-labelledby="resume-heading">
      <h2 id="resume-heading" className="visually-hidden">
        {shellStrings.resumeHeading}
      </h2>
      <Link className="button button--primary" href={routes.step(graph.id, read.progress.path)}>
        {shellStrings.resume(where)}
      </Link>
    </section>
  );
}
