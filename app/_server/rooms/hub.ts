/**
 * The rooms a server instance is running: one room machine actor per open room, rebuilt by
 * replaying the room's event log from the store, and every accepted command appended to that
 * log before it is acknowledged.
 *
 * Commands to one room are queued and handled in order. A batch of queued commands is checked
 * against the machine one after another (each against the state the ones before it leave), the
 * accepted ones are appended in one transaction (group commit: durable together, acknowledged
 * together), and only then applied to the actor and announced to the room's streams. The batch
 * is decided under the room's lock in the store, after applying whatever other instances logged
 * since (`appendDecided`), so the log orders everything and no instance can starve another.
 *
 * With a shared store (PostgreSQL, several instances), the hub also hears of every change any
 * instance commits (`watchStore`): a room loaded here catches up from the log when another
 * instance appends to it, reloads its row when it is closed or reopened, and is forgotten when
 * deleted; after the feed was interrupted, every loaded room is checked against the store.
 */
import { randomBytes } from 'node:crypto';
import { createActor, transition, type Actor } from 'xstate';
import type { ExerciseScenario } from '@/machines/exercise-machine';
import {
  FACILITATOR_EVENTS,
  buildRoomMachine,
  positionOf,
  roomFlow,
} from '@/machines/room-machine';
import type { RoomEvent, RoomFlow, RoomMachine, RoomSnapshot } from '@/machines/room-machine';
import { CodeTakenError, StoreUnavailableError } from '../store/errors';
import type {
  RoomChange,
  RoomMode,
  RoomPatch,
  RoomRow,
  RoomStore,
  StoredEvent,
} from '../store/types';
import { newCode } from './codes';
import type { RoomLimits } from './config';
import { hashSecret, newSecret } from './secrets';

/** Who sends a command: the facilitator, or a participant by id. */
export type Sender =
  { readonly role: 'facilitator' } | { readonly role: 'participant'; readonly id: string };

/** What became of a command. */
export type Outcome =
  | { readonly ok: true; readonly seq: number }
  | {
      readonly ok: false;
      /** 403 not allowed, 409 not now, 410 room closed or expired, 503 store down. */
      readonly status: 403 | 409 | 410 | 503;
      readonly reason: RefusalReason;
      readonly retryAfter?: number;
    };

export type RefusalReason =
  | 'facilitator-only'
  | 'not-now'
  | 'moved-on'
  | 'full'
  | 'closed'
  | 'expired'
  | 'unavailable'
  | 'broken';

/** A room this instance has loaded. */
export class LiveRoom {
  row: RoomRow;
  readonly scenario: ExerciseScenario;
  readonly machines: RoomFlow;
  readonly machine: RoomMachine;
  readonly actor: Actor<RoomMachine>;
  /** The seq of the last logged event applied to the actor. */
  seq = 0;
  /** Set when the log cannot be replayed (e.g. the scenario changed under it). */
  broken: string | undefined;
  readonly queue: {
    sender: Sender;
    event: RoomEvent;
    position: string | undefined;
    resolve: (o: Outcome) => void;
  }[] = [];
  draining = false;
  readonly listeners = new Set<(room: LiveRoom) => void>();
  /** Listeners that also want to hear when the count of phones connected changes. */
  readonly presenceListeners = new Set<(room: LiveRoom) => void>();
  /** Open participant streams on this instance. */
  connected = 0;
  /** Open participant streams on other instances, as each last said, and when it said so. */
  readonly elsewhere = new Map<string, { readonly connected: number; readonly at: number }>();
  /** The count this instance last told the others, and a pending announcement. */
  announced = 0;
  announcing: ReturnType<typeof setTimeout> | undefined;
  /** Set when the room has been deleted: its streams end. */
  gone = false;
  /** Catching up with the store after hearing of a change; `behind` asks for another round. */
  following: Promise<void> | undefined;
  behind = false;

  constructor(row: RoomRow, scenario: ExerciseScenario, machines: RoomFlow, machine: RoomMachine) {
    this.row = row;
    this.scenario = scenario;
    this.machines = machines;
    this.machine = machine;
    this.actor = createActor(machine).start();
  }

  get snapshot(): RoomSnapshot {
    return this.actor.getSnapshot();
  }

  get expired(): boolean {
    return this.row.expiresAt <= Date.now();
  }

  /** Phones connected now, on every instance (for the projector's "connected now"). */
  get connectedNow(): number {
    let total = this.connected;
    for (const { connected } of this.elsewhere.values()) total += connected;
    return total;
  }
}

export interface HubOptions {
  readonly store: RoomStore;
  readonly limits: RoomLimits;
  /** The scenario a room walks, by id (undefined for an unknown id). */
  readonly scenario: (id: string) => ExerciseScenario | undefined;
  /** Seconds a client should wait before retrying when the store is down. */
  readonly retryAfterSeconds?: number;
}

/** Appends with a batch at most this long; a longer queue is handled in several. */
const BATCH = 256;
/** Each instance repeats its connected counts this often; a count not repeated for 3× is dropped. */
const PRESENCE_EVERY_MS = 10_000;
/** Changes in a room's count are told the other instances at most this often. */
const PRESENCE_DEBOUNCE_MS = 250;

export class RoomHub {
  readonly store: RoomStore;
  readonly limits: RoomLimits;
  readonly #scenario: HubOptions['scenario'];
  readonly #retryAfter: number;
  readonly #rooms = new Map<string, Promise<LiveRoom | undefined>>();
  readonly #machines = new Map<string, { machines: RoomFlow; machine: RoomMachine }>();
  /** The code of each room loaded here, by id (changes are heard of by id). */
  readonly #codes = new Map<string, string>();
  #sweeper: ReturnType<typeof setInterval> | undefined;
  #unwatch: (() => Promise<void>) | undefined;
  #presence: ReturnType<typeof setInterval> | undefined;
  /** This process among the instances sharing the store. */
  readonly instance = randomBytes(6).toString('base64url');

  constructor(options: HubOptions) {
    this.store = options.store;
    this.limits = options.limits;
    this.#scenario = options.scenario;
    this.#retryAfter = options.retryAfterSeconds ?? 5;
  }

  /**
   * Opens a room: a fresh code (tried again if taken) and a facilitator secret, returned once
   * and kept only as its hash. Refused when the server already has its most open rooms.
   */
  async create(input: {
    scenarioId: string;
    mode: RoomMode;
    now?: number;
    /** When the room ends; a live room's lifetime from now by default. */
    expiresAt?: number;
  }): Promise<{ room: RoomRow; secret: string } | { full: true }> {
    const now = input.now ?? Date.now();
    if ((await this.store.countOpenRooms(now)) >= this.limits.maxOpenRooms) return { full: true };
    const secret = newSecret();
    for (let attempt = 0; ; attempt += 1) {
      try {
        const room = await this.store.createRoom({
          code: newCode(),
          scenarioId: input.scenarioId,
          mode: input.mode,
          facilitatorHash: hashSecret(secret),
          createdAt: now,
          expiresAt: input.expiresAt ?? now + this.limits.lifetimeMs,
        });
        return { room, secret };
      } catch (error) {
        if (!(error instanceof CodeTakenError) || attempt >= 9) throw error;
      }
    }
  }

  /** Whether rooms can walk this scenario. */
  scenarioExists(id: string): boolean {
    return this.#scenario(id) !== undefined;
  }

  /** The room with this code, loaded and caught up with its log; undefined if there is none. */
  room(code: string): Promise<LiveRoom | undefined> {
    let loading = this.#rooms.get(code);
    if (!loading) {
      loading = this.#load(code);
      this.#rooms.set(code, loading);
      // A failed load (the store down) is not remembered: the next request tries again.
      loading.then(
        (room) => {
          if (!room) this.#rooms.delete(code);
        },
        () => this.#rooms.delete(code),
      );
    }
    return loading;
  }

  /**
   * Sends a command to a room; resolves once it is durable and applied, or refused. A
   * facilitator's command may name the `position` (see positionOf) it was issued at. Joining a
   * second time is not an error: it answers as the first join did.
   */
  submit(room: LiveRoom, sender: Sender, event: RoomEvent, position?: string): Promise<Outcome> {
    if (
      event.type === 'room.join' &&
      room.snapshot.context.participants[event.participantId] !== undefined &&
      (sender.role !== 'participant' || sender.id === event.participantId)
    ) {
      return Promise.resolve({ ok: true, seq: room.seq });
    }
    return new Promise((resolve) => {
      room.queue.push({ sender, event, position, resolve });
      void this.#drain(room);
    });
  }

  /**
   * Changes a room's row (closing, reopening, settings) in the store, then here, and tells the
   * room's listeners. A room the store no longer has is forgotten.
   */
  async updateRoom(room: LiveRoom, patch: RoomPatch): Promise<RoomRow | undefined> {
    const row = await this.store.updateRoom(room.row.id, patch);
    if (!row) {
      this.forget(room.row.code);
      return undefined;
    }
    room.row = row;
    this.#notify(room);
    return row;
  }

  /** Deletes a room and everything in it from the store, and from this instance. */
  async deleteRoom(room: LiveRoom): Promise<boolean> {
    const deleted = await this.store.deleteRoom(room.row.id);
    this.forget(room.row.code);
    return deleted;
  }

  /** Drops a loaded room from memory (it was deleted); its streams are told it is gone. */
  forget(code: string): void {
    const loading = this.#rooms.get(code);
    this.#rooms.delete(code);
    void loading?.then((room) => {
      if (!room) return;
      this.#codes.delete(room.row.id);
      room.gone = true;
      this.#notify(room);
      room.actor.stop();
    });
  }

  /**
   * Calls `listener` after every change to the room, and with `presence`, also when the count of
   * phones connected to it (on any instance) changes.
   */
  subscribe(
    room: LiveRoom,
    listener: (room: LiveRoom) => void,
    options: { presence?: boolean } = {},
  ): () => void {
    room.listeners.add(listener);
    if (options.presence) room.presenceListeners.add(listener);
    return () => {
      room.listeners.delete(listener);
      room.presenceListeners.delete(listener);
    };
  }

  /** A phone's stream opened (`+1`) or closed (`-1`) on this instance. */
  phoneConnected(room: LiveRoom, change: 1 | -1): void {
    room.connected += change;
    this.#notifyPresence(room);
    if (!this.store.shared || room.announcing) return;
    room.announcing = setTimeout(() => {
      room.announcing = undefined;
      void this.#announce(room);
    }, PRESENCE_DEBOUNCE_MS);
    room.announcing.unref?.();
  }

  /**
   * Catches a loaded room up with events another instance appended (after a notification, or a
   * seq conflict), and its row with the store's. A room the store no longer has is forgotten.
   * Safe to call at any time.
   */
  async catchUp(room: LiveRoom): Promise<void> {
    const events = await this.store.events(room.row.id, room.seq);
    const row = await this.store.roomById(room.row.id);
    if (!row) {
      this.forget(room.row.code);
      return;
    }
    const rowChanged = JSON.stringify(row) !== JSON.stringify(room.row);
    room.row = row;
    this.#apply(room, events);
    if (events.length > 0 || rowChanged) this.#notify(room);
  }

  /**
   * With a shared store, hears of every instance's changes from now on: the rooms loaded here
   * follow them. Does nothing with a store only this process writes.
   */
  async watchStore(): Promise<void> {
    if (!this.store.shared || this.#unwatch) return;
    this.#unwatch = await this.store.watch({
      change: (change) => void this.#heard(change),
      resync: () => void this.#followAll(),
    });
    this.#presence = setInterval(() => void this.#presenceRound(), PRESENCE_EVERY_MS);
    this.#presence.unref?.();
  }

  async #heard(change: RoomChange): Promise<void> {
    const code = this.#codes.get(change.roomId);
    if (code === undefined) return; // not loaded here: loading reads the log anyway
    const room = await this.#rooms.get(code)?.catch(() => undefined);
    if (!room) return;
    if (change.kind === 'presence') {
      if (change.instance === this.instance) return;
      room.elsewhere.set(change.instance, { connected: change.connected, at: Date.now() });
      this.#notifyPresence(room);
    } else if (change.kind === 'gone') this.forget(code);
    else if (change.kind !== 'events' || change.seq > room.seq) this.#follow(room);
  }

  /** Tells the other instances how many of the room's phones this one streams to. */
  async #announce(room: LiveRoom): Promise<void> {
    const connected = room.connected;
    try {
      await this.store.announce({
        roomId: room.row.id,
        kind: 'presence',
        instance: this.instance,
        connected,
      });
      room.announced = connected;
    } catch {
      // The store is down: the next round says it again.
    }
  }

  /**
   * Every few seconds: repeat this instance's counts (an instance that restarted, or missed one,
   * learns them), and drop the counts of instances that stopped repeating theirs (killed).
   */
  async #presenceRound(now = Date.now()): Promise<void> {
    for (const loading of [...this.#rooms.values()]) {
      const room = await loading.catch(() => undefined);
      if (!room || room.gone) continue;
      if (room.connected > 0 || room.announced > 0) void this.#announce(room);
      let dropped = false;
      for (const [instance, { at }] of room.elsewhere) {
        if (now - at > 3 * PRESENCE_EVERY_MS) dropped = room.elsewhere.delete(instance) || dropped;
      }
      if (dropped) this.#notifyPresence(room);
    }
  }

  /**
   * Catches every loaded room up (the change feed was interrupted and may have missed some), and
   * says its counts again.
   */
  async #followAll(): Promise<void> {
    for (const loading of [...this.#rooms.values()]) {
      const room = await loading.catch(() => undefined);
      if (!room) continue;
      this.#follow(room);
      if (room.connected > 0 || room.announced > 0) void this.#announce(room);
    }
  }

  /** Catches a room up, once at a time; a change heard meanwhile asks for one more round. */
  #follow(room: LiveRoom): void {
    if (room.following) {
      room.behind = true;
      return;
    }
    room.following = (async () => {
      do {
        room.behind = false;
        try {
          await this.catchUp(room);
        } catch {
          // The store is down: the feed reconnects when it is back and asks for a resync.
        }
      } while (room.behind && !room.gone);
    })().finally(() => {
      room.following = undefined;
    });
  }

  /**
   * Deletes rooms ended (closed, or past their end date) longer than `graceMs` ago (by default
   * the time rooms are kept after they end) from the store and from memory.
   */
  async sweep(now = Date.now(), graceMs = this.limits.keepMs): Promise<number> {
    const deleted = await this.store.deleteExpired(now, graceMs);
    for (const [code, loading] of this.#rooms) {
      const room = await loading.catch(() => undefined);
      if (room && Math.min(room.row.expiresAt, room.row.closedAt ?? Infinity) + graceMs < now) {
        this.forget(code);
      }
    }
    return deleted;
  }

  /** Sweeps now and then every `everyMs`; the timer does not keep the process alive. */
  startSweeping(everyMs = 10 * 60_000): void {
    void this.sweep().catch(() => undefined);
    this.#sweeper ??= setInterval(() => void this.sweep().catch(() => undefined), everyMs);
    this.#sweeper.unref?.();
  }

  async close(): Promise<void> {
    if (this.#sweeper) clearInterval(this.#sweeper);
    if (this.#presence) clearInterval(this.#presence);
    await this.#unwatch?.();
    this.#unwatch = undefined;
    for (const loading of this.#rooms.values()) {
      const room = await loading.catch(() => undefined);
      room?.actor.stop();
    }
    this.#rooms.clear();
    await this.store.close();
  }

  #machinesFor(scenario: ExerciseScenario) {
    let built = this.#machines.get(scenario.id);
    if (!built) {
      const machines = roomFlow(scenario);
      built = { machines, machine: buildRoomMachine(scenario, machines) };
      this.#machines.set(scenario.id, built);
    }
    return built;
  }

  async #load(code: string): Promise<LiveRoom | undefined> {
    const row = await this.store.roomByCode(code);
    if (!row) return undefined;
    const scenario = this.#scenario(row.scenarioId);
    if (!scenario) return undefined;
    const { machines, machine } = this.#machinesFor(scenario);
    const room = new LiveRoom(row, scenario, machines, machine);
    // Known by id before the log is read: a change heard meanwhile waits for the load, then
    // catches the room up.
    this.#codes.set(row.id, code);
    try {
      this.#apply(room, await this.store.events(row.id));
    } catch (error) {
      this.#codes.delete(row.id);
      throw error;
    }
    return room;
  }

  /** Replays logged events into the actor. The log is the truth: a refused event breaks the room. */
  #apply(room: LiveRoom, events: readonly StoredEvent[]): void {
    for (const stored of events) {
      if (stored.seq <= room.seq) continue;
      const event = { ...(stored.payload as object), type: stored.type } as RoomEvent;
      if (!room.broken && !room.snapshot.can(event) && room.snapshot.status === 'active') {
        room.broken = `event ${stored.seq} (${stored.type}) cannot be replayed`;
      }
      if (!room.broken) room.actor.send(event);
      room.seq = stored.seq;
    }
  }

  /** Why a command is refused in this state, or undefined if the machine takes it. */
  #refusal(
    room: LiveRoom,
    snapshot: RoomSnapshot,
    sender: Sender,
    event: RoomEvent,
    position: string | undefined,
  ): Outcome | undefined {
    if (room.broken) return { ok: false, status: 409, reason: 'broken' };
    if (room.row.closedAt !== null || snapshot.status !== 'active') {
      return { ok: false, status: 410, reason: 'closed' };
    }
    if (room.expired) return { ok: false, status: 410, reason: 'expired' };
    const byFacilitator = (FACILITATOR_EVENTS as readonly string[]).includes(event.type);
    if (byFacilitator !== (sender.role === 'facilitator')) {
      return { ok: false, status: 403, reason: 'facilitator-only' };
    }
    if (
      sender.role === 'participant' &&
      'participantId' in event &&
      event.participantId !== sender.id
    ) {
      return { ok: false, status: 403, reason: 'facilitator-only' };
    }
    if (
      event.type === 'room.join' &&
      snapshot.context.participants[event.participantId] === undefined &&
      Object.keys(snapshot.context.participants).length >= this.limits.maxParticipants
    ) {
      return { ok: false, status: 409, reason: 'full' };
    }
    if (position !== undefined && position !== positionOf(snapshot)) {
      return { ok: false, status: 409, reason: 'moved-on' };
    }
    if (!snapshot.can(event)) return { ok: false, status: 409, reason: 'not-now' };
    return undefined;
  }

  async #drain(room: LiveRoom): Promise<void> {
    if (room.draining) return;
    room.draining = true;
    try {
      while (room.queue.length > 0) {
        // Let the requests already arrived reach the queue first: the SQLite driver commits
        // without yielding, so without this turn every batch would hold one command.
        await new Promise((resolve) => setImmediate(resolve));
        await this.#commit(room, room.queue.splice(0, BATCH));
      }
    } finally {
      room.draining = false;
    }
  }

  /**
   * Decides a batch under the room's lock in the store: the events other instances appended
   * since this one last looked are applied first, then each command is checked against the
   * state the ones before it leave, and the accepted ones are appended, all in one transaction.
   * So a command is never refused, or accepted, on a stale room, and never has to be retried
   * because another instance wrote first.
   */
  async #commit(room: LiveRoom, batch: LiveRoom['queue']): Promise<void> {
    let accepted: LiveRoom['queue'] = [];
    let refused: { item: LiveRoom['queue'][number]; refusal: Outcome }[] = [];
    const seqBefore = room.seq;
    try {
      const { stored } = await this.store.appendDecided(room.row.id, room.seq, (missed) => {
        this.#apply(room, missed);
        accepted = [];
        refused = [];
        let snapshot = room.snapshot;
        for (const item of batch) {
          const refusal = this.#refusal(room, snapshot, item.sender, item.event, item.position);
          if (refusal) {
            refused.push({ item, refusal });
            continue;
          }
          snapshot = transition(room.machine, snapshot, item.event)[0];
          accepted.push(item);
        }
        return accepted.map(({ sender, event }) => {
          const { type, ...payload } = event;
          return {
            type,
            actor: sender.role === 'facilitator' ? 'facilitator' : sender.id,
            payload,
          };
        });
      });
      this.#apply(room, stored);
      if (accepted.some((a) => a.event.type === 'room.close')) {
        room.row = (await this.store.updateRoom(room.row.id, { closedAt: Date.now() })) ?? room.row;
      }
      for (const { item, refusal } of refused) item.resolve(refusal);
      accepted.forEach((item, i) => item.resolve({ ok: true, seq: stored[i]?.seq ?? room.seq }));
    } catch (error) {
      this.#fail(batch, error);
    }
    if (room.seq !== seqBefore) this.#notify(room);
  }

  #fail(items: readonly { resolve: (o: Outcome) => void }[], error: unknown): void {
    // Either way nothing was acknowledged; if the store did commit before failing, the next
    // append's seq check catches the room up before anything else is decided.
    const outcome: Outcome = {
      ok: false,
      status: 503,
      reason: 'unavailable',
      retryAfter: this.#retryAfter,
    };
    if (!(error instanceof StoreUnavailableError)) console.error('room command failed:', error);
    for (const item of items) item.resolve(outcome);
  }

  #notifyPresence(room: LiveRoom): void {
    callEach(room.presenceListeners, room);
  }

  #notify(room: LiveRoom): void {
    callEach(room.listeners, room);
  }
}

/** Calls every listener; one that throws is reported and does not stop the others. */
function callEach(listeners: ReadonlySet<(room: LiveRoom) => void>, room: LiveRoom): void {
  for (const listener of listeners) {
    try {
      listener(room);
    } catch (error) {
      console.error('room listener failed:', error);
    }
  }
}
