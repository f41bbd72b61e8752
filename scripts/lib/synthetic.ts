/**
 * generateScenario(): a made-up scenario of any size over a made-up source text, for tests and
 * benchmarks. Deterministic for a seed. The result is raw scenario data, as an author would write
 * it; it passes parseScenario() with the returned source.
 *
 * Shape: a briefing, then a tree of decisions at most `depth` deep, with an outcome at every leaf.
 * One path is grown to the full depth first, the rest at random; the node count is exactly the one
 * asked for (a few decisions get an extra option to make it come out even). Each sentence of the
 * source is cited by one claim, and every claim is used by a node, an option or an actor.
 */
import { FORMAT_VERSION, type ScenarioInput } from '../../content/schema';

export interface SyntheticOptions {
  /** Total node count, briefing included. At least branching + 2. */
  readonly nodes: number;
  /** Most decisions on one path from the briefing to an outcome. At least 1. */
  readonly depth: number;
  /** Options per decision (a few get one more to reach the node count). Default 2. */
  readonly branching?: number;
  /** A whole number; the same seed gives the same scenario. Default 1. */
  readonly seed?: number;
}

export interface SyntheticScenario {
  /** Raw scenario data, valid per the schema and against the source. */
  readonly scenario: ScenarioInput;
  /** File name the scenario cites (its `source.file`). */
  readonly sourceFile: string;
  /** The made-up source text: one paragraph per line. */
  readonly sourceText: string;
}

type RawNode = ScenarioInput['nodes'][string];
type RawClaim = ScenarioInput['claims'][string];
type ClaimKind = RawClaim['kind'];

/** mulberry32: a small seeded generator of floats in [0, 1): the same sequence every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BODIES = [
  'harbour board',
  'river council',
  'guild of carters',
  'lantern society',
  'mill cooperative',
  'ferry company',
];
const PLACES = [
  'Eastmere',
  'Hollowford',
  'Brightwater',
  'Stonebridge',
  'Ashby Vale',
  'Marrow Point',
];
const THINGS = [
  'the grain ledgers',
  'the north quay',
  'the winter tolls',
  'the old granary',
  'the ferry timetable',
  'the flood wall',
  'the market charter',
  'the water rights',
];
/** Each verb as it follows a singular subject, and after a modal. */
const VERBS: readonly (readonly [string, string])[] = [
  ['keeps', 'keep'],
  ['reviews', 'review'],
  ['guards', 'guard'],
  ['funds', 'fund'],
  ['repairs', 'repair'],
  ['opens', 'open'],
];
const WHEN = [
  'before the spring tide',
  'in every season',
  'after the harvest fair',
  'while the roads are closed',
  'once the levy is paid',
];

const KIND_REASON: Record<ClaimKind, string> = {
  descriptive: 'States what is, with no condition or modal.',
  conditional: '"If … will": a consequence tied to a condition.',
  predictive: '"would": a forecast.',
  normative: '"should": what ought to be done.',
};
const KINDS: readonly ClaimKind[] = ['descriptive', 'conditional', 'predictive', 'normative'];

const ACTORS = [
  { id: 'harbour-board', name: 'The harbour board', role: 'Runs the quays and decides on them.' },
  { id: 'river-council', name: 'The river council', role: 'Sets the tolls and the charters.' },
  { id: 'carters-guild', name: 'The guild of carters', role: 'Moves goods between the towns.' },
  { id: 'lantern-society', name: 'The lantern society', role: 'Keeps the roads lit and watched.' },
];

interface SourceSentence {
  readonly paragraph: number;
  readonly sentence: number;
  readonly text: string;
  readonly kind: ClaimKind;
}

function makeSentence(pick: <T>(list: readonly T[]) => T, kind: ClaimKind, n: number): string {
  const body = pick(BODIES);
  const [verbs, verb] = pick(VERBS);
  switch (kind) {
    case 'descriptive':
      return `The ${body} of ${pick(PLACES)} ${verbs} ${pick(THINGS)} ${pick(WHEN)}.`;
    case 'conditional':
      return `If the ${body} ${verbs} ${pick(THINGS)}, the ${pick(BODIES)} will ${pick(VERBS)[1]} ${pick(THINGS)} within ${(n % 9) + 2} weeks.`;
    case 'predictive':
      return `A stronger ${body} would ${verb} ${pick(THINGS)} for ${(n % 7) + 2} more years.`;
    case 'normative':
      return `The ${body} should ${verb} ${pick(THINGS)} ${pick(WHEN)}.`;
  }
}

interface TreeNode {
  /** 1 for the first decision; its options lead to level 2. */
  readonly level: number;
  readonly children: TreeNode[];
}

/** The decision tree: exactly `total - 1` nodes below the briefing. */
function growTree(total: number, depth: number, branching: number, rnd: () => number): TreeNode {
  const root: TreeNode = { level: 1, children: [] };
  const decisions: TreeNode[] = [root];
  let count = 2 + branching;
  const leaves: TreeNode[] = [];
  const expand = (node: TreeNode) => {
    for (let i = 0; i < branching; i += 1) {
      const child: TreeNode = { level: node.level + 1, children: [] };
      node.children.push(child);
      if (child.level <= depth) leaves.push(child);
    }
  };
  expand(root);

  // One path to the full depth first, so the tree is as deep as asked.
  let spine = root;
  while (spine.level < depth && count + branching <= total) {
    const next = spine.children[0] as TreeNode;
    leaves.splice(leaves.indexOf(next), 1);
    expand(next);
    decisions.push(next);
    count += branching;
    spine = next;
  }
  // Then random leaves become decisions while a whole decision's worth of nodes is left.
  while (total - count >= branching && leaves.length > 0) {
    const at = Math.floor(rnd() * leaves.length);
    const leaf = leaves[at] as TreeNode;
    leaves[at] = leaves[leaves.length - 1] as TreeNode;
    leaves.pop();
    expand(leaf);
    decisions.push(leaf);
    count += branching;
  }
  // The rest: extra options (each one more outcome) on decisions picked at random.
  for (; count < total; count += 1) {
    const decision = decisions[Math.floor(rnd() * decisions.length)] as TreeNode;
    decision.children.push({ level: decision.level + 1, children: [] });
  }
  return root;
}

export function generateScenario(options: SyntheticOptions): SyntheticScenario {
  const { nodes: total, depth, branching = 2, seed = 1 } = options;
  if (!Number.isInteger(branching) || branching < 2) {
    throw new RangeError(`branching must be an integer of at least 2, not ${branching}`);
  }
  if (!Number.isInteger(depth) || depth < 1) {
    throw new RangeError(`depth must be an integer of at least 1, not ${depth}`);
  }
  if (!Number.isInteger(total) || total < branching + 2) {
    throw new RangeError(`nodes must be an integer of at least ${branching + 2}, not ${total}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a whole number of at least 0, not ${seed}`);
  }
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const id = `synthetic-${seed}`;
  const sourceFile = `${id}.txt`;

  // The source: about one sentence for every three nodes, in paragraphs of three to six.
  const sentenceCount = Math.max(12, Math.ceil(total / 3));
  const sentences: SourceSentence[] = [];
  const paragraphs: string[] = [];
  while (sentences.length < sentenceCount) {
    const paragraph = paragraphs.length + 1;
    const size = Math.min(3 + Math.floor(rnd() * 4), sentenceCount - sentences.length);
    const texts: string[] = [];
    for (let s = 1; s <= size; s += 1) {
      const kind = pick(KINDS);
      const text = makeSentence(pick, kind, sentences.length + 1);
      sentences.push({ paragraph, sentence: s, text, kind });
      texts.push(text);
    }
    paragraphs.push(texts.join(' '));
  }

  // One claim per sentence; some quote a run of words, some also cite the next sentence.
  const claims: Record<string, RawClaim> = {};
  const claimIds = sentences.map((s, i) => {
    const claimId = `claim-${i + 1}`;
    const words = s.text.split(' ');
    const quote = i % 3 === 1 ? words.slice(1, -1).join(' ') : s.text;
    const next = sentences[i + 1];
    claims[claimId] = {
      label: `Claim ${i + 1}`,
      kind: s.kind,
      kindReason: KIND_REASON[s.kind],
      citations: [
        { paragraph: s.paragraph, sentence: s.sentence, quote },
        ...(i % 10 === 9 && next
          ? [{ paragraph: next.paragraph, sentence: next.sentence, quote: next.text }]
          : []),
      ],
    };
    return claimId;
  });
  const used = new Set<string>();
  let cursor = 0;
  const nextClaim = (): string => {
    const claimId = claimIds[cursor % claimIds.length] as string;
    cursor += 1;
    used.add(claimId);
    return claimId;
  };

  // Consequences: only claims that may be one (no "should", in their kind or their sentences),
  // tied alternately by the text's first words and by a reading of ours.
  const mayFollow = claimIds.filter((claimId) => {
    const claim = claims[claimId] as RawClaim;
    return (
      claim.kind !== 'normative' &&
      claim.citations.every(
        (c) =>
          sentences.find((x) => x.paragraph === c.paragraph && x.sentence === c.sentence)?.kind !==
          'normative',
      )
    );
  });
  let consequenceCursor = 0;
  const nextConsequence = () => {
    const claimId = mayFollow[consequenceCursor % mayFollow.length] as string;
    consequenceCursor += 1;
    used.add(claimId);
    const quote = (claims[claimId] as RawClaim).citations[0]?.quote ?? '';
    return {
      claim: claimId,
      tie:
        consequenceCursor % 2 === 1
          ? { kind: 'stated' as const, words: quote.split(' ').slice(0, 3).join(' ') }
          : { kind: 'inferred' as const, reading: 'The text sets this beside the choice.' },
    };
  };

  // The nodes, numbered breadth first.
  const root = growTree(total, depth, branching, rnd);
  const nodes: Record<string, RawNode> = {};
  const queue: TreeNode[] = [root];
  const names = new Map<TreeNode, { readonly id: string; readonly number: number }>();
  const counters = { decision: 0, outcome: 0 };
  const nameOf = (node: TreeNode) => {
    let name = names.get(node);
    if (name === undefined) {
      const kind = node.children.length > 0 ? 'decision' : 'outcome';
      counters[kind] += 1;
      name = { id: `${kind}-${counters[kind]}`, number: counters[kind] };
      names.set(node, name);
    }
    return name;
  };

  nodes.briefing = {
    kind: 'briefing',
    title: 'Towns on one river',
    intro: `A made-up text about towns that share a river (seed ${seed}).`,
    context: [nextClaim(), nextClaim(), nextClaim()],
    next: nameOf(root).id,
  };
  for (let node = queue.shift(); node; node = queue.shift()) {
    const { id: nodeId, number } = nameOf(node);
    if (node.children.length === 0) {
      const silent = rnd() < 0.2;
      nodes[nodeId] = {
        kind: 'outcome',
        title: `Outcome ${number}`,
        summary: `Where the choices of path ${number} lead, as far as the text says.`,
        ...(silent
          ? {
              silences: [
                { about: 'what follows from this combination of choices', parts: [nextClaim()] },
              ],
            }
          : { consequences: [nextConsequence()] }),
      };
      continue;
    }
    const decider = pick(ACTORS);
    nodes[nodeId] = {
      kind: 'decision',
      title: `Decision ${number}`,
      decider: decider.id,
      question: `Which way does ${decider.name.toLowerCase()} turn at decision ${number}?`,
      framing: [nextClaim()],
      context: rnd() < 0.3 ? [nextClaim()] : [],
      options: node.children.map((child, i) => ({
        id: `option-${i + 1}`,
        label: `Option ${i + 1}`,
        description: `Take option ${i + 1} at decision ${number}.`,
        ...(rnd() < 0.6
          ? { consequences: [nextConsequence()] }
          : {
              silence: {
                about: 'what follows from this option on its own',
                parts: [nextClaim()],
              },
            }),
        next: nameOf(child).id,
      })),
    };
    queue.push(...node.children);
  }

  // Actors speak for every claim no node uses, and each for at least one.
  const unused = claimIds.filter((c) => !used.has(c));
  const actors = Object.fromEntries(
    ACTORS.map((a, i) => {
      const own = unused.filter((_, j) => j % ACTORS.length === i);
      return [
        a.id,
        {
          name: a.name,
          role: a.role,
          claims: own.length > 0 ? own : [claimIds[i % claimIds.length] as string],
        },
      ];
    }),
  );

  const scenario: ScenarioInput = {
    formatVersion: FORMAT_VERSION,
    id,
    title: `Synthetic scenario ${seed}`,
    summary: `${total} nodes, at most ${depth} decisions deep, over a made-up text.`,
    source: {
      file: sourceFile,
      title: 'A made-up account of river towns',
      voice: 'An invented narrator',
      attribution: 'Generated for tests and benchmarks; no author.',
    },
    actors,
    start: 'briefing',
    nodes,
    claims,
  };
  return { scenario, sourceFile, sourceText: `${paragraphs.join('\n')}\n` };
}
