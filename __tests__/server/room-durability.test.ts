/**
 * Every room survives a kill -9: a hub in a child process takes votes as fast as it can, each
 * acknowledged only once durable; the child is killed mid-burst (SIGKILL, no chance to flush);
 * a new hub on the same SQLite file rebuilds the room from its log, and every acknowledged vote
 * is there, each participant's last acknowledged vote as their vote. The same for a self-paced
 * room: every step of a learner's run the server acknowledged is in the stored run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exerciseScenario } from '@/app/_server/rooms/index';
import { roomLimits } from '@/app/_server/rooms/config';
import { RoomHub } from '@/app/_server/rooms/hub';
import { openSqliteStore } from '@/app/_server/store/sqlite';
import { runMachine } from '@/app/_server/rooms/runs';
import { replayRun, type TimedEvent } from '@/app/_lib/self-paced';

const TSX_LOADER = pathToFileURL(path.join(process.cwd(), 'node_modules/tsx/dist/loader.mjs')).href;
const WORKER = path.join(__dirname, 'room-worker.ts');
const RUN_WORKER = path.join(__dirname, 'run-worker.ts');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-kill-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Starts a worker on a data folder, hands each line it prints to `onLine` (which says whether the
 * line was an acknowledgement) and kills it with SIGKILL once 300 acknowledgements are out:
 * mid-burst, with more commands in flight. Resolves with the room code the worker printed.
 */
async function killMidBurst(
  worker: string,
  dir: string,
  onLine: (fields: string[]) => boolean,
): Promise<{ code: string; count: number }> {
  child = spawn(process.execPath, ['--import', TSX_LOADER, worker], {
    env: { ...process.env, CROSSROADS_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let code = '';
  let count = 0;
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${count} acks: ${errors}`)), 60_000);
    let pending = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const fields = line.split(' ');
        if (fields[0] === 'CODE') code = fields[1]!;
        else if (onLine(fields)) count += 1;
      }
      if (count >= 300) {
        clearTimeout(timer);
        child!.kill('SIGKILL');
        resolve();
      }
    });
  });
  await new Promise((resolve) => child!.once('close', resolve));
  return { code, count };
}

it('loses no acknowledged vote when the server is killed mid-burst', async () => {
  const acked = new Map<string, { optionId: string; seq: number }>();
  const { code, count } = await killMidBurst(WORKER, dataDir, ([kind, a, b, c]) => {
    if (kind !== 'VOTE') return false;
    const previous = acked.get(a!);
    if (!previous || previous.seq < Number(c)) acked.set(a!, { optionId: b!, seq: Number(c) });
    return true;
  });

  const store = await openSqliteStore({ file: path.join(dataDir, 'crossroads.sqlite') });
  const hub = new RoomHub({ store, limits: roomLimits({}), scenario: exerciseScenario });
  const room = await hub.room(code);
  expect(room?.broken).toBeUndefined();
  const votes = room!.snapshot.context.votes['ttp-or-pakistan'] ?? {};
  // Every acknowledged vote is in the rebuilt room; a vote committed after the last ack printed
  // (in flight at the kill) may be there too, and it can only be the same participant's later one.
  for (const [participantId, { optionId, seq }] of acked) {
    expect(votes[participantId]).toBeDefined();
    const events = await store.events(room!.row.id, seq - 1, 1);
    expect(events[0]).toMatchObject({
      type: 'room.vote',
      actor: participantId,
      payload: { optionId },
    });
  }
  expect(room!.seq).toBeGreaterThanOrEqual(Math.max(...[...acked.values()].map((v) => v.seq)));
  console.log(
    `kill -9: ${count} votes acknowledged before the kill, ${room!.seq} events in the log after restart`,
  );
  await hub.close();
}, 90_000);

it('loses no acknowledged step of a self-paced run when the server is killed mid-burst', async () => {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-kill-runs-'));
  const acked = new Map<string, number>();
  const { code, count } = await killMidBurst(RUN_WORKER, runDir, ([kind, a, b]) => {
    if (kind !== 'ACK') return false;
    acked.set(a!, Math.max(acked.get(a!) ?? 0, Number(b)));
    return true;
  });

  const store = await openSqliteStore({ file: path.join(runDir, 'crossroads.sqlite') });
  const row = (await store.roomByCode(code))!;
  const machine = runMachine(exerciseScenario('kabul-crossroads')!);
  // Every acknowledged step is stored; a step committed after the last ack printed may be too.
  for (const [runId, events] of acked) {
    const run = await store.run(row.id, runId);
    expect(run?.events.length).toBeGreaterThanOrEqual(events);
    expect(replayRun(machine, run!.events as TimedEvent[])).toBeDefined();
  }
  console.log(`kill -9 (runs): ${count} steps acknowledged in ${acked.size} runs before the kill`);
  await store.close();
  fs.rmSync(runDir, { recursive: true, force: true });
}, 90_000);
