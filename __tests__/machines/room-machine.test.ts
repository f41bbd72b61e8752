/**
 * The live room machine: the exercise's flow run by a facilitator, with participants who join,
 * vote and predict. Model-based: xstate/graph reaches every state a room can be in with a
 * participant who joins, votes and predicts, with every facilitator step including back and
 * reveal, for every scenario; and on each, the room's invariants hold. Then the rules a class
 * relies on, one by one.
 */
import { createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { participantView, presenterView, statusOf } from '@/app/_lib/room-views';
import type { Scenario } from '@/content/parse';
import type { ExerciseScenario } from '@/machines/exercise-machine';
import { candidatesFor } from '@/machines/exercise-machine';
import {
  buildRoomMachine,
  decisionOf,
  roomFlow,
  type RoomEvent,
  type RoomFlow,
  type RoomSnapshot,
} from '@/machines/room-machine';
import { allScenarios, realScenario } from '../helpers/scenarios';

const toExercise = (s: Scenario): ExerciseScenario => ({
  id: s.id,
  start: s.start,
  nodes: s.nodes,
  claimKinds: Object.fromEntries(Object.entries(s.claims).map(([id, c]) => [id, c.kind])),
});

/**
 * Events the model explores: one participant joins, votes for each option and predicts (a
 * candidate) once per decision; the facilitator starts, follows each option, reveals, goes on,
 * goes back, and closes at the debrief. Re-votes and several participants have their own tests.
 */
function modelEvents(x: ExerciseScenario, snapshot: RoomSnapshot): RoomEvent[] {
  const machines = roomFlow(x);
  const { context } = snapshot;
  const out: RoomEvent[] = [];
  if (snapshot.value === 'lobby' && !context.participants.p1) {
    out.push({ type: 'room.join', participantId: 'p1', nickname: null });
  }
  const nodeId = decisionOf(machines, context.flow);
  const node = nodeId ? x.nodes[nodeId] : undefined;
  if (snapshot.value === 'choosing' && nodeId && node?.kind === 'decision') {
    if (context.participants.p1 && !context.votes[nodeId]?.p1) {
      out.push({ type: 'room.vote', participantId: 'p1', optionId: node.options[0]!.id });
    }
    for (const o of node.options) out.push({ type: 'room.follow', optionId: o.id });
  }
  const pending = context.flow.context.pending;
  if (snapshot.value === 'predicting' && pending && !context.predictions[pending.nodeId]?.p1) {
    const [claimId = null] = candidatesFor(x, pending.nodeId, pending.optionId);
    out.push({
      type: 'room.predict',
      participantId: 'p1',
      prediction: { kind: 'candidate', claimId },
    });
  }
  out.push({ type: 'room.start' }, { type: 'room.reveal' }, { type: 'room.next' });
  out.push({ type: 'room.back' });
  if (snapshot.value === 'debrief') out.push({ type: 'room.close' });
  return out;
}

const EVENT_TYPES: readonly RoomEvent['type'][] = [
  'room.join',
  'room.vote',
  'room.predict',
  'room.start',
  'room.follow',
  'room.reveal',
  'room.next',
  'room.back',
  'room.close',
];

/** What must hold in every state a room can reach. */
function expectInvariants(x: ExerciseScenario, machines: RoomFlow, snapshot: RoomSnapshot) {
  const { context } = snapshot;
  const status = statusOf(snapshot);
  // The room's stage mirrors its flow's (the lobby is the exercise's briefing).
  if (status !== 'closed') {
    expect(context.flow.value).toBe(status === 'lobby' ? 'briefing' : status);
  }
  // Each decision's tally is exactly the participants' votes there.
  for (const [nodeId, byOption] of Object.entries(context.flow.context.tallies)) {
    for (const [optionId, count] of Object.entries(byOption)) {
      const votes = Object.values(context.votes[nodeId] ?? {}).filter((o) => o === optionId);
      expect(count).toBe(votes.length);
    }
  }
  // Only participants vote and predict.
  for (const byParticipant of [
    ...Object.values(context.votes),
    ...Object.values(context.predictions),
  ]) {
    for (const participantId of Object.keys(byParticipant)) {
      expect(context.participants[participantId]).toBeDefined();
    }
  }
  // Both views can be drawn, and agree with the machine.
  const presenter = presenterView(x, machines, snapshot, 1);
  expect(presenter.status).toBe(status);
  expect(Object.values(presenter.votes).reduce((a, b) => a + b, 0)).toBe(presenter.voted);
  const phone = participantView(x, machines, snapshot, 1, 'p1');
  expect(phone.joined).toBe(context.participants.p1 !== undefined);
  expect(phone.path).toEqual(presenter.path);
}

describe.each(allScenarios.map((s) => [s.id, toExercise(s)] as const))(
  'every state of a room on %s',
  (_id, x) => {
    const machines = roomFlow(x);
    const machine = buildRoomMachine(x, machines);
    const model = createTestModel(machine as unknown as AnyStateMachine);
    const paths = model.getShortestPaths({
      events: (s) => modelEvents(x, s as unknown as RoomSnapshot),
    });

    it('reaches every stage: lobby, each decision’s choosing, predicting and revealed, the debrief, closed', () => {
      const reached = new Set(
        paths.flatMap((p) => [p.state, ...p.steps.map((x) => x.state)].map((x) => String(x.value))),
      );
      expect([...reached].sort()).toEqual(
        ['choosing', 'closed', 'debrief', 'lobby', 'predicting', 'revealed'].sort(),
      );
    });

    it('keeps its invariants on every path, driven through a live actor', async () => {
      for (const path of paths) {
        const actor = createActor(machine).start();
        await path.test({
          events: Object.fromEntries(
            EVENT_TYPES.map((type) => [type, ({ event }) => void actor.send(event as RoomEvent)]),
          ),
          states: {
            '*': (expected) => {
              const live = actor.getSnapshot();
              expect(live.value).toEqual(expected.value);
              expect(live.context).toEqual(expected.context);
            },
          },
        });
        // Each reachable state ends one shortest path: its invariants are checked there.
        expectInvariants(x, machines, actor.getSnapshot());
        actor.stop();
      }
      expect(paths.length).toBeGreaterThan(10);
    }, 60_000);
  },
);

describe('the rules a class relies on (Kabul)', () => {
  const x = toExercise(realScenario('kabul-crossroads'));
  const machines = roomFlow(x);
  const machine = buildRoomMachine(x, machines);
  const run = (events: RoomEvent[], from = initialTransition(machine)[0]) =>
    events.reduce<RoomSnapshot>((s, e) => {
      expect({ event: e, allowed: s.can(e) }).toEqual({ event: e, allowed: true });
      return transition(machine, s, e)[0];
    }, from);
  const join = (id: string, nickname: string | null = null): RoomEvent => ({
    type: 'room.join',
    participantId: id,
    nickname,
  });
  const vote = (id: string, optionId: string): RoomEvent => ({
    type: 'room.vote',
    participantId: id,
    optionId,
  });
  const words = (id: string, text: string): RoomEvent => ({
    type: 'room.predict',
    participantId: id,
    prediction: { kind: 'text', text },
  });
  const opened = () => run([join('a', 'Ann'), join('b'), join('c'), { type: 'room.start' }]);

  it('counts one vote per participant: a second vote replaces the first', () => {
    const s = run([vote('a', 'ttp'), vote('b', 'ttp'), vote('a', 'pakistan')], opened());
    const view = presenterView(x, machines, s, 3);
    expect(view.votes).toEqual({ pakistan: 1, ttp: 1 });
    expect(view.voted).toBe(2);
    expect(view.participants).toBe(3);
    expect(s.context.flow.context.tallies['ttp-or-pakistan']).toEqual({ ttp: 1, pakistan: 1 });
  });

  it('takes the majority as the default option, the first in the decision’s order on a tie', () => {
    let s = run([vote('a', 'ttp'), vote('b', 'ttp'), vote('c', 'pakistan')], opened());
    expect(presenterView(x, machines, s, 1).majority).toBe('ttp');
    s = run([vote('b', 'pakistan'), vote('a', 'ttp')], opened());
    expect(presenterView(x, machines, s, 1).majority).toBe('pakistan');
  });

  it('refuses a vote from someone who has not joined, for an option not offered, or once the room has chosen', () => {
    const s = opened();
    expect(s.can(vote('z', 'ttp'))).toBe(false);
    expect(s.can(vote('a', 'partnership'))).toBe(false);
    const chosen = run([{ type: 'room.follow', optionId: 'ttp' }], s);
    expect(chosen.can(vote('a', 'ttp'))).toBe(false);
  });

  it('takes predictions about the option the room follows, and locks them once the answer is shown', () => {
    let s = run(
      [{ type: 'room.follow', optionId: 'pakistan' }, words('a', 'Better ties')],
      opened(),
    );
    s = run([words('a', 'Closer ties')], s); // a second prediction replaces the first
    expect(s.context.predictions['ttp-or-pakistan']).toEqual({
      a: { kind: 'text', text: 'Closer ties' },
    });
    s = run([{ type: 'room.reveal' }], s);
    expect(participantView(x, machines, s, 1, 'a').locked).toBe(true);
    // Back from the reveal hides the answer on the projector; the phones have seen it.
    s = run([{ type: 'room.back' }], s);
    expect(s.value).toBe('predicting');
    expect(s.can(words('b', 'Too late'))).toBe(false);
  });

  it('drops the predictions about an option the room no longer follows', () => {
    let s = run([{ type: 'room.follow', optionId: 'pakistan' }, words('a', 'x')], opened());
    s = run([{ type: 'room.back' }, { type: 'room.follow', optionId: 'ttp' }], s);
    expect(s.context.predictions['ttp-or-pakistan']).toBeUndefined();
    expect(s.can(words('a', 'y'))).toBe(true);
  });

  it('lets latecomers join at any stage until the room is closed, and never twice', () => {
    let s = run([{ type: 'room.follow', optionId: 'ttp' }, join('late', 'Lee')], opened());
    expect(s.can(join('late'))).toBe(false);
    expect(s.can(words('late', 'x'))).toBe(true);
    s = run([{ type: 'room.close' }], s);
    expect(s.status).toBe('done');
    for (const e of [
      join('later'),
      vote('a', 'ttp'),
      words('a', 'x'),
      { type: 'room.back' } as const,
    ]) {
      expect(s.can(e)).toBe(false);
    }
  });

  it('records each decision’s split and predictions for the debrief, along the path taken', () => {
    const s = run(
      [
        vote('a', 'pakistan'),
        vote('b', 'ttp'),
        vote('c', 'pakistan'),
        { type: 'room.follow', optionId: 'pakistan' },
        {
          type: 'room.predict',
          participantId: 'a',
          prediction: { kind: 'candidate', claimId: null },
        },
        {
          type: 'room.predict',
          participantId: 'b',
          prediction: { kind: 'candidate', claimId: 'right-choice-transforms' },
        },
        words('c', 'Open borders'),
        { type: 'room.reveal' },
        { type: 'room.next' },
        vote('a', 'partnership'),
        { type: 'room.follow', optionId: 'partnership' },
        { type: 'room.reveal' },
        { type: 'room.next' },
      ],
      opened(),
    );
    expect(s.value).toBe('debrief');
    const view = presenterView(x, machines, s, 99);
    expect(view.path).toEqual(['pakistan', 'partnership']);
    expect(view.history).toEqual([
      {
        nodeId: 'ttp-or-pakistan',
        optionId: 'pakistan',
        votes: { pakistan: 2, ttp: 1 },
        voted: 3,
        predictions: {
          made: 3,
          // Pakistan's silence is contested (¶9's "right choice" may refer to it): nothing scored.
          right: null,
          picks: { '': 1, 'right-choice-transforms': 1 },
          words: [{ text: 'Open borders', nickname: null }],
        },
      },
      {
        nodeId: 'approach-after-pakistan',
        optionId: 'partnership',
        votes: { partnership: 1, pressure: 0 },
        voted: 1,
        predictions: { made: 0, right: null, picks: {}, words: [] },
      },
    ]);
    // Each participant's own walk, for their own debrief.
    expect(participantView(x, machines, s, 99, 'b').own).toEqual([
      {
        nodeId: 'ttp-or-pakistan',
        optionId: 'pakistan',
        prediction: { kind: 'candidate', claimId: 'right-choice-transforms' },
      },
      { nodeId: 'approach-after-pakistan', optionId: 'partnership', prediction: null },
    ]);
  });

  it('shows a phone only its own vote and prediction, and the room’s split only once revealed', () => {
    let s = run([vote('a', 'ttp'), vote('b', 'pakistan')], opened());
    const a = participantView(x, machines, s, 1, 'a');
    expect(a.vote).toBe('ttp');
    expect(a.votes).toBeUndefined();
    expect(JSON.stringify(a)).not.toContain('"b"');
    s = run(
      [
        { type: 'room.follow', optionId: 'ttp' },
        words('b', 'secret words'),
        { type: 'room.reveal' },
      ],
      s,
    );
    const after = participantView(x, machines, s, 2, 'a');
    expect(after.votes).toEqual({ pakistan: 1, ttp: 1 });
    expect(JSON.stringify(after)).not.toContain('secret words');
  });
});
