/**
 * The addresses of the pages rendered on request (not pre-rendered): each scenario's comparison
 * and the debrief of each outcome. `proxy.ts` answers any other address under those routes with
 * the pre-rendered 404 page before rendering starts, so the 404 has its body without JavaScript.
 */
import { routes } from './routes';
import { allRuntimes, outcomeSteps } from './runtime';

let known: ReadonlySet<string> | undefined;

function knownAddresses(): ReadonlySet<string> {
  known ??= new Set(
    allRuntimes().flatMap((runtime) => [
      routes.compare(runtime.scenario.id),
      ...outcomeSteps(runtime).map(({ step }) => routes.debrief(runtime.scenario.id, step.path)),
    ]),
  );
  return known;
}

/**
 * Whether a request's pathname (percent-encoded, as received) names a page that exists. Any
 * encoding of a segment that decodes to the same text is the same address; a malformed one is not.
 */
export function isKnownDynamicAddress(pathname: string): boolean {
  let canonical: string;
  try {
    canonical = pathname
      .split('/')
      .map((segment) => encodeURIComponent(decodeURIComponent(segment)))
      .join('/');
  } catch {
    return false;
  }
  return knownAddresses().has(canonical);
}
