/**
 * The content pipeline, in process (before anything else runs): parse and validate, build the
 * machine, list every step; for the scenario the bench measures and for a large synthetic one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { contentDirs, readSources } from '@/content/load';
import { parseScenario } from '@/content/parse';
import { listSteps } from '@/machines/paths';
import { buildScenarioMachine } from '@/machines/scenario-machine';
import { generateScenario } from '../lib/synthetic';
import { median, mb, ms } from './format';
import type { Table } from './report';
import { PIPELINE_RUNS, ROOT, SCENARIO } from './settings';

export interface PipelineFigures {
  readonly name: string;
  readonly nodes: number;
  readonly steps: number;
  readonly parseMs: number;
  readonly machineMs: number;
  readonly listMs: number;
  readonly heapUsed: number;
}

function timePipeline(
  name: string,
  raw: unknown,
  context: Parameters<typeof parseScenario>[1],
): PipelineFigures {
  const parse: number[] = [];
  const machine: number[] = [];
  const list: number[] = [];
  let nodes = 0;
  let steps = 0;
  for (let i = 0; i < PIPELINE_RUNS; i += 1) {
    const input = structuredClone(raw);
    let t = performance.now();
    const result = parseScenario(input, context);
    parse.push(performance.now() - t);
    if (!result.ok) {
      throw new Error(
        `${name}: invalid scenario\n${result.issues.map((x) => x.message).join('\n')}`,
      );
    }
    t = performance.now();
    const built = buildScenarioMachine(result.scenario);
    machine.push(performance.now() - t);
    t = performance.now();
    const all = listSteps(result.scenario, built);
    list.push(performance.now() - t);
    nodes = Object.keys(result.scenario.nodes).length;
    steps = all.length;
  }
  return {
    name,
    nodes,
    steps,
    parseMs: median(parse),
    machineMs: median(machine),
    listMs: median(list),
    heapUsed: process.memoryUsage().heapUsed,
  };
}

export function measurePipeline(): PipelineFigures[] {
  console.log(`bench: content pipeline, median of ${PIPELINE_RUNS} runs …`);
  const dirs = contentDirs();
  const sources = readSources(dirs.sources);
  const file = path.join(dirs.scenarios, SCENARIO, 'scenario.json');
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const real = timePipeline(SCENARIO, raw, {
    file: path.relative(ROOT, file),
    sources,
    expectedId: SCENARIO,
  });
  const synthetic = generateScenario({ nodes: 1000, depth: 10 });
  const large = timePipeline('synthetic, 1,000 nodes, depth 10', synthetic.scenario, {
    file: 'synthetic.json',
    sources: { [synthetic.sourceFile]: synthetic.sourceText },
  });
  return [real, large];
}

export function pipelineTable(pipeline: readonly PipelineFigures[]): Table {
  return {
    title: 'Content pipeline (informational)',
    note: `In process, median of ${PIPELINE_RUNS} runs each: \`parseScenario\` (schema, cross-checks, quotes), \`buildScenarioMachine\`, \`listSteps\` (every path, \`xstate/graph\`). Heap is \`process.memoryUsage().heapUsed\` after the runs.`,
    head: [
      'Scenario',
      'Nodes',
      'Steps',
      'Parse + validate',
      'Build machine',
      'List steps',
      'Total',
      'Heap used after',
    ],
    rows: pipeline.map((p) => [
      p.name,
      String(p.nodes),
      String(p.steps),
      ms(p.parseMs),
      ms(p.machineMs),
      ms(p.listMs),
      ms(p.parseMs + p.machineMs + p.listMs),
      mb(p.heapUsed),
    ]),
  };
}
