/** Shared command-line plumbing for the content scripts: arguments, content folders, loading. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  contentDirs,
  loadScenarioFolder,
  readSources,
  scenarioIds,
  type ContentDirs,
} from '../../content/load';
import { formatIssue, type Scenario } from '../../content/parse';

export function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `[--content DIR]` plus extra options and positionals; a bad command line exits 2. */
export function readArgs<O extends Options>(usage: string, options: O) {
  try {
    const args = parseArgs({
      options: { content: { type: 'string' }, ...options },
      allowPositionals: true,
    });
    const content: unknown = (args.values as Record<string, unknown>).content;
    if (content === '') fail(`--content needs a folder\n${usage}`, 2);
    return args;
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2);
  }
}

/** The content folders, checked to exist (exit 2 naming the missing one). */
export function contentDirsFrom(content: unknown): ContentDirs {
  const dirs = contentDirs(typeof content === 'string' ? path.resolve(content) : undefined);
  for (const dir of [dirs.sources, dirs.scenarios]) {
    if (!fs.existsSync(dir)) fail(`no folder ${path.relative(process.cwd(), dir) || dir}`, 2);
  }
  return dirs;
}

/** One scenario by id, validated; an unknown id exits 2, invalid content exits 1 listing every problem. */
export function loadScenarioOrExit(dirs: ContentDirs, id: string): Scenario {
  const known = scenarioIds(dirs);
  if (!known.includes(id)) {
    fail(
      `no scenario "${id}" in ${path.relative(process.cwd(), dirs.scenarios) || dirs.scenarios}; ` +
        `known: ${known.join(', ') || '(none)'}`,
      2,
    );
  }
  const result = loadScenarioFolder(dirs, id, readSources(dirs.sources));
  if (!result.ok) {
    for (const issue of result.issues) console.error(formatIssue(issue));
    fail(`\n${id} does not validate; fix it first (npm run validate).`, 1);
  }
  return result.scenario;
}
