/**
 * parseScenario(): the only way scenario data enters the app. Runs the zod schema, then the
 * cross-checks that need the whole scenario and its source text. Every problem is reported as
 * `file: path.to.field: message`; a scenario that parses is deep-frozen.
 */
import type { z } from 'zod';
import { FORMAT_VERSION, scenarioSchema, type ScenarioData, type TieInput } from './schema';
import {
  missingTieMessage,
  resolveTie,
  wordingProblem,
  type ConsequenceUse,
} from './lib/placement';
import {
  anchorFor,
  findQuote,
  findSentence,
  isPartOfSentence,
  locateQuote,
  splitSource,
  type SourceDocument,
} from './lib/source-text';

export interface Citation {
  readonly paragraph: number;
  readonly sentence: number;
  /** The quote as the author wrote it. */
  readonly quote: string;
  /** The same words exactly as they stand in the source: this is what the app displays. */
  readonly text: string;
  /** Anchor of the cited sentence in the source reader, e.g. `p6-s4`. */
  readonly anchor: string;
  /** True when the quote leaves out some of the sentence's words: it is an excerpt. */
  readonly partial: boolean;
}

type ClaimData = ScenarioData['claims'][string];
export type Claim = Readonly<Omit<ClaimData, 'citations'> & { citations: readonly Citation[] }>;

/**
 * The text's own tying words, found inside one of the claim's quotations. Offsets are into that
 * citation's `text`, so the words can be marked inside the quotation.
 */
export interface StatedTie {
  readonly kind: 'stated';
  /** The words as the author wrote them. */
  readonly words: string;
  /** The same words exactly as they stand in the source. */
  readonly text: string;
  /** Index of the claim citation that holds them. */
  readonly citation: number;
  readonly start: number;
  readonly end: number;
  /** Where the words stand: their sentence, and whether they are only part of it. */
  readonly paragraph: number;
  readonly sentence: number;
  readonly partial: boolean;
  /** Our note on why the tie holds on this branch, if any. */
  readonly note?: string;
}

/** Our reading of why the text places a consequence here (shown as ours, never graded). */
export interface InferredTie {
  readonly kind: 'inferred';
  readonly reading: string;
}

export type Tie = StatedTie | InferredTie;

/** A claim the text says follows from a choice or a path, and why it sits there. */
export interface Consequence {
  readonly claim: string;
  readonly tie: Tie;
}

type RawNode = ScenarioData['nodes'][string];
type RawDecision = Extract<RawNode, { kind: 'decision' }>;
type RawOutcome = Extract<RawNode, { kind: 'outcome' }>;
type RawOption = RawDecision['options'][number];

export type Option = Readonly<
  Omit<RawOption, 'consequences'> & { consequences: readonly Consequence[] }
>;
export type DecisionNode = Readonly<Omit<RawDecision, 'options'> & { options: readonly Option[] }>;
export type OutcomeNode = Readonly<
  Omit<RawOutcome, 'consequences' | 'ruledOut'> & {
    consequences: readonly Consequence[];
    /** Present when the text rules this combination out. */
    ruledOut?: Consequence;
  }
>;
export type BriefingNode = Extract<RawNode, { kind: 'briefing' }>;
export type ScenarioNode = BriefingNode | DecisionNode | OutcomeNode;
export type Silence = NonNullable<RawOption['silence']>;

export type Scenario = Readonly<
  Omit<ScenarioData, 'claims' | 'nodes'> & {
    claims: Readonly<Record<string, Claim>>;
    nodes: Readonly<Record<string, ScenarioNode>>;
    /** The source split into addressable paragraphs and sentences. */
    document: SourceDocument;
  }
>;

/** A scenario's nodes and where it starts (no claims, no source). */
export type ScenarioGraph = Pick<Scenario, 'id' | 'start' | 'nodes'>;

/**
 * What the walk machine needs of a scenario, and all the browser is sent: each node's kind and
 * title, and where each option leads. A ScenarioGraph is one; runtime's toWalkGraph() trims a
 * scenario down to it for the page payload.
 */
export interface WalkGraph {
  readonly id: string;
  readonly start: string;
  readonly nodes: Readonly<Record<string, WalkNode>>;
}

export type WalkNode =
  | { readonly kind: 'briefing'; readonly title: string; readonly next: string }
  | {
      readonly kind: 'decision';
      readonly title: string;
      readonly options: readonly {
        readonly id: string;
        readonly label: string;
        readonly next: string;
      }[];
    }
  | { readonly kind: 'outcome'; readonly title: string };

export interface ScenarioIssue {
  readonly file: string;
  /** Dotted path to the field, e.g. `nodes.start.options.1.next`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

export interface ParseContext {
  /** Path of the scenario file, used in every message (e.g. `content/scenarios/x/scenario.json`). */
  readonly file: string;
  /** Source texts by file name (the contents of content/sources/). */
  readonly sources: Readonly<Record<string, string>>;
  /** If given, the scenario's id must equal it (the folder name). */
  readonly expectedId?: string;
}

export function formatIssue(issue: ScenarioIssue): string {
  return issue.path
    ? `${issue.file}: ${issue.path}: ${issue.message}`
    : `${issue.file}: ${issue.message}`;
}

function zodMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_key') {
    return 'is not a valid id: must be kebab-case: a-z, 0-9 and single hyphens';
  }
  return issue.message;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function describeLocation(paragraph: number, sentence: number): string {
  return `¶${paragraph} sentence ${sentence}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The path of the first own property named `__proto__` in a JSON value, if any. zod drops such a
 * key from records without a word, so a file carrying one would otherwise parse as if it were not
 * there. Iterative, so deeply nested input cannot overflow the stack.
 */
function unsafeKeyPath(raw: unknown): (string | number)[] | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: raw, path: [] }];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const { value, path } = stack.pop() as (typeof stack)[number];
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return [...path, '__proto__'];
    for (const [key, child] of Object.entries(value))
      stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

export function parseScenario(raw: unknown, ctx: ParseContext): ParseResult {
  const issues: ScenarioIssue[] = [];
  const add = (path: (string | number)[], message: string) =>
    issues.push({ file: ctx.file, path: path.join('.'), message });

  const unsafe = unsafeKeyPath(raw);
  if (unsafe) {
    add(unsafe, 'is not allowed: "__proto__" is never a field or an id');
    return { ok: false, issues };
  }

  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (
    Number.isInteger(version) &&
    (version as number) >= 1 &&
    (version as number) < FORMAT_VERSION
  ) {
    add(
      ['formatVersion'],
      `is ${version}; this app reads format ${FORMAT_VERSION}: run "npm run migrate-content -- <id>", then give each consequence its tie`,
    );
    return { ok: false, issues };
  }

  const parsed = scenarioSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      add(
        issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        zodMessage(issue),
      );
    }
    return { ok: false, issues };
  }
  const data = parsed.data;

  if (ctx.expectedId !== undefined && data.id !== ctx.expectedId) {
    add(['id'], `must match its folder name "${ctx.expectedId}"`);
  }

  // The source text.
  const sourceText = ctx.sources[data.source.file];
  if (sourceText === undefined) {
    add(['source', 'file'], `no source "${data.source.file}" in content/sources/`);
    return { ok: false, issues };
  }
  const document = splitSource(data.source.file, sourceText);

  // Citations: verbatim at their cited location.
  const claims: Record<string, Claim> = {};
  for (const [claimId, claim] of Object.entries(data.claims)) {
    const citations: Citation[] = [];
    claim.citations.forEach((c, i) => {
      const path = ['claims', claimId, 'citations', i];
      const sentence = findSentence(document, c.paragraph, c.sentence);
      if (!sentence) {
        const paragraph = document.paragraphs[c.paragraph - 1];
        const moved = locateQuote(document, c.quote);
        add(
          paragraph ? [...path, 'sentence'] : [...path, 'paragraph'],
          (paragraph
            ? `¶${c.paragraph} has ${count(paragraph.sentences.length, 'sentence')}, not ${c.sentence}`
            : `the source has ${count(document.paragraphs.length, 'paragraph')}, not ${c.paragraph}`) +
            (moved.length > 0
              ? `; the quote is at ${moved.map((s) => describeLocation(s.paragraph, s.sentence)).join(' and ')}`
              : ''),
        );
        return;
      }
      const text = findQuote(sentence.text, c.quote)?.text;
      if (text === undefined) {
        const elsewhere = locateQuote(document, c.quote);
        add(
          [...path, 'quote'],
          elsewhere.length > 0
            ? `not found at ${describeLocation(c.paragraph, c.sentence)}; it is at ${elsewhere
                .map((s) => describeLocation(s.paragraph, s.sentence))
                .join(' and ')}`
            : `not verbatim in ${describeLocation(c.paragraph, c.sentence)}, which reads: "${sentence.text}"`,
        );
        return;
      }
      citations.push({
        ...c,
        text,
        anchor: anchorFor(c.paragraph, c.sentence),
        partial: isPartOfSentence(sentence.text, text),
      });
    });
    claims[claimId] = { ...claim, citations };
  }

  // References resolve, and every claim is used.
  const used = new Set<string>();
  const claimRef = (path: (string | number)[], id: string) => {
    used.add(id);
    if (!(id in data.claims)) add(path, `unknown claim "${id}"`);
  };
  const claimRefs = (path: (string | number)[], ids: readonly string[]) =>
    ids.forEach((id, i) => claimRef([...path, i], id));
  const consequenceRefs = (path: (string | number)[], list: readonly { claim: string }[]) =>
    list.forEach((c, i) => claimRef([...path, i, 'claim'], c.claim));
  const nodeRef = (path: (string | number)[], id: string) => {
    if (!(id in data.nodes)) add(path, `unknown node "${id}"`);
  };

  for (const [actorId, actor] of Object.entries(data.actors)) {
    claimRefs(['actors', actorId, 'claims'], actor.claims);
  }

  const startNode = data.nodes[data.start];
  if (!startNode) add(['start'], `unknown node "${data.start}"`);
  else if (startNode.kind !== 'briefing')
    add(['start'], `must name a briefing node, not a ${startNode.kind}`);

  /** Whether a claim is a consequence tied in the text's words to an option other than this one. */
  const statedElsewhere = (claimId: string, nodeId: string, optionId: string) =>
    Object.entries(data.nodes).some(
      ([id, n]) =>
        n.kind === 'decision' &&
        n.options.some(
          (o) =>
            !(id === nodeId && o.id === optionId) &&
            o.consequences.some((c) => c.claim === claimId && c.tie?.kind === 'stated'),
        ),
    );

  const rulesOut = (id: string) => {
    const node = data.nodes[id];
    return node?.kind === 'outcome' && node.ruledOut !== undefined;
  };

  for (const [nodeId, node] of Object.entries(data.nodes)) {
    const at = ['nodes', nodeId];
    if (node.kind === 'briefing') {
      if (nodeId !== data.start) add(at, 'a scenario has one briefing: the start node');
      claimRefs([...at, 'context'], node.context);
      nodeRef([...at, 'next'], node.next);
      const first = data.nodes[node.next];
      if (first && first.kind !== 'decision')
        add(
          [...at, 'next'],
          `must name a decision, not ${first.kind === 'outcome' ? 'an' : 'a'} ${first.kind}`,
        );
    } else if (node.kind === 'decision') {
      if (!(node.decider in data.actors))
        add([...at, 'decider'], `unknown actor "${node.decider}"`);
      claimRefs([...at, 'framing'], node.framing);
      claimRefs([...at, 'context'], node.context);
      const seen = new Set<string>();
      node.options.forEach((option, i) => {
        const here = [...at, 'options', i];
        if (seen.has(option.id)) add([...here, 'id'], `duplicate option id "${option.id}"`);
        seen.add(option.id);
        consequenceRefs([...here, 'consequences'], option.consequences);
        if (option.silence) claimRefs([...here, 'silence', 'parts'], option.silence.parts);
        option.silence?.contested?.claims.forEach((id, j) => {
          const path = [...here, 'silence', 'contested', 'claims', j];
          claimRef(path, id);
          if (id in data.claims && !statedElsewhere(id, nodeId, option.id))
            add(
              path,
              `"${id}" is not a consequence the text ties to another choice in its own words: a silence is contested only by such a consequence`,
            );
        });
        nodeRef([...here, 'next'], option.next);
        if (rulesOut(option.next)) {
          if (option.consequences.length > 0 || option.silence) {
            add(
              [...here, option.consequences.length > 0 ? 'consequences' : 'silence'],
              `leads to "${option.next}", a combination the text rules out: it shows no consequences or silence of its own`,
            );
          }
        } else if (option.consequences.length === 0 && !option.silence) {
          add(
            here,
            'says nothing of what follows: give its consequences, or a silence saying the text assigns it none',
          );
        }
      });
    } else {
      consequenceRefs([...at, 'consequences'], node.consequences);
      node.silences.forEach((s, i) => {
        claimRefs([...at, 'silences', i, 'parts'], s.parts);
        if (s.contested)
          add(
            [...at, 'silences', i, 'contested'],
            'only an option’s silence can be contested: an outcome’s silence is not graded',
          );
      });
      if (node.ruledOut) {
        claimRef([...at, 'ruledOut', 'claim'], node.ruledOut.claim);
        if (node.consequences.length > 0 || node.silences.length > 0) {
          add(
            [...at, 'ruledOut'],
            'a combination the text rules out offers nothing more: remove its consequences and silences',
          );
        }
      } else if (node.consequences.length === 0 && node.silences.length === 0) {
        add(at, 'an outcome must cite the text: give consequences, silences or ruledOut');
      }
    }
  }
  for (const claimId of Object.keys(data.claims)) {
    if (!used.has(claimId)) add(['claims', claimId], 'is never used by an actor or node');
  }

  if (issues.length === 0) checkGraph(data, add);
  if (issues.length > 0) return { ok: false, issues };

  const nodes = placeConsequences(data, claims, document, add);
  if (issues.length > 0 || !nodes) return { ok: false, issues };

  const scenario: Scenario = { ...data, claims, nodes, document };
  return { ok: true, scenario: deepFreeze(scenario) };
}

/**
 * Every consequence checked for where it sits (content/lib/placement.ts) and its tie resolved.
 * Runs once every reference resolves. Returns the nodes with resolved ties.
 */
function placeConsequences(
  data: ScenarioData,
  claims: Readonly<Record<string, Claim>>,
  document: SourceDocument,
  add: (path: (string | number)[], message: string) => void,
): Record<string, ScenarioNode> | undefined {
  const uses: ConsequenceUse[] = Object.entries(data.nodes).flatMap(([nodeId, node]) =>
    node.kind === 'decision'
      ? node.options.flatMap((o, i) =>
          o.consequences.map((c) => ({
            option: `nodes.${nodeId}.options.${i}`,
            optionId: o.id,
            claim: c.claim,
            tied: c.tie !== undefined,
          })),
        )
      : [],
  );
  let ok = true;
  const place = (
    path: (string | number)[],
    c: { claim: string; tie?: TieInput | undefined },
    option?: { path: string; id: string },
  ): Consequence | undefined => {
    const claim = claims[c.claim] as Claim;
    const wording = wordingProblem(c.claim, claim, document);
    if (wording) add([...path, 'claim'], wording);
    if (!c.tie) {
      add([...path, 'tie'], missingTieMessage(c.claim, option?.path, option?.id, uses));
      ok = false;
      return undefined;
    }
    const tie = resolveTie(c.tie, c.claim, claim, document);
    if (typeof tie === 'string') {
      add([...path, 'tie', 'words'], tie);
      ok = false;
      return undefined;
    }
    if (wording) ok = false;
    return { claim: c.claim, tie };
  };
  const placeAll = (
    path: (string | number)[],
    list: readonly { claim: string; tie?: TieInput | undefined }[],
    option?: { path: string; id: string },
  ) =>
    list
      .map((c, i) => place([...path, i], c, option))
      .filter((c): c is Consequence => c !== undefined);

  const nodes: Record<string, ScenarioNode> = {};
  for (const [nodeId, node] of Object.entries(data.nodes)) {
    const at = ['nodes', nodeId];
    if (node.kind === 'decision') {
      nodes[nodeId] = {
        ...node,
        options: node.options.map((o, i) => ({
          ...o,
          consequences: placeAll([...at, 'options', i, 'consequences'], o.consequences, {
            path: `nodes.${nodeId}.options.${i}`,
            id: o.id,
          }),
        })),
      };
    } else if (node.kind === 'outcome') {
      const { ruledOut, ...rest } = node;
      const placed = ruledOut ? place([...at, 'ruledOut'], ruledOut) : undefined;
      nodes[nodeId] = {
        ...rest,
        consequences: placeAll([...at, 'consequences'], node.consequences),
        ...(placed ? { ruledOut: placed } : {}),
      };
    } else {
      nodes[nodeId] = node;
    }
  }
  return ok ? nodes : undefined;
}

/** Successor node ids of a node, in option order. */
export function successors(
  node:
    | { readonly kind: 'briefing'; readonly next: string }
    | { readonly kind: 'decision'; readonly options: readonly { readonly next: string }[] }
    | { readonly kind: 'outcome' },
): string[] {
  if (node.kind === 'briefing') return [node.next];
  if (node.kind === 'decision') return node.options.map((o) => o.next);
  return [];
}

/** Reachability, no loops, no walks back into the briefing, and no dead ends. */
function checkGraph(data: ScenarioData, add: (path: (string | number)[], message: string) => void) {
  const nodes = data.nodes;
  const reachable = new Set<string>();
  const stack = [data.start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    stack.push(...successors(nodes[id] as RawNode));
  }
  for (const [id, node] of Object.entries(nodes)) {
    if (!reachable.has(id)) add(['nodes', id], 'is unreachable from the start node');
    if (node.kind === 'decision') {
      node.options.forEach((o, i) => {
        if (o.next === data.start) {
          add(['nodes', id, 'options', i, 'next'], 'must not lead back to the briefing');
        }
      });
    }
  }

  // Which nodes can reach an outcome (reverse fixpoint), and loops (DFS colouring).
  const leadsToOutcome = new Set(
    Object.entries(nodes)
      .filter(([, n]) => n.kind === 'outcome')
      .map(([id]) => id),
  );
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, node] of Object.entries(nodes)) {
      if (!leadsToOutcome.has(id) && successors(node).some((s) => leadsToOutcome.has(s))) {
        leadsToOutcome.add(id);
        grew = true;
      }
    }
  }
  for (const [id, node] of Object.entries(nodes)) {
    if (node.kind === 'decision') {
      node.options.forEach((o, i) => {
        if (!leadsToOutcome.has(o.next)) {
          add(
            ['nodes', id, 'options', i, 'next'],
            `dead end: no outcome can be reached from "${o.next}"`,
          );
        }
      });
    }
  }

  const colour = new Map<string, 'open' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    colour.set(id, 'open');
    const node = nodes[id] as RawNode;
    const edges: [string, (string | number)[]][] =
      node.kind === 'briefing'
        ? [[node.next, ['nodes', id, 'next']]]
        : node.kind === 'decision'
          ? node.options.map((o, i) => [o.next, ['nodes', id, 'options', i, 'next']])
          : [];
    for (const [next, path] of edges) {
      if (colour.get(next) === 'open') {
        const walk = [...trail, id];
        add(path, `loop: ${[...walk.slice(walk.indexOf(next)), next].join(' → ')}`);
      } else if (!colour.has(next)) {
        visit(next, [...trail, id]);
      }
    }
    colour.set(id, 'done');
  };
  visit(data.start, []);
}
