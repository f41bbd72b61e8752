/** Every URL the app links to, built in one place. */
import type { ScenarioSnapshot } from '@/machines/scenario-machine';
import { BRIEFING_TAG, pathOf } from '@/machines/scenario-snapshot';

export const routes = {
  library: () => '/',
  briefing: (scenarioId: string) => `/scenarios/${scenarioId}`,
  step: (scenarioId: string, path: readonly string[]) =>
    `/scenarios/${scenarioId}/walk${path.map((p) => `/${encodeURIComponent(p)}`).join('')}`,
  source: (scenarioId: string, anchor?: string) =>
    `/scenarios/${scenarioId}/source${anchor ? `#${anchor}` : ''}`,
  map: (scenarioId: string) => `/scenarios/${scenarioId}/map`,
  /** The map, arriving from a step: the path to it is highlighted. */
  mapFromStep: (scenarioId: string, path: readonly string[]) =>
    `/scenarios/${scenarioId}/map?step=${encodeURIComponent(stepToken(path))}#${mapNodeId(stepToken(path))}`,
  outline: (scenarioId: string) => `/scenarios/${scenarioId}/outline`,
  exercise: (scenarioId: string) => `/scenarios/${scenarioId}/exercise`,
  present: (scenarioId: string) => `/scenarios/${scenarioId}/present`,
  debrief: (scenarioId: string, path: readonly string[]) =>
    `/scenarios/${scenarioId}/debrief${path.map((p) => `/${encodeURIComponent(p)}`).join('')}`,
  exportDebrief: (scenarioId: string) => `/scenarios/${scenarioId}/debrief-export`,
  compare: (scenarioId: string, a?: readonly string[], b?: readonly string[]) =>
    `/scenarios/${scenarioId}/compare${
      a && b
        ? `?a=${encodeURIComponent(stepToken(a))}&b=${encodeURIComponent(stepToken(b))}#differences`
        : ''
    }`,
  /** Live rooms: where learners type a code, open a room, and a room's pages. */
  join: () => '/join',
  openRoom: () => '/rooms/new',
  room: (code: string) => `/r/${code}`,
  roomJoin: (code: string) => `/r/${code}/join`,
  roomVote: (code: string) => `/r/${code}/vote`,
  roomPredict: (code: string) => `/r/${code}/predict`,
  roomEvents: (code: string) => `/r/${code}/events`,
  facilitate: (code: string) => `/r/${code}/facilitate`,
  facilitateCommand: (code: string) => `/r/${code}/facilitate/command`,
  facilitateEvents: (code: string) => `/r/${code}/facilitate/events`,
  roomDebrief: (code: string) => `/r/${code}/debrief`,
  roomRun: (code: string) => `/r/${code}/run`,
  roomResults: (code: string) => `/r/${code}/results`,
  roomResultsExport: (code: string, format: 'md' | 'csv' | 'json') =>
    `/r/${code}/results/export?format=${format}`,
  roomResultsWords: (code: string) => `/r/${code}/results/words`,
  roomManage: (code: string) => `/r/${code}/manage`,
  roomDelete: (code: string) => `/r/${code}/delete`,
  myRooms: () => '/rooms',
  roomExport: (code: string, format: 'md' | 'csv' | 'json') =>
    `/r/${code}/debrief/export?format=${format}`,
  /** The reader, arriving from a step: that step's passages are emphasised. */
  sourceFromStep: (scenarioId: string, path: readonly string[], anchor: string) =>
    `/scenarios/${scenarioId}/source?step=${encodeURIComponent(stepToken(path))}#${anchor}`,
} as const;

/** A step as one URL-safe token: option ids joined by '/', or '-' for the first decision. */
export function stepToken(path: readonly string[]): string {
  return path.length > 0 ? path.join('/') : '-';
}

/** The element id of a step's box on the map. */
export function mapNodeId(token: string): string {
  return `node-${token.replaceAll('/', '_')}`;
}

export type WalkLocation =
  | { readonly kind: 'briefing' }
  | { readonly kind: 'step'; readonly path: string[] }
  | { readonly kind: 'other' };

/** Which walkthrough page a pathname is, for a scenario. */
export function parseWalkPathname(scenarioId: string, pathname: string): WalkLocation {
  const base = routes.briefing(scenarioId);
  const clean = pathname.replace(/\/+$/, '');
  if (clean === base) return { kind: 'briefing' };
  const walk = `${base}/walk`;
  if (clean === walk) return { kind: 'step', path: [] };
  if (clean.startsWith(`${walk}/`)) {
    try {
      return {
        kind: 'step',
        path: clean
          .slice(walk.length + 1)
          .split('/')
          .map(decodeURIComponent),
      };
    } catch {
      return { kind: 'other' };
    }
  }
  return { kind: 'other' };
}

/** The URL of the page that shows a machine snapshot: the URL mirrors the machine. */
export function hrefOf(scenarioId: string, snapshot: ScenarioSnapshot): string {
  return snapshot.hasTag(BRIEFING_TAG)
    ? routes.briefing(scenarioId)
    : routes.step(scenarioId, pathOf(snapshot));
}
