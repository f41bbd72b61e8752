/**
 * npm run review -- <id>: the placement review a second reader signs off. Every path, every
 * consequence shown after each choice with its tie and kind, rulings and silences, and a
 * sign-off; the same claim on two branches listed with each branch's tie.
 */
import fs from 'node:fs';
import path from 'node:path';
import { placementReview } from '@/content/lib/review';
import { answerFor } from '@/machines/answers';
import { listSteps } from '@/machines/paths';
import { buildScenarioMachine } from '@/machines/scenario-machine';
import { allScenarios, realScenario } from '../helpers/scenarios';
import { removeTempDirs, runScript, tempDir } from './run-script';

afterAll(removeTempDirs);

/** The review's section for one path, from its heading to the next path's. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const next = markdown.indexOf('\n### Path ', start + heading.length);
  const end = markdown.indexOf('\n## ', start + heading.length);
  return markdown.slice(start, [next, end].filter((i) => i > 0).sort((a, b) => a - b)[0]);
}

describe.each(allScenarios.map((s) => [s.id, s] as const))(
  'the placement review of %s',
  (_id, scenario) => {
    const steps = listSteps(scenario, buildScenarioMachine(scenario));
    const md = placementReview(scenario, steps);
    const outcomes = steps.filter((s) => scenario.nodes[s.nodeId]?.kind === 'outcome');

    it('has one section per path, and in it every consequence with its tie and kind', () => {
      outcomes.forEach((step, n) => {
        const outcome = scenario.nodes[step.nodeId];
        const heading = `### Path ${n + 1}: `;
        expect(md).toContain(heading);
        const text = section(md, heading);
        expect(text).toContain(`(outcome: ${outcome?.title})`);
        for (const c of step.snapshot.context.trail) {
          const answer = answerFor(scenario, c.nodeId, c.optionId);
          for (const x of [...answer.consequences, ...(answer.ruledOut ? [answer.ruledOut] : [])]) {
            const claim = scenario.claims[x.claim];
            expect(text).toContain(`**${claim?.label}** (\`${x.claim}\`, ${claim?.kind};`);
            expect(text).toContain(
              x.tie.kind === 'stated'
                ? `Tie: **stated**, the text's words “${x.tie.text}”`
                : `Tie: **inferred** (our reading): ${x.tie.reading}`,
            );
          }
          if (answer.silence)
            expect(text).toContain(`Silence: the text does not say ${answer.silence.about}.`);
        }
      });
    });

    it('ends with a sign-off for a reviewer who did not write the content', () => {
      expect(md).toContain('## Sign-off');
      expect(md).toContain('Reviewer (did not write the content)');
    });
  },
);

describe('the Kabul review', () => {
  const kabul = realScenario('kabul-crossroads');
  const md = placementReview(kabul, listSteps(kabul, buildScenarioMachine(kabul)));

  it('shows the TTP-then-partnership path ruled out, with no payoff of partnership', () => {
    const text = section(md, '### Path 3: The TTP → Partnership');
    expect(text).toContain(
      '- Rules this combination out: **The text says a stable, normalized relationship',
    );
    expect(text).not.toContain('right-choice-transforms');
  });

  it('lists the same claim on each branch it is shown on, with each branch’s tie', () => {
    expect(md).toContain(
      '| `combined-pressure-backfires` The text says any attempt at combined pressure on Pakistan is likely to backfire | predictive | approach-after-pakistan/pressure (stated); approach-after-ttp/pressure (stated) |',
    );
    expect(md).toContain(
      '| `normal-ties-exclude-attacks` The text says a stable, normalized relationship with Pakistan is incompatible with allowing attacks against it from Afghan territory | conditional | ttp-or-pakistan/ttp (inferred); approach-after-ttp/partnership (rules out) |',
    );
  });
});

describe('npm run review', () => {
  it('prints the review, or writes it with --out', () => {
    const printed = runScript('review', ['kabul-crossroads']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^# Placement review: Kabul at the crossroads/);
    const out = path.join(tempDir(), 'review.md');
    const written = runScript('review', ['kabul-crossroads', '--out', out]);
    expect(written.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(printed.stdout);
  }, 30_000);

  it('exits 2 naming the known ids for an unknown one', () => {
    const run = runScript('review', ['nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no scenario "nope"');
    expect(run.stderr).toContain('known: kabul-crossroads');
  }, 30_000);
});
