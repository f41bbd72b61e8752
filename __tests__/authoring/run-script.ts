/** Runs a script under scripts/ the way npm does (through tsx) and returns its exit code and output. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ScriptRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runScript(script: string, args: readonly string[] = []): ScriptRun {
  const result = spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', `scripts/${script}.ts`, ...args],
    { encoding: 'utf8' },
  );
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const made: string[] = [];

/** A fresh, empty temporary directory, removed by removeTempDirs(). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-authoring-'));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir() made; call it from afterAll. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A temporary copy of content/ (sources and scenarios), to change freely. */
export function contentCopy(): string {
  const dir = tempDir();
  fs.cpSync('content/sources', path.join(dir, 'sources'), { recursive: true });
  fs.cpSync('content/scenarios', path.join(dir, 'scenarios'), { recursive: true });
  return dir;
}
