/** @jest-environment jsdom */
import './intersection-observer';
import { render, screen } from '@testing-library/react';
import { axe, toHaveNoViolations } from 'jest-axe';
import { NearestStep, type KnownScenario } from '@/app/_components/nearest-step';
import { getRuntime } from '@/app/_lib/runtime';
import { strings } from '@/app/_lib/strings';

expect.extend(toHaveNoViolations);

let mockPathname: string | null = '/';
jest.mock('next/navigation', () => ({
  usePathname: () => mockPathname,
  useRouter: () => ({ push: jest.fn(), replace: jest.fn(), prefetch: jest.fn() }),
  useSearchParams: () => new URLSearchParams(),
}));

const runtime = getRuntime('kabul-crossroads');
if (!runtime) throw new Error('no Kabul runtime');
/** What app/not-found.tsx passes: every step path of every scenario. */
const known: KnownScenario[] = [
  {
    id: runtime.scenario.id,
    title: runtime.scenario.title,
    steps: runtime.steps.map((s) => ({
      path: s.path.join('/'),
      title: runtime.scenario.nodes[s.nodeId]?.title ?? '',
    })),
  },
];
const TITLE = runtime.scenario.title;
/** What app/not-found.tsx passes as the label. */
const LABEL = strings.nearestStep;
/** The accessible name of the link to the step at `path`: the label, then that step's title. */
function nameOf(path: string): string {
  const step = runtime?.steps.find((s) => s.path.join('/') === path);
  const title = step && runtime?.scenario.nodes[step.nodeId]?.title;
  if (!title) throw new Error(`no step at '${path}'`);
  return `${LABEL}: ${title}`;
}

function renderAt(pathname: string | null) {
  mockPathname = pathname;
  return render(<NearestStep scenarios={known} label={LABEL} />);
}

describe('NearestStep', () => {
  it('offers the longest valid prefix of a step path', () => {
    renderAt('/scenarios/kabul-crossroads/walk/ttp/nope');
    expect(screen.getByRole('link', { name: nameOf('ttp') })).toHaveAttribute(
      'href',
      '/scenarios/kabul-crossroads/walk/ttp',
    );
  });

  it('offers the outcome when the path runs past it', () => {
    renderAt('/scenarios/kabul-crossroads/walk/pakistan/pressure/more/still-more');
    expect(screen.getByRole('link', { name: nameOf('pakistan/pressure') })).toHaveAttribute(
      'href',
      '/scenarios/kabul-crossroads/walk/pakistan/pressure',
    );
  });

  it('offers the walk root when not even the first option is valid', () => {
    renderAt('/scenarios/kabul-crossroads/walk/nope');
    expect(screen.getByRole('link', { name: nameOf('') })).toHaveAttribute(
      'href',
      '/scenarios/kabul-crossroads/walk',
    );
  });

  it('does not accept options in an order the scenario does not allow', () => {
    renderAt('/scenarios/kabul-crossroads/walk/pressure/ttp');
    expect(screen.getByRole('link', { name: nameOf('') })).toHaveAttribute(
      'href',
      '/scenarios/kabul-crossroads/walk',
    );
  });

  it('offers the briefing for an unknown page of a known scenario', () => {
    renderAt('/scenarios/kabul-crossroads/nope');
    expect(screen.getByRole('link', { name: `${LABEL}: ${TITLE}` })).toHaveAttribute(
      'href',
      '/scenarios/kabul-crossroads',
    );
  });

  it.each([
    '/scenarios/nope/walk/ttp',
    '/scenarios/nope',
    '/scenarios/kabul-crossroads-2/walk/ttp',
    '/elsewhere',
    '/',
  ])('renders nothing for %s', (pathname) => {
    const { container } = renderAt(pathname);
    expect(container).toBeEmptyDOMElement();
  });

  it('renders nothing when there is no pathname', () => {
    const { container } = renderAt(null);
    expect(container).toBeEmptyDOMElement();
  });

  it('renders nothing when no scenario is known', () => {
    mockPathname = '/scenarios/kabul-crossroads/walk/ttp/nope';
    const { container } = render(<NearestStep scenarios={[]} label={LABEL} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('picks the scenario the path names among several', () => {
    mockPathname = '/scenarios/river-town/walk/nope';
    render(
      <NearestStep
        scenarios={[
          ...known,
          {
            id: 'river-town',
            title: 'River town',
            steps: [
              { path: '', title: 'Who pays for the bridge?' },
              { path: 'bridge', title: 'The bridge is built' },
            ],
          },
        ]}
        label={LABEL}
      />,
    );
    expect(
      screen.getByRole('link', { name: 'Nearest valid step: Who pays for the bridge?' }),
    ).toHaveAttribute('href', '/scenarios/river-town/walk');
  });

  it('has no axe violations', async () => {
    const { container } = renderAt('/scenarios/kabul-crossroads/walk/ttp/nope');
    expect(await axe(container)).toHaveNoViolations();
  });
});
