/**
 * Opt-in machine inspector for development: add ?inspect to a walkthrough URL under `next dev`
 * and Stately's inspector opens beside the page. The require sits inside a development-only
 * branch, so production builds contain none of it (a browser test checks the bundles).
 */
import type { InspectionEvent, Observer } from 'xstate';

type Inspect = Observer<InspectionEvent>;

export function devInspector(): Inspect | undefined {
  if (process.env.NODE_ENV === 'development') {
    if (
      typeof window !== 'undefined' &&
      new URLSearchParams(window.location.search).has('inspect')
    ) {
      // A synchronous require keeps the inspector inside this development-only branch.
      const { createBrowserInspector } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('@statelyai/inspect') as typeof import('@statelyai/inspect');
      return createBrowserInspector().inspect;
    }
  }
  return undefined;
}
