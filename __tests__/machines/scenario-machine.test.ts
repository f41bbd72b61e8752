import { createActor, transition } from 'xstate';
import {
  buildScenarioMachine,
  currentNodeId,
  pathOf,
  type ScenarioEvent,
  type ScenarioSnapshot,
  type StateMeta,
} from '@/machines/scenario-machine';
import { initialSnapshot, listSteps, resolvePath } from '@/machines/paths';
import { fixtureScenario, realScenario } from '../helpers/scenarios';

const kabul = realScenario('kabul-crossroads');
const machine = buildScenarioMachine(kabul);
const send = (s: ScenarioSnapshot, e: ScenarioEvent) => transition(machine, s, e)[0];
const at = (path: string[]) => {
  const r = resolvePath(machine, path);
  if (!r.ok) throw new Error(`invalid path ${path.join('/')}`);
  return r.snapshot;
};

describe('the scenario machine (pure transitions)', () => {
  it('starts at the briefing with no choices', () => {
    const s = initialSnapshot(machine);
    expect(currentNodeId(s)).toBe('briefing');
    expect(s.context.trail).toEqual([]);
  });

  it('leaves the briefing for the first decision on user.begin', () => {
    expect(currentNodeId(send(initialSnapshot(machine), { type: 'user.begin' }))).toBe(
      'ttp-or-pakistan',
    );
  });

  it('records a choice and moves to the node the option names', () => {
    const s = send(at([]), { type: 'user.choose', optionId: 'ttp' });
    expect(currentNodeId(s)).toBe('approach-after-ttp');
    expect(s.context.trail).toEqual([{ nodeId: 'ttp-or-pakistan', optionId: 'ttp' }]);
  });

  it('refuses an option that the current decision does not offer', () => {
    const s = at(['pakistan']);
    expect(s.can({ type: 'user.choose', optionId: 'ttp' })).toBe(false);
    expect(send(s, { type: 'user.choose', optionId: 'ttp' })).toBe(s);
  });

  it('offers no choice, and no back, at the briefing', () => {
    const s = initialSnapshot(machine);
    expect(s.can({ type: 'user.back' })).toBe(false);
    expect(s.can({ type: 'user.restart' })).toBe(false);
    expect(s.can({ type: 'user.choose', optionId: 'pakistan' })).toBe(false);
  });

  it('goes back from the first decision to the briefing', () => {
    expect(currentNodeId(send(at([]), { type: 'user.back' }))).toBe('briefing');
  });

  it('goes back from an outcome to the decision before it, forgetting only the last choice', () => {
    const s = send(at(['ttp', 'pressure']), { type: 'user.back' });
    expect(currentNodeId(s)).toBe('approach-after-ttp');
    expect(pathOf(s)).toEqual(['ttp']);
  });

  it('restarts from an outcome to the briefing with no choices', () => {
    const s = send(at(['pakistan', 'partnership']), { type: 'user.restart' });
    expect(currentNodeId(s)).toBe('briefing');
    expect(s.context.trail).toEqual([]);
  });

  it('marks outcomes with the outcome tag and nothing else', () => {
    expect(at(['ttp', 'partnership']).hasTag('outcome')).toBe(true);
    expect(at(['ttp']).hasTag('outcome')).toBe(false);
  });

  it('jumps to any step with user.goTo and rebuilds the trail', () => {
    const s = send(at(['ttp', 'pressure']), {
      type: 'user.goTo',
      path: ['pakistan', 'partnership'],
    });
    expect(currentNodeId(s)).toBe('outcome-pakistan-partnership');
    expect(s.context.trail).toEqual([
      { nodeId: 'ttp-or-pakistan', optionId: 'pakistan' },
      { nodeId: 'approach-after-pakistan', optionId: 'partnership' },
    ]);
  });

  it('ignores user.goTo with a path the scenario does not allow', () => {
    const s = at(['ttp']);
    expect(s.can({ type: 'user.goTo', path: ['ttp', 'surrender'] })).toBe(false);
    expect(send(s, { type: 'user.goTo', path: ['ttp', 'surrender'] })).toBe(s);
  });

  it('exposes the node id and kind as state meta for the UI', () => {
    const meta: Record<string, StateMeta | undefined> = at(['pakistan']).getMeta();
    expect(meta).toEqual({
      'kabul-crossroads.approach-after-pakistan': {
        nodeId: 'approach-after-pakistan',
        kind: 'decision',
      },
    });
  });

  it('runs as a live actor the same way it transitions on the server', () => {
    const actor = createActor(machine).start();
    for (const e of [
      { type: 'user.begin' },
      { type: 'user.choose', optionId: 'pakistan' },
    ] as const)
      actor.send(e);
    expect(pathOf(actor.getSnapshot())).toEqual(['pakistan']);
    actor.stop();
  });
});

describe('resolvePath', () => {
  it('resolves the empty path to the first decision', () => {
    expect(currentNodeId(at([]))).toBe('ttp-or-pakistan');
  });

  it('returns a typed failure with the nearest valid step for an unknown option', () => {
    const r = resolvePath(machine, ['ttp', 'surrender', 'pressure']);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r).toMatchObject({ reason: 'unknown-option', index: 1, optionId: 'surrender' });
      expect(pathOf(r.nearest)).toEqual(['ttp']);
    }
  });

  it('fails for a path that runs past an outcome', () => {
    const r = resolvePath(machine, ['ttp', 'pressure', 'pressure']);
    expect(r.ok ? null : r.index).toBe(2);
  });
});

describe('listSteps', () => {
  it('lists every step of the Kabul walkthrough, shortest first', () => {
    expect(listSteps(kabul, machine).map((s) => s.path.join('/'))).toEqual([
      '',
      'pakistan',
      'ttp',
      'pakistan/partnership',
      'pakistan/pressure',
      'ttp/partnership',
      'ttp/pressure',
    ]);
  });

  it('lists the fixture scenario with the same engine', () => {
    const fixture = fixtureScenario();
    expect(
      listSteps(fixture, buildScenarioMachine(fixture)).map(
        (s) => `${s.path.join('/')}>${s.nodeId}`,
      ),
    ).toEqual([
      '>gate',
      'repair>ask',
      'replace>replaced',
      'repair/ask>repaired-asked',
      'repair/spend>repaired-silent',
    ]);
  });
});
