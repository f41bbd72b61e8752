/**
 * Where a claim may go: the rules that keep each consequence on the branch the text puts it.
 *
 * - Every consequence carries its tie: the text's own tying words (checked verbatim inside the
 *   claim's quotation) or our reading, shown as ours.
 * - What an actor should or must do, and what someone believes or fears, is never a consequence.
 * - A claim that follows from the same option under different earlier choices is tied on each.
 *
 * The authors' guide to these rules, with worked cases, is docs/authoring.md ("Where does this
 * claim go?"). Pure functions: no I/O.
 */
import type { Claim, Tie } from '../parse';
import type { TieInput } from '../schema';
import { findQuote, findSentence, isPartOfSentence, type SourceDocument } from './source-text';

/**
 * Words that make a sentence say what an actor should or must do. Checked in the cited sentence
 * up to the end of the quote: a governing verb stands before the clause it governs.
 */
export const NORMATIVE_WORDS = /\b(?:should|must|ought|needs? to|demands?)\b/i;

/** Words that make a sentence report what someone believes, fears or views (same scope). */
export const REPORTING_WORDS =
  /\b(?:believes?|believed|fears?|feared|hopes?|hoped|views?|viewed|worries|worried)\b/i;

/**
 * Why a claim cannot be a consequence, or undefined if it can. Reads the claim's kind, then the
 * words of each cited sentence up to the end of its quote.
 */
export function wordingProblem(
  claimId: string,
  claim: Claim,
  document: SourceDocument,
): string | undefined {
  if (claim.kind === 'normative') {
    return `"${claimId}" is normative: what an actor should or must do is not a consequence; put it in the decision's framing`;
  }
  for (const c of claim.citations) {
    const sentence = findSentence(document, c.paragraph, c.sentence);
    const match = sentence && findQuote(sentence.text, c.quote);
    if (!sentence || !match) continue;
    const scope = sentence.text.slice(0, match.end);
    const where = `¶${c.paragraph} sentence ${c.sentence}`;
    const normative = NORMATIVE_WORDS.exec(scope);
    if (normative) {
      return `"${claimId}" says "${normative[0]}" (${where}): what an actor should or must do is not a consequence; put it in the decision's framing`;
    }
    const reported = REPORTING_WORDS.exec(scope);
    if (reported) {
      return `"${claimId}" reports a belief or fear ("${reported[0]}", ${where}): what someone believes or fears is not a consequence; give it as context, or as a part of a silence`;
    }
  }
  return undefined;
}

/**
 * Resolves a tie against the claim it ties: stated words are found inside one of the claim's
 * quotations (the displayed text), so the app can mark them there. Returns a message on failure.
 */
export function resolveTie(
  tie: TieInput,
  claimId: string,
  claim: Claim,
  document: SourceDocument,
): Tie | string {
  if (tie.kind === 'inferred') return { kind: 'inferred', reading: tie.reading };
  for (const [index, c] of claim.citations.entries()) {
    const match = findQuote(c.text, tie.words);
    if (!match) continue;
    const sentence = findSentence(document, c.paragraph, c.sentence);
    return {
      kind: 'stated',
      words: tie.words,
      text: match.text,
      citation: index,
      start: match.start,
      end: match.end,
      paragraph: c.paragraph,
      sentence: c.sentence,
      partial: sentence ? isPartOfSentence(sentence.text, match.text) : true,
      ...(tie.note ? { note: tie.note } : {}),
    };
  }
  return `not inside the quotation of "${claimId}": the tying words must be a run of whole words from its quoted passage`;
}

/** Where an option with a given id lists a claim as a consequence, with or without a tie. */
export interface ConsequenceUse {
  /** Dotted path of the option, e.g. `nodes.after-a.options.1`. */
  readonly option: string;
  readonly optionId: string;
  readonly claim: string;
  readonly tied: boolean;
}

/** The message for a consequence without a tie, naming where the same claim is tied if it is. */
export function missingTieMessage(
  claimId: string,
  here: string | undefined,
  optionId: string | undefined,
  uses: readonly ConsequenceUse[],
): string {
  const elsewhere = uses.find(
    (u) => u.tied && u.claim === claimId && u.optionId === optionId && u.option !== here,
  );
  if (elsewhere) {
    return `needs a tie of its own: "${claimId}" is tied to "${elsewhere.optionId}" at ${elsewhere.option}, but a tie holds for one branch only`;
  }
  return `needs a tie: the text's own words that attach "${claimId}" here (kind "stated") or our reading (kind "inferred")`;
}
