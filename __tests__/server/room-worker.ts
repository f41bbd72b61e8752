/**
 * A child process for the room durability test: a room hub on the store its environment selects
 * (a SQLite file here), as a server runs it. It opens a room, starts it, then has participants
 * join and vote without pause, and prints `CODE …` once, then `VOTE participant option seq` for
 * each vote only after the hub acknowledged it (that is, after it was durable). It runs until
 * killed. Usage: tsx room-worker.ts
 */
import { exerciseScenario } from '../../app/_server/rooms/index';
import { roomLimits } from '../../app/_server/rooms/config';
import { RoomHub } from '../../app/_server/rooms/hub';
import { openStore } from '../../app/_server/store/open-store';

async function main(): Promise<void> {
  const hub = new RoomHub({
    store: await openStore(),
    limits: roomLimits(),
    scenario: exerciseScenario,
  });
  const created = await hub.create({ scenarioId: 'kabul-crossroads', mode: 'live' });
  if ('full' in created) throw new Error('no room');
  const room = (await hub.room(created.room.code))!;
  process.stdout.write(`CODE ${created.room.code}\n`);
  await hub.submit(room, { role: 'facilitator' }, { type: 'room.start' });
  for (let n = 0; ; n += 1) {
    const participantId = `p${n % 400}`;
    const join = await hub.submit(
      room,
      { role: 'participant', id: participantId },
      { type: 'room.join', participantId, nickname: null },
    );
    if (!join.ok) throw new Error(`join refused: ${join.reason}`);
    const optionId = n % 3 === 0 ? 'ttp' : 'pakistan';
    // Several votes in flight at once, as from many phones: they are committed in batches.
    const votes = await Promise.all(
      [0, 1, 2].map(() =>
        hub.submit(
          room,
          { role: 'participant', id: participantId },
          { type: 'room.vote', participantId, optionId },
        ),
      ),
    );
    for (const v of votes) {
      if (v.ok) process.stdout.write(`VOTE ${participantId} ${optionId} ${v.seq}\n`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
