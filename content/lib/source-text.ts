/**
 * Splitting a source text into addressable paragraphs and sentences, and the
 * typographic normalisation used when a quote is compared with its source.
 * Pure functions: no I/O.
 */

export interface SourceSentence {
  /** 1-based paragraph number. */
  readonly paragraph: number;
  /** 1-based sentence number within its paragraph. */
  readonly sentence: number;
  /** Stable anchor id, e.g. `p6-s4`. */
  readonly id: string;
  /** The sentence exactly as it stands in the source (outer whitespace trimmed). */
  readonly text: string;
}

export interface SourceParagraph {
  readonly number: number;
  /** Stable anchor id, e.g. `p6`. */
  readonly id: string;
  readonly sentences: readonly SourceSentence[];
}

export interface SourceDocument {
  /** File name inside `content/sources/`. */
  readonly file: string;
  readonly paragraphs: readonly SourceParagraph[];
}

/** A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) before whitespace and a capital. */
const SENTENCE_BOUNDARY = /(?<=[.!?][”’"')\]]?)\s+(?=[A-Z0-9“‘"'(])/u;

export function anchorFor(paragraph: number, sentence?: number): string {
  return sentence === undefined ? `p${paragraph}` : `p${paragraph}-s${sentence}`;
}

/** Paragraphs are non-blank lines; sentences are split at sentence-final punctuation. */
export function splitSource(file: string, text: string): SourceDocument {
  const paragraphs = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line, index): SourceParagraph => {
      const number = index + 1;
      const sentences = line
        .split(SENTENCE_BOUNDARY)
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
        .map((s, sIndex): SourceSentence => ({
          paragraph: number,
          sentence: sIndex + 1,
          id: anchorFor(number, sIndex + 1),
          text: s,
        }));
      return { number, id: anchorFor(number), sentences };
    });
  return { file, paragraphs };
}

export function findSentence(
  doc: SourceDocument,
  paragraph: number,
  sentence: number,
): SourceSentence | undefined {
  return doc.paragraphs[paragraph - 1]?.sentences[sentence - 1];
}

export function allSentences(doc: SourceDocument): SourceSentence[] {
  return doc.paragraphs.flatMap((p) => [...p.sentences]);
}

const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u02BC': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
};

interface Normalised {
  readonly text: string;
  /** For each character of `text`, the index of the original character it came from. */
  readonly origin: readonly number[];
}

/**
 * Typographic normalisation only: curly quotes and apostrophes become straight, dash-like
 * characters become hyphens, runs of whitespace become one space. Words are never changed.
 */
export function normalise(input: string): Normalised {
  let text = '';
  const origin: number[] = [];
  let lastWasSpace = true;
  for (let i = 0; i < input.length; i += 1) {
    const ch = input[i] as string;
    if (/\s/u.test(ch)) {
      if (!lastWasSpace) {
        text += ' ';
        origin.push(i);
      }
      lastWasSpace = true;
      continue;
    }
    const mapped = TYPOGRAPHIC[ch] ?? ch;
    for (const m of mapped) {
      text += m;
      origin.push(i);
    }
    lastWasSpace = false;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    origin.pop();
  }
  return { text, origin };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether `text`, a match of a quote inside `sentence`, leaves out any of the sentence's words.
 * Punctuation at either end does not count: a quote without the sentence's full stop is whole.
 */
export function isPartOfSentence(sentence: string, text: string): boolean {
  const words = (s: string) => normalise(s).text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return words(text) !== words(sentence);
}

/** Where a quote stands inside a sentence: character offsets into the sentence, and its exact text. */
export interface QuoteMatch {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  /** The sentence's own characters from start to end. */
  readonly text: string;
}

/**
 * Finds `quote` inside `sentence` after typographic normalisation, starting and ending on
 * word boundaries. Returns where the first such match stands in the sentence, or undefined.
 */
export function findQuote(sentence: string, quote: string): QuoteMatch | undefined {
  const hay = normalise(sentence);
  const needle = normalise(quote).text;
  if (needle.length === 0) return undefined;
  let from = 0;
  for (;;) {
    const at = hay.text.indexOf(needle, from);
    if (at < 0) return undefined;
    const end = at + needle.length;
    const before = hay.text[at - 1];
    const after = hay.text[end];
    const startsOnBoundary =
      before === undefined || !WORD_CHAR.test(before) || !WORD_CHAR.test(needle[0] as string);
    const endsOnBoundary =
      after === undefined || !WORD_CHAR.test(after) || !WORD_CHAR.test(needle.at(-1) as string);
    if (startsOnBoundary && endsOnBoundary) {
      const first = hay.origin[at] as number;
      const last = (hay.origin[end - 1] as number) + 1;
      return { start: first, end: last, text: sentence.slice(first, last) };
    }
    from = at + 1;
  }
}

/**
 * Finds `quote` inside `sentence` after typographic normalisation, starting and ending on
 * word boundaries. Returns the exact characters of the sentence that match, or undefined.
 */
export function matchQuote(sentence: string, quote: string): string | undefined {
  return findQuote(sentence, quote)?.text;
}

/** Every location in the document where the quote can be found verbatim. */
export function locateQuote(doc: SourceDocument, quote: string): SourceSentence[] {
  return allSentences(doc).filter((s) => matchQuote(s.text, quote) !== undefined);
}
