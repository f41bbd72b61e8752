/**
 * Reads and validates every scenario under content/scenarios/ (server and scripts only).
 * Any invalid scenario throws, naming file and field, so a build with bad content fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatIssue, parseScenario, type ParseResult, type Scenario } from './parse';

export interface ContentDirs {
  readonly root: string;
  readonly sources: string;
  readonly scenarios: string;
}

export function contentDirs(root: string = path.join(process.cwd(), 'content')): ContentDirs {
  return { root, sources: path.join(root, 'sources'), scenarios: path.join(root, 'scenarios') };
}

export function readSources(dir: string): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith('.txt')) sources[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  }
  return sources;
}

/** Scenario folder names, sorted. */
export function scenarioIds(dirs: ContentDirs): string[] {
  return fs
    .readdirSync(dirs.scenarios, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Parses one scenario folder; never throws for bad content (see ParseResult). */
export function loadScenarioFolder(
  dirs: ContentDirs,
  id: string,
  sources: Record<string, string> = readSources(dirs.sources),
): ParseResult {
  const absolute = path.join(dirs.scenarios, id, 'scenario.json');
  const file = path.relative(process.cwd(), absolute) || absolute;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(absolute, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [{ file, path: '', message: `cannot be read as JSON: ${reason}` }],
    };
  }
  return parseScenario(raw, { file, sources, expectedId: id });
}

export class ContentError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(`Invalid scenario content:\n${lines.join('\n')}`);
    this.name = 'ContentError';
  }
}

/** Every scenario, validated; throws ContentError listing every problem in every file. */
export function loadAllScenarios(dirs: ContentDirs = contentDirs()): Scenario[] {
  const sources = readSources(dirs.sources);
  const lines: string[] = [];
  const scenarios: Scenario[] = [];
  for (const id of scenarioIds(dirs)) {
    const result = loadScenarioFolder(dirs, id, sources);
    if (result.ok) scenarios.push(result.scenario);
    else lines.push(...result.issues.map(formatIssue));
  }
  if (lines.length > 0) throw new ContentError(lines);
  return scenarios;
}

let cache: Scenario[] | undefined;

/** The validated scenarios of this build (cached for the life of the process). */
export function getScenarios(): Scenario[] {
  cache ??= loadAllScenarios();
  return cache;
}

export function getScenario(id: string): Scenario | undefined {
  return getScenarios().find((s) => s.id === id);
}
