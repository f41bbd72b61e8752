/**
 * A live room: a facilitator runs the exercise for a class, and each learner joins from a phone,
 * votes for an option and predicts what the text says follows.
 *
 * Built on the exercise machine: the room's flow (start, choose, reveal, next, back) is the
 * exercise machine in presenter mode, held in context as plain data and advanced with its own
 * pure transitions, so no rule of the walk is written twice. The tallies the exercise already
 * holds become the participants' votes: each vote recounts its decision's tally. What the room
 * adds is who is there and what each of them said: joins, one vote and one prediction per
 * participant per decision (a second replaces the first), and closing the room.
 *
 * Pure and synchronous (no invoke, no delays): the server replays a room's event log through it,
 * the browser renders its snapshots' views, and xstate/graph walks it in the tests.
 */
import { assign, initialTransition, setup, transition, type SnapshotFrom } from 'xstate';
import {
  buildExerciseMachine,
  type ExerciseContext,
  type ExerciseEvent,
  type ExerciseMachine,
  type ExerciseScenario,
  type ExerciseSnapshot,
  type Prediction,
} from './exercise-machine';
import { resolvePath } from './paths';
import { buildScenarioMachine, currentNodeId, type ScenarioMachine } from './scenario-machine';

/** The exercise's stages, as the room's flow can stand at them. */
export type FlowStage = 'briefing' | 'choosing' | 'predicting' | 'revealed' | 'debrief';

/** The facilitator's walk: the exercise machine's state, as data (replayable, serialisable). */
export interface Flow {
  readonly value: FlowStage;
  readonly context: ExerciseContext;
}

export interface Participant {
  /** What the learner asked to be called, or null (a nickname is never required). */
  readonly nickname: string | null;
}

export interface RoomContext {
  readonly flow: Flow;
  /** Everyone who has joined, by participant id (a random id; no personal data). */
  readonly participants: Readonly<Record<string, Participant>>;
  /** Votes: decision node id → participant id → option id. */
  readonly votes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Predictions about the option the room follows: decision node id → participant id → prediction. */
  readonly predictions: Readonly<Record<string, Readonly<Record<string, Prediction>>>>;
  /** Decisions whose answer has been shown, with the option shown: predictions there are locked. */
  readonly revealed: Readonly<Record<string, string>>;
}

export type RoomEvent =
  | { type: 'room.join'; participantId: string; nickname: string | null }
  | { type: 'room.vote'; participantId: string; optionId: string }
  | { type: 'room.predict'; participantId: string; prediction: Prediction }
  | { type: 'room.start' }
  | { type: 'room.follow'; optionId: string }
  | { type: 'room.reveal' }
  | { type: 'room.next' }
  | { type: 'room.back' }
  | { type: 'room.close' };

/** Events only the facilitator may send. */
export const FACILITATOR_EVENTS = [
  'room.start',
  'room.follow',
  'room.reveal',
  'room.next',
  'room.back',
  'room.close',
] as const satisfies readonly RoomEvent['type'][];

export type FacilitatorEvent = Extract<RoomEvent, { type: (typeof FACILITATOR_EVENTS)[number] }>;

/** The exercise event a facilitator's room event stands for, if any. */
function flowEventOf(event: RoomEvent): ExerciseEvent | undefined {
  switch (event.type) {
    case 'room.start':
      return { type: 'exercise.start' };
    case 'room.follow':
      return { type: 'exercise.choose', optionId: event.optionId };
    case 'room.reveal':
      return { type: 'exercise.reveal' };
    case 'room.next':
      return { type: 'exercise.next' };
    case 'room.back':
      return { type: 'exercise.back' };
    default:
      return undefined;
  }
}

/**
 * The room's flow machine and what it needs to answer "which decision is the room at?": shared by
 * the room machine and the views of its snapshots.
 */
export interface RoomFlow {
  readonly exercise: ExerciseMachine;
  readonly scenarioMachine: ScenarioMachine;
}

export function roomFlow(scenario: ExerciseScenario): RoomFlow {
  return {
    exercise: buildExerciseMachine(scenario, { requirePrediction: false }),
    scenarioMachine: buildScenarioMachine(scenario),
  };
}

/**
 * The decision the room is at: the one the path leads to while choosing, the one chosen at
 * while predicting or revealed; none in the lobby or at the debrief.
 */
export function decisionOf(machines: RoomFlow, flow: Flow): string | undefined {
  if (flow.context.pending) return flow.context.pending.nodeId;
  if (flow.value !== 'choosing') return undefined;
  const resolved = resolvePath(machines.scenarioMachine, flow.context.path);
  return resolved.ok ? currentNodeId(resolved.snapshot) : undefined;
}

export function buildRoomMachine(
  scenario: ExerciseScenario,
  machines: RoomFlow = roomFlow(scenario),
) {
  const { exercise } = machines;
  const flowSnapshot = (flow: Flow): ExerciseSnapshot => exercise.resolveState(flow);
  const step = (flow: Flow, event: ExerciseEvent): Flow => {
    const [next] = transition(exercise, flowSnapshot(flow), event);
    return { value: next.value as FlowStage, context: next.context };
  };
  const decisionAt = (flow: Flow) => decisionOf(machines, flow);
  const initialFlow = initialTransition(exercise)[0];
  // While the room is open, anyone new may join and the facilitator may close it.
  const whileOpen = {
    'room.join': { guard: 'newParticipant', actions: 'join' },
    'room.close': { target: '#room-closed' },
  } as const;

  return setup({
    types: { context: {} as RoomContext, events: {} as RoomEvent },
    guards: {
      /** The exercise allows the facilitator's step from where the flow stands. */
      flowAllows: ({ context, event }) => {
        const flowEvent = flowEventOf(event);
        return flowEvent !== undefined && flowSnapshot(context.flow).can(flowEvent);
      },
      /** …and that step ends the walk (the next step is the debrief). */
      flowEnds: ({ context, event }) => {
        const flowEvent = flowEventOf(event);
        return flowEvent !== undefined && step(context.flow, flowEvent).value === 'debrief';
      },
      newParticipant: ({ context, event }) =>
        event.type === 'room.join' && context.participants[event.participantId] === undefined,
      validVote: ({ context, event }) =>
        event.type === 'room.vote' &&
        context.participants[event.participantId] !== undefined &&
        flowSnapshot(context.flow).can({ type: 'exercise.choose', optionId: event.optionId }),
      validPrediction: ({ context, event }) => {
        if (event.type !== 'room.predict') return false;
        const pending = context.flow.context.pending;
        if (!pending || context.participants[event.participantId] === undefined) return false;
        if (context.revealed[pending.nodeId] === pending.optionId) return false;
        return flowSnapshot(context.flow).can({
          type: 'exercise.predict',
          prediction: event.prediction,
        });
      },
    },
    actions: {
      /** Advances the flow by the facilitator's step. */
      advanceFlow: assign({
        flow: ({ context, event }) => {
          const flowEvent = flowEventOf(event);
          return flowEvent ? step(context.flow, flowEvent) : context.flow;
        },
      }),
      join: assign({
        participants: ({ context, event }) =>
          event.type === 'room.join'
            ? { ...context.participants, [event.participantId]: { nickname: event.nickname } }
            : context.participants,
      }),
      /** Records the vote (replacing any earlier one) and recounts the decision's tally. */
      vote: assign(({ context, event }) => {
        if (event.type !== 'room.vote') return {};
        const nodeId = decisionAt(context.flow);
        if (!nodeId) return {};
        const votes = {
          ...context.votes,
          [nodeId]: { ...context.votes[nodeId], [event.participantId]: event.optionId },
        };
        let flow = context.flow;
        for (const optionId of new Set([
          event.optionId,
          ...Object.keys(context.flow.context.tallies[nodeId] ?? {}),
        ])) {
          const count = Object.values(votes[nodeId] ?? {}).filter((o) => o === optionId).length;
          flow = step(flow, { type: 'exercise.tally', nodeId, optionId, count });
        }
        return { votes, flow };
      }),
      predict: assign({
        predictions: ({ context, event }) => {
          const pending = context.flow.context.pending;
          if (event.type !== 'room.predict' || !pending) return context.predictions;
          return {
            ...context.predictions,
            [pending.nodeId]: {
              ...context.predictions[pending.nodeId],
              [event.participantId]: event.prediction,
            },
          };
        },
      }),
      /** The answer is shown: predictions at this decision, about this option, are locked. */
      lock: assign({
        revealed: ({ context }) => {
          const pending = context.flow.context.pending;
          return pending
            ? { ...context.revealed, [pending.nodeId]: pending.optionId }
            : context.revealed;
        },
      }),
      /**
       * The room's choice is withdrawn (back from predicting to choosing): the predictions made
       * about it, and its lock, go with it, since they were about an option no longer followed.
       */
      forgetChoice: assign(({ context }) => {
        const pending = context.flow.context.pending;
        if (!pending) return {};
        const { [pending.nodeId]: _predictions, ...predictions } = context.predictions;
        const { [pending.nodeId]: _revealed, ...revealed } = context.revealed;
        void _predictions;
        void _revealed;
        return { predictions, revealed };
      }),
    },
  }).createMachine({
    id: `${scenario.id}-room`,
    context: {
      flow: { value: initialFlow.value as FlowStage, context: initialFlow.context },
      participants: {},
      votes: {},
      predictions: {},
      revealed: {},
    },
    initial: 'lobby',
    states: {
      lobby: {
        on: {
          ...whileOpen,
          'room.start': { guard: 'flowAllows', target: 'choosing', actions: 'advanceFlow' },
        },
      },
      choosing: {
        on: {
          ...whileOpen,
          'room.vote': { guard: 'validVote', actions: 'vote' },
          'room.follow': { guard: 'flowAllows', target: 'predicting', actions: 'advanceFlow' },
          'room.back': { guard: 'flowAllows', target: 'revealed', actions: 'advanceFlow' },
        },
      },
      predicting: {
        on: {
          ...whileOpen,
          'room.predict': { guard: 'validPrediction', actions: 'predict' },
          'room.reveal': {
            guard: 'flowAllows',
            target: 'revealed',
            actions: ['advanceFlow', 'lock'],
          },
          'room.back': {
            guard: 'flowAllows',
            target: 'choosing',
            actions: ['forgetChoice', 'advanceFlow'],
          },
        },
      },
      revealed: {
        on: {
          ...whileOpen,
          'room.next': [
            { guard: 'flowEnds', target: 'debrief', actions: 'advanceFlow' },
            { guard: 'flowAllows', target: 'choosing', actions: 'advanceFlow' },
          ],
          'room.back': { guard: 'flowAllows', target: 'predicting', actions: 'advanceFlow' },
        },
      },
      debrief: {
        on: {
          ...whileOpen,
          'room.back': { guard: 'flowAllows', target: 'revealed', actions: 'advanceFlow' },
        },
      },
      // Closed is final: the room accepts nothing more.
      closed: { id: 'room-closed', type: 'final' },
    },
  });
}

export type RoomMachine = ReturnType<typeof buildRoomMachine>;
export type RoomSnapshot = SnapshotFrom<RoomMachine>;

/**
 * Where the facilitator's walk stands, as one string: the stage, the path and the option the room
 * follows. A facilitator's command names the position it was given at; if the walk has moved on
 * since (another screen, another instance, a retry after an unknown outcome), it is refused and
 * the facilitator is shown the new state, so a command is never applied twice or out of turn.
 */
export function positionOf(snapshot: RoomSnapshot): string {
  const { flow } = snapshot.context;
  const stage = snapshot.status === 'done' ? 'closed' : String(snapshot.value);
  return `${stage}:${flow.context.path.join('/')}:${flow.context.pending?.optionId ?? ''}`;
}
