'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSyncExternalStore } from 'react';
import { routes } from '@/app/_lib/routes';

export interface KnownScenario {
  readonly id: string;
  readonly title: string;
  /** Every step of the scenario: its path (option ids joined by '/') and its title. */
  readonly steps: readonly { readonly path: string; readonly title: string }[];
}

/**
 * On a 404 under /scenarios/{id}/walk/…, offer the longest valid prefix of the requested path.
 * Rendered after hydration (the 404 page is static); without JavaScript the page lists every
 * scenario's briefing instead.
 */
const noSubscription = () => () => {};

export function NearestStep({
  scenarios,
  label,
}: {
  scenarios: readonly KnownScenario[];
  /** The link's lead text (the step's title, or the scenario's for the briefing, follows it). */
  label: string;
}) {
  const pathname = usePathname();
  // The 404 page is static: render the link only once mounted, so hydration matches the server.
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const match = /^\/scenarios\/([^/]+)(?:\/walk((?:\/[^/]+)*))?(?:\/|$)/.exec(pathname ?? '');
  const scenario = scenarios.find((s) => s.id === match?.[1]);
  if (!mounted || !scenario) return null;
  const requested = (match?.[2] ?? '').split('/').filter(Boolean);
  const onWalk = match?.[2] !== undefined;
  // The longest prefix of the requested path that is a step (the walk's first step is '').
  const best = onWalk
    ? requested
        .map((_, i) => requested.slice(0, requested.length - i).join('/'))
        .concat('')
        .map((path) => scenario.steps.find((s) => s.path === path))
        .find((s) => s !== undefined)
    : undefined;
  const href = best
    ? routes.step(scenario.id, best.path.split('/').filter(Boolean))
    : routes.briefing(scenario.id);
  return (
    <p>
      <Link className="button button--primary" href={href}>
        {label}: {best?.title ?? scenario.title}
      </Link>
    </p>
  );
}
