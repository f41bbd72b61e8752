/**
 * Source coverage: for every sentence of a scenario's source, the claims that cite it and where
 * the scenario uses each of those claims. Pure functions over a parsed Scenario: no I/O.
 * The source reader shows it; `npm run coverage` prints it for authors.
 */
import type { Scenario } from '../parse';

/** One place where a scenario uses a claim. */
export type ClaimUse =
  | {
      readonly kind: 'node';
      readonly nodeId: string;
      /** The node field that lists the claim. */
      readonly field: 'context' | 'framing' | 'consequences' | 'silences' | 'ruledOut';
    }
  | {
      readonly kind: 'option';
      readonly nodeId: string;
      readonly optionId: string;
      /** Options list claims as consequences, or as parts of their silence. */
      readonly field: 'consequences' | 'silence';
    }
  | { readonly kind: 'actor'; readonly actorId: string };

/** A claim that cites a sentence, and every use of that claim. */
export interface SentenceCitation {
  readonly claimId: string;
  readonly usedBy: readonly ClaimUse[];
}

export interface SentenceCoverage {
  /** Anchor in the source reader, e.g. `p6-s4`. */
  readonly anchor: string;
  readonly paragraph: number;
  readonly sentence: number;
  /** The sentence exactly as it stands in the source. */
  readonly text: string;
  /** Claims citing this sentence, in the order the scenario lists its claims; empty if uncited. */
  readonly citedBy: readonly SentenceCitation[];
}

/** Short, stable label of a use: `node:briefing`, `option:gate/repair`, `actor:council`. */
export function formatClaimUse(use: ClaimUse): string {
  if (use.kind === 'actor') return `actor:${use.actorId}`;
  if (use.kind === 'option') return `option:${use.nodeId}/${use.optionId}`;
  return `node:${use.nodeId}`;
}

/**
 * Every use of every claim, keyed by claim id: nodes in scenario order (each decision's options
 * after the decision itself), then actors. A claim listed twice in the same field is one use.
 */
export function claimUses(scenario: Scenario): ReadonlyMap<string, readonly ClaimUse[]> {
  const uses = new Map<string, ClaimUse[]>();
  const seen = new Set<string>();
  const add = (claimIds: readonly string[], use: ClaimUse) => {
    for (const claimId of claimIds) {
      const key = `${claimId} ${JSON.stringify(use)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      uses.set(claimId, [...(uses.get(claimId) ?? []), use]);
    }
  };

  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    if (node.kind === 'briefing') {
      add(node.context, { kind: 'node', nodeId, field: 'context' });
    } else if (node.kind === 'decision') {
      add(node.framing, { kind: 'node', nodeId, field: 'framing' });
      add(node.context, { kind: 'node', nodeId, field: 'context' });
      for (const option of node.options) {
        add(
          option.consequences.map((c) => c.claim),
          { kind: 'option', nodeId, optionId: option.id, field: 'consequences' },
        );
        add(option.silence?.parts ?? [], {
          kind: 'option',
          nodeId,
          optionId: option.id,
          field: 'silence',
        });
      }
    } else {
      add(
        node.consequences.map((c) => c.claim),
        { kind: 'node', nodeId, field: 'consequences' },
      );
      if (node.ruledOut) add([node.ruledOut.claim], { kind: 'node', nodeId, field: 'ruledOut' });
      add(
        node.silences.flatMap((s) => s.parts),
        { kind: 'node', nodeId, field: 'silences' },
      );
    }
  }
  for (const [actorId, actor] of Object.entries(scenario.actors)) {
    add(actor.claims, { kind: 'actor', actorId });
  }
  return uses;
}

/** Every sentence of the source, in reading order, with the claims that cite it. */
export function sentenceCoverage(scenario: Scenario): SentenceCoverage[] {
  const uses = claimUses(scenario);
  const citers = new Map<string, string[]>();
  for (const [claimId, claim] of Object.entries(scenario.claims)) {
    for (const anchor of new Set(claim.citations.map((c) => c.anchor))) {
      citers.set(anchor, [...(citers.get(anchor) ?? []), claimId]);
    }
  }
  return scenario.document.paragraphs.flatMap((p) =>
    p.sentences.map((s) => ({
      anchor: s.id,
      paragraph: s.paragraph,
      sentence: s.sentence,
      text: s.text,
      citedBy: (citers.get(s.id) ?? []).map((claimId) => ({
        claimId,
        usedBy: uses.get(claimId) ?? [],
      })),
    })),
  );
}

/** The sentences no claim cites, in reading order. */
export function uncitedSentences(scenario: Scenario): SentenceCoverage[] {
  return sentenceCoverage(scenario).filter((s) => s.citedBy.length === 0);
}
