'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSyncExternalStore } from 'react';
import { routes } from '@/app/_lib/routes';

export interface KnownScenario {
  readonly id: string;
  readonly title: string;
  /** Every step path of the scenario, option ids joined by '/'. */
  readonly steps: readonly string[];
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
  /** The link's lead text (the scenario's title follows it). */
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
  let best: string[] = [];
  for (let n = requested.length; n > 0; n -= 1) {
    if (scenario.steps.includes(requested.slice(0, n).join('/'))) {
      best = requested.slice(0, n);
      break;
    }
  }
  const href =
    match?.[2] !== undefined ? routes.step(scenario.id, best) : routes.briefing(scenario.id);
  return (
    <p>
      <Link className="button button--primary" href={href}>
        {label}: {scenario.title}
      </Link>
    </p>
  );
}
