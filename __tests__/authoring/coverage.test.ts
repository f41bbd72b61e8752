import fs from 'node:fs';
import path from 'node:path';
import {
  claimUses,
  formatClaimUse,
  sentenceCoverage,
  uncitedSentences,
  type ClaimUse,
} from '@/content/lib/coverage';
import { formatIssue, parseScenario, type Scenario } from '@/content/parse';
import type { ScenarioInput } from '@/content/schema';
import {
  allSentences,
  findSentence,
  locateQuote,
  matchQuote,
  splitSource,
} from '@/content/lib/source-text';
import { FIXTURE_FILE, RIVER_TOWN_FILE, riverTown, riverTownSource } from '../fixtures/river-town';
import { realScenario } from '../helpers/scenarios';
import { contentCopy, removeTempDirs, runScript } from './run-script';

const FILE = 'content/scenarios/kabul-crossroads/scenario.json';
const SOURCE_FILE = 'pakistan-on-afghanistan.txt';
const source = fs.readFileSync(`content/sources/${SOURCE_FILE}`, 'utf8');
const raw = (): ScenarioInput => JSON.parse(fs.readFileSync(FILE, 'utf8'));
const kabul = realScenario('kabul-crossroads');

const parseWith = (data: ScenarioInput, text: string) =>
  parseScenario(data, { file: FILE, sources: { [SOURCE_FILE]: text } });

const at = (scenario: Scenario, anchor: string) => {
  const found = sentenceCoverage(scenario).find((s) => s.anchor === anchor);
  if (!found) throw new Error(`no sentence ${anchor}`);
  return found;
};

/** The source with one sentence taken out of its paragraph and, if `to` is given, appended to another. */
function editSource(paragraph: number, sentence: number, to?: number): string {
  const doc = splitSource(SOURCE_FILE, source);
  const lines = doc.paragraphs.map((p) => p.sentences.map((s) => s.text));
  const [moved] = lines[paragraph - 1]!.splice(sentence - 1, 1);
  if (to !== undefined) lines[to - 1]!.push(moved!);
  return `${lines.map((l) => l.join(' ')).join('\n')}\n`;
}

/** The author's fix for drift: point each citation at where its quote now stands; drop it if gone. */
function relocate(data: ScenarioInput, text: string): ScenarioInput {
  const doc = splitSource(SOURCE_FILE, text);
  for (const claim of Object.values(data.claims)) {
    claim.citations = claim.citations.flatMap((c) => {
      const here = findSentence(doc, c.paragraph, c.sentence);
      if (here && matchQuote(here.text, c.quote) !== undefined) return [c];
      const [there, ...more] = locateQuote(doc, c.quote);
      if (!there) return [];
      expect(more).toEqual([]);
      return [{ ...c, paragraph: there.paragraph, sentence: there.sentence }];
    });
  }
  return data;
}

describe('sentenceCoverage on the Kabul scenario', () => {
  const coverage = sentenceCoverage(kabul);

  it('lists every sentence of the source once, in reading order, with its anchor and words', () => {
    expect(coverage.map((s) => s.anchor)).toEqual(allSentences(kabul.document).map((s) => s.id));
    expect(coverage[0]).toMatchObject({ anchor: 'p1-s1', paragraph: 1, sentence: 1 });
    for (const s of coverage) expect(source).toContain(s.text);
  });

  it('finds a citing claim for every sentence', () => {
    expect(coverage.filter((s) => s.citedBy.length === 0)).toEqual([]);
    expect(uncitedSentences(kabul)).toEqual([]);
  });

  it('lists the claim that frames the first choice, with the decision and actor that use it', () => {
    expect(at(kabul, 'p6-s3').citedBy).toEqual([
      {
        claimId: 'decide-ttp-or-pakistan',
        usedBy: [
          { kind: 'node', nodeId: 'ttp-or-pakistan', field: 'framing' },
          { kind: 'actor', actorId: 'ttp' },
        ],
      },
    ]);
  });

  it('lists every claim citing a sentence, in the order the scenario lists claims', () => {
    expect(at(kabul, 'p4-s5').citedBy.map((c) => c.claimId)).toEqual([
      'sovereign-right',
      'combined-pressure-backfires',
    ]);
  });

  it('names option uses by decision and option', () => {
    const uses = at(kabul, 'p4-s5')
      .citedBy.filter((c) => c.claimId === 'combined-pressure-backfires')
      .flatMap((c) => c.usedBy);
    expect(uses.map(formatClaimUse)).toEqual([
      'option:approach-after-pakistan/pressure',
      'option:approach-after-ttp/pressure',
      'node:outcome-pakistan-pressure',
      'node:outcome-ttp-pressure',
    ]);
    expect(uses.map((u) => ('field' in u ? u.field : 'actor'))).toEqual([
      'consequences',
      'consequences',
      'silences',
      'silences',
    ]);
  });

  it('tells a consequence from a part of a silence and from a ruling', () => {
    const uses = at(kabul, 'p6-s4').citedBy.flatMap((c) => c.usedBy);
    expect(uses).toEqual([
      { kind: 'option', nodeId: 'ttp-or-pakistan', optionId: 'pakistan', field: 'silence' },
      { kind: 'option', nodeId: 'ttp-or-pakistan', optionId: 'ttp', field: 'consequences' },
      { kind: 'node', nodeId: 'outcome-pakistan-pressure', field: 'silences' },
      { kind: 'node', nodeId: 'outcome-ttp-partnership', field: 'ruledOut' },
      { kind: 'node', nodeId: 'outcome-ttp-pressure', field: 'silences' },
    ]);
  });

  it('tells the repeated sentence apart by location, not by its words', () => {
    const first = at(kabul, 'p5-s1');
    const second = at(kabul, 'p9-s2');
    expect(first.text).toBe(second.text);
    expect(first.citedBy.map((c) => c.claimId)).toEqual(['partner-for-peace']);
    expect(second.citedBy.map((c) => c.claimId)).toEqual(['ready-partner']);
  });

  it('agrees with claimUses: every claim of the scenario is used somewhere', () => {
    const uses = claimUses(kabul);
    for (const claimId of Object.keys(kabul.claims)) {
      expect(uses.get(claimId)?.length ?? 0).toBeGreaterThan(0);
    }
  });
});

describe('formatClaimUse', () => {
  it.each<[ClaimUse, string]>([
    [{ kind: 'node', nodeId: 'briefing', field: 'context' }, 'node:briefing'],
    [
      { kind: 'option', nodeId: 'gate', optionId: 'repair', field: 'consequences' },
      'option:gate/repair',
    ],
    [{ kind: 'actor', actorId: 'council' }, 'actor:council'],
  ])('%j → %s', (use, label) => {
    expect(formatClaimUse(use)).toBe(label);
  });
});

describe('uncitedSentences', () => {
  it('names a sentence no claim cites', () => {
    const text = `${riverTownSource.trimEnd()}\nThe ferry runs twice a day. Nobody mentions it.\n`;
    const result = parseScenario(riverTown(), {
      file: FIXTURE_FILE,
      sources: { [RIVER_TOWN_FILE]: text },
    });
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    expect(uncitedSentences(result.scenario).map((s) => [s.anchor, s.text])).toEqual([
      ['p4-s1', 'The ferry runs twice a day.'],
      ['p4-s2', 'Nobody mentions it.'],
    ]);
  });
});

describe('when the source drifts under the scenario', () => {
  it('names where a moved sentence went, and which citations lost their place', () => {
    // p4-s5 moves to the end of paragraph 5: it becomes p5-s2, and p4-s6 becomes p4-s5.
    const moved = editSource(4, 5, 5);
    const result = parseWith(raw(), moved);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      `${FILE}: claims.sovereign-right.citations.0.quote: not found at ¶4 sentence 5; it is at ¶5 sentence 2`,
      `${FILE}: claims.combined-pressure-backfires.citations.0.quote: not found at ¶4 sentence 5; it is at ¶5 sentence 2`,
      `${FILE}: claims.no-leverage-from-strain.citations.0.sentence: ¶4 has 5 sentences, not 6; the quote is at ¶4 sentence 5`,
    ]);
  });

  it('covers the moved sentence at its new anchor once the citations follow it', () => {
    const moved = editSource(4, 5, 5);
    const result = parseWith(relocate(raw(), moved), moved);
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const fixed = result.scenario;
    expect(at(fixed, 'p5-s2').citedBy.map((c) => c.claimId)).toEqual([
      'sovereign-right',
      'combined-pressure-backfires',
    ]);
    expect(at(fixed, 'p4-s5').citedBy.map((c) => c.claimId)).toEqual(['no-leverage-from-strain']);
    expect(uncitedSentences(fixed)).toEqual([]);
  });

  it('shows what a removed sentence’s location now reads, and where its neighbours went', () => {
    // p6-s2 is removed: p6-s3…s5 move up one.
    const removed = editSource(6, 2);
    const result = parseWith(raw(), removed);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      `${FILE}: claims.pivotal-crossroads.citations.1.quote: not verbatim in ¶6 sentence 2, which reads: "First, the Afghan Taliban must decide between the Tehreek-e-Taliban Pakistan (TTP) and Pakistan."`,
      `${FILE}: claims.decide-ttp-or-pakistan.citations.0.quote: not found at ¶6 sentence 3; it is at ¶6 sentence 2`,
      `${FILE}: claims.normal-ties-exclude-attacks.citations.0.quote: not found at ¶6 sentence 4; it is at ¶6 sentence 3`,
      `${FILE}: claims.dangerous-miscalculation.citations.0.sentence: ¶6 has 4 sentences, not 5; the quote is at ¶6 sentence 4`,
    ]);
  });

  it('covers every remaining sentence once the citations are fixed', () => {
    const removed = editSource(6, 2);
    const result = parseWith(relocate(raw(), removed), removed);
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    expect(result.scenario.claims['pivotal-crossroads']?.citations.map((c) => c.anchor)).toEqual([
      'p6-s1',
    ]);
    expect(at(result.scenario, 'p6-s2').citedBy.map((c) => c.claimId)).toEqual([
      'decide-ttp-or-pakistan',
    ]);
    expect(uncitedSentences(result.scenario)).toEqual([]);
  });
});

describe('npm run coverage', () => {
  afterAll(removeTempDirs);

  it('prints each sentence with its citing claims and their uses, then the verdict', () => {
    const { code, stdout } = runScript('coverage', ['kabul-crossroads']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toContain(
      'p6-s3  First, the Afghan Taliban must decide between the Tehreek-e-…  ← decide-ttp-or-pakistan (node:ttp-or-pakistan, actor:ttp)',
    );
    expect(lines).toContain(
      'p2-s1  Our foremost duty is the protection of our people.             ← duty-to-protect (node:briefing, actor:pakistan)',
    );
    expect(lines.filter((l) => /^p\d+-s\d+ {2}/.test(l))).toHaveLength(
      kabul.document.paragraphs.flatMap((p) => p.sentences).length,
    );
    expect(lines.at(-1)).toBe('every sentence is cited');
  }, 30_000);

  it('lists the uncited sentences of a scenario in another content folder', () => {
    const dir = contentCopy();
    fs.appendFileSync(path.join(dir, 'sources', SOURCE_FILE), 'A sentence nobody cites.\n');
    const { code, stdout } = runScript('coverage', ['kabul-crossroads', '--content', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('p10-s1  A sentence nobody cites.');
    expect(stdout.trimEnd().split('\n').slice(-2)).toEqual([
      '1 uncited sentence:',
      '  p10-s1  A sentence nobody cites.',
    ]);
  }, 30_000);

  it('refuses an unknown id with exit code 2', () => {
    const { code, stderr } = runScript('coverage', ['no-such-scenario']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'no scenario "no-such-scenario" in content/scenarios; known: kabul-crossroads',
    );
  }, 30_000);

  it('prints usage without an id', () => {
    const { code, stderr } = runScript('coverage');
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run coverage -- <scenario-id> [--content DIR]');
  }, 30_000);
});
