/**
 * The placement review: every path of a scenario, with every consequence it shows, the tie that
 * puts it there and its kind, as Markdown a second reader can check against the source and sign
 * off. `npm run review -- <id>` prints it. Pure: takes a parsed scenario and its steps.
 */
import type { Claim, Consequence, Scenario, Silence, Tie } from '../parse';
import { answerFor } from '../../machines/answers';
import type { StepRef } from '../../machines/paths';

const KIND: Record<Claim['kind'], string> = {
  conditional: 'conditional',
  predictive: 'predictive',
  normative: 'normative',
  descriptive: 'descriptive',
};

function at(paragraph: number, sentence: number, partial: boolean): string {
  return `¶${paragraph}, ${partial ? 'part of sentence' : 'sentence'} ${sentence}`;
}

function locations(claim: Claim): string {
  return claim.citations.map((c) => at(c.paragraph, c.sentence, c.partial)).join('; ');
}

function quoted(claim: Claim): string[] {
  return claim.citations.map((c) => `  > ${c.text} — ${at(c.paragraph, c.sentence, c.partial)}`);
}

function tieLines(tie: Tie): string[] {
  if (tie.kind === 'inferred') return [`  - Tie: **inferred** (our reading): ${tie.reading}`];
  return [
    `  - Tie: **stated**, the text's words “${tie.text}” (${at(tie.paragraph, tie.sentence, tie.partial)})`,
    ...(tie.note ? [`  - Our note: ${tie.note}`] : []),
  ];
}

function consequenceLines(scenario: Scenario, c: Consequence, what: string): string[] {
  const claim = scenario.claims[c.claim] as Claim;
  return [
    `- ${what}: **${claim.label}** (\`${c.claim}\`, ${KIND[claim.kind]}; ${locations(claim)})`,
    ...quoted(claim),
    ...tieLines(c.tie),
    `  - [ ] The text attaches this to this choice (reviewer)`,
  ];
}

function silenceLines(scenario: Scenario, s: Silence): string[] {
  return [
    `- Silence: the text does not say ${s.about}.`,
    ...s.parts.map((id) => {
      const claim = scenario.claims[id] as Claim;
      return `  - Part: ${claim.label} (\`${id}\`, ${KIND[claim.kind]}; ${locations(claim)})`;
    }),
    ...(s.contested
      ? [
          `  - Contested (our reading, not scored): ${s.contested.reading}`,
          ...s.contested.claims.map((id) => {
            const claim = scenario.claims[id] as Claim;
            return `    - May refer here: ${claim.label} (\`${id}\`, ${KIND[claim.kind]}; ${locations(claim)})`;
          }),
        ]
      : []),
    `  - [ ] The text is silent here, and says no more of these parts (reviewer)`,
  ];
}

export function placementReview(scenario: Scenario, steps: readonly StepRef[]): string {
  const out: string[] = [
    `# Placement review: ${scenario.title} (\`${scenario.id}\`)`,
    '',
    `Source: \`content/sources/${scenario.source.file}\`. Voice: ${scenario.source.voice}.`,
    '',
    'Every path the scenario allows, with every consequence it shows after each choice, the tie',
    'that puts it on that branch, and its kind. Read it with the source open. For each line, check',
    'that the text itself attaches the claim to that choice: a stated tie must quote words that',
    'name the choice or its condition; an inferred tie must be a fair reading, and is shown to',
    'users as ours and never graded. What validation already guarantees: every quotation and every',
    'stated tie is verbatim; every consequence has a tie; no consequence is normative or reports a',
    'belief or fear; every choice shows a consequence, a silence, or that the text rules it out.',
    '',
  ];

  const decisions = steps.filter((s) => scenario.nodes[s.nodeId]?.kind === 'decision');
  const seen = new Set<string>();
  out.push('## How the text frames each decision', '');
  for (const step of decisions) {
    const node = scenario.nodes[step.nodeId];
    if (node?.kind !== 'decision' || seen.has(step.nodeId)) continue;
    seen.add(step.nodeId);
    out.push(`### ${node.title} (\`${step.nodeId}\`)`, '', `Our question: ${node.question}`, '');
    for (const id of node.framing) {
      const claim = scenario.claims[id] as Claim;
      out.push(
        `- Framing: **${claim.label}** (\`${id}\`, ${KIND[claim.kind]}; ${locations(claim)})`,
      );
    }
    if (node.framingNote) out.push(`- Our note on the framing: ${node.framingNote}`);
    out.push('');
  }

  const outcomes = steps.filter((s) => scenario.nodes[s.nodeId]?.kind === 'outcome');
  out.push('## Every path', '');
  outcomes.forEach((step, n) => {
    const outcome = scenario.nodes[step.nodeId];
    if (outcome?.kind !== 'outcome') return;
    const trail = step.snapshot.context.trail;
    const labels = trail.map((c) => {
      const d = scenario.nodes[c.nodeId];
      return d?.kind === 'decision'
        ? (d.options.find((o) => o.id === c.optionId)?.label ?? '')
        : '';
    });
    out.push(`### Path ${n + 1}: ${labels.join(' → ')} (outcome: ${outcome.title})`, '');
    trail.forEach((c, i) => {
      const d = scenario.nodes[c.nodeId];
      if (d?.kind !== 'decision') return;
      const option = d.options.find((o) => o.id === c.optionId);
      const answer = answerFor(scenario, c.nodeId, c.optionId);
      out.push(`#### ${i + 1}. ${d.title} → ${option?.label ?? c.optionId}`, '');
      out.push(`Our description: ${option?.description ?? ''}`, '');
      for (const x of answer.consequences)
        out.push(...consequenceLines(scenario, x, 'Consequence'));
      if (answer.ruledOut) {
        out.push(...consequenceLines(scenario, answer.ruledOut, 'Rules this combination out'));
      }
      if (answer.consequences.length === 0 && !answer.ruledOut) {
        out.push('- No consequence of its own.');
      }
      if (answer.silence) out.push(...silenceLines(scenario, answer.silence));
      out.push('');
    });
    out.push(`#### Outcome: ${outcome.title}`, '', `Our summary: ${outcome.summary}`, '');
    for (const x of outcome.consequences) out.push(...consequenceLines(scenario, x, 'Consequence'));
    for (const s of outcome.silences) out.push(...silenceLines(scenario, s));
    if (outcome.ruledOut) out.push('- Ruled out: shown with the last choice above; nothing more.');
    out.push('');
  });

  // Where each claim is shown as a consequence: the same claim on several branches must be
  // tied on each.
  const uses = new Map<string, string[]>();
  for (const step of decisions) {
    const node = scenario.nodes[step.nodeId];
    if (node?.kind !== 'decision') continue;
    for (const o of node.options) {
      const answer = answerFor(scenario, step.nodeId, o.id);
      for (const x of [...answer.consequences, ...(answer.ruledOut ? [answer.ruledOut] : [])]) {
        const where = `${step.nodeId}/${o.id} (${x === answer.ruledOut ? 'rules out' : x.tie.kind})`;
        const list = uses.get(x.claim) ?? [];
        if (!list.includes(where)) list.push(where);
        uses.set(x.claim, list);
      }
    }
  }
  out.push('## Every claim shown as a consequence, and where', '');
  out.push('| Claim | Kind | Where (decision/option, tie) |', '| --- | --- | --- |');
  for (const [id, where] of uses) {
    const claim = scenario.claims[id] as Claim;
    out.push(`| \`${id}\` ${claim.label} | ${KIND[claim.kind]} | ${where.join('; ')} |`);
  }
  out.push(
    '',
    '## Sign-off',
    '',
    'Reviewer (did not write the content): ______________________  Date: ____________',
    '',
    'Findings (each with the path, the claim and what the text says instead):',
    '',
    '- ',
    '',
  );
  return out.join('\n');
}
