/**
 * A live room's debrief as data: the path the room took, its split at each decision, its
 * predictions beside what the text says, and, where the path reached an outcome, the debrief the
 * solo exercise has (every quotation with its location and tie). The room debrief page renders
 * it; the export route turns it into Markdown, CSV and JSON. Pure.
 */
import type { RoomRow } from '@/app/_server/store/types';
import { gradingOf } from '@/machines/answers';
import { isCorrect, type Prediction } from '@/machines/exercise-machine';
import type { RoomSnapshot } from '@/machines/room-machine';
import { buildDebrief, toMarkdown, type DebriefReport } from './debrief-report';
import { presenterView } from './room-views';
import type { ScenarioRuntime } from './runtime';
import { strings } from './strings';
import { toExerciseScenario, toTraining } from './training';
import { roomFlow } from '@/machines/room-machine';

const t = strings.room;

export interface RoomDecisionReport {
  readonly number: number;
  readonly nodeId: string;
  readonly decision: string;
  readonly followed: string;
  /** Votes by option label, every option. */
  readonly votes: readonly { readonly option: string; readonly count: number }[];
  readonly voted: number;
  /** Predictions made; right picks (null: nothing scored at this choice); picks by label. */
  readonly predictions: {
    readonly made: number;
    readonly right: number | null;
    readonly picks: readonly {
      readonly said: string;
      readonly count: number;
      readonly textsAnswer: boolean;
    }[];
    readonly words: readonly { readonly text: string; readonly by: string }[];
  };
}

export interface RoomReport {
  readonly code: string;
  readonly scenario: { readonly id: string; readonly title: string };
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly participants: number;
  readonly path: readonly string[];
  readonly pathLabel: string;
  readonly decisions: readonly RoomDecisionReport[];
  /** The solo debrief of the room's path, when it ends at an outcome (with the room's votes). */
  readonly debrief: DebriefReport | undefined;
  /** One row per participant per decision: the CSV. */
  readonly rows: readonly RoomRowReport[];
}

export interface RoomRowReport {
  readonly decisionNumber: number;
  readonly decisionId: string;
  readonly decision: string;
  readonly followed: string;
  readonly participant: string;
  readonly nickname: string;
  readonly vote: string;
  readonly predictionKind: 'claim' | 'words' | 'none';
  readonly prediction: string;
  /** 'yes' / 'no' against the text's own ties; 'unscored' where nothing is; '' with no pick. */
  readonly matches: 'yes' | 'no' | 'unscored' | '';
}

export function buildRoomReport(
  runtime: ScenarioRuntime,
  row: RoomRow,
  snapshot: RoomSnapshot,
  seq: number,
): RoomReport {
  const { scenario } = runtime;
  const exercise = toExerciseScenario(toTraining(scenario));
  const view = presenterView(exercise, roomFlow(exercise), snapshot, seq);
  const participants = Object.entries(snapshot.context.participants);
  const label = (nodeId: string, optionId: string) => {
    const node = scenario.nodes[nodeId];
    return node?.kind === 'decision'
      ? (node.options.find((o) => o.id === optionId)?.label ?? optionId)
      : optionId;
  };
  const said = (p: Prediction) =>
    p.kind === 'text'
      ? p.text
      : p.claimId === null
        ? strings.predictNothing
        : (scenario.claims[p.claimId]?.label ?? p.claimId);
  const who = (participantId: string) => {
    const at = participants.findIndex(([id]) => id === participantId);
    return participants[at]?.[1].nickname ?? `${t.anonymous} ${at + 1}`;
  };

  const decisions = view.history.map((h, i): RoomDecisionReport => {
    const node = scenario.nodes[h.nodeId];
    const grading = gradingOf(exercise, h.nodeId, h.optionId);
    return {
      number: i + 1,
      nodeId: h.nodeId,
      decision: node?.title ?? h.nodeId,
      followed: label(h.nodeId, h.optionId),
      votes:
        node?.kind === 'decision'
          ? node.options.map((o) => ({ option: o.label, count: h.votes[o.id] ?? 0 }))
          : [],
      voted: h.voted,
      predictions: {
        made: h.predictions.made,
        right: h.predictions.right,
        picks: Object.entries(h.predictions.picks)
          .sort((a, b) => b[1] - a[1])
          .map(([id, count]) => ({
            said: said({ kind: 'candidate', claimId: id === '' ? null : id }),
            count,
            textsAnswer: grading.scored && grading.right.includes(id === '' ? null : id),
          })),
        words: Object.entries(snapshot.context.predictions[h.nodeId] ?? {}).flatMap(([pid, p]) =>
          p.kind === 'text' ? [{ text: p.text, by: who(pid) }] : [],
        ),
      },
    };
  });

  const rows = decisions.flatMap((d) => {
    const followedId = view.history[d.number - 1]?.optionId ?? '';
    return participants.map(([pid, participant], at): RoomRowReport => {
      const voteId = snapshot.context.votes[d.nodeId]?.[pid];
      const p = snapshot.context.predictions[d.nodeId]?.[pid];
      const correct = p ? isCorrect(exercise, d.nodeId, followedId, p) : undefined;
      return {
        decisionNumber: d.number,
        decisionId: d.nodeId,
        decision: d.decision,
        followed: d.followed,
        participant: `${at + 1}`,
        nickname: participant.nickname ?? '',
        vote: voteId ? label(d.nodeId, voteId) : '',
        predictionKind: !p ? 'none' : p.kind === 'text' ? 'words' : 'claim',
        prediction: p ? said(p) : '',
        matches:
          correct === undefined
            ? ''
            : correct === null
              ? p?.kind === 'text'
                ? ''
                : 'unscored'
              : correct
                ? 'yes'
                : 'no',
      };
    });
  });

  const tallies = Object.fromEntries(view.history.map((h) => [h.nodeId, { ...h.votes }]));
  return {
    code: row.code,
    scenario: { id: scenario.id, title: scenario.title },
    openedAt: new Date(row.createdAt).toISOString(),
    closedAt: row.closedAt === null ? null : new Date(row.closedAt).toISOString(),
    participants: participants.length,
    path: view.path,
    pathLabel: view.history.map((h) => label(h.nodeId, h.optionId)).join(' → '),
    decisions,
    debrief: buildDebrief(runtime, view.path, { tallies }),
    rows,
  };
}

/** The CSV's columns, in order, with what each holds (documented for teachers in the README). */
export const ROOM_CSV_COLUMNS = [
  ['room', 'the room code'],
  ['decision_number', '1 for the first decision on the path'],
  ['decision_id', 'the decision’s id in the scenario'],
  ['decision', 'the decision’s title'],
  ['room_followed', 'the option the room went with'],
  ['participant', 'the participant’s number, in the order they joined'],
  ['nickname', 'the nickname they gave, or empty'],
  ['vote', 'the option they voted for, or empty'],
  ['prediction_kind', 'claim (picked one), words (own words) or none'],
  ['prediction', 'the claim’s label, or their words'],
  ['matches_text', 'yes / no against what the text ties to the choice; unscored where nothing is'],
] as const;

function csvCell(value: string | number): string {
  const text = String(value);
  // Quote everything that needs it, and defuse a leading =, +, - or @ (spreadsheet formulas).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function roomCsv(report: RoomReport): string {
  const lines = [ROOM_CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const r of report.rows) {
    lines.push(
      [
        report.code,
        r.decisionNumber,
        r.decisionId,
        r.decision,
        r.followed,
        r.participant,
        r.nickname,
        r.vote,
        r.predictionKind,
        r.prediction,
        r.matches,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function roomMarkdown(report: RoomReport, origin: string): string {
  const lines = [
    `# ${t.debriefTitle(report.scenario.title, report.code)}`,
    '',
    `${t.participantsHere(report.participants)}. ${strings.yourPath}: ${report.pathLabel || '—'}.`,
    '',
    `## ${t.splitHeading}`,
    '',
  ];
  for (const d of report.decisions) {
    lines.push(`### ${strings.present.decisionNumber(d.number)}: ${d.decision}`, '');
    for (const v of d.votes) {
      lines.push(
        `- ${v.option}: ${v.count}${v.option === d.followed ? ` (${strings.present.chosen})` : ''}`,
      );
    }
    lines.push('');
  }
  lines.push(`## ${t.predictionsHeading}`, '');
  for (const d of report.decisions) {
    lines.push(
      `### ${strings.present.decisionNumber(d.number)}: ${d.decision} → ${d.followed}`,
      '',
    );
    if (d.predictions.made === 0) {
      lines.push(t.noPredictions, '');
      continue;
    }
    lines.push(
      d.predictions.right === null
        ? t.notScoredHere
        : t.rightOf(d.predictions.right, d.predictions.made - d.predictions.words.length),
      '',
    );
    for (const p of d.predictions.picks) {
      lines.push(
        `- ${p.said}: ${t.pickedBy(p.count)}${p.textsAnswer ? ` (${t.theTextsAnswer})` : ''}`,
      );
    }
    if (d.predictions.words.length > 0) {
      lines.push('', `${t.ownWords}:`, '');
      for (const w of d.predictions.words) lines.push(`- ${w.text} (${w.by})`);
    }
    lines.push('');
  }
  if (report.debrief) {
    // The path's own debrief: every quotation met, with its location and tie.
    lines.push(toMarkdown(report.debrief, origin).replace(/^# /, '## '));
  }
  return lines.join('\n');
}
