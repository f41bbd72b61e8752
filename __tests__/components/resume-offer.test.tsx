/** @jest-environment jsdom */
import './intersection-observer';
import { render, screen, waitFor } from '@testing-library/react';
import { axe, toHaveNoViolations } from 'jest-axe';
import { PROGRESS_VERSION, progressKey } from '@/app/_lib/progress';
import { toWalkGraph } from '@/app/_lib/runtime';
import { strings } from '@/app/_lib/strings';
import { ResumeOffer } from '@/app/scenarios/[id]/_components/resume-offer';
import { WalkProvider } from '@/app/scenarios/[id]/_components/walk-provider';
import { realScenario } from '../helpers/scenarios';
import type { NavigationHelper } from '../helpers/next-navigation';

expect.extend(toHaveNoViolations);

const BRIEFING = '/scenarios/kabul-crossroads';
jest.mock('next/navigation', () =>
  jest
    .requireActual<NavigationHelper>('../helpers/next-navigation')
    .navigationAt('/scenarios/kabul-crossroads'),
);

const kabul = realScenario('kabul-crossroads');
/** What the scenario layout passes to WalkProvider. */
const graph = toWalkGraph(kabul);
const KEY = progressKey(kabul.id);
const DISCARDED = 'Saved progress on this device could not be read and was discarded.';

function save(path: unknown, overrides: Record<string, unknown> = {}) {
  window.localStorage.setItem(
    KEY,
    JSON.stringify({
      version: PROGRESS_VERSION,
      scenarioId: kabul.id,
      path,
      savedAt: '2025-01-02T03:04:05.000Z',
      ...overrides,
    }),
  );
}

const walkStatus = () => document.querySelector('[data-walk]')?.getAttribute('data-walk');

/**
 * Renders the briefing's offer. With something saved, the walk runtime loads (after hydration)
 * to check it: this waits until it has.
 */
async function renderOffer() {
  const view = render(
    <WalkProvider graph={graph}>
      <main>
        <h1>{kabul.title}</h1>
        <ResumeOffer />
      </main>
    </WalkProvider>,
  );
  await waitFor(() => expect(walkStatus()).not.toBe('loading'));
  return view;
}

const discardNotice = () =>
  screen.queryAllByRole('status').find((el) => el.textContent?.startsWith(DISCARDED));

beforeEach(() => {
  window.localStorage.clear();
  window.history.pushState({}, '', BRIEFING);
});

describe('ResumeOffer', () => {
  it('renders nothing, and loads no walk runtime, when there is no saved progress', async () => {
    await renderOffer();
    expect(walkStatus()).toBe('idle');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: strings.resumeHeading })).not.toBeInTheDocument();
    expect(discardNotice()).toBeUndefined();
    expect(screen.getAllByRole('status').every((el) => el.textContent === '')).toBe(true);
  });

  it('offers to resume at the saved step, named by the options chosen', async () => {
    save(['ttp', 'pressure']);
    await renderOffer();
    const link = await screen.findByRole('link', {
      name: 'Resume where you left off: The TTP → Pressure',
    });
    expect(link).toHaveAttribute('href', '/scenarios/kabul-crossroads/walk/ttp/pressure');
    expect(window.localStorage.getItem(KEY)).not.toBeNull();
  });

  it('names the first decision by its title when no option was chosen yet', async () => {
    save([]);
    await renderOffer();
    const link = await screen.findByRole('link', {
      name: 'Resume where you left off: The TTP or Pakistan',
    });
    expect(link).toHaveAttribute('href', '/scenarios/kabul-crossroads/walk');
  });

  it('gives the offer a heading for screen-reader navigation', async () => {
    save(['pakistan']);
    await renderOffer();
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Saved progress' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Saved progress' })).toContainElement(
      screen.getByRole('link', { name: 'Resume where you left off: Pakistan' }),
    );
  });

  it('says corrupt saved data was discarded, and removes it', async () => {
    window.localStorage.setItem(KEY, '{"version":1,');
    await renderOffer();
    await waitFor(() => expect(discardNotice()).toBeDefined());
    expect(discardNotice()).toHaveTextContent(strings.discardedProgress);
    expect(window.localStorage.getItem(KEY)).toBeNull();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it.each([
    ['a path the scenario does not allow', () => save(['ttp', 'nope'])],
    ['another version', () => save(['ttp'], { version: PROGRESS_VERSION + 1 })],
    ['another scenario’s progress', () => save(['ttp'], { scenarioId: 'river-town' })],
    ['an extra field', () => save(['ttp'], { admin: true })],
    ['a hostile blob', () => window.localStorage.setItem(KEY, '{"__proto__":{"x":1}}')],
    ['null', () => window.localStorage.setItem(KEY, 'null')],
    ['a huge string', () => window.localStorage.setItem(KEY, 'x'.repeat(1_000_000))],
  ])('discards %s with the notice and removes it', async (_name, store) => {
    store();
    await renderOffer();
    await waitFor(() => expect(discardNotice()).toBeDefined());
    expect(window.localStorage.getItem(KEY)).toBeNull();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('leaves other scenarios’ progress alone', async () => {
    window.localStorage.setItem(KEY, 'garbage');
    window.localStorage.setItem(progressKey('river-town'), 'other');
    await renderOffer();
    await waitFor(() => expect(discardNotice()).toBeDefined());
    expect(window.localStorage.getItem(progressKey('river-town'))).toBe('other');
  });

  it('renders nothing, and does not crash, when storage cannot be read', async () => {
    const spy = jest.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    try {
      await renderOffer();
      expect(screen.getByRole('heading', { level: 1 })).toBeInTheDocument();
      expect(screen.queryByRole('link')).not.toBeInTheDocument();
      expect(discardNotice()).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('still shows the notice when the discarded data cannot be removed', async () => {
    window.localStorage.setItem(KEY, 'garbage');
    const spy = jest.spyOn(Storage.prototype, 'removeItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    try {
      await renderOffer();
      await waitFor(() => expect(discardNotice()).toBeDefined());
    } finally {
      spy.mockRestore();
    }
  });

  it('does not crash the briefing when the browser blocks storage altogether', async () => {
    // With site data blocked, reading window.localStorage itself throws a SecurityError.
    const original = Object.getOwnPropertyDescriptor(window, 'localStorage');
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await renderOffer();
      expect(screen.getByRole('heading', { level: 1, name: kabul.title })).toBeInTheDocument();
      expect(screen.queryByRole('link')).not.toBeInTheDocument();
    } finally {
      errors.mockRestore();
      if (original) Object.defineProperty(window, 'localStorage', original);
    }
  });

  it('has no axe violations with an offer or a notice', async () => {
    save(['ttp', 'partnership']);
    const offer = await renderOffer();
    await screen.findByRole('link');
    expect(await axe(offer.container)).toHaveNoViolations();
    offer.unmount();

    window.localStorage.setItem(KEY, 'garbage');
    const notice = await renderOffer();
    await waitFor(() => expect(discardNotice()).toBeDefined());
    expect(await axe(notice.container)).toHaveNoViolations();
  });
});
