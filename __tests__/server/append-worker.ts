/**
 * A child process for the store's durability and multi-process tests. It opens the store that
 * its environment selects (`openStore`), appends `count` events (or appends until killed, for
 * `forever`) to one room, and prints `SEQ N` on a line for each event only after `append`
 * resolved, that is after the commit. Usage: tsx append-worker.ts ROOM_ID COUNT|forever
 */
import { openStore } from '../../app/_server/store/open-store';
import { workerPayload } from './store-targets';

async function main(): Promise<void> {
  const [roomId, countArg] = process.argv.slice(2);
  if (roomId === undefined || countArg === undefined) {
    throw new Error('usage: append-worker.ts ROOM_ID COUNT|forever');
  }
  const count = countArg === 'forever' ? Infinity : Number(countArg);
  const store = await openStore();
  for (let n = 1; n <= count; n++) {
    const event = await store.append(roomId, {
      type: 'worker.tick',
      actor: `worker-${process.pid}`,
      payload: workerPayload(n),
    });
    process.stdout.write(`${event.seq} ${n}\n`);
  }
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
