/**
 * A Server-Sent Events response for one room screen. Every message is the screen's whole view
 * (never a diff), with the room's log seq as its id, so a browser that reconnects with
 * Last-Event-ID is sent the current view at once and misses nothing. A view that has not changed
 * is not sent again; the projector's views are sent at most every `minIntervalMs` (the latest
 * wins), so a burst of votes is one repaint, not hundreds. A comment line every 15 s keeps
 * proxies from closing an idle stream.
 */
import type { LiveRoom, RoomHub } from './hub';

export interface StreamOptions<V> {
  /** The view this screen is sent, from the room as it now stands. */
  readonly view: (room: LiveRoom) => V & { readonly seq: number };
  /** Coalesce updates to at most one per this many ms (0: send each change at once). */
  readonly minIntervalMs?: number;
  /** Also sent a new view when the count of phones connected changes (the projector). */
  readonly presence?: boolean;
  /** Called when the stream opens and closes (e.g. to count phones connected). */
  readonly onOpen?: () => void;
  readonly onClose?: () => void;
}

const encoder = new TextEncoder();
const HEARTBEAT_MS = 15_000;

export function roomStream<V>(
  request: Request,
  hub: RoomHub,
  room: LiveRoom,
  options: StreamOptions<V>,
): Response {
  let cleanup: (() => void) | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let lastBody = '';
      let lastSentAt = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup?.();
        }
      };
      const send = () => {
        timer = undefined;
        const { seq, ...rest } = options.view(room);
        const body = JSON.stringify(rest);
        if (body === lastBody) return;
        lastBody = body;
        lastSentAt = Date.now();
        write(`id: ${seq}\nevent: view\ndata: ${JSON.stringify({ seq, ...rest })}\n\n`);
      };
      const schedule = () => {
        if (room.gone) {
          // Deleted: say so, and end the stream (a reconnection finds no room).
          write('event: gone\ndata: {}\n\n');
          cleanup?.();
          return;
        }
        const wait = (options.minIntervalMs ?? 0) - (Date.now() - lastSentAt);
        if (wait <= 0) send();
        else timer ??= setTimeout(send, wait);
      };
      write('retry: 2000\n\n');
      send();
      const unsubscribe = hub.subscribe(room, schedule, { presence: options.presence ?? false });
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
      options.onOpen?.();
      cleanup = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        if (timer) clearTimeout(timer);
        options.onClose?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener('abort', () => cleanup?.());
    },
    cancel() {
      cleanup?.();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
