import fs from 'node:fs';
import path from 'node:path';
import { formatIssue, parseScenario, type Scenario } from '@/content/parse';
import { uncitedSentences } from '@/content/lib/coverage';
import { buildScenarioMachine } from '@/machines/scenario-machine';
import { listSteps } from '@/machines/paths';
import { generateScenario, type SyntheticOptions } from '@/scripts/lib/synthetic';
import { removeTempDirs, runScript, tempDir } from './run-script';

function parsed(options: SyntheticOptions): Scenario {
  const { scenario, sourceFile, sourceText } = generateScenario(options);
  const result = parseScenario(scenario, {
    file: 'synthetic.json',
    sources: { [sourceFile]: sourceText },
    expectedId: scenario.id,
  });
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.scenario;
}

afterAll(removeTempDirs);

describe('generateScenario({ nodes: 1000, depth: 10 })', () => {
  const scenario = parsed({ nodes: 1000, depth: 10 });
  const steps = listSteps(scenario, buildScenarioMachine(scenario));
  const afterBriefing = Object.keys(scenario.nodes).filter((id) => id !== scenario.start);

  it('parses, with exactly the nodes asked for', () => {
    expect(Object.keys(scenario.nodes)).toHaveLength(1000);
  });

  it('builds a machine whose steps are one per node after the briefing', () => {
    expect(steps).toHaveLength(afterBriefing.length);
    expect(new Set(steps.map((s) => s.nodeId))).toEqual(new Set(afterBriefing));
  });

  it('is as deep as asked: ten decisions on the longest path, never more', () => {
    expect(Math.max(...steps.map((s) => s.path.length))).toBe(10);
  });

  it('ends every path at an outcome: every node without options is one', () => {
    for (const step of steps) {
      const node = scenario.nodes[step.nodeId];
      if (node?.kind !== 'decision') expect(node?.kind).toBe('outcome');
    }
  });

  it('cites every sentence of its made-up source', () => {
    expect(scenario.document.paragraphs.length).toBeGreaterThan(10);
    expect(uncitedSentences(scenario)).toEqual([]);
  });
});

describe('generateScenario', () => {
  it('is deterministic for a seed, and varies with it', () => {
    const a = generateScenario({ nodes: 200, depth: 6, seed: 42 });
    expect(generateScenario({ nodes: 200, depth: 6, seed: 42 })).toEqual(a);
    expect(generateScenario({ nodes: 200, depth: 6, seed: 43 }).sourceText).not.toBe(a.sourceText);
  });

  it.each<SyntheticOptions>([
    { nodes: 4, depth: 1 },
    { nodes: 7, depth: 3 },
    { nodes: 5, depth: 1, branching: 3 },
    { nodes: 301, depth: 4, branching: 3, seed: 9 },
    { nodes: 60, depth: 20, seed: 5 },
  ])('hits the node count and stays within the depth for %j', (options) => {
    const scenario = parsed(options);
    expect(Object.keys(scenario.nodes)).toHaveLength(options.nodes);
    const steps = listSteps(scenario, buildScenarioMachine(scenario));
    expect(steps).toHaveLength(options.nodes - 1);
    expect(Math.max(...steps.map((s) => s.path.length))).toBeLessThanOrEqual(options.depth);
  });

  it.each<[SyntheticOptions, string]>([
    [{ nodes: 3, depth: 2 }, 'nodes must be an integer of at least 4, not 3'],
    [{ nodes: 10, depth: 0 }, 'depth must be an integer of at least 1, not 0'],
    [{ nodes: 10, depth: 2, branching: 1 }, 'branching must be an integer of at least 2, not 1'],
    [{ nodes: 10, depth: 2, seed: 1.5 }, 'seed must be a whole number of at least 0, not 1.5'],
  ])('refuses %j', (options, message) => {
    expect(() => generateScenario(options)).toThrow(new RangeError(message));
  });

  it('writes content npm run validate accepts', () => {
    const { scenario, sourceFile, sourceText } = generateScenario({ nodes: 1000, depth: 10 });
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sources'));
    fs.mkdirSync(path.join(dir, 'scenarios', scenario.id), { recursive: true });
    fs.writeFileSync(path.join(dir, 'sources', sourceFile), sourceText);
    fs.writeFileSync(
      path.join(dir, 'scenarios', scenario.id, 'scenario.json'),
      JSON.stringify(scenario, null, 2),
    );
    const run = runScript('validate', ['--content', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok synthetic-1: 1000 nodes, 999 steps, \d+ outcome paths/);
  }, 30_000);
});
