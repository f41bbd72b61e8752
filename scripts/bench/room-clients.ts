/**
 * Simulated room clients over HTTP, as the room pages' scripts behave: JSON POSTs carrying this
 * site's Origin and the room's cookie (the facilitator's secret or a participant's token, each
 * taken from the Set-Cookie of the answer that issued it), and a streaming reader for the rooms'
 * Server-Sent Events that parses `id:` / `event: view` / `data:` frames and can reopen with
 * Last-Event-ID. Every request has a timeout; streams are closed by whoever opened them.
 */
import type { ParticipantView, PresenterView } from '@/app/_lib/room-views';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Server } from './process';
import { ROOMS } from './settings';

/** The projector's view as its stream sends it (with the phones connected now). */
export type ProjectorView = PresenterView & { readonly connected: number };
export type PhoneView = ParticipantView;

const message = (error: unknown) =>
  error instanceof Error
    ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
    : String(error);

// ---------------------------------------------------------------------------------------------
// Targets

/**
 * What a measurement's clients talk to: one or more `next start` instances sharing a store, each
 * reachable directly, and the entry a browser would use (a load balancer in front of them, or
 * the one instance).
 */
export interface Target {
  readonly entry: string;
  readonly instances: readonly Server[];
}

/** One server on its own: its origin is the entry. */
export const alone = (server: Server): Target => ({ entry: server.origin, instances: [server] });

// ---------------------------------------------------------------------------------------------
// POSTs

export interface Answer {
  /** The HTTP status; 0 for a network error or a timeout. */
  readonly status: number;
  readonly body: Record<string, unknown> | undefined;
  /** The name=value of the first cookie the answer sets. */
  readonly cookie: string | undefined;
  /** The answer's Retry-After header, if it has one. */
  readonly retryAfter: string | undefined;
  /** performance.now() when the request started and when its answer had been read. */
  readonly started: number;
  readonly ended: number;
  readonly error?: string;
}

export async function post(
  origin: string,
  path: string,
  body: unknown,
  cookie?: string,
): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: {
        Origin: origin,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ROOMS.timeoutMs),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = undefined;
    }
    const setCookie = response.headers.getSetCookie()[0];
    return {
      status: response.status,
      body: parsed,
      cookie: setCookie?.split(';')[0],
      retryAfter: response.headers.get('retry-after') ?? undefined,
      started,
      ended: performance.now(),
      ...(response.ok ? {} : { error: `${response.status} ${text.slice(0, 200)}` }),
    };
  } catch (error) {
    return {
      status: 0,
      body: undefined,
      cookie: undefined,
      retryAfter: undefined,
      started,
      ended: performance.now(),
      error: message(error),
    };
  }
}

export const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300;

function required(answer: Answer, what: string): Answer & { cookie: string } {
  if (!ok(answer) || !answer.cookie) throw new Error(`rooms: ${what} failed: ${answer.error}`);
  return answer as Answer & { cookie: string };
}

export interface Facilitator {
  readonly code: string;
  readonly cookie: string;
}

export interface Participant {
  readonly code: string;
  readonly cookie: string;
}

/** Opens a live room for a scenario (setup: a failure stops the bench). */
export async function openRoom(origin: string, scenarioId: string): Promise<Facilitator> {
  const answer = required(
    await post(origin, '/rooms/new', { scenarioId, mode: 'live' }),
    'opening a room',
  );
  return { code: String(answer.body?.code), cookie: answer.cookie };
}

/** Joins a room with a nickname (setup: a failure stops the bench). */
export async function joinRoom(
  origin: string,
  code: string,
  nickname: string,
): Promise<Participant> {
  const answer = required(await post(origin, `/r/${code}/join`, { nickname }), 'joining');
  return { code, cookie: answer.cookie };
}

/** A facilitator's command; resolves with the view the answer carries. */
export async function command(
  origin: string,
  facilitator: Facilitator,
  body: Record<string, unknown>,
): Promise<ProjectorView> {
  const answer = await post(
    origin,
    `/r/${facilitator.code}/facilitate/command`,
    body,
    facilitator.cookie,
  );
  if (!ok(answer)) throw new Error(`rooms: command ${JSON.stringify(body)}: ${answer.error}`);
  return answer.body?.view as ProjectorView;
}

export interface Vote {
  readonly participant: number;
  readonly optionId: string;
  readonly answer: Answer;
  /** The seq the vote was logged at, once acknowledged. */
  readonly seq: number | undefined;
}

export async function vote(
  origin: string,
  participant: Participant,
  index: number,
  optionId: string,
): Promise<Vote> {
  const answer = await post(
    origin,
    `/r/${participant.code}/vote`,
    { optionId },
    participant.cookie,
  );
  const seq = ok(answer) && typeof answer.body?.seq === 'number' ? answer.body.seq : undefined;
  return { participant: index, optionId, answer, seq };
}

// ---------------------------------------------------------------------------------------------
// Event streams

export interface Frame<V> {
  /** The frame's `id:` (the log seq), as sent. */
  readonly id: string | undefined;
  readonly seq: number;
  /** performance.now() when the bench read it. */
  readonly at: number;
  readonly view: V;
}

interface Waiter<V> {
  readonly test: (frame: Frame<V>) => boolean;
  readonly resolve: (frame: Frame<V>) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** One open `text/event-stream` response, read as it arrives. */
export class ViewStream<V extends { readonly seq: number }> {
  /** Every frame, when opened with `keepAll` (else only first and last are kept). */
  readonly frames: Frame<V>[] = [];
  first: Frame<V> | undefined;
  last: Frame<V> | undefined;
  count = 0;
  /** The last `id:` received: what a reconnection sends as Last-Event-ID. */
  lastId: string | undefined;
  /** Set when the stream ended or failed (undefined while it is open, or when we closed it). */
  failure: string | undefined;
  done = false;
  readonly #abort = new AbortController();
  readonly #waiters = new Set<Waiter<V>>();
  readonly #keepAll: boolean;
  readonly finished: Promise<void>;

  constructor(url: string, cookie: string | undefined, options: StreamOptions = {}) {
    this.#keepAll = options.keepAll ?? false;
    this.lastId = options.lastEventId;
    this.finished = this.#read(url, cookie, options.lastEventId);
  }

  /** Resolves with the first frame (already read or to come) that passes `test`. */
  until(
    test: (frame: Frame<V>) => boolean,
    timeoutMs: number = ROOMS.timeoutMs,
  ): Promise<Frame<V>> {
    if (this.last && test(this.last)) return Promise.resolve(this.last);
    if (this.done) return Promise.reject(new Error(`stream closed: ${this.failure ?? 'by us'}`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter<V> = {
        test,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new Error(`no such frame within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  close(): void {
    if (this.done) return;
    this.#end(undefined);
    this.#abort.abort();
  }

  async #read(url: string, cookie: string | undefined, lastEventId: string | undefined) {
    try {
      const response = await fetch(url, {
        headers: {
          Accept: 'text/event-stream',
          ...(cookie ? { Cookie: cookie } : {}),
          ...(lastEventId !== undefined ? { 'Last-Event-ID': lastEventId } : {}),
        },
        signal: this.#abort.signal,
      });
      if (response.status !== 200 || !response.body) {
        await response.body?.cancel();
        throw new Error(`answered ${response.status}`);
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.#dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      this.#end('ended by the server');
    } catch (error) {
      this.#end(this.#abort.signal.aborted ? undefined : message(error));
    }
  }

  /** One event block: `field: value` lines; comments (`:`) and `retry:` are skipped. */
  #dispatch(block: string) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (id !== undefined) this.lastId = id;
    if (event !== 'view' || data.length === 0) return;
    const view = JSON.parse(data.join('\n')) as V;
    const frame: Frame<V> = { id, seq: view.seq, at: performance.now(), view };
    this.first ??= frame;
    this.last = frame;
    this.count += 1;
    if (this.#keepAll) this.frames.push(frame);
    for (const waiter of this.#waiters) {
      if (!waiter.test(frame)) continue;
      clearTimeout(waiter.timer);
      this.#waiters.delete(waiter);
      waiter.resolve(frame);
    }
  }

  #end(failure: string | undefined) {
    if (this.done) return;
    this.done = true;
    this.failure = failure;
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`stream closed: ${failure ?? 'by us'}`));
    }
    this.#waiters.clear();
  }
}

export interface StreamOptions {
  readonly lastEventId?: string;
  readonly keepAll?: boolean;
}

export const projectorStream = (origin: string, f: Facilitator, options?: StreamOptions) =>
  new ViewStream<ProjectorView>(`${origin}/r/${f.code}/facilitate/events`, f.cookie, options);

export const phoneStream = (origin: string, p: Participant, options?: StreamOptions) =>
  new ViewStream<PhoneView>(`${origin}/r/${p.code}/events`, p.cookie, options);

/**
 * Opens a stream again and again (every ROOMS.reconnectMs, as a browser would after its retry
 * delay) until one delivers a frame, or the deadline passes; resolves with that stream and the
 * number of attempts.
 */
export async function reopen<V extends { readonly seq: number }>(
  open: () => ViewStream<V>,
  deadline: number,
): Promise<{ stream: ViewStream<V>; attempts: number }> {
  for (let attempts = 1; ; attempts += 1) {
    const stream = open();
    try {
      await stream.until(() => true, Math.max(1, deadline - performance.now()));
      return { stream, attempts };
    } catch (error) {
      stream.close();
      if (performance.now() >= deadline) {
        throw new Error(`rooms: no stream within the deadline (${message(error)})`);
      }
      await sleep(ROOMS.reconnectMs);
    }
  }
}

/**
 * A client's stream that reopens by itself with Last-Event-ID whenever it ends or fails (its
 * server killed, a proxy's upstream gone), as a browser's EventSource does, until it is closed or
 * the deadline passes.
 */
export class FollowedStream<V extends { readonly seq: number }> {
  stream: ViewStream<V>;
  /** The first frame of each reopened stream (what a reconnection was sent at once). */
  readonly reopenings: Frame<V>[] = [];
  #closed = false;
  #replaced: () => void = () => undefined;
  #next: Promise<void>;
  readonly #open: (lastEventId: string | undefined) => ViewStream<V>;
  readonly #deadline: number;

  constructor(open: (lastEventId: string | undefined) => ViewStream<V>, deadline: number) {
    this.#open = open;
    this.#deadline = deadline;
    this.stream = open(undefined);
    this.#next = new Promise((resolve) => (this.#replaced = resolve));
    void this.#follow();
  }

  async #follow(): Promise<void> {
    for (;;) {
      await this.stream.finished;
      if (this.#closed) return;
      const lastId = this.stream.lastId;
      let reopened: ViewStream<V>;
      try {
        ({ stream: reopened } = await reopen(() => this.#open(lastId), this.#deadline));
      } catch {
        return; // The deadline passed: until() says so.
      }
      if (this.#closed) return void reopened.close();
      this.stream = reopened;
      if (reopened.first) this.reopenings.push(reopened.first);
      const replaced = this.#replaced;
      this.#next = new Promise((resolve) => (this.#replaced = resolve));
      replaced();
    }
  }

  /** The first frame that passes `test`, on this stream or the ones that replace it. */
  async until(
    test: (frame: Frame<V>) => boolean,
    timeoutMs: number = ROOMS.timeoutMs,
  ): Promise<Frame<V>> {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const stream = this.stream;
      const next = this.#next;
      try {
        return await stream.until(test, Math.max(1, end - performance.now()));
      } catch (error) {
        if (this.#closed || performance.now() >= end) throw error;
        // It ended: wait for the stream that replaces it.
        await Promise.race([next, sleep(end - performance.now())]);
        if (this.stream === stream) throw error;
      }
    }
  }

  close(): void {
    this.#closed = true;
    this.stream.close();
  }
}

/** A vote sent until it is acknowledged, and what was answered on the way. */
export interface PersistentVote {
  /** The acknowledged attempt, or the last one if none was. */
  readonly vote: Vote;
  readonly attempts: number;
  /** Answers 503 carrying Retry-After (the client waited that long before sending again). */
  readonly unavailable: number;
  /** Other failures (non-2xx, network), with their texts. */
  readonly failures: readonly string[];
}

/**
 * A vote sent again (it is an upsert: one per participant and decision) after each failure: after
 * the answer's Retry-After, or ROOMS.reconnectMs for a failure without one, until acknowledged or
 * the deadline passes.
 */
export async function voteUntilAcknowledged(
  origin: string,
  participant: Participant,
  index: number,
  optionId: string,
  deadline: number,
): Promise<PersistentVote> {
  let unavailable = 0;
  const failures: string[] = [];
  for (let attempts = 1; ; attempts += 1) {
    const sent = await vote(origin, participant, index, optionId);
    if (sent.seq !== undefined || performance.now() >= deadline) {
      return { vote: sent, attempts, unavailable, failures };
    }
    const retryAfter = Number(sent.answer.retryAfter);
    if (sent.answer.status === 503 && Number.isFinite(retryAfter)) {
      unavailable += 1;
      await sleep(Math.min(retryAfter * 1000, deadline - performance.now()));
    } else {
      failures.push(sent.answer.error ?? String(sent.answer.status));
      await sleep(ROOMS.reconnectMs);
    }
  }
}

/** `count` participants join the room (nicknames p0, p1, …), a few at a time. */
export const joinAll = (origin: string, code: string, count: number): Promise<Participant[]> =>
  inPool(count, ROOMS.joinConcurrency, (i) => joinRoom(origin, code, `p${i}`));

/**
 * Opens every participant's stream, a few at a time, each once the one before has its first
 * view (or failed: the stream's `first` then stays undefined). The caller closes them.
 */
export async function openPhones(
  origin: string,
  participants: readonly Participant[],
): Promise<ViewStream<PhoneView>[]> {
  const streams: ViewStream<PhoneView>[] = [];
  await inPool(participants.length, ROOMS.joinConcurrency * 2, async (i) => {
    const stream = phoneStream(origin, participants[i]!);
    streams[i] = stream;
    await stream.until(() => true).catch(() => undefined);
  });
  return streams;
}

/** Acknowledged votes that a view's counts do not hold, option by option. */
export function missingFromCounts(
  acknowledged: readonly Vote[],
  counts: Readonly<Record<string, number>> | undefined,
): number {
  const expected = new Map<string, number>();
  for (const v of acknowledged) expected.set(v.optionId, (expected.get(v.optionId) ?? 0) + 1);
  let missing = 0;
  for (const [optionId, n] of expected) missing += Math.max(0, n - (counts?.[optionId] ?? 0));
  return missing;
}

/** Runs `task(0 … count-1)` with at most `concurrency` in flight; results in index order. */
export async function inPool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
