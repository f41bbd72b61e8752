import fs from 'node:fs';
import path from 'node:path';
import { createMachine } from 'xstate';
import { buildScenarioMachine, type ScenarioMachine } from '@/machines/scenario-machine';
import { listSteps } from '@/machines/paths';
import { generateScenario } from '@/scripts/lib/synthetic';
import { realScenario } from '../helpers/scenarios';
import { removeTempDirs, runScript, tempDir, type ScriptRun } from './run-script';

interface ExportedTransition {
  readonly target?: string;
  readonly guard?: string | { readonly type: string; readonly params?: unknown };
  readonly actions?: unknown;
}
interface ExportedState {
  readonly meta?: { readonly nodeId: string; readonly kind: string };
  readonly tags?: readonly string[];
  readonly on?: Record<string, ExportedTransition | readonly ExportedTransition[]>;
}
interface ExportedMachine {
  readonly id: string;
  readonly initial: string;
  readonly states: Record<string, ExportedState>;
  readonly on: Record<string, readonly ExportedTransition[]>;
}

const kabul = realScenario('kabul-crossroads');
const list = <T>(x: T | readonly T[] | undefined): readonly T[] =>
  x === undefined ? [] : Array.isArray(x) ? x : [x as T];

afterAll(removeTempDirs);

describe('npm run export-machine', () => {
  let run: ScriptRun;
  let config: ExportedMachine;
  beforeAll(() => {
    run = runScript('export-machine', ['kabul-crossroads']);
    config = JSON.parse(run.stdout);
  }, 30_000);

  it('prints plain JSON and nothing else', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.trimStart().startsWith('{')).toBe(true);
  });

  it('has one state per scenario node, starting at the briefing', () => {
    expect(config.id).toBe('kabul-crossroads');
    expect(config.initial).toBe(kabul.start);
    expect(Object.keys(config.states).sort()).toEqual(Object.keys(kabul.nodes).sort());
    for (const [id, state] of Object.entries(config.states)) {
      expect(state.meta).toEqual({ nodeId: id, kind: kabul.nodes[id]?.kind });
    }
  });

  it('contains every node id, every option as a guarded transition, and only known targets', () => {
    for (const [id, node] of Object.entries(kabul.nodes)) {
      expect(run.stdout).toContain(`"${id}"`);
      if (node.kind !== 'decision') continue;
      const choose = list(config.states[id]?.on?.['user.choose']);
      expect(choose.map((t) => [t.guard, t.target])).toEqual(
        node.options.map((o) => [{ type: 'isOption', params: { optionId: o.id } }, o.next]),
      );
    }
    const targets = [
      ...Object.values(config.states).flatMap((s) =>
        Object.values(s.on ?? {}).flatMap((t) => list(t).map((x) => x.target)),
      ),
      ...config.on['user.goTo']!.map((t) => t.target?.replace(/^\./, '')),
    ];
    for (const target of targets) expect(Object.keys(kabul.nodes)).toContain(target);
  });

  it('names guards and actions; it carries no code', () => {
    const guards = new Set<string>();
    const actions = new Set<string>();
    const all = [
      ...Object.values(config.states).flatMap((s) => Object.values(s.on ?? {}).flatMap(list)),
      ...config.on['user.goTo']!,
    ];
    for (const t of all) {
      if (t.guard) guards.add(typeof t.guard === 'string' ? t.guard : t.guard.type);
      for (const a of list(t.actions as string | { type: string } | undefined)) {
        actions.add(typeof a === 'string' ? a : a.type);
      }
    }
    expect([...guards].sort()).toEqual(['isOption', 'lastChoiceAt', 'noChoices', 'pathLeadsTo']);
    expect([...actions].sort()).toEqual(['follow', 'forgetLast', 'record', 'reset']);
    expect(run.stdout).not.toMatch(/=>|function/);
  });

  it('rebuilds, with the original implementations, a machine that allows the same steps', () => {
    const original = buildScenarioMachine(kabul);
    const rebuilt = createMachine(
      config as unknown as Parameters<typeof createMachine>[0],
      original.implementations as never,
    ) as unknown as ScenarioMachine;
    const paths = (m: ScenarioMachine) =>
      listSteps(kabul, m).map((s) => `${s.path.join('/')}→${s.nodeId}`);
    expect(paths(rebuilt)).toEqual(paths(original));
  });

  it('wraps the JSON for Stately Studio with --code', () => {
    const code = runScript('export-machine', ['kabul-crossroads', '--code']);
    expect(code.code).toBe(0);
    expect(code.stdout.startsWith('createMachine({\n')).toBe(true);
    expect(code.stdout.trimEnd().endsWith('});')).toBe(true);
    expect(JSON.parse(code.stdout.trim().slice('createMachine('.length, -');'.length))).toEqual(
      config,
    );
  }, 30_000);

  it('exports any scenario, not only the real one', () => {
    const { scenario, sourceFile, sourceText } = generateScenario({ nodes: 40, depth: 4, seed: 3 });
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sources'));
    fs.mkdirSync(path.join(dir, 'scenarios', scenario.id), { recursive: true });
    fs.writeFileSync(path.join(dir, 'sources', sourceFile), sourceText);
    fs.writeFileSync(
      path.join(dir, 'scenarios', scenario.id, 'scenario.json'),
      JSON.stringify(scenario),
    );
    const synthetic = runScript('export-machine', [scenario.id, '--content', dir]);
    expect(synthetic.code).toBe(0);
    expect(Object.keys(JSON.parse(synthetic.stdout).states).sort()).toEqual(
      Object.keys(scenario.nodes).sort(),
    );
  }, 30_000);

  it('refuses an unknown id with exit code 2', () => {
    const unknown = runScript('export-machine', ['no-such-scenario']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('no scenario "no-such-scenario"');
  }, 30_000);
});
