/**
 * A child process for the self-paced durability test: a hub on the store its environment selects
 * (a SQLite file here) opens a self-paced room, and 40 learners work through the exercise at once,
 * step after step, over and over. After each step the server acknowledged (that is, after the run
 * was stored), it prints `ACK runId events`. It runs until killed. Usage: tsx run-worker.ts
 */
import { exerciseScenario } from '../../app/_server/rooms/index';
import { roomLimits } from '../../app/_server/rooms/config';
import { RoomHub } from '../../app/_server/rooms/hub';
import { startRun, stepRun } from '../../app/_server/rooms/runs';
import { openStore } from '../../app/_server/store/open-store';
import type { RunEvent } from '../../app/_lib/self-paced';

/** One walk through the exercise, as batches of steps. */
const WALK: RunEvent[][] = [
  [{ type: 'exercise.choose', optionId: 'pakistan' }],
  [
    { type: 'exercise.predict', prediction: { kind: 'text', text: 'Trade reopens' } },
    { type: 'exercise.reveal' },
  ],
  [{ type: 'exercise.next' }],
  [{ type: 'exercise.choose', optionId: 'partnership' }],
  [
    { type: 'exercise.predict', prediction: { kind: 'candidate', claimId: null } },
    { type: 'exercise.reveal' },
  ],
  [{ type: 'exercise.next' }],
];

async function learner(hub: RoomHub, code: string, n: number): Promise<never> {
  const room = (await hub.room(code))!;
  const id = `learner-${n}`;
  const join = await hub.submit(
    room,
    { role: 'participant', id },
    {
      type: 'room.join',
      participantId: id,
      nickname: null,
    },
  );
  if (!join.ok) throw new Error(`join refused: ${join.reason}`);
  for (;;) {
    const started = await startRun(hub.store, room.row, room.scenario, { id, nickname: null });
    if (!started.ok) throw new Error(`start refused: ${started.reason}`);
    let run = started.run;
    for (const events of WALK) {
      const answer = await stepRun(hub.store, room.row, room.scenario, id, {
        runId: run.runId,
        expected: run.events.length,
        events,
      });
      if (!answer.ok) throw new Error(`step refused: ${answer.reason}`);
      run = answer.run;
      process.stdout.write(`ACK ${run.runId} ${run.events.length}\n`);
    }
  }
}

async function main(): Promise<void> {
  const hub = new RoomHub({
    store: await openStore(),
    limits: roomLimits(),
    scenario: exerciseScenario,
  });
  const created = await hub.create({
    scenarioId: 'kabul-crossroads',
    mode: 'self-paced',
    expiresAt: Date.now() + 86_400_000,
  });
  if ('full' in created) throw new Error('no room');
  process.stdout.write(`CODE ${created.room.code}\n`);
  await Promise.all(Array.from({ length: 40 }, (_, n) => learner(hub, created.room.code, n)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
