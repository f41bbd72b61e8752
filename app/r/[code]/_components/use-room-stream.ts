'use client';

/**
 * A room screen's live view: the page's server-rendered view first, then every view the room's
 * event stream sends (EventSource reconnects by itself, sending Last-Event-ID, and the server
 * answers with the current view, so nothing is missed). A view older than the one shown is
 * ignored. Also the way a screen sends: a JSON POST whose answer says what became of it.
 */
import { useCallback, useEffect, useState } from 'react';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

export function useRoomStream<V extends { readonly seq: number }>(url: string, initial: V) {
  const [view, setView] = useState(initial);
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(() => {
    const source = new EventSource(url);
    const onView = (e: MessageEvent<string>) => {
      const next = JSON.parse(e.data) as V;
      setView((current) => (next.seq >= current.seq ? next : current));
      setState('live');
    };
    source.addEventListener('view', onView);
    source.onopen = () => setState('live');
    source.onerror = () => setState('reconnecting');
    return () => source.close();
  }, [url]);
  const accept = useCallback(
    (next: V) => setView((current) => (next.seq >= current.seq ? next : current)),
    [],
  );
  return { view, state, accept };
}

export interface Sent {
  readonly ok: boolean;
  /** The refusal's reason (see strings.room.problems), when not ok. */
  readonly error?: string;
  readonly body?: Record<string, unknown>;
}

export async function post(url: string, body: Record<string, unknown>): Promise<Sent> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return res.ok
      ? { ok: true, body: answer }
      : { ok: false, error: String(answer.error ?? 'unavailable'), body: answer };
  } catch {
    return { ok: false, error: 'unavailable' };
  }
}
