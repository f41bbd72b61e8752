import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseScenario, formatIssue } from '@/content/parse';
import { allSentences } from '@/content/lib/source-text';
import { buildScenarioMachine } from '@/machines/scenario-machine';
import { listSteps } from '@/machines/paths';
import { realScenario, realScenarios } from '../helpers/scenarios';

const FILE = 'content/scenarios/kabul-crossroads/scenario.json';
const kabul = realScenario('kabul-crossroads');
const source = fs.readFileSync('content/sources/pakistan-on-afghanistan.txt', 'utf8');
const raw = () => JSON.parse(fs.readFileSync(FILE, 'utf8'));
const steps = listSteps(kabul, buildScenarioMachine(kabul));

describe('the real content', () => {
  it('validates, and every scenario id matches its folder', () => {
    expect(realScenarios.map((s) => s.id)).toEqual(
      fs
        .readdirSync('content/scenarios')
        .filter((d) => fs.statSync(`content/scenarios/${d}`).isDirectory()),
    );
  });

  it('displays only words that stand verbatim in each scenario’s own source file', () => {
    for (const scenario of realScenarios) {
      const text = fs.readFileSync(path.join('content/sources', scenario.source.file), 'utf8');
      for (const claim of Object.values(scenario.claims)) {
        for (const c of claim.citations) expect(text).toContain(c.text);
      }
    }
  });
});

describe('the Kabul scenario', () => {
  it('discloses the voice only as far as the text shows it, and invents no author or office', () => {
    expect(kabul.source.voice).toBe(
      "A text in Pakistan's voice; author and official standing not given",
    );
    expect(kabul.source.attribution).toMatch(/names no author, office, outlet or date/);
    // Nothing we write credits the text to a government, or calls it an official statement.
    const ours = JSON.stringify(raw());
    expect(
      ours.match(
        /Government of Pakistan|stated position|statement of Pakistan|Pakistani statement|the statement/gi,
      ),
    ).toBeNull();
  });

  it('credits the second choice to our framing, on the library card and in the framing note', () => {
    expect(kabul.summary).toMatch(/one we frame from it \(pressure or partnership\)/);
    for (const id of ['approach-after-pakistan', 'approach-after-ttp']) {
      const node = kabul.nodes[id];
      expect(node?.kind === 'decision' && node.framingNote).toMatch(/our own pairing/);
    }
  });

  it('states no charge as fact in our option descriptions, and assumes no alliance', () => {
    const ours = Object.values(kabul.nodes).flatMap((n) =>
      n.kind === 'decision'
        ? [n.question, n.framingNote ?? '', ...n.options.map((o) => o.description)]
        : n.kind === 'outcome'
          ? [n.summary, ...n.silences.map((s) => s.about)]
          : [],
    );
    for (const words of ours) {
      // Attacks from Afghan territory are the text's charge: our words may name them only as
      // our reading, never as what happens.
      if (/attacks/.test(words)) expect(words).toMatch(/as we read it|our reading|we read/);
      expect(words).not.toMatch(/keeps? faith|keeping faith/);
    }
  });

  it('rules out “the TTP, then partnership”, cited at ¶6 sentence 4, and shows nothing more there', () => {
    const node = kabul.nodes['outcome-ttp-partnership'];
    if (node?.kind !== 'outcome' || !node.ruledOut) throw new Error('not ruled out');
    expect(kabul.claims[node.ruledOut.claim]?.citations.map((c) => c.anchor)).toEqual(['p6-s4']);
    expect(node.consequences).toEqual([]);
    expect(node.silences).toEqual([]);
    const after = kabul.nodes['approach-after-ttp'];
    const partnership = after?.kind === 'decision' ? after.options[0] : undefined;
    expect(partnership?.id).toBe('partnership');
    expect(partnership?.consequences).toEqual([]);
  });

  it('puts the payoff of “the right choice” only after choosing Pakistan, tied by the text’s words', () => {
    const placed = Object.entries(kabul.nodes).flatMap(([nodeId, n]) =>
      n.kind === 'decision'
        ? n.options.flatMap((o) =>
            o.consequences
              .filter((c) => c.claim === 'right-choice-transforms')
              .map((c) => ({ at: `${nodeId}/${o.id}`, tie: c.tie })),
          )
        : [],
    );
    expect(placed).toEqual([
      {
        at: 'approach-after-pakistan/partnership',
        tie: expect.objectContaining({
          kind: 'stated',
          text: 'By making the right choice-the choice of partnership',
        }),
      },
    ]);
  });

  it('never shows the leadership’s fear, a belief or a “should” as a consequence anywhere', () => {
    const consequenceClaims = Object.values(kabul.nodes).flatMap((n) =>
      n.kind === 'decision'
        ? n.options.flatMap((o) => o.consequences.map((c) => c.claim))
        : n.kind === 'outcome'
          ? [...n.consequences.map((c) => c.claim), ...(n.ruledOut ? [n.ruledOut.claim] : [])]
          : [],
    );
    for (const id of [
      'fear-of-fracture',
      'no-leverage-from-strain',
      'no-stability-on-pressure',
      'trade-for-peace',
      'shared-future',
      'dangerous-miscalculation',
    ]) {
      expect(consequenceClaims).not.toContain(id);
    }
  });

  it('names the ISKP by the fear the text reports, not as a forecast', () => {
    expect(kabul.actors.iskp?.role).toMatch(/fears/);
    expect(kabul.actors.iskp?.role).toMatch(/as the text reports/);
  });

  it('never reads a silence as a question the text does not raise, nor a framing claim as a part', () => {
    for (const n of Object.values(kabul.nodes)) {
      const silences =
        n.kind === 'outcome'
          ? n.silences
          : n.kind === 'decision'
            ? n.options.flatMap((o) => (o.silence ? [o.silence] : []))
            : [];
      for (const s of silences) {
        expect(s.about).not.toMatch(/what Pakistan would do/);
        // ¶6 s5 condemns an assumption, not a choice: it frames the first decision only.
        expect(s.parts).not.toContain('dangerous-miscalculation');
      }
    }
  });

  it('reaches all four combinations of the two choices', () => {
    const outcomePaths = steps
      .filter((s) => kabul.nodes[s.nodeId]?.kind === 'outcome')
      .map((s) => s.path.join('/'))
      .sort();
    expect(outcomePaths).toEqual([
      'pakistan/partnership',
      'pakistan/pressure',
      'ttp/partnership',
      'ttp/pressure',
    ]);
  });

  it('has the Afghan Taliban decide every decision', () => {
    const deciders = Object.values(kabul.nodes).flatMap((n) =>
      n.kind === 'decision' ? [n.decider] : [],
    );
    expect(new Set(deciders)).toEqual(new Set(['afghan-taliban']));
  });

  it('says plainly where the text is silent: the combination it never addresses has a silence', () => {
    const node = kabul.nodes['outcome-pakistan-pressure'];
    expect(node?.kind === 'outcome' && node.consequences).toEqual([]);
    expect(node?.kind === 'outcome' && node.silences.length).toBeGreaterThan(0);
  });

  it('cites the repeated sentence at each of its own locations', () => {
    const anchors = Object.values(kabul.claims).flatMap((c) =>
      c.citations.filter((x) => x.text.startsWith('Pakistan stands ready')).map((x) => x.anchor),
    );
    expect(anchors.sort()).toEqual(['p5-s1', 'p9-s2']);
  });

  it('cites every sentence of the source somewhere', () => {
    const cited = new Set(
      Object.values(kabul.claims).flatMap((c) => c.citations.map((x) => x.anchor)),
    );
    const uncited = allSentences(kabul.document)
      .filter((s) => !cited.has(s.id))
      .map((s) => s.id);
    expect(uncited).toEqual([]);
  });

  it('fails validation, naming file and citation, when one word of any quote changes', () => {
    const original = raw();
    for (const [claimId, claim] of Object.entries(original.claims) as [
      string,
      { citations: { quote: string }[] },
    ][]) {
      claim.citations.forEach((c, i) => {
        const broken = raw();
        const words = c.quote.split(' ');
        const at = Math.floor(words.length / 2);
        words[at] = `${words[at]}x`;
        broken.claims[claimId].citations[i].quote = words.join(' ');
        const result = parseScenario(broken, {
          file: FILE,
          sources: { 'pakistan-on-afghanistan.txt': source },
        });
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(formatIssue(result.issues[0]!)).toMatch(
            `${FILE}: claims.${claimId}.citations.${i}.quote: not verbatim in ¶`,
          );
        }
      });
    }
  });
});

describe('npm run validate', () => {
  const run = (contentDir?: string) => {
    try {
      const out = execFileSync(
        'node',
        [
          'node_modules/tsx/dist/cli.mjs',
          'scripts/validate.ts',
          ...(contentDir ? ['--content', contentDir] : []),
        ],
        { encoding: 'utf8', stdio: 'pipe' },
      );
      return { code: 0, out };
    } catch (error) {
      const e = error as { status: number; stderr: string };
      return { code: e.status, out: e.stderr };
    }
  };

  it('passes on the real content', () => {
    const { code, out } = run();
    expect(code).toBe(0);
    expect(out).toContain('ok kabul-crossroads');
  });

  it('exits non-zero and names file and citation when a quote drifts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossroads-'));
    fs.cpSync('content', dir, { recursive: true });
    const file = path.join(dir, 'scenarios/kabul-crossroads/scenario.json');
    const before = fs.readFileSync(file, 'utf8');
    const after = before.replace(
      '"quote": "any attempt to exert combined pressure on Pakistan is likely to backfire."',
      '"quote": "any attempt to exert combined pressure on Pakistan is certain to backfire."',
    );
    expect(after).not.toBe(before);
    fs.writeFileSync(file, after);
    const { code, out } = run(dir);
    expect(code).toBe(1);
    expect(out).toContain(
      'scenarios/kabul-crossroads/scenario.json: claims.combined-pressure-backfires.citations.0.quote: not verbatim in ¶4 sentence 5',
    );
  }, 30_000);
});
