/**
 * The scenario format: the one contract between authors and the app.
 * Small per-concern schemas; every field documented. `parseScenario()` (content/parse.ts)
 * runs this schema, then the cross-checks that need the whole scenario and its source.
 * The authoritative prose description for authors is docs/content-format.md.
 */
import { z } from 'zod';

/** Current version of the scenario file format. */
export const FORMAT_VERSION = 2;

/** Stable identifier: lower-case kebab-case. Used in URLs, so it must never change once published. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: a-z, 0-9 and single hyphens');

/** Text written by us (labels, questions, prompts). Shown as ours, never as the source's words. */
const ourText = z.string().trim().min(1, 'must not be empty');

/** A location in the source plus the words found there. */
export const citationSchema = z.strictObject({
  /** 1-based paragraph number in the source text. */
  paragraph: z.int().positive(),
  /** 1-based sentence number within that paragraph. */
  sentence: z.int().positive(),
  /**
   * The words quoted, verbatim from that one sentence: a whole sentence or a run of whole words.
   * Only typography may differ (curly vs straight quotes, dash vs hyphen, spacing).
   */
  quote: z.string().refine((q) => q.trim().length > 0, 'must not be empty'),
});

/** What kind of claim the wording makes, read off the text's own words. */
export const claimKindSchema = z.enum(['conditional', 'predictive', 'normative', 'descriptive']);

/** A claim the text makes, with the passages that make it. */
export const claimSchema = z.strictObject({
  /** Our short label for the claim (a heading; never presented as the text's words). */
  label: ourText,
  /** The kind of claim, read off the wording. */
  kind: claimKindSchema,
  /** Our one-line reason for that kind: which words decide it. */
  kindReason: ourText,
  /** At least one passage of the source that makes the claim. */
  citations: z.array(citationSchema).min(1, 'needs at least one citation'),
});

/** Someone the text speaks of. */
export const actorSchema = z.strictObject({
  /** Display name (ours). */
  name: ourText,
  /** Our one-line description of the actor's role in the scenario. */
  role: ourText,
  /** Ids of claims in which the text speaks of this actor. */
  claims: z.array(idSchema).min(1, 'needs at least one claim from the text'),
});

/** Teaching material: discussion prompts written by us, kept apart from the text's claims. */
const promptsSchema = z.array(ourText).default([]);

/** Notes for a facilitator (ours), shown only in presenter mode. */
const facilitatorNotesSchema = z.array(ourText).default([]);

/**
 * Why the text attaches a consequence to a choice: the text's own words (stated). The words must
 * name the option's act or its condition, and stand inside the claim's quoted passage.
 */
export const statedTieSchema = z.strictObject({
  kind: z.literal('stated'),
  /**
   * The tying words, verbatim: a run of whole words inside the claim's quotation, e.g. "By making
   * the right choice-the choice of partnership". Marked inside the quotation when shown.
   */
  words: z.string().refine((w) => w.trim().length > 0, 'must not be empty'),
  /** Our optional note on why the tie holds on this branch (shown as ours). */
  note: ourText.optional(),
});

/** Why a consequence sits here when the text places it without saying so: our reading, shown as ours. */
export const inferredTieSchema = z.strictObject({
  kind: z.literal('inferred'),
  /** Our one-line reading, e.g. what the juxtaposition of two sentences attaches to the choice. */
  reading: ourText,
});

/** A consequence's tie to its choice: the text's own words, or our reading marked as ours. */
export const tieSchema = z.discriminatedUnion('kind', [statedTieSchema, inferredTieSchema], {
  error: 'kind must be "stated" or "inferred"',
});

/** A claim the text says follows from a choice (or a path), with why it sits there. */
export const consequenceSchema = z.strictObject({
  /** Id of the claim. */
  claim: idSchema,
  /**
   * Required: checked by parseScenario(), which says which tie is missing and where the same
   * claim is tied elsewhere.
   */
  tie: tieSchema.optional(),
});

/** A combination of choices the text never addresses. */
export const silenceSchema = z.strictObject({
  /** What the text does not address, in our words: completes "The text does not say …". */
  about: ourText,
  /** Ids of claims: what the text does say of each part of the combination. */
  parts: z.array(idSchema).min(1, 'say what the text does say of each part'),
  /**
   * Only on an option's silence: where our reading says a consequence the text ties to another
   * choice may also refer to this one, so the silence is ours to discuss, not the text's answer.
   * The exercise then does not grade this choice; the app shows the claims and our reading.
   */
  contested: z
    .strictObject({
      /** Ids of claims, each a consequence the text ties to another choice in its own words. */
      claims: z.array(idSchema).min(1, 'name the consequence that may refer to this choice'),
      /** Our reading of why it may refer here, and why it is placed where it is (shown as ours). */
      reading: ourText,
    })
    .optional(),
});

/** One choice at a decision. */
export const optionSchema = z.strictObject({
  /** Unique within its decision; the URL segment for this choice. */
  id: idSchema,
  /** Short label (ours), e.g. "Repair". */
  label: ourText,
  /** Our one-sentence account of what choosing this means; says whose claim any charge is. */
  description: ourText,
  /** What the text says follows from this choice, each with its tie. */
  consequences: z.array(consequenceSchema).default([]),
  /**
   * Where the text assigns this choice nothing of its own: what it does not say, and what it does
   * say of the parts. Required when there are no consequences (unless the option leads to a
   * combination the text rules out).
   */
  silence: silenceSchema.optional(),
  /** Id of the node this choice leads to. */
  next: idSchema,
});

/** Where the walkthrough begins: the situation as the text describes it. */
export const briefingNodeSchema = z.strictObject({
  kind: z.literal('briefing'),
  /** Heading (ours). */
  title: ourText,
  /** Our short introduction to the situation. */
  intro: ourText,
  /** Ids of claims that set the scene. */
  context: z.array(idSchema).min(1, 'needs at least one claim that sets the scene'),
  /** Id of the first decision. */
  next: idSchema,
  prompts: promptsSchema,
  facilitatorNotes: facilitatorNotesSchema,
});

/** A choice an actor faces. */
export const decisionNodeSchema = z.strictObject({
  kind: z.literal('decision'),
  /** Short heading (ours). */
  title: ourText,
  /** Id of the actor who decides. */
  decider: idSchema,
  /** The question, in our words, as the text frames it. */
  question: ourText,
  /**
   * Our note on how the framing is read off the text, where that is an interpretation
   * (e.g. the text names a choice only implicitly). Optional.
   */
  framingNote: ourText.optional(),
  /** Ids of claims in which the text frames this choice. */
  framing: z.array(idSchema).default([]),
  /** Ids of claims the text gives as background to the choice. */
  context: z.array(idSchema).default([]),
  /** At least two options. */
  options: z.array(optionSchema).min(2, 'a decision needs at least two options'),
  prompts: promptsSchema,
  facilitatorNotes: facilitatorNotesSchema,
});

/** A combination the text rules out: the claim that rules it out, and why it applies here. */
export const ruledOutSchema = z.strictObject({
  /** Id of the claim in which the text calls the combination incompatible (or impossible). */
  claim: idSchema,
  /** Why that claim applies to this path: the text's words, or our reading. */
  tie: tieSchema,
});

/** An ending. */
export const outcomeNodeSchema = z.strictObject({
  kind: z.literal('outcome'),
  /** Heading (ours). */
  title: ourText,
  /** Our plain summary of what the text does and does not say about this path. */
  summary: ourText,
  /** What the text says of where this path as a whole leads, each with its tie to the path. */
  consequences: z.array(consequenceSchema).default([]),
  /** Combinations on this path that the text never addresses. */
  silences: z.array(silenceSchema).default([]),
  /**
   * The text calls this combination incompatible: the outcome shows that, cited, and nothing
   * more (no consequences, no silences).
   */
  ruledOut: ruledOutSchema.optional(),
  prompts: promptsSchema,
  facilitatorNotes: facilitatorNotesSchema,
});

export const nodeSchema = z.discriminatedUnion(
  'kind',
  [briefingNodeSchema, decisionNodeSchema, outcomeNodeSchema],
  { error: 'kind must be "briefing", "decision" or "outcome"' },
);

/** The source text and whose voice it is. */
export const sourceRefSchema = z.strictObject({
  /** File name in content/sources/, e.g. "statement.txt". */
  file: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*\.txt$/, 'must be a .txt file name in content/sources/'),
  /** A descriptive title (ours): the text carries none of its own. */
  title: ourText,
  /**
   * Whose voice the text speaks in, only as far as the text shows it, e.g. "A text in the city
   * council's voice; author and official standing not given". Shown on every page.
   */
  voice: ourText,
  /**
   * The voice in one short line, e.g. "The council's voice; author and standing not given": the
   * line every page keeps visible, opening to the full notice. About 50 characters at most, so
   * it fits one line on a phone; `voice` is shown when it is absent.
   */
  voiceLine: ourText.max(56, 'must be at most 56 characters: it is one line on a phone').optional(),
  /** An honest note on authorship: what the text says of its author, outlet and date, and what it does not. */
  attribution: ourText,
});

export const scenarioSchema = z.strictObject({
  /** Version of this format the file is written in. */
  formatVersion: z.literal(FORMAT_VERSION, { error: `must be ${FORMAT_VERSION}` }),
  /** Scenario id; the URL segment /scenarios/{id}. Must match the folder name. */
  id: idSchema,
  title: ourText,
  /** One line (ours) for the scenario library. */
  summary: ourText,
  source: sourceRefSchema,
  /** People and groups the text speaks of, by id. */
  actors: z.record(idSchema, actorSchema),
  /** Id of the briefing node where the walkthrough starts. */
  start: idSchema,
  /** Every node of the scenario, by id. */
  nodes: z.record(idSchema, nodeSchema),
  /** Every claim of the text the scenario uses, by id. */
  claims: z.record(idSchema, claimSchema),
  /** Discussion prompts (ours) for the debrief. */
  prompts: promptsSchema,
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type TieInput = z.output<typeof tieSchema>;
export type ScenarioData = z.output<typeof scenarioSchema>;
export type ClaimKind = z.output<typeof claimKindSchema>;
