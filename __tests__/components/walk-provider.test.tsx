/** @jest-environment jsdom */
import { act, render, screen, within } from '@testing-library/react';
import { useEffect } from 'react';
import userEvent from '@testing-library/user-event';
import { useSelector } from '@xstate/react';
import { axe, toHaveNoViolations } from 'jest-axe';
import { parseWalkPathname } from '@/app/_lib/routes';
import { progressKey } from '@/app/_lib/progress';
import { toWalkGraph } from '@/app/_lib/runtime';
import { useWalk, WalkProvider } from '@/app/scenarios/[id]/_components/walk-provider';
import { eventForKey } from '@/app/scenarios/[id]/_components/walk-runtime';
import { resolvePath } from '@/machines/paths';
import {
  buildScenarioMachine,
  currentNodeId,
  pathOf,
  type ScenarioMachine,
} from '@/machines/scenario-machine';
import type { ActorRefFrom } from 'xstate';
import { realScenario } from '../helpers/scenarios';

expect.extend(toHaveNoViolations);

const mockPush = jest.fn();
const mockRouter = {
  push: mockPush,
  replace: jest.fn(),
  back: jest.fn(),
  forward: jest.fn(),
  refresh: jest.fn(),
  prefetch: jest.fn(),
};
let mockPathname = '/';
jest.mock('next/navigation', () => ({
  usePathname: () => mockPathname,
  useRouter: () => mockRouter,
  useSearchParams: () => new URLSearchParams(),
}));

const kabul = realScenario('kabul-crossroads');
/** What the scenario layout passes to WalkProvider. */
const graph = toWalkGraph(kabul);
const machine = buildScenarioMachine(graph);
const BASE = '/scenarios/kabul-crossroads';
const BRIEFING = BASE;
const WALK = `${BASE}/walk`;
const SOURCE = `${BASE}/source`;
const KEY = progressKey(kabul.id);

/** Sets the URL as Next would: usePathname and window.location agree. */
function setUrl(pathname: string) {
  mockPathname = pathname;
  window.history.pushState({}, '', pathname);
}

/** The page the server would render for the URL: its h1 is the node's title. */
function pageTitle(pathname: string): string {
  const loc = parseWalkPathname(kabul.id, pathname);
  if (loc.kind === 'briefing') return kabul.title;
  if (loc.kind === 'other') return 'Source text';
  const resolved = resolvePath(machine, loc.path);
  return resolved.ok ? (kabul.nodes[currentNodeId(resolved.snapshot)]?.title ?? '') : '';
}

/** Shows what the actor says, as a child of the provider, once the runtime has loaded. */
function ActorState() {
  const { runtime } = useWalk();
  return runtime ? <RunningActorState actorRef={runtime.actorRef} /> : null;
}

function RunningActorState({ actorRef }: { actorRef: ActorRefFrom<ScenarioMachine> }) {
  const nodeId = useSelector(actorRef, (s) => currentNodeId(s));
  const path = useSelector(actorRef, (s) => pathOf(s).join('/'));
  return (
    <aside aria-label="Actor state">
      <p>node: {nodeId}</p>
      <p>path: {path === '' ? '(none)' : path}</p>
    </aside>
  );
}

function Page({ pathname }: { pathname: string }) {
  return (
    <main>
      <h1>{pageTitle(pathname)}</h1>
      <label>
        Notes <input type="text" />
      </label>
      <label>
        Longer notes <textarea />
      </label>
      <label>
        Filter{' '}
        <select>
          <option>All</option>
        </select>
      </label>
      <div role="textbox" aria-label="Draft" contentEditable suppressContentEditableWarning />
      <ActorState />
    </main>
  );
}

/** A component that needs the runtime on any page, as the resume offer does with saved progress. */
function AskForRuntime() {
  const { requestRuntime } = useWalk();
  useEffect(() => requestRuntime(), [requestRuntime]);
  return null;
}

function ui(pathname: string, askForRuntime: boolean) {
  return (
    <WalkProvider graph={graph}>
      <Page pathname={pathname} />
      {askForRuntime ? <AskForRuntime /> : null}
    </WalkProvider>
  );
}

/** Renders the page at a URL, and lets the layout re-render with another (a navigation). */
function renderPage(pathname: string, { askForRuntime = false } = {}) {
  setUrl(pathname);
  const view = render(ui(pathname, askForRuntime));
  return {
    ...view,
    /** A navigation: the URL changes and the layout re-renders with the new page. */
    navigate(next: string) {
      setUrl(next);
      view.rerender(ui(next, askForRuntime));
    },
  };
}

/** Renders the page at a URL and waits for the walk runtime, which loads after hydration. */
async function renderAt(pathname: string, options: { askForRuntime?: boolean } = {}) {
  const view = renderPage(pathname, options);
  await screen.findByRole('complementary', { name: 'Actor state' });
  return view;
}

/** Lets pending tasks (the runtime's set-up, were it loading) run. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

const actorState = () => screen.getByRole('complementary', { name: 'Actor state' });
const expectActorAt = (nodeId: string, path: string) => {
  expect(actorState()).toHaveTextContent(`node: ${nodeId}`);
  expect(actorState()).toHaveTextContent(`path: ${path === '' ? '(none)' : path}`);
};
const liveRegion = () =>
  screen.getAllByRole('status').find((el) => el.getAttribute('aria-live') === 'polite') as
    HTMLElement | undefined;

beforeEach(() => {
  mockPush.mockReset();
  window.localStorage.clear();
  setUrl('/');
});

describe('eventForKey', () => {
  it('maps number keys to the options of a decision, in order', () => {
    expect(eventForKey(graph, 'ttp-or-pakistan', '1', false)).toEqual({
      type: 'user.choose',
      optionId: 'pakistan',
    });
    expect(eventForKey(graph, 'ttp-or-pakistan', '2', false)).toEqual({
      type: 'user.choose',
      optionId: 'ttp',
    });
    expect(eventForKey(graph, 'approach-after-ttp', '2', false)).toEqual({
      type: 'user.choose',
      optionId: 'pressure',
    });
  });

  it('maps no event to a number with no option', () => {
    expect(eventForKey(graph, 'ttp-or-pakistan', '3', false)).toBeUndefined();
    expect(eventForKey(graph, 'ttp-or-pakistan', '9', false)).toBeUndefined();
    expect(eventForKey(graph, 'ttp-or-pakistan', '0', false)).toBeUndefined();
  });

  it('maps no choice on the briefing, an outcome or an unknown node', () => {
    expect(eventForKey(graph, 'briefing', '1', false)).toBeUndefined();
    expect(eventForKey(graph, 'outcome-ttp-pressure', '1', false)).toBeUndefined();
    expect(eventForKey(graph, 'no-such-node', '1', false)).toBeUndefined();
  });

  it('maps Backspace and Alt+ArrowLeft to back', () => {
    expect(eventForKey(graph, 'approach-after-ttp', 'Backspace', false)).toEqual({
      type: 'user.back',
    });
    expect(eventForKey(graph, 'approach-after-ttp', 'ArrowLeft', true)).toEqual({
      type: 'user.back',
    });
  });

  it('maps r and R to restart', () => {
    expect(eventForKey(graph, 'outcome-ttp-pressure', 'r', false)).toEqual({
      type: 'user.restart',
    });
    expect(eventForKey(graph, 'outcome-ttp-pressure', 'R', false)).toEqual({
      type: 'user.restart',
    });
  });

  it('maps nothing else, and nothing with Alt but Alt+ArrowLeft', () => {
    expect(eventForKey(graph, 'ttp-or-pakistan', 'ArrowLeft', false)).toBeUndefined();
    expect(eventForKey(graph, 'ttp-or-pakistan', 'x', false)).toBeUndefined();
    expect(eventForKey(graph, 'ttp-or-pakistan', 'Enter', false)).toBeUndefined();
    expect(eventForKey(graph, 'ttp-or-pakistan', '1', true)).toBeUndefined();
    expect(eventForKey(graph, 'ttp-or-pakistan', 'r', true)).toBeUndefined();
    expect(eventForKey(graph, 'ttp-or-pakistan', 'Backspace', true)).toBeUndefined();
  });
});

describe('useWalk', () => {
  it('refuses to work outside the provider', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<ActorState />)).toThrow('useWalk must be used inside <WalkProvider>');
    spy.mockRestore();
  });
});

describe('WalkProvider: the page first, the runtime after', () => {
  it('renders the page and its live region at once, then loads the runtime', async () => {
    renderPage(WALK);
    expect(screen.getByRole('heading', { level: 1 })).toBeInTheDocument();
    expect(liveRegion()).toHaveAttribute('data-walk', 'loading');
    expect(screen.queryByRole('complementary', { name: 'Actor state' })).not.toBeInTheDocument();
    await screen.findByRole('complementary', { name: 'Actor state' });
    expect(liveRegion()).toHaveAttribute('data-walk', 'ready');
    expectActorAt('ttp-or-pakistan', '');
  });
});

describe('WalkProvider: the runtime loads only where it has work to do', () => {
  it('does not load on the briefing or the reader when nothing asks for it', async () => {
    for (const pathname of [BRIEFING, SOURCE]) {
      const view = renderPage(pathname);
      await settle();
      expect(liveRegion()).toHaveAttribute('data-walk', 'idle');
      expect(screen.queryByRole('complementary', { name: 'Actor state' })).not.toBeInTheDocument();
      view.unmount();
    }
  });

  it('loads on the briefing when a component asks, starting at the briefing', async () => {
    await renderAt(BRIEFING, { askForRuntime: true });
    expect(liveRegion()).toHaveAttribute('data-walk', 'ready');
    expectActorAt('briefing', '');
  });

  it('loads when the reader follows a link into the walk, starting at that step', async () => {
    const view = renderPage(BRIEFING);
    view.navigate(`${WALK}/pakistan`);
    expect(liveRegion()).toHaveAttribute('data-walk', 'loading');
    await screen.findByRole('complementary', { name: 'Actor state' });
    expectActorAt('approach-after-pakistan', 'pakistan');
  });

  it('stays once loaded, when the reader leaves the walk', async () => {
    const view = await renderAt(`${WALK}/pakistan`);
    view.navigate(SOURCE);
    await settle();
    expect(liveRegion()).toHaveAttribute('data-walk', 'ready');
    expectActorAt('approach-after-pakistan', 'pakistan');
  });

  it('moves focus and announces a client navigation before the runtime has loaded', () => {
    const view = renderPage(BRIEFING);
    view.navigate(WALK);
    expect(liveRegion()).toHaveAttribute('data-walk', 'loading');
    expect(screen.getByRole('heading', { level: 1, name: 'The TTP or Pakistan' })).toHaveFocus();
    expect(liveRegion()).toHaveTextContent('Now at: The TTP or Pakistan');
  });
});

describe('WalkProvider: the actor starts where the URL is', () => {
  it('at the first decision on the walk root', async () => {
    await renderAt(WALK);
    expectActorAt('ttp-or-pakistan', '');
  });

  it('at the step a deep link names', async () => {
    await renderAt(`${WALK}/ttp/pressure`);
    expectActorAt('outcome-ttp-pressure', 'ttp/pressure');
  });

  it('at the briefing for a path the machine does not allow', async () => {
    await renderAt(`${WALK}/ttp/nope`);
    expectActorAt('briefing', '');
  });

  it('does not move focus or announce anything on first render', async () => {
    await renderAt(`${WALK}/ttp`);
    expect(liveRegion()).toHaveTextContent('');
    expect(document.activeElement).toBe(document.body);
  });

  it('renders a polite, atomic live region and stays axe clean', async () => {
    const { container } = await renderAt(WALK);
    const region = liveRegion();
    expect(region).toHaveAttribute('aria-atomic', 'true');
    expect(await axe(container)).toHaveNoViolations();
  });
});

describe('WalkProvider: keys drive the actor and the URL follows', () => {
  it('"1" and "2" choose the first and second option and push the next step', async () => {
    const user = userEvent.setup();
    const view = await renderAt(WALK);
    await user.keyboard('1');
    expectActorAt('approach-after-pakistan', 'pakistan');
    expect(mockPush).toHaveBeenCalledTimes(1);
    expect(mockPush).toHaveBeenLastCalledWith(`${WALK}/pakistan`);

    view.navigate(`${WALK}/pakistan`);
    await user.keyboard('2');
    expectActorAt('outcome-pakistan-pressure', 'pakistan/pressure');
    expect(mockPush).toHaveBeenLastCalledWith(`${WALK}/pakistan/pressure`);
  });

  it('"2" on the first decision picks the TTP', async () => {
    const user = userEvent.setup();
    await renderAt(WALK);
    await user.keyboard('2');
    expectActorAt('approach-after-ttp', 'ttp');
    expect(mockPush).toHaveBeenCalledWith(`${WALK}/ttp`);
  });

  it('"9" (no such option) does nothing', async () => {
    const user = userEvent.setup();
    await renderAt(WALK);
    await user.keyboard('9');
    expectActorAt('ttp-or-pakistan', '');
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('number keys do nothing on an outcome', async () => {
    const user = userEvent.setup();
    await renderAt(`${WALK}/ttp/pressure`);
    await user.keyboard('1');
    expectActorAt('outcome-ttp-pressure', 'ttp/pressure');
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('Backspace goes back one step and pushes its URL', async () => {
    const user = userEvent.setup();
    await renderAt(`${WALK}/ttp/pressure`);
    await user.keyboard('{Backspace}');
    expectActorAt('approach-after-ttp', 'ttp');
    expect(mockPush).toHaveBeenCalledWith(`${WALK}/ttp`);
  });

  it('Alt+ArrowLeft goes back one step and pushes its URL', async () => {
    const user = userEvent.setup();
    await renderAt(`${WALK}/pakistan`);
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expectActorAt('ttp-or-pakistan', '');
    expect(mockPush).toHaveBeenCalledWith(WALK);
  });

  it('back from the first decision leads to the briefing', async () => {
    const user = userEvent.setup();
    await renderAt(WALK);
    await user.keyboard('{Backspace}');
    expectActorAt('briefing', '');
    expect(mockPush).toHaveBeenCalledWith(BRIEFING);
  });

  it('"r" restarts and pushes the briefing', async () => {
    const user = userEvent.setup();
    await renderAt(`${WALK}/ttp/partnership`);
    await user.keyboard('r');
    expectActorAt('briefing', '');
    expect(mockPush).toHaveBeenCalledWith(BRIEFING);
  });

  it('claims the key it handles, so the browser does not act on it too', async () => {
    await renderAt(`${WALK}/ttp`);
    const event = new KeyboardEvent('keydown', {
      key: 'Backspace',
      bubbles: true,
      cancelable: true,
    });
    act(() => {
      document.body.dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves keys it does not handle alone', async () => {
    await renderAt(`${WALK}/ttp`);
    const event = new KeyboardEvent('keydown', { key: '9', bubbles: true, cancelable: true });
    act(() => {
      document.body.dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(false);
  });

  it('ignores keys while typing in an input or a textarea', async () => {
    const user = userEvent.setup();
    await renderAt(`${WALK}/ttp`);
    await user.type(screen.getByRole('textbox', { name: 'Notes' }), '1r{Backspace}');
    await user.type(screen.getByRole('textbox', { name: 'Longer notes' }), '2R{Backspace}');
    expectActorAt('approach-after-ttp', 'ttp');
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('ignores keys sent to a select or an editable region', async () => {
    const user = userEvent.setup();
    await renderAt(`${WALK}/ttp`);
    const select = screen.getByRole('combobox', { name: 'Filter' });
    await user.selectOptions(select, 'All');
    expect(select).toHaveFocus();
    await user.keyboard('1r{Backspace}');
    const draft = screen.getByRole('textbox', { name: 'Draft' });
    await user.click(draft);
    expect(draft).toHaveFocus();
    await user.keyboard('2R{Backspace}');
    expectActorAt('approach-after-ttp', 'ttp');
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('ignores keys with Ctrl or Meta held', async () => {
    const user = userEvent.setup();
    await renderAt(`${WALK}/ttp`);
    await user.keyboard('{Control>}1{/Control}');
    await user.keyboard('{Meta>}r{/Meta}');
    await user.keyboard('{Control>}{Backspace}{/Control}');
    expectActorAt('approach-after-ttp', 'ttp');
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('ignores a key another handler has already claimed', async () => {
    await renderAt(`${WALK}/ttp`);
    const event = new KeyboardEvent('keydown', { key: '1', bubbles: true, cancelable: true });
    event.preventDefault();
    act(() => {
      document.body.dispatchEvent(event);
    });
    expectActorAt('approach-after-ttp', 'ttp');
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('does nothing on the briefing', async () => {
    const user = userEvent.setup();
    await renderAt(BRIEFING, { askForRuntime: true });
    await user.keyboard('1r{Backspace}{Alt>}{ArrowLeft}{/Alt}');
    expectActorAt('briefing', '');
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('does nothing on the source page, even after a walk', async () => {
    const user = userEvent.setup();
    const view = await renderAt(`${WALK}/ttp`);
    view.navigate(SOURCE);
    await user.keyboard('1r{Backspace}{Alt>}{ArrowLeft}{/Alt}');
    expectActorAt('approach-after-ttp', 'ttp');
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('stops listening when unmounted', async () => {
    const user = userEvent.setup();
    const view = await renderAt(WALK);
    view.unmount();
    await user.keyboard('1');
    expect(mockPush).not.toHaveBeenCalled();
  });
});

describe('WalkProvider: the actor follows the URL', () => {
  it('goes to the step a new pathname names', async () => {
    const view = await renderAt(WALK);
    view.navigate(`${WALK}/ttp/pressure`);
    expectActorAt('outcome-ttp-pressure', 'ttp/pressure');
    view.navigate(`${WALK}/pakistan`);
    expectActorAt('approach-after-pakistan', 'pakistan');
  });

  it('leaves the briefing for the walk when a link is followed', async () => {
    const view = await renderAt(BRIEFING, { askForRuntime: true });
    view.navigate(WALK);
    expectActorAt('ttp-or-pakistan', '');
  });

  it('returns to the briefing when the URL does', async () => {
    const view = await renderAt(`${WALK}/ttp/partnership`);
    view.navigate(BRIEFING);
    expectActorAt('briefing', '');
  });

  it('ignores a pathname the machine does not allow', async () => {
    const view = await renderAt(`${WALK}/ttp`);
    view.navigate(`${WALK}/ttp/nope`);
    expectActorAt('approach-after-ttp', 'ttp');
  });

  it('does not push a URL of its own when the URL moved it', async () => {
    const view = await renderAt(WALK);
    view.navigate(`${WALK}/ttp`);
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('focuses the new page’s h1 and announces the new step', async () => {
    const view = await renderAt(WALK);
    view.navigate(`${WALK}/ttp/pressure`);
    const heading = screen.getByRole('heading', { level: 1, name: 'The TTP, then pressure' });
    expect(heading).toHaveFocus();
    expect(heading).toHaveAttribute('tabindex', '-1');
    expect(liveRegion()).toHaveTextContent('Now at: The TTP, then pressure');
  });

  it('announces each step in turn, after a key press too', async () => {
    const user = userEvent.setup();
    const view = await renderAt(WALK);
    await user.keyboard('2');
    const pushed = mockPush.mock.calls.at(-1)?.[0] as string;
    view.navigate(pushed);
    expect(liveRegion()).toHaveTextContent('Now at: Pressure or partnership');
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    await user.keyboard('r');
    view.navigate(mockPush.mock.calls.at(-1)?.[0] as string);
    expect(liveRegion()).toHaveTextContent(`Now at: ${kabul.title}`);
  });

  it('keeps the live region free of anything but the announcement', async () => {
    const view = await renderAt(WALK);
    view.navigate(`${WALK}/pakistan`);
    const region = liveRegion() as HTMLElement;
    expect(within(region).queryAllByRole('link')).toHaveLength(0);
    expect(region.textContent).toBe('Now at: Pressure or partnership');
  });
});

describe('WalkProvider: progress is saved after each step', () => {
  const saved = () => {
    const raw = window.localStorage.getItem(KEY);
    return raw === null ? null : (JSON.parse(raw) as { path: string[]; scenarioId: string });
  };

  it('saves a step opened from a link, then the path after a key press', async () => {
    const user = userEvent.setup();
    await renderAt(WALK);
    expect(saved()).toMatchObject({ scenarioId: 'kabul-crossroads', path: [] });
    await user.keyboard('2');
    expect(saved()).toMatchObject({ scenarioId: 'kabul-crossroads', path: ['ttp'] });
  });

  it('saves the path after a navigation', async () => {
    const view = await renderAt(WALK);
    view.navigate(`${WALK}/pakistan/partnership`);
    expect(saved()).toMatchObject({ path: ['pakistan', 'partnership'] });
  });

  it('saves the first decision as the empty path', async () => {
    const view = renderPage(BRIEFING);
    view.navigate(WALK);
    await screen.findByRole('complementary', { name: 'Actor state' });
    expect(saved()).toMatchObject({ path: [] });
  });

  it('keeps the last step when the reader returns to the briefing', async () => {
    const user = userEvent.setup();
    await renderAt(`${WALK}/ttp`);
    await user.keyboard('1');
    expect(saved()).toMatchObject({ path: ['ttp', 'partnership'] });
    await user.keyboard('r');
    expect(saved()).toMatchObject({ path: ['ttp', 'partnership'] });
  });

  it('keeps working when storage refuses to save', async () => {
    const user = userEvent.setup();
    const spy = jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    try {
      await renderAt(WALK);
      await user.keyboard('2');
      expectActorAt('approach-after-ttp', 'ttp');
      expect(mockPush).toHaveBeenCalledWith(`${WALK}/ttp`);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps working when the browser blocks access to storage altogether', async () => {
    // With site data blocked, reading window.localStorage itself throws a SecurityError.
    const user = userEvent.setup();
    const original = Object.getOwnPropertyDescriptor(window, 'localStorage');
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
    const uncaught: unknown[] = [];
    const onError = (e: ErrorEvent) => {
      uncaught.push(e.error);
      e.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      await renderAt(WALK);
      await user.keyboard('2');
      expectActorAt('approach-after-ttp', 'ttp');
      expect(mockPush).toHaveBeenCalledWith(`${WALK}/ttp`);
      // Saving is a convenience: a blocked storage must not surface as an uncaught error.
      await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
      expect(uncaught).toEqual([]);
    } finally {
      window.removeEventListener('error', onError);
      errors.mockRestore();
      if (original) Object.defineProperty(window, 'localStorage', original);
    }
  });
});
