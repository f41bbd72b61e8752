/**
 * What each screen of a live room is sent: views of the room machine's snapshot, one for the
 * facilitator's projector and one per participant's phone. Pure, and shared by the server (which
 * streams them) and the browser (which renders them). A phone's view holds only what that
 * participant may see: its own vote and prediction, the room's counts once revealed, never
 * anyone else's words or name.
 */
import type { Prediction } from '@/machines/exercise-machine';
import { isCorrect } from '@/machines/exercise-machine';
import type { ExerciseScenario } from '@/machines/exercise-machine';
import { decisionOf, positionOf, type RoomFlow, type RoomSnapshot } from '@/machines/room-machine';

export type RoomStatus = 'lobby' | 'choosing' | 'predicting' | 'revealed' | 'debrief' | 'closed';

/** The decision the room is at: its node, its number on the path (1-based). */
export interface DecisionRef {
  readonly nodeId: string;
  readonly number: number;
}

/** How a room's predictions at one decision came out. */
export interface PredictionTally {
  /** Participants who predicted. */
  readonly made: number;
  /** Picks the text's own ties count as right; null where nothing is scored there. */
  readonly right: number | null;
  /** Picks by claim id ('' for "the text says nothing of its own"). */
  readonly picks: Readonly<Record<string, number>>;
  /** Predictions in the participants' own words, with their nicknames where given. */
  readonly words: readonly { readonly text: string; readonly nickname: string | null }[];
}

/** One decision the room has passed through, for the live screen and the debrief. */
export interface DecisionRecord {
  readonly nodeId: string;
  /** The option the room followed. */
  readonly optionId: string;
  /** Votes by option id (every option, zero included). */
  readonly votes: Readonly<Record<string, number>>;
  readonly voted: number;
  readonly predictions: PredictionTally;
}

export interface PresenterView {
  /** The log position this view reflects (also the SSE event id). */
  readonly seq: number;
  readonly status: RoomStatus;
  /** Where the walk stands (positionOf): the facilitator's next command names it. */
  readonly position: string;
  /** Options followed so far (the walk's path). */
  readonly path: readonly string[];
  readonly decision: DecisionRef | undefined;
  /** The option the room follows at this decision, once the facilitator has picked it. */
  readonly followed: string | undefined;
  readonly participants: number;
  /** Votes at this decision by option id, and how many have voted. */
  readonly votes: Readonly<Record<string, number>>;
  readonly voted: number;
  /** The option with most votes (first in the decision's order on a tie); undefined before any. */
  readonly majority: string | undefined;
  /** Whether another option has as many votes as the majority. */
  readonly tied: boolean;
  /** Predictions at this decision, once the room follows an option. */
  readonly predictions: PredictionTally | undefined;
  /** Every decision passed, in order (the room's split and predictions against the text). */
  readonly history: readonly DecisionRecord[];
  /** What the machine lets the facilitator do now: the only buttons and keys on offer. */
  readonly can: {
    readonly start: boolean;
    readonly follow: readonly string[];
    readonly reveal: boolean;
    readonly next: boolean;
    readonly back: boolean;
    readonly close: boolean;
  };
}

export interface ParticipantView {
  readonly seq: number;
  readonly status: RoomStatus;
  readonly path: readonly string[];
  readonly decision: DecisionRef | undefined;
  readonly followed: string | undefined;
  /** Whether this participant has joined (a page may be open before joining). */
  readonly joined: boolean;
  readonly nickname: string | null;
  readonly participants: number;
  /** This participant's vote at this decision. */
  readonly vote: string | undefined;
  /** This participant's prediction at this decision. */
  readonly prediction: Prediction | undefined;
  /** The answer has been shown: the prediction can no longer change. */
  readonly locked: boolean;
  /** The room's votes at this decision, shown on the phone once the answer is revealed. */
  readonly votes: Readonly<Record<string, number>> | undefined;
  /** This participant's own walk so far: the room's choice and their prediction at each. */
  readonly own: readonly {
    readonly nodeId: string;
    readonly optionId: string;
    readonly prediction: Prediction | null;
  }[];
}

export function statusOf(snapshot: RoomSnapshot): RoomStatus {
  return snapshot.status === 'done' ? 'closed' : (snapshot.value as RoomStatus);
}

function decisionRef(machines: RoomFlow, snapshot: RoomSnapshot): DecisionRef | undefined {
  const status = statusOf(snapshot);
  if (status !== 'choosing' && status !== 'predicting' && status !== 'revealed') return undefined;
  const nodeId = decisionOf(machines, snapshot.context.flow);
  return nodeId ? { nodeId, number: snapshot.context.flow.context.path.length + 1 } : undefined;
}

function countVotes(
  scenario: ExerciseScenario,
  nodeId: string,
  votes: Readonly<Record<string, string>> | undefined,
): { votes: Record<string, number>; voted: number } {
  const node = scenario.nodes[nodeId];
  const counts: Record<string, number> = {};
  if (node?.kind === 'decision') for (const o of node.options) counts[o.id] = 0;
  let voted = 0;
  for (const optionId of Object.values(votes ?? {})) {
    counts[optionId] = (counts[optionId] ?? 0) + 1;
    voted += 1;
  }
  return { votes: counts, voted };
}

function tallyPredictions(
  scenario: ExerciseScenario,
  snapshot: RoomSnapshot,
  nodeId: string,
  optionId: string,
): PredictionTally {
  const made = snapshot.context.predictions[nodeId] ?? {};
  const picks: Record<string, number> = {};
  const words: { text: string; nickname: string | null }[] = [];
  let right = 0;
  let scored = false;
  for (const [participantId, p] of Object.entries(made)) {
    if (p.kind === 'text') {
      words.push({
        text: p.text,
        nickname: snapshot.context.participants[participantId]?.nickname ?? null,
      });
      continue;
    }
    const key = p.claimId ?? '';
    picks[key] = (picks[key] ?? 0) + 1;
    const correct = isCorrect(scenario, nodeId, optionId, p);
    if (correct !== null) scored = true;
    if (correct === true) right += 1;
  }
  return { made: Object.keys(made).length, right: scored ? right : null, picks, words };
}

/** The decisions passed on the path, each with its votes and predictions. */
function historyOf(scenario: ExerciseScenario, snapshot: RoomSnapshot): DecisionRecord[] {
  return snapshot.context.flow.context.records.map((r) => {
    const { votes, voted } = countVotes(scenario, r.nodeId, snapshot.context.votes[r.nodeId]);
    return {
      nodeId: r.nodeId,
      optionId: r.optionId,
      votes,
      voted,
      predictions: tallyPredictions(scenario, snapshot, r.nodeId, r.optionId),
    };
  });
}

export function presenterView(
  scenario: ExerciseScenario,
  machines: RoomFlow,
  snapshot: RoomSnapshot,
  seq: number,
): PresenterView {
  const decision = decisionRef(machines, snapshot);
  const followed = snapshot.context.flow.context.pending?.optionId;
  const { votes, voted } = decision
    ? countVotes(scenario, decision.nodeId, snapshot.context.votes[decision.nodeId])
    : { votes: {}, voted: 0 };
  let majority: string | undefined;
  for (const [optionId, n] of Object.entries(votes)) {
    if (n > 0 && (majority === undefined || n > (votes[majority] ?? 0))) majority = optionId;
  }
  const tied =
    majority !== undefined &&
    Object.entries(votes).some(([o, n]) => o !== majority && n === votes[majority]);
  return {
    seq,
    status: statusOf(snapshot),
    position: positionOf(snapshot),
    path: snapshot.context.flow.context.path,
    decision,
    followed,
    participants: Object.keys(snapshot.context.participants).length,
    votes,
    voted,
    majority,
    tied,
    predictions:
      decision && followed
        ? tallyPredictions(scenario, snapshot, decision.nodeId, followed)
        : undefined,
    history: historyOf(scenario, snapshot),
    can: {
      start: snapshot.can({ type: 'room.start' }),
      follow: decision
        ? optionsOf(scenario, decision.nodeId).filter((optionId) =>
            snapshot.can({ type: 'room.follow', optionId }),
          )
        : [],
      reveal: snapshot.can({ type: 'room.reveal' }),
      next: snapshot.can({ type: 'room.next' }),
      back: snapshot.can({ type: 'room.back' }),
      close: snapshot.can({ type: 'room.close' }),
    },
  };
}

function optionsOf(scenario: ExerciseScenario, nodeId: string): string[] {
  const node = scenario.nodes[nodeId];
  return node?.kind === 'decision' ? node.options.map((o) => o.id) : [];
}

/** What every phone's view shares at one state of the room, worked out once per state. */
interface SharedParticipantView {
  readonly status: ParticipantView['status'];
  readonly decision: ParticipantView['decision'];
  readonly participants: number;
  readonly locked: boolean;
  readonly votes: ParticipantView['votes'];
}

/**
 * Snapshots are immutable, and each state of a room is one snapshot object: the shared part of
 * the phones' views is kept per snapshot, so a change seen by 300 phones is worked out once
 * (finding the decision replays the scenario machine), not 300 times.
 */
const sharedViews = new WeakMap<RoomSnapshot, SharedParticipantView>();

function sharedParticipantView(
  scenario: ExerciseScenario,
  machines: RoomFlow,
  snapshot: RoomSnapshot,
): SharedParticipantView {
  let shared = sharedViews.get(snapshot);
  if (!shared) {
    const { context } = snapshot;
    const decision = decisionRef(machines, snapshot);
    const status = statusOf(snapshot);
    const pending = context.flow.context.pending;
    const at = decision?.nodeId;
    shared = {
      status,
      decision,
      participants: Object.keys(context.participants).length,
      locked: pending !== null && context.revealed[pending.nodeId] === pending.optionId,
      votes:
        at && status === 'revealed' ? countVotes(scenario, at, context.votes[at]).votes : undefined,
    };
    sharedViews.set(snapshot, shared);
  }
  return shared;
}

export function participantView(
  scenario: ExerciseScenario,
  machines: RoomFlow,
  snapshot: RoomSnapshot,
  seq: number,
  participantId: string | undefined,
): ParticipantView {
  const { context } = snapshot;
  const shared = sharedParticipantView(scenario, machines, snapshot);
  const me = participantId ? context.participants[participantId] : undefined;
  const at = shared.decision?.nodeId;
  return {
    seq,
    status: shared.status,
    path: context.flow.context.path,
    decision: shared.decision,
    followed: context.flow.context.pending?.optionId,
    joined: me !== undefined,
    nickname: me?.nickname ?? null,
    participants: shared.participants,
    vote: at && participantId ? context.votes[at]?.[participantId] : undefined,
    prediction: at && participantId ? context.predictions[at]?.[participantId] : undefined,
    locked: shared.locked,
    votes: shared.votes,
    own: context.flow.context.records.map((r) => ({
      nodeId: r.nodeId,
      optionId: r.optionId,
      prediction: (participantId && context.predictions[r.nodeId]?.[participantId]) || null,
    })),
  };
}
