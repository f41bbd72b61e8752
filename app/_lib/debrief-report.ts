/**
 * The debrief as data: built from the machine's step, the content and what the learner shared.
 * The debrief page renders it; the export route turns it into Markdown or JSON.
 */
import type { Citation, Consequence, Silence, Tie } from '@/content/parse';
import { answerFor } from '@/machines/answers';
import type { ClaimKind } from '@/content/schema';
import { candidatesFor, isCorrect, type Prediction } from '@/machines/exercise-machine';
import { OUTCOME_TAG } from '@/machines/scenario-machine';
import type { SharedDebrief } from './debrief';
import { stepLabel } from './labels';
import { routes } from './routes';
import { strings } from './strings';
import { choicesOf, resolveStep, type ScenarioRuntime } from './runtime';
import { toExerciseScenario, toTraining } from './training';

export interface ReportClaim {
  readonly id: string;
  readonly label: string;
  readonly kind: ClaimKind;
  readonly citations: readonly Citation[];
}

/** Why a consequence sits on this branch: the text's words (located), or our reading. */
export type ReportTie =
  | {
      readonly kind: 'stated';
      /** The tying words exactly as they stand in the source. */
      readonly words: string;
      readonly paragraph: number;
      readonly sentence: number;
      readonly partial: boolean;
      /** Our note, if any. */
      readonly note?: string;
    }
  | { readonly kind: 'inferred'; readonly reading: string };

export interface ReportConsequence extends ReportClaim {
  readonly tie: ReportTie;
}

export interface ReportSilence {
  readonly statement: string;
  readonly parts: readonly ReportClaim[];
  /** Where we mark the silence contested: our reading, and the consequence that may refer here. */
  readonly contested?: { readonly reading: string; readonly claims: readonly ReportClaim[] };
}

export interface ReportChoice {
  readonly decisionId: string;
  readonly decision: string;
  readonly option: string;
  /** What the text says follows from this choice, each with its tie. */
  readonly consequences: readonly ReportConsequence[];
  /** Where the text assigns the choice nothing of its own. */
  readonly silence?: ReportSilence;
  /** Where the choice completes a combination the text rules out. */
  readonly ruledOut?: ReportConsequence;
  /**
   * Present only if the learner chose to share predictions. `correct` is null where nothing is
   * scored (own words, or a choice whose link to the text is only our reading).
   */
  readonly prediction?: { readonly said: string; readonly correct: boolean | null };
  /** Room votes by option label (presenter mode). */
  readonly tally?: Readonly<Record<string, number>>;
}

export interface DebriefReport {
  readonly scenario: { readonly id: string; readonly title: string };
  readonly source: { readonly title: string; readonly voice: string; readonly attribution: string };
  readonly path: readonly string[];
  readonly pathLabel: string;
  readonly outcome: {
    readonly title: string;
    readonly summary: string;
    readonly consequences: readonly ReportConsequence[];
    /** Present when the text rules this combination out. */
    readonly ruledOut?: ReportConsequence;
  };
  readonly choices: readonly ReportChoice[];
  readonly silences: readonly ReportSilence[];
  readonly roadsNotTaken: readonly { readonly label: string; readonly href: string }[];
  readonly score?: {
    readonly predictions: { readonly right: number; readonly of: number };
    readonly kinds: { readonly right: number; readonly of: number };
  };
  readonly prompts: readonly string[];
}

function claim(runtime: ScenarioRuntime, id: string): ReportClaim {
  const c = runtime.scenario.claims[id];
  if (!c) throw new Error(`unknown claim ${id}`);
  return { id, label: c.label, kind: c.kind, citations: c.citations };
}

function tieOf(tie: Tie): ReportTie {
  if (tie.kind === 'inferred') return { kind: 'inferred', reading: tie.reading };
  return {
    kind: 'stated',
    words: tie.text,
    paragraph: tie.paragraph,
    sentence: tie.sentence,
    partial: tie.partial,
    ...(tie.note ? { note: tie.note } : {}),
  };
}

function consequence(runtime: ScenarioRuntime, c: Consequence): ReportConsequence {
  return { ...claim(runtime, c.claim), tie: tieOf(c.tie) };
}

function silenceOf(runtime: ScenarioRuntime, s: Silence): ReportSilence {
  return {
    statement: strings.textDoesNotSay(s.about),
    parts: s.parts.map((id) => claim(runtime, id)),
    ...(s.contested
      ? {
          contested: {
            reading: s.contested.reading,
            claims: s.contested.claims.map((id) => claim(runtime, id)),
          },
        }
      : {}),
  };
}

function said(runtime: ScenarioRuntime, p: Prediction): string {
  if (p.kind === 'text') return p.text;
  return p.claimId === null
    ? strings.predictNothing
    : (runtime.scenario.claims[p.claimId]?.label ?? p.claimId);
}

/** The report for an outcome path, or undefined if the path is not an outcome the machine allows. */
export function buildDebrief(
  runtime: ScenarioRuntime,
  path: readonly string[],
  shared: SharedDebrief,
): DebriefReport | undefined {
  const resolved = resolveStep(runtime, path);
  if (!resolved.ok || !resolved.snapshot.hasTag(OUTCOME_TAG)) return undefined;
  const { scenario } = runtime;
  const snapshot = resolved.snapshot;
  const outcome = scenario.nodes[String(snapshot.value)];
  if (outcome?.kind !== 'outcome') return undefined;
  const exercise = toExerciseScenario(toTraining(scenario));
  const choices = choicesOf(scenario, snapshot);

  let right = 0;
  let picks = 0;
  const reportChoices = choices.map((c, i): ReportChoice => {
    const sharedPrediction = shared.predictions?.[i];
    let prediction: ReportChoice['prediction'];
    // Empty words stand for "no prediction here" (a room, or presenter mode, where none was made).
    if (sharedPrediction && !('text' in sharedPrediction && sharedPrediction.text.trim() === '')) {
      const p: Prediction =
        'text' in sharedPrediction
          ? { kind: 'text', text: sharedPrediction.text }
          : { kind: 'candidate', claimId: sharedPrediction.claimId };
      const offered =
        p.kind === 'text' || candidatesFor(exercise, c.decisionId, c.option.id).includes(p.claimId);
      if (offered) {
        const correct = isCorrect(exercise, c.decisionId, c.option.id, p);
        if (correct !== null) {
          picks += 1;
          if (correct) right += 1;
        }
        prediction = { said: said(runtime, p), correct };
      }
    }
    const votes = shared.tallies?.[c.decisionId];
    const tally = votes
      ? Object.fromEntries(c.decision.options.map((o) => [o.label, votes[o.id] ?? 0]))
      : undefined;
    const answer = answerFor(scenario, c.decisionId, c.option.id);
    return {
      decisionId: c.decisionId,
      decision: c.decision.title,
      option: c.option.label,
      consequences: answer.consequences.map((x) => consequence(runtime, x)),
      ...(answer.silence ? { silence: silenceOf(runtime, answer.silence) } : {}),
      ...(answer.ruledOut ? { ruledOut: consequence(runtime, answer.ruledOut) } : {}),
      ...(prediction ? { prediction } : {}),
      ...(tally ? { tally } : {}),
    };
  });

  const guesses = Object.entries(shared.kinds ?? {}).filter(([id]) => id in scenario.claims);
  const score =
    shared.predictions !== undefined
      ? {
          predictions: { right, of: picks },
          kinds: {
            right: guesses.filter(([id, kind]) => scenario.claims[id]?.kind === kind).length,
            of: guesses.length,
          },
        }
      : undefined;

  return {
    scenario: { id: scenario.id, title: scenario.title },
    source: {
      title: scenario.source.title,
      voice: scenario.source.voice,
      attribution: scenario.source.attribution,
    },
    path: [...path],
    pathLabel: stepLabel(scenario, snapshot),
    outcome: {
      title: outcome.title,
      summary: outcome.summary,
      consequences: outcome.consequences.map((x) => consequence(runtime, x)),
      ...(outcome.ruledOut ? { ruledOut: consequence(runtime, outcome.ruledOut) } : {}),
    },
    choices: reportChoices,
    silences: outcome.silences.map((s) => silenceOf(runtime, s)),
    roadsNotTaken: choices.flatMap((c) =>
      c.decision.options
        .filter((o) => o.id !== c.option.id)
        .map((o) => ({
          label: strings.insteadAt(c.decision.title, o.label),
          href: routes.step(scenario.id, [...c.path.slice(0, -1), o.id]),
        })),
    ),
    ...(score ? { score } : {}),
    prompts: [...outcome.prompts, ...scenario.prompts],
  };
}

/** The "Why here" line of a consequence, in plain text. */
export function tieText(tie: ReportTie): string {
  if (tie.kind === 'inferred') return `${strings.whyHereOurs}: ${tie.reading}`;
  const note = tie.note ? ` ${strings.ourNoteShort}: ${tie.note}` : '';
  return `${strings.whyHere}: ${strings.tieStated} “${tie.words}” (${strings.location(tie)}).${note}`;
}

/** Markdown a learner can keep: every quote met on the path, each with its location and tie. */
export function toMarkdown(report: DebriefReport, origin: string): string {
  const sourceUrl = (anchor: string) => `${origin}${routes.source(report.scenario.id, anchor)}`;
  const quoted = (c: ReportClaim) => [
    `**${c.label}** (${strings.kinds[c.kind]}). ${strings.theTextClaims}`,
    '',
    ...c.citations.flatMap((x) => [
      `> ${x.text}`,
      '',
      `— ${strings.location(x)} (${sourceUrl(x.anchor)})`,
      '',
    ]),
  ];
  const tied = (c: ReportConsequence) => [...quoted(c), tieText(c.tie), ''];
  const silence = (s: ReportSilence) => [
    `**${s.statement}** ${strings.whatItSaysOfParts}`,
    '',
    ...s.parts.map(
      (claim) => `- ${claim.label}: ${claim.citations.map((x) => strings.location(x)).join('; ')}`,
    ),
    '',
    ...(s.contested
      ? [
          `**${strings.contestedHeading}.** ${s.contested.reading} ${strings.contestedClaims}`,
          '',
          ...s.contested.claims.map(
            (claim) =>
              `- ${claim.label}: ${claim.citations.map((x) => strings.location(x)).join('; ')}`,
          ),
          '',
        ]
      : []),
  ];
  const ruledOut = (c: ReportConsequence) => [
    `**${strings.ruledOut(c.tie.kind).heading}.** ${strings.ruledOut(c.tie.kind).body}`,
    '',
    ...tied(c),
  ];
  const lines: string[] = [
    `# ${strings.debriefTitle(report.scenario.title)}`,
    '',
    `**${strings.outcomeLabel}:** ${strings.outcomeLine(report.outcome.title, report.pathLabel)}`,
    '',
    `**${strings.sourceText}:** ${strings.sourceLine(report.source.title, report.source.voice)} ${report.source.attribution}`,
    '',
    `_${strings.markdownVoiceNote}_`,
    '',
    `**${strings.ourSummary}:** ${report.outcome.summary}`,
    '',
  ];
  if (report.score) {
    lines.push(
      `## ${strings.scoreHeading}`,
      '',
      `- ${strings.scorePredictions(report.score.predictions.right, report.score.predictions.of)}`,
      `- ${strings.scoreKinds(report.score.kinds.right, report.score.kinds.of)}`,
      '',
    );
  }
  lines.push(`## ${strings.everyConsequence}`, '');
  for (const c of report.choices) {
    lines.push(`### ${strings.atDecision(c.decision, c.option)}`, '');
    if (c.tally) {
      lines.push(
        `${strings.roomVote}: ${Object.entries(c.tally)
          .map(([o, n]) => `${o} ${n}`)
          .join(', ')}`,
        '',
      );
    }
    if (c.prediction) {
      const verdict =
        c.prediction.correct === null
          ? ''
          : ` (${c.prediction.correct ? strings.verdictRight : strings.verdictWrong})`;
      lines.push(`${strings.yourPrediction}: ${c.prediction.said}${verdict}`, '');
    }
    for (const claim of c.consequences) lines.push(...tied(claim));
    if (c.ruledOut) lines.push(...ruledOut(c.ruledOut));
    if (c.consequences.length === 0 && !c.ruledOut) {
      lines.push(strings.noConsequences(c.option, c.silence?.contested !== undefined), '');
    }
    if (c.silence) lines.push(...silence(c.silence));
  }
  if (report.outcome.consequences.length > 0) {
    lines.push(`### ${strings.whereItLeads}`, '');
    for (const claim of report.outcome.consequences) lines.push(...tied(claim));
  }
  if (report.silences.length > 0) {
    lines.push(`## ${strings.silences}`, '');
    for (const s of report.silences) lines.push(...silence(s));
  }
  lines.push(
    `## ${strings.roadsNotTaken}`,
    '',
    ...report.roadsNotTaken.map((r) => `- [${r.label}](${origin}${r.href})`),
    '',
  );
  if (report.prompts.length > 0) {
    lines.push(`## ${strings.ourPrompts}`, '', ...report.prompts.map((p) => `- ${p}`), '');
  }
  return lines.join('\n');
}
