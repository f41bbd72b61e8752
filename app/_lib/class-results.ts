/**
 * A class's results, for either kind of room: how many chose each option at each decision, what
 * they expected the text to say beside what it says, which claim kinds they confuse, how many
 * finished, and how long each decision took. The input is one entry per learner's run (a
 * self-paced room) or per participant (a live room, where "chose" is their vote and every
 * prediction is about the option the room followed). Pure; the results page, its exports and
 * the benchmark all use it.
 *
 * Each learner counts once in the figures: their latest run that was not given up (an earlier
 * attempt stays in the CSV, marked). Predictions are graded as the exercise grades them: only
 * against consequences the text ties to the choice in its own words.
 */
import type { Claim, DecisionNode, ScenarioNode } from '@/content/parse';
import type { ClaimKind } from '@/content/schema';
import { answerClaims, answerFor, gradingOf } from '@/machines/answers';
import type { Prediction } from '@/machines/exercise-machine';
import type { RoomMode } from '@/app/_server/store/types';
import { strings } from './strings';

/** What one learner did at one decision. */
export interface LearnerStep {
  readonly nodeId: string;
  /** The option they chose (self-paced) or voted for (live); null if they did not vote. */
  readonly chose: string | null;
  /** The option their prediction was about: their choice, or the one the room followed. */
  readonly about: string;
  readonly prediction: Prediction | null;
  /** Graded as the exercise grades it; null where nothing is scored. */
  readonly correct: boolean | null;
  readonly kindGuesses: Readonly<Record<string, ClaimKind>>;
  /** From arriving at the decision to its reveal; null in a live room (the facilitator paces it). */
  readonly ms: number | null;
}

export type EntryStatus = 'finished' | 'going' | 'abandoned' | 'live';

/** One learner's run (self-paced) or one participant (live). */
export interface LearnerEntry {
  /** Unique in the room: the run's id, or the participant's. */
  readonly key: string;
  /** The learner's number in the room, in the order they first appeared (1, 2, …). */
  readonly learner: number;
  readonly nickname: string | null;
  /** 1 for a learner's first run, 2 for the next, … */
  readonly attempt: number;
  readonly status: EntryStatus;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly steps: readonly LearnerStep[];
}

/** A run with no step for this long counts as stopped partway. */
export const IDLE_AFTER_MS = 24 * 3_600_000;

export interface OptionBar {
  readonly optionId: string;
  readonly label: string;
  readonly count: number;
  /** count / the decision's total, 0 when nobody chose. */
  readonly share: number;
}

export interface DecisionResult {
  readonly nodeId: string;
  readonly title: string;
  /** Learners who chose (or voted) at this decision. */
  readonly total: number;
  readonly options: readonly OptionBar[];
  /** Median seconds from arriving at the decision to its reveal; null with no timings. */
  readonly medianSeconds: number | null;
  /** Live rooms: the option the room followed. */
  readonly followed: string | null;
}

export interface WordsResult {
  /** Hides these words (room settings): `entryKey:nodeId`. */
  readonly key: string;
  readonly text: string;
  readonly by: string;
  readonly hidden: boolean;
}

export interface ChoiceResult {
  readonly nodeId: string;
  readonly decision: string;
  readonly optionId: string;
  readonly option: string;
  /** Whether predictions here are scored (the text ties something to the choice in its words). */
  readonly scored: boolean;
  /** Predictions made about this choice (picks and own words). */
  readonly made: number;
  /** Picks that match what the text ties here; null where nothing is scored. */
  readonly right: number | null;
  /**
   * Each claim placed on this choice, and how many predicted it; `tie` says whether the text
   * attaches it in its own words ('stated') or our reading puts it here ('inferred').
   */
  readonly theText: readonly {
    readonly claimId: string;
    readonly label: string;
    readonly count: number;
    readonly tie: 'stated' | 'inferred';
  }[];
  /** "Nothing follows": how many said so, and whether that is the text's answer (it is silent). */
  readonly nothing: { readonly count: number; readonly textsAnswer: boolean };
  /** Claims predicted here that the text does not put on this choice. */
  readonly beyond: readonly {
    readonly claimId: string;
    readonly label: string;
    readonly count: number;
  }[];
  readonly beyondCount: number;
  readonly words: readonly WordsResult[];
}

export interface KindConfusion {
  readonly kind: ClaimKind;
  readonly answered: ClaimKind;
  readonly count: number;
  /** Answers given for claims of `kind`. */
  readonly of: number;
}

export interface ClassResults {
  readonly room: {
    readonly code: string;
    readonly mode: RoomMode;
    readonly openedAt: string;
    readonly endsAt: string;
    readonly closedAt: string | null;
    readonly open: boolean;
  };
  readonly scenario: { readonly id: string; readonly title: string };
  readonly counts: {
    readonly learners: number;
    readonly runs: number;
    readonly finished: number;
    /** Runs given up for a new one. */
    readonly startedOver: number;
    /** Not finished, a step within the last day, room still open. */
    readonly going: number;
    /** Not finished, and no step for a day or the room has ended. */
    readonly stopped: number;
  };
  readonly decisions: readonly DecisionResult[];
  readonly choices: readonly ChoiceResult[];
  readonly kinds: {
    readonly answered: number;
    readonly right: number;
    readonly byKind: readonly {
      readonly kind: ClaimKind;
      readonly answered: number;
      readonly right: number;
    }[];
    /** Wrong answers, most frequent first. */
    readonly confusions: readonly KindConfusion[];
  };
  readonly rows: readonly ClassRow[];
}

/** One CSV row: one learner's run at one decision. */
export interface ClassRow {
  readonly learner: number;
  readonly nickname: string;
  readonly attempt: number;
  readonly runStatus: EntryStatus;
  readonly counted: boolean;
  readonly decisionNumber: number;
  readonly decisionId: string;
  readonly decision: string;
  readonly chose: string;
  readonly predictionAbout: string;
  readonly predictionKind: 'claim' | 'nothing' | 'words' | 'none';
  readonly prediction: string;
  readonly matchesText: 'yes' | 'no' | 'unscored' | '';
  readonly kindsNamed: number;
  readonly kindsRight: number;
  readonly seconds: number | null;
  readonly wordsHidden: boolean;
}

/** The part of a scenario results read: its nodes, claims and title. */
export interface ResultsScenario {
  readonly id: string;
  readonly title: string;
  readonly start: string;
  readonly nodes: Readonly<Record<string, ScenarioNode>>;
  readonly claims: Readonly<Record<string, Claim>>;
}

/** The room row fields results show. */
export interface ResultsRoom {
  readonly code: string;
  readonly mode: RoomMode;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly closedAt: number | null;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** The words the facilitator has hidden, from a room's settings. */
export function hiddenWordsOf(settings: Readonly<Record<string, unknown>>): string[] {
  const hidden = settings.hiddenWords;
  return Array.isArray(hidden) ? hidden.filter((k): k is string => typeof k === 'string') : [];
}

export const wordsKey = (entryKey: string, nodeId: string) => `${entryKey}:${nodeId}`;

/** A decision where the results meet it: its id, and the options chosen on the way to it. */
export type DecisionOnPath = DecisionNode & {
  readonly id: string;
  /** The labels of the options that lead to it from the start (the first way found). */
  readonly after: readonly string[];
};

/**
 * The decisions in the order a walk meets them (breadth first from the start), each with the way
 * to it: two decisions may share a title ("Pressure or partnership" after either first choice),
 * and the way tells them apart.
 */
export function decisionsInOrder(scenario: ResultsScenario): DecisionOnPath[] {
  const seen = new Set<string>();
  const queue: { id: string; after: readonly string[] }[] = [{ id: scenario.start, after: [] }];
  const out: DecisionOnPath[] = [];
  while (queue.length > 0) {
    const { id, after } = queue.shift() as { id: string; after: readonly string[] };
    if (seen.has(id)) continue;
    seen.add(id);
    const node = scenario.nodes[id];
    if (!node) continue;
    if (node.kind === 'decision') {
      out.push({ ...node, id, after });
      queue.push(...node.options.map((o) => ({ id: o.next, after: [...after, o.label] })));
    } else if (node.kind === 'briefing') {
      queue.push({ id: node.next, after });
    }
  }
  return out;
}

/** A decision's title with the way to it, where there is one: "<title>, after “<option>”". */
export function decisionHeading(decision: { title: string; after: readonly string[] }): string {
  return decision.after.length === 0
    ? decision.title
    : strings.results.after(decision.title, decision.after);
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The entries that speak for their learners: each learner's latest run not given up. */
export function countedEntries(entries: readonly LearnerEntry[]): Set<string> {
  const latest = new Map<number, LearnerEntry>();
  for (const entry of entries) {
    if (entry.status === 'abandoned') continue;
    const before = latest.get(entry.learner);
    if (!before || entry.attempt > before.attempt) latest.set(entry.learner, entry);
  }
  return new Set([...latest.values()].map((e) => e.key));
}

export function buildClassResults(
  scenario: ResultsScenario,
  room: ResultsRoom,
  entries: readonly LearnerEntry[],
  now: number,
  followed: Readonly<Record<string, string>> = {},
): ClassResults {
  const open = room.closedAt === null && room.expiresAt > now;
  const hidden = new Set(hiddenWordsOf(room.settings));
  const counted = countedEntries(entries);
  const live = entries.filter((e) => counted.has(e.key));
  const label = (nodeId: string, optionId: string | null) => {
    if (optionId === null) return '';
    const node = scenario.nodes[nodeId];
    return node?.kind === 'decision'
      ? (node.options.find((o) => o.id === optionId)?.label ?? optionId)
      : optionId;
  };
  const claimLabel = (id: string) => scenario.claims[id]?.label ?? id;
  const who = (entry: LearnerEntry) =>
    entry.nickname ?? `${strings.room.anonymous} ${entry.learner}`;

  const decisions = decisionsInOrder(scenario).map((node): DecisionResult => {
    const steps = live.flatMap((e) => e.steps.filter((s) => s.nodeId === node.id));
    const chosen = steps.filter((s) => s.chose !== null);
    const options = node.options.map((o): OptionBar => {
      const count = chosen.filter((s) => s.chose === o.id).length;
      return {
        optionId: o.id,
        label: o.label,
        count,
        share: chosen.length === 0 ? 0 : count / chosen.length,
      };
    });
    const ms = steps.flatMap((s) => (s.ms === null ? [] : [s.ms]));
    const med = median(ms);
    return {
      nodeId: node.id,
      title: decisionHeading(node),
      total: chosen.length,
      options,
      medianSeconds: med === null ? null : Math.round(med / 1000),
      followed: followed[node.id] ?? null,
    };
  });

  // Per choice (decision and option): the predictions made about it.
  const choices: ChoiceResult[] = [];
  for (const node of decisionsInOrder(scenario)) {
    for (const option of node.options) {
      const about = live.flatMap((e) =>
        e.steps
          .filter((s) => s.nodeId === node.id && s.about === option.id && s.prediction !== null)
          .map((s) => ({ entry: e, step: s, prediction: s.prediction as Prediction })),
      );
      if (about.length === 0) continue;
      const answer = answerFor(scenario, node.id, option.id);
      const own = answerClaims(answer);
      const grading = gradingOf(scenario, node.id, option.id);
      const picks = about.filter((a) => a.prediction.kind === 'candidate');
      const picked = (id: string | null) =>
        picks.filter((a) => a.prediction.kind === 'candidate' && a.prediction.claimId === id)
          .length;
      const beyondIds = [
        ...new Set(
          picks.flatMap((a) =>
            a.prediction.kind === 'candidate' &&
            a.prediction.claimId !== null &&
            !own.includes(a.prediction.claimId)
              ? [a.prediction.claimId]
              : [],
          ),
        ),
      ];
      const beyond = beyondIds
        .map((claimId) => ({ claimId, label: claimLabel(claimId), count: picked(claimId) }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
      choices.push({
        nodeId: node.id,
        decision: decisionHeading(node),
        optionId: option.id,
        option: option.label,
        scored: grading.scored,
        made: about.length,
        right: grading.scored ? picks.filter((a) => a.step.correct === true).length : null,
        theText: [...answer.consequences, ...(answer.ruledOut ? [answer.ruledOut] : [])].map(
          ({ claim: claimId, tie }) => ({
            claimId,
            label: claimLabel(claimId),
            count: picked(claimId),
            tie: tie.kind,
          }),
        ),
        nothing: {
          count: picked(null),
          // Not where the silence is contested: then "nothing" is our placement, not the text's.
          textsAnswer:
            answer.consequences.length === 0 && !answer.ruledOut && !answer.silence?.contested,
        },
        beyond,
        beyondCount: beyond.reduce((n, b) => n + b.count, 0),
        words: about.flatMap(({ entry, prediction }) => {
          if (prediction.kind !== 'text') return [];
          const key = wordsKey(entry.key, node.id);
          return [{ key, text: prediction.text, by: who(entry), hidden: hidden.has(key) }];
        }),
      });
    }
  }

  // Claim kinds: every answer against the claim's kind.
  const pairs = live.flatMap((e) =>
    e.steps.flatMap((s) =>
      Object.entries(s.kindGuesses).flatMap(([claimId, answered]) => {
        const kind = scenario.claims[claimId]?.kind;
        return kind ? [{ kind, answered }] : [];
      }),
    ),
  );
  const kindList = Object.keys(strings.kinds) as ClaimKind[];
  const byKind = kindList.map((kind) => {
    const of = pairs.filter((p) => p.kind === kind);
    return { kind, answered: of.length, right: of.filter((p) => p.answered === kind).length };
  });
  const confusions: KindConfusion[] = [];
  for (const kind of kindList) {
    const of = pairs.filter((p) => p.kind === kind);
    for (const answered of kindList) {
      if (answered === kind) continue;
      const count = of.filter((p) => p.answered === answered).length;
      if (count > 0) confusions.push({ kind, answered, count, of: of.length });
    }
  }
  confusions.sort((a, b) => b.count - a.count || b.count / b.of - a.count / a.of);

  const unfinished = entries.filter((e) => e.status === 'going');
  const stopped = unfinished.filter((e) => !open || now - e.updatedAt > IDLE_AFTER_MS).length;

  const rows = entries.flatMap((entry) =>
    entry.steps.map((step, index): ClassRow => {
      const p = step.prediction;
      const guesses = Object.entries(step.kindGuesses);
      return {
        learner: entry.learner,
        nickname: entry.nickname ?? '',
        attempt: entry.attempt,
        runStatus: entry.status,
        counted: counted.has(entry.key),
        decisionNumber: index + 1,
        decisionId: step.nodeId,
        decision: scenario.nodes[step.nodeId]?.title ?? step.nodeId,
        chose: label(step.nodeId, step.chose),
        predictionAbout: label(step.nodeId, step.about),
        predictionKind: !p
          ? 'none'
          : p.kind === 'text'
            ? 'words'
            : p.claimId === null
              ? 'nothing'
              : 'claim',
        prediction: !p
          ? ''
          : p.kind === 'text'
            ? p.text
            : p.claimId === null
              ? strings.predictNothing
              : claimLabel(p.claimId),
        matchesText:
          !p || p.kind === 'text'
            ? ''
            : step.correct === null
              ? 'unscored'
              : step.correct
                ? 'yes'
                : 'no',
        kindsNamed: guesses.length,
        kindsRight: guesses.filter(([id, k]) => scenario.claims[id]?.kind === k).length,
        seconds: step.ms === null ? null : Math.round(step.ms / 1000),
        wordsHidden: p?.kind === 'text' && hidden.has(wordsKey(entry.key, step.nodeId)),
      };
    }),
  );

  return {
    room: {
      code: room.code,
      mode: room.mode,
      openedAt: new Date(room.createdAt).toISOString(),
      endsAt: new Date(room.expiresAt).toISOString(),
      closedAt: room.closedAt === null ? null : new Date(room.closedAt).toISOString(),
      open,
    },
    scenario: { id: scenario.id, title: scenario.title },
    counts: {
      learners: new Set(entries.map((e) => e.learner)).size,
      runs: entries.length,
      finished: entries.filter((e) => e.status === 'finished').length,
      startedOver: entries.filter((e) => e.status === 'abandoned').length,
      going: unfinished.length - stopped,
      stopped,
    },
    decisions,
    choices,
    kinds: {
      answered: pairs.length,
      right: pairs.filter((p) => p.answered === p.kind).length,
      byKind,
      confusions,
    },
    rows,
  };
}

/** The CSV's columns, in order, with what each holds (documented in the README). */
export const CLASS_CSV_COLUMNS = [
  ['room', 'the room code'],
  ['room_kind', 'live or self-paced'],
  ['learner', 'the learner’s number in the room, in the order they joined'],
  ['nickname', 'the nickname they gave, or empty'],
  ['attempt', '1 for a learner’s first run, 2 for the next (self-paced; always 1 live)'],
  ['run_status', 'finished, going, abandoned (started over) or live'],
  ['counted', 'yes if this run is the one the results count for the learner'],
  ['decision_number', '1 for the first decision on this learner’s path'],
  ['decision_id', 'the decision’s id in the scenario'],
  ['decision', 'the decision’s title'],
  ['chose', 'the option they chose (self-paced) or voted for (live), or empty'],
  ['prediction_about', 'the option their prediction was about'],
  ['prediction_kind', 'claim, nothing, words (their own) or none'],
  ['prediction', 'the claim’s label, “nothing follows”, or their words'],
  ['matches_text', 'yes / no against what the text ties to the choice; unscored where nothing is'],
  ['kinds_named', 'how many claim kinds they named at this decision'],
  ['kinds_right', 'how many of those were right'],
  ['seconds', 'seconds from arriving at the decision to its reveal (self-paced)'],
  ['words_hidden', 'yes if you hid these words from the results page'],
] as const;

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // Quote what needs it, and defuse a leading =, +, - or @ (spreadsheet formulas).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function classCsv(results: ClassResults): string {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const lines = [CLASS_CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const r of results.rows) {
    lines.push(
      [
        results.room.code,
        results.room.mode,
        r.learner,
        r.nickname,
        r.attempt,
        r.runStatus,
        yes(r.counted),
        r.decisionNumber,
        r.decisionId,
        r.decision,
        r.chose,
        r.predictionAbout,
        r.predictionKind,
        r.prediction,
        r.matchesText,
        r.kindsNamed,
        r.kindsRight,
        r.seconds,
        yes(r.wordsHidden),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** The results as Markdown, for notes or a learning platform; hidden words are left out. */
export function classMarkdown(results: ClassResults): string {
  const t = strings.results;
  const { counts } = results;
  const lines = [
    `# ${t.title(results.scenario.title)}`,
    '',
    `${strings.room.roomCode(results.room.code)} · ${t.modeLabel[results.room.mode]}`,
    '',
    t.ours,
    '',
    `## ${t.completionHeading}`,
    '',
    `- ${t.learners(counts.learners)}`,
    `- ${t.finished}: ${counts.finished}`,
    `- ${t.going}: ${counts.going}`,
    `- ${t.stopped}: ${counts.stopped}`,
    `- ${t.startedOver}: ${counts.startedOver}`,
    '',
    `## ${t.choicesHeading}`,
    '',
  ];
  for (const d of results.decisions) {
    lines.push(`### ${d.title}`, '');
    if (d.total === 0) {
      lines.push(t.nobodyHere, '');
      continue;
    }
    for (const o of d.options) {
      lines.push(
        `- ${o.label}: ${o.count} (${pct(o.share)})${d.followed === o.optionId ? ` — ${strings.room.roomFollows(o.label)}` : ''}`,
      );
    }
    if (d.medianSeconds !== null) lines.push('', t.medianTime(d.medianSeconds));
    lines.push('');
  }
  lines.push(`## ${t.predictionsHeading}`, '');
  for (const c of results.choices) {
    lines.push(`### ${c.decision} → ${c.option}`, '', t.predictionsMade(c.made), '');
    if (!c.scored) lines.push(strings.room.notScoredHere, '');
    for (const claim of c.theText) {
      const where = claim.tie === 'stated' ? t.textSays : t.ourReading;
      lines.push(`- ${where}: ${claim.label}: ${claim.count}`);
    }
    lines.push(
      `- ${strings.predictNothing}: ${c.nothing.count}${c.nothing.textsAnswer ? ` (${strings.room.theTextsAnswer})` : ''}`,
    );
    for (const b of c.beyond) lines.push(`- ${t.notThere}: ${b.label}: ${b.count}`);
    const shown = c.words.filter((w) => !w.hidden);
    if (shown.length > 0) {
      lines.push('', `${strings.room.ownWords}:`, '');
      for (const w of shown) lines.push(`- ${w.text} (${w.by})`);
    }
    lines.push('');
  }
  lines.push(`## ${t.kindsHeading}`, '');
  if (results.kinds.answered === 0) lines.push(t.noKinds, '');
  for (const c of results.kinds.confusions) {
    lines.push(`- ${t.confusion(strings.kinds[c.kind], strings.kinds[c.answered], c.count, c.of)}`);
  }
  return `${lines.join('\n')}\n`;
}
