/**
 * What a room route answers when the store cannot be reached, wherever in the route that is met
 * (opening a room, loading one, a command): 503 with Retry-After, for a script and for a form.
 */
import { answerError } from '@/app/_server/rooms/http';
import { StoreUnavailableError } from '@/app/_server/store/errors';
import { request } from './room-requests';

const down = new StoreUnavailableError('the postgres room store is unavailable', {}, 7);

it('answers a script 503 with Retry-After when the store is unreachable', async () => {
  const res = answerError(request({ path: '/rooms/new', body: {} }), down, '/');
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('7');
  expect(await res.json()).toEqual({ error: 'unavailable' });
});

it('sends a form back to its page saying the rooms are unavailable, with Retry-After', () => {
  const res = answerError(
    request({ path: '/r/ABCDEF/join', body: { nickname: 'a' }, as: 'form' }),
    down,
    '/r/ABCDEF',
  );
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/r/ABCDEF?problem=unavailable');
  expect(res.headers.get('retry-after')).toBe('7');
});
