import { transition } from 'xstate';
import { buildScenarioMachine } from '@/machines/scenario-machine';
import { initialSnapshot, listSteps, resolvePath } from '@/machines/paths';
import { hrefOf, parseWalkPathname, routes, stepToken } from '@/app/_lib/routes';
import { realScenario } from '../helpers/scenarios';

const kabul = realScenario('kabul-crossroads');
const machine = buildScenarioMachine(kabul);
const ID = 'kabul-crossroads';
const at = (path: string[]) => {
  const r = resolvePath(machine, path);
  if (!r.ok) throw new Error(`invalid path ${path.join('/')}`);
  return r.snapshot;
};

describe('routes', () => {
  it('builds the library, briefing and source URLs', () => {
    expect(routes.library()).toBe('/');
    expect(routes.briefing(ID)).toBe('/scenarios/kabul-crossroads');
    expect(routes.source(ID)).toBe('/scenarios/kabul-crossroads/source');
    expect(routes.source(ID, 'p6-s4')).toBe('/scenarios/kabul-crossroads/source#p6-s4');
  });

  it('puts the first decision at the walk root and later steps below it', () => {
    expect(routes.step(ID, [])).toBe('/scenarios/kabul-crossroads/walk');
    expect(routes.step(ID, ['ttp'])).toBe('/scenarios/kabul-crossroads/walk/ttp');
    expect(routes.step(ID, ['ttp', 'pressure'])).toBe(
      '/scenarios/kabul-crossroads/walk/ttp/pressure',
    );
  });

  it('encodes each option id as one path segment', () => {
    expect(routes.step(ID, ['a b', 'c/d', 'é?#'])).toBe(
      '/scenarios/kabul-crossroads/walk/a%20b/c%2Fd/%C3%A9%3F%23',
    );
  });

  it('links into the reader from a step with the step’s token and the sentence anchor', () => {
    expect(routes.sourceFromStep(ID, ['ttp'], 'p6-s4')).toBe(
      '/scenarios/kabul-crossroads/source?step=ttp#p6-s4',
    );
    expect(routes.sourceFromStep(ID, ['ttp', 'pressure'], 'p1-s1')).toBe(
      '/scenarios/kabul-crossroads/source?step=ttp%2Fpressure#p1-s1',
    );
    expect(routes.sourceFromStep(ID, [], 'p2-s3')).toBe(
      '/scenarios/kabul-crossroads/source?step=-#p2-s3',
    );
  });

  it('gives a token the reader can read back from the query string', () => {
    const url = new URL(routes.sourceFromStep(ID, ['ttp', 'pressure'], 'p1-s1'), 'http://x');
    expect(url.searchParams.get('step')).toBe(stepToken(['ttp', 'pressure']));
    expect(url.hash).toBe('#p1-s1');
  });
});

describe('stepToken', () => {
  it('joins option ids with "/" and names the first decision "-"', () => {
    expect(stepToken([])).toBe('-');
    expect(stepToken(['ttp'])).toBe('ttp');
    expect(stepToken(['ttp', 'pressure'])).toBe('ttp/pressure');
  });

  it('gives every Kabul step a distinct token', () => {
    const tokens = listSteps(kabul, machine).map((s) => stepToken(s.path));
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});

describe('parseWalkPathname', () => {
  it.each([
    ['/scenarios/kabul-crossroads', { kind: 'briefing' }],
    ['/scenarios/kabul-crossroads/', { kind: 'briefing' }],
    ['/scenarios/kabul-crossroads//', { kind: 'briefing' }],
    ['/scenarios/kabul-crossroads/walk', { kind: 'step', path: [] }],
    ['/scenarios/kabul-crossroads/walk/', { kind: 'step', path: [] }],
    ['/scenarios/kabul-crossroads/walk/ttp', { kind: 'step', path: ['ttp'] }],
    ['/scenarios/kabul-crossroads/walk/ttp/', { kind: 'step', path: ['ttp'] }],
    ['/scenarios/kabul-crossroads/walk/ttp/pressure', { kind: 'step', path: ['ttp', 'pressure'] }],
    ['/scenarios/kabul-crossroads/walk/ttp/pressure/', { kind: 'step', path: ['ttp', 'pressure'] }],
    ['/scenarios/kabul-crossroads/walk/a%20b/c%2Fd', { kind: 'step', path: ['a b', 'c/d'] }],
  ])('%s', (pathname, expected) => {
    expect(parseWalkPathname(ID, pathname)).toEqual(expected);
  });

  it.each([
    '/',
    '',
    '/scenarios',
    '/scenarios/kabul-crossroads/source',
    '/scenarios/kabul-crossroads/source/',
    '/scenarios/kabul-crossroads/walkabout',
    '/scenarios/kabul-crossroads-2',
    '/scenarios/kabul-crossroads-2/walk/ttp',
    '/scenarios/river-town',
    '/scenarios/river-town/walk',
    '/other/scenarios/kabul-crossroads/walk',
  ])('%s is some other page', (pathname) => {
    expect(parseWalkPathname(ID, pathname)).toEqual({ kind: 'other' });
  });

  it.each([
    '/scenarios/kabul-crossroads/walk/%',
    '/scenarios/kabul-crossroads/walk/%E0%A4%A',
    '/scenarios/kabul-crossroads/walk/ttp/%ZZ',
    '/scenarios/kabul-crossroads/walk/%D8%00',
  ])('%s (malformed percent-encoding) is other and does not throw', (pathname) => {
    expect(() => parseWalkPathname(ID, pathname)).not.toThrow();
    expect(parseWalkPathname(ID, pathname)).toEqual({ kind: 'other' });
  });

  it('reads back every step URL the app builds', () => {
    for (const step of listSteps(kabul, machine)) {
      expect(parseWalkPathname(ID, routes.step(ID, step.path))).toEqual({
        kind: 'step',
        path: step.path,
      });
    }
  });

  it('reads back option ids that needed encoding', () => {
    const path = ['a b', 'c/d', 'é?#', '%'];
    expect(parseWalkPathname(ID, routes.step(ID, path))).toEqual({ kind: 'step', path });
  });
});

describe('hrefOf: the URL mirrors the machine', () => {
  it('sends the briefing snapshot to the briefing page', () => {
    expect(hrefOf(ID, initialSnapshot(machine))).toBe('/scenarios/kabul-crossroads');
  });

  it('sends the first decision to the walk root', () => {
    const first = transition(machine, initialSnapshot(machine), { type: 'user.begin' })[0];
    expect(hrefOf(ID, first)).toBe('/scenarios/kabul-crossroads/walk');
  });

  it('sends decisions and outcomes to the URL of their path', () => {
    expect(hrefOf(ID, at(['ttp']))).toBe('/scenarios/kabul-crossroads/walk/ttp');
    expect(hrefOf(ID, at(['pakistan', 'partnership']))).toBe(
      '/scenarios/kabul-crossroads/walk/pakistan/partnership',
    );
  });

  it('follows back and restart', () => {
    const outcome = at(['ttp', 'pressure']);
    expect(hrefOf(ID, transition(machine, outcome, { type: 'user.back' })[0])).toBe(
      '/scenarios/kabul-crossroads/walk/ttp',
    );
    expect(hrefOf(ID, transition(machine, outcome, { type: 'user.restart' })[0])).toBe(
      '/scenarios/kabul-crossroads',
    );
    expect(hrefOf(ID, transition(machine, at([]), { type: 'user.back' })[0])).toBe(
      '/scenarios/kabul-crossroads',
    );
  });

  it('gives every step the machine allows its own URL, which resolves back to it', () => {
    const steps = listSteps(kabul, machine);
    const hrefs = steps.map((s) => hrefOf(ID, s.snapshot));
    expect(new Set(hrefs).size).toBe(steps.length);
    for (const [i, step] of steps.entries()) {
      const loc = parseWalkPathname(ID, hrefs[i] as string);
      expect(loc).toEqual({ kind: 'step', path: step.path });
      const resolved = loc.kind === 'step' ? resolvePath(machine, loc.path) : undefined;
      expect(resolved?.ok && resolved.snapshot.value).toBe(step.nodeId);
    }
  });
});
