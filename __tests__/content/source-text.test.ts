import fs from 'node:fs';
import path from 'node:path';
import {
  findSentence,
  isPartOfSentence,
  locateQuote,
  matchQuote,
  normalise,
  splitSource,
} from '@/content/lib/source-text';

const SOURCE = path.join(process.cwd(), 'content/sources/pakistan-on-afghanistan.txt');
const SHARED = path.join(process.cwd(), '../shared/source/000_759665f9bc0838e3.txt');
const text = fs.readFileSync(SOURCE, 'utf8');
const doc = splitSource('pakistan-on-afghanistan.txt', text);

describe('the Kabul source text', () => {
  (fs.existsSync(SHARED) ? it : it.skip)('is byte-identical to the shared original', () => {
    expect(fs.readFileSync(SOURCE).equals(fs.readFileSync(SHARED))).toBe(true);
  });

  it('splits into nine paragraphs with the expected sentence counts', () => {
    expect(doc.paragraphs.map((p) => p.sentences.length)).toEqual([3, 4, 5, 6, 1, 5, 3, 3, 4]);
  });

  it('gives every sentence a stable anchor such as p6-s4', () => {
    const s = findSentence(doc, 6, 4);
    expect(s?.id).toBe('p6-s4');
    expect(s?.text).toBe(
      'A stable and normalized relationship with Pakistan is incompatible with allowing Afghan territory to be used for attacks against it.',
    );
  });

  it('keeps the curly apostrophes of the source', () => {
    expect(findSentence(doc, 1, 1)?.text.startsWith('Pakistan\u2019s unwavering')).toBe(true);
  });

  it('does not split sentences at hyphens used as dashes', () => {
    expect(findSentence(doc, 3, 4)?.text).toContain(
      'pragmatic shifts-particularly moves against militant allies-could',
    );
  });

  it('finds the repeated sentence at both of its locations (¶5 s1 and ¶9 s2)', () => {
    const found = locateQuote(doc, 'Pakistan stands ready as a consistent partner for peace');
    expect(found.map((s) => s.id)).toEqual(['p5-s1', 'p9-s2']);
  });

  it('reproduces each paragraph exactly when its sentences are joined', () => {
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(doc.paragraphs.map((p) => p.sentences.map((s) => s.text).join(' '))).toEqual(lines);
  });
});

describe('splitSource', () => {
  it('ignores blank lines, CRLF line ends and outer spaces', () => {
    const d = splitSource('x.txt', '  One. Two?\r\n\r\n Three!  \n');
    expect(d.paragraphs.map((p) => p.sentences.map((s) => s.text))).toEqual([
      ['One.', 'Two?'],
      ['Three!'],
    ]);
  });

  it('keeps a closing quotation mark with its sentence', () => {
    const d = splitSource('x.txt', 'He said \u201cno.\u201d Then he left.');
    expect(d.paragraphs[0]?.sentences.map((s) => s.text)).toEqual([
      'He said \u201cno.\u201d',
      'Then he left.',
    ]);
  });
});

describe('typographic normalisation', () => {
  it('straightens quotes, turns dashes into hyphens and collapses spaces', () => {
    expect(normalise('\u2018a\u2019  \u201cb\u201d \u2013 c\u2014d').text).toBe('\'a\' "b" - c-d');
  });

  it('never changes a word', () => {
    expect(normalise('Kabul should not').text).toBe('Kabul should not');
  });
});

describe('matchQuote', () => {
  const sentence = findSentence(doc, 1, 1)?.text ?? '';

  it('accepts a straight apostrophe for a curly one and returns the source characters', () => {
    expect(matchQuote(sentence, "Pakistan's unwavering commitment")).toBe(
      'Pakistan\u2019s unwavering commitment',
    );
  });

  it('accepts a run of whole words from inside the sentence', () => {
    expect(matchQuote(sentence, 'the cornerstone of its foreign policy.')).toBe(
      'the cornerstone of its foreign policy.',
    );
  });

  it('rejects a quote that starts or ends inside a word', () => {
    expect(matchQuote(sentence, 'akistan')).toBeUndefined();
    expect(matchQuote(sentence, 'the corner')).toBeUndefined();
  });

  it('rejects a quote with one word changed', () => {
    expect(matchQuote(sentence, 'the keystone of its foreign policy')).toBeUndefined();
  });
});

describe('isPartOfSentence', () => {
  const sentence = 'While trade helps, pressure on Pakistan is likely to backfire.';

  it('counts the whole sentence as whole, with or without its full stop', () => {
    expect(isPartOfSentence(sentence, sentence)).toBe(false);
    expect(isPartOfSentence(sentence, sentence.slice(0, -1))).toBe(false);
  });

  it('counts a quote that leaves out words as part of the sentence', () => {
    expect(isPartOfSentence(sentence, 'pressure on Pakistan is likely to backfire.')).toBe(true);
    expect(isPartOfSentence(sentence, 'While trade helps')).toBe(true);
  });
});
