/**
 * Every user-interface string, in one place, so a translation replaces this module (and the
 * few strings it takes from ./shell-strings) only. Scenario wording lives in content/, never here.
 */
import type { Citation } from '@/content/parse';
import type { ClaimKind } from '@/content/schema';
import { shellStrings } from './shell-strings';

/** What a location label needs of a citation. */
type CitedAt = Pick<Citation, 'paragraph' | 'sentence' | 'partial'>;

/** The first line of a map box, as shown. */
/**
 * A map box's first line: its kind, or for a marked outcome the marker instead (it must fit the
 * box; the name still says it is an outcome). Silences: 'all' where the text gives the path
 * nothing but silence, 'part' beside what it says; a ruling hedged where its tie is our reading.
 */
function mapNodeKind(
  kind: string,
  silent: 'all' | 'part' | false,
  ruledOut: 'stated' | 'inferred' | false,
): string {
  if (ruledOut) return ruledOut === 'stated' ? 'ruled out' : 'read as ruled out';
  if (silent) return silent === 'all' ? 'text silent' : 'text partly silent';
  return kind;
}

const base = {
  ...shellStrings,
  siteName: 'Crossroads',
  siteTagline: 'Walk the choices a policy text frames, and see what the text itself says follows.',
  skipToContent: 'Skip to content',
  primaryNav: 'Site',
  library: 'Scenarios',
  footer:
    'Crossroads shows what a text claims. Quotations are the text’s own words, never facts we vouch for or forecasts we make.',

  libraryTitle: 'Scenario library',
  libraryIntro:
    'Each scenario walks the choices a text frames for an actor, some named by the text and some framed by us from it, and shows the consequences the text gives, quoted and located, each with why it sits there: the text’s own words, or our reading, marked as ours.',
  voiceOf: 'Whose voice',
  scope: 'Scope',
  decisionsCount: (n: number) => `${n} decision${n === 1 ? '' : 's'}`,
  outcomesCount: (n: number) => `${n} outcome${n === 1 ? '' : 's'}`,
  start: 'Start the walkthrough',
  startOf: (title: string) => `Start: ${title}`,

  // The text's voice and ours.
  voiceNoticeTitle: 'Whose words are these?',
  voiceNotice:
    'It is one side’s account, in its own words: quotations show what the text claims, not what is true and not what Crossroads predicts.',
  oursNotice:
    'Headings, questions, option descriptions, summaries, discussion prompts and anything marked “our reading” or “our note” are written by Crossroads, not by the text.',
  theTextClaims: 'The text claims:',
  ourReading: 'Our reading',
  ourQuestion: 'Our question',
  ourSummary: 'Our summary',
  ourIntroduction: 'Our introduction',
  ourNote: 'Our note on the framing',
  ourNoteShort: 'Our note',
  aboutTheSource: 'About the source',
  ourPrompts: 'For discussion (our questions, not the text’s)',
  claimKind: 'Claim kind',
  kinds: {
    conditional: 'Conditional',
    predictive: 'Predictive',
    normative: 'Normative',
    descriptive: 'Descriptive',
  } satisfies Record<ClaimKind, string>,
  /** Where a cited quote stands; an excerpt (part of its sentence) says so. */
  location: ({ paragraph, sentence, partial }: CitedAt) =>
    `¶${paragraph}, ${partial ? 'part of sentence' : 'sentence'} ${sentence}`,
  inSourceReader: ', in the source reader',

  // Briefing.
  briefingLabel: 'Briefing',
  situation: 'The situation, as the text describes it',
  actors: 'Who the text speaks of',
  actorSays: (n: number) => `What the text says of them (${n} passage${n === 1 ? '' : 's'})`,
  howToUse: 'How to use this walkthrough',
  howToUseSteps: [
    'At each decision, pick an option. The next page shows what the text says follows from it, quoted with its paragraph and sentence, and why it sits there: the text’s own tying words, or our reading, marked as ours.',
    'Where the text never addresses a combination of choices, the outcome says so plainly instead of filling the gap.',
    'Every quotation links to the full text in the source reader, so you can check it in context.',
    'Keys: 1–9 pick an option, Backspace or Alt+← goes back, R restarts.',
  ],
  sourceText: 'Source text',
  readSource: 'Read the full text',

  // Aside on step pages.
  aboutThisPage: 'About this page',
  kindsLegend: 'Reading the claim kinds (our definitions)',
  kindDefinitions: {
    conditional: 'ties one thing to another: if this, then that; this excludes that.',
    predictive: 'says what will or is likely to happen.',
    normative: 'says what should, must or may be done.',
    descriptive: 'says what is the case, or what someone believes or fears.',
  } satisfies Record<ClaimKind, string>,

  // Steps.
  stepLabel: (n: number) => `Decision ${n}`,
  outcomeLabel: 'Outcome',
  /**
   * Over a choice's answer. Where any consequence shown sits there by our reading (an inferred
   * tie), the heading says so rather than claim the text places it.
   */
  youChose: (label: string, ours = false) =>
    ours
      ? `What follows from choosing “${label}”: the text’s words, placed here by our reading`
      : `What the text says follows from choosing “${label}”`,
  noConsequences: (label: string, contested = false) =>
    contested
      ? `The text ties no consequence to “${label}” in words of its own; one it ties to another choice may also refer to this one, as we read it (see below).`
      : `The text assigns no consequence of its own to “${label}”.`,
  /** A silence we mark as contested: the consequence that may refer here, and our reading. */
  contestedHeading:
    'It may refer to this choice, as we read it (our reading, not the text’s words)',
  contestedClaims: 'What the text ties to another choice, in its own words:',
  whyHere: 'Why here',
  tieStated: 'the text says',
  whyHereOurs: 'Why here (our reading, not the text’s words)',
  /** A combination the text rules out: said plainly where the text's words tie it, hedged where we read it. */
  ruledOut: (tie: 'stated' | 'inferred') =>
    tie === 'stated'
      ? {
          heading: 'The text rules this combination out',
          body: 'It calls what this path combines incompatible, in the words marked below, and says nothing more of this path.',
        }
      : {
          heading: 'The text rules this combination out, as we read it',
          body: 'It calls two things incompatible, in the passage below. That they are what this path combines is our reading, given below. The text says nothing more of this path.',
        },
  decides: 'Who decides',
  choiceNow: 'The choice',
  framing: 'How the text frames this choice',
  background: 'Background the text gives',
  options: 'Options',
  pathSoFar: 'Your path so far',
  back: 'Back',
  backTo: (label: string) => `Back to ${label}`,
  restart: 'Restart',
  stepNav: 'Step navigation',
  keyHint: 'Keys: 1–9 choose · Backspace back · R restart',

  // Outcomes.
  everyConsequence: 'Every consequence met on this path',
  atDecision: (decision: string, option: string) => `${decision}: ${option}`,
  whereItLeads: 'Where this path leads, according to the text',
  silences: 'Where the text is silent',
  textDoesNotSay: (about: string) => `The text does not say ${about}.`,
  whatItSaysOfParts: 'What the text does say of each part:',
  roadsNotTaken: 'Roads not taken',
  otherOutcomes: 'The other outcomes',
  insteadAt: (decision: string, option: string) => `At “${decision}”, choose “${option}” instead`,

  // Reader.
  readerTitle: (title: string) => `Source text: ${title}`,
  readerIntro:
    'The full text, exactly as in the source file. Highlighted sentences are cited by the walkthrough; each lists the steps that cite it.',
  citedOn: 'Cited on',
  paragraph: (n: number) => `Paragraph ${n}`,
  sentenceLink: (n: number) => `Sentence ${n}`,
  uncited: 'Not cited by any step',
  showUncited: (n: number) => `Mark the ${n} sentence${n === 1 ? '' : 's'} no step cites`,
  allCited: 'Every sentence of this text is cited by at least one step.',

  // Map, outline, compare.
  scenarioTools: 'Scenario views',
  map: 'Map',
  outline: 'Outline',
  compare: 'Compare',
  mapTitle: (title: string) => `Decision map: ${title}`,
  mapIntro:
    'The whole tree of choices. Each box is a page: select one to go there. Labels on the lines are the options; outcomes marked “text silent” have no consequence from the text, only silence; “text partly silent”, a combination the text never addresses beside what it does say; and “ruled out”, a combination the text calls incompatible (“read as ruled out” where that link is our reading).',
  mapScroll: 'Decision map (scrolls sideways on small screens)',
  mapDescription:
    'A tree from the briefing through each decision and option to every outcome; each box links to its page.',
  mapKind: { briefing: 'Briefing', decision: 'Decision', outcome: 'Outcome' },
  mapNodeKind,
  /** A map box's accessible name: its visible text first, in order (WCAG 2.5.3), then the rest. */
  mapNodeName: (
    kind: string,
    title: string,
    via: string | undefined,
    silent: 'all' | 'part' | false,
    ruledOut: 'stated' | 'inferred' | false,
  ) =>
    `${mapNodeKind(kind, silent, ruledOut)} ${title}${silent || ruledOut ? ` (${kind.toLowerCase()})` : ''}${via ? `, after choosing ${via}` : ''}${silent === 'all' ? ', the text is silent on this path' : silent === 'part' ? ', the text is silent on part of this path' : ''}${ruledOut ? `, the text rules this combination out${ruledOut === 'inferred' ? ', as we read it' : ''}` : ''}`,
  mapLegend: 'Key',
  mapLegendItems: {
    here: 'The step you came from, and the path to it',
    visited: 'Steps on your saved path (this device)',
    silent: 'Dashed outline: the text is silent on this path, or on part of it',
    ruledOut: 'Dotted outline: the text rules this combination out',
    ruledOutOurs: 'Dotted outline: the text rules this combination out, as we read it',
  },
  outlineTitle: (title: string) => `Outline: ${title}`,
  outlineIntro:
    'The whole scenario as a list: every decision and option, the text’s consequences with why each sits there (the text’s words, or our reading, marked), and every silence. It prints as a handout.',
  option: 'Option',
  leadsTo: 'Leads to',
  silenceParts: 'What the text says of each part',
  compareTitle: (title: string) => `Compare: ${title}`,
  compareIntro:
    'What the text says differs between choices and between outcomes. Every claim is cited; “not met” means the claim is not quoted on that path.',
  byDecision: 'What the text says differs, decision by decision',
  saidOfBoth: 'Said of every option here',
  decisionAfter: (title: string, after: string) => `${title}, after ${after}`,
  claimRole: {
    stated: 'consequence, tied in the text’s words',
    inferred: 'consequence, by our reading',
    'rules-out': 'rules this path out',
    silence: 'said of a part the text leaves open',
  },
  saidOf: (label: string, ours = false) =>
    ours
      ? `What follows from “${label}”: the text’s words, placed here by our reading`
      : `What the text says of “${label}”`,
  sameAt: (n: number) =>
    `This choice appears at ${n} points in the tree with the same options and claims.`,
  outcomesSideBySide: 'Outcomes side by side',
  claimColumn: 'What the text claims (our label)',
  notOnPath: 'not met',
  silentOnPath: 'text silent',
  silentOrRuledOut: 'Where the text is silent, or rules a path out',
  pickTwo: 'Pick two paths to see only how they differ',
  pathA: 'First path',
  pathB: 'Second path',
  showDifferences: 'Show differences',
  onlyOn: (label: string) => `Only on ${label}`,
  noDifferences: 'The text says the same on both paths.',
  samePath: 'Both picks are the same path. Pick two different ones to see how they differ.',

  // Exercise and debrief.
  exercise: 'Exercise',
  presenter: 'Presenter mode',
  runAsExercise: 'Run it as an exercise',
  exerciseTitle: (title: string) => `Exercise: ${title}`,
  exerciseIntro:
    'At each decision, choose an option, then say what you think the text says follows before its answer is revealed. At the end, a debrief sets your predictions beside the text.',
  exerciseHow: [
    'Choose an option, as the decider would.',
    'Predict: pick the claim you think the text makes about that choice, or write your own.',
    'Reveal: see what the text says, quoted, and whether your pick matches what the text ties to that choice in its own words. Where the link is only our reading, it is shown for discussion and not scored.',
    'Optionally, name the kind of each claim. At the end, keep the debrief.',
  ],
  startExercise: 'Start the exercise',
  resumeExercise: 'Resume the saved exercise',
  discardedExercise: 'A saved exercise on this device could not be read and was discarded.',
  lens: 'Claim lens: label each claim with its kind and whose voice it is',
  lensVoice: (voice: string) => `Voice: ${voice}`,
  chooseOption: 'Choose an option',
  youChoseShort: (label: string) => `You chose “${label}”`,
  predictHeading: 'Before the text’s answer: what do you think it says follows?',
  predictPick: 'Pick the claim you think the text makes about this choice',
  predictNothing: 'The text says nothing of its own about this choice',
  predictOwn: 'Or write your prediction in your own words',
  predictRequired: 'Pick a claim or write a prediction first.',
  revealButton: 'Lock in and reveal what the text says',
  changeChoice: 'Change my choice',
  backToReveal: 'Back to the last reveal',
  yourPrediction: 'Your prediction',
  yourWords: 'Your words, beside the text’s',
  verdictRight: 'Right: this is what the text says of this choice, in its own words.',
  verdictWrong: 'Not what the text says of this choice.',
  verdictUnscored:
    'Not scored: the text does not tie a consequence to this choice in its own words. What follows is our reading of where it belongs, for discussion.',
  verdictContested:
    'Not scored: the text ties nothing to this choice in its own words, but as we read it, a consequence it ties to another choice may refer to this one. Both readings are shown below, for discussion.',
  kindQuestion: 'What kind of claim is this?',
  kindNamedBefore: 'You named this claim’s kind at an earlier decision; it counts once.',
  check: 'Check',
  kindRight: (kind: string) => `Right: ${kind}.`,
  /** Followed by the claim's reason, in a paragraph of its own. */
  kindWrong: (kind: string) => `We classify it as ${kind}, because:`,
  next: 'Next',
  toDebrief: 'Go to the debrief',
  debrief: 'Debrief',
  debriefTitle: (title: string) => `Debrief: ${title}`,
  scoreHeading: 'Score',
  scorePredictions: (right: number, of: number) => `Predictions right: ${right} of ${of}`,
  scoreKinds: (right: number, of: number) => `Claim kinds named right: ${right} of ${of}`,
  includePredictions: 'Include my predictions in the link and downloads',
  openDebrief: 'Open the shareable debrief',
  downloadMarkdown: 'Download Markdown',
  downloadJson: 'Download JSON',
  print: 'Print',
  restartExercise: 'Start again',
  roomVote: 'Room vote',
  sharedUnreadable: 'The predictions in this link could not be read, so only the path is shown.',
  predictionsNotShared: 'Predictions are not included in this link.',
  yourPath: 'Your path',
  outcomeLine: (title: string, path: string) => `${title} (${path})`,
  markdownVoiceNote:
    'Quotations are the text’s own words: what it claims, and what it forecasts, not facts and not forecasts of Crossroads. Headings, questions, labels, option descriptions, summaries and anything marked “our reading” or “our note” are written by Crossroads.',
  sourceLine: (title: string, voice: string) => `${title}. ${voice}.`,

  // Errors.
  notFoundTitle: 'Page not found',
  notFoundBody: 'There is no page at this address. It may be a step the scenario does not have.',
  nearestStep: 'Nearest valid step',

  briefingStep: 'Briefing',

  // Stages as forms (phones).
  /** Shown on the option a learner picked, where a second pick replaces the first (a vote). */
  currentPick: 'Your current pick',
  /** A phone's prediction goes to the room; the facilitator reveals the answer. */
  sendPrediction: 'Send my prediction',
} as const;

/** Presenter mode (a facilitator at a projector). */
const present = {
  modeLabel: base.presenter,
  pageTitle: (title: string) => `Presenter: ${title}`,
  pageDescription: (title: string) =>
    `Run “${title}” with a room: take the room’s vote at each decision, then reveal what the text says follows.`,

  // The text's voice, on every screen.
  voiceLabel: base.voiceNoticeTitle,
  voiceLine: (voice: string) =>
    `${voice}. One side’s account, in its own words: quotations show what the text claims, not what is true.`,
  oursLine:
    'Questions, labels, option descriptions, summaries, notes and “our reading” are written by Crossroads, not by the text.',

  // Briefing.
  briefingLabel: base.briefingLabel,
  ourIntroduction: base.ourIntroduction,
  situation: (n: number) =>
    `The situation, as the text describes it (${n} passage${n === 1 ? '' : 's'})`,
  facilitatorNotes: 'Facilitator notes (ours)',
  resumeHeading: 'Saved session',
  resumeWhere: (where: string) => `A session saved on this device stopped at: ${where}.`,
  resumeOrStart: 'Starting afresh instead replaces it.',
  resume: 'Resume the session',
  discarded: 'Saved session could not be read and was discarded',
  discardedMore: 'Nothing else on this device was affected.',
  start: 'Start',

  // A decision.
  decisionNumber: (n: number) => `Decision ${n}`,
  decides: base.decides,
  ourQuestion: base.ourQuestion,
  ourFramingNote: base.ourNote,
  framing: (n: number) => `How the text frames this choice (${n} passage${n === 1 ? '' : 's'})`,
  options: base.options,
  chooseHint:
    'Enter the room’s votes, then select the option the room goes with (or press its number).',
  roomVote: 'Room vote',
  roomVoteFor: (label: string) => ` for ${label}`,
  votesInAll: (n: number) => `${n} vote${n === 1 ? '' : 's'} in all`,
  votes: (n: number) => `${n} vote${n === 1 ? '' : 's'}`,
  notCounted: 'not counted',

  // The choice made, the answer hidden.
  roomGoesWith: (label: string) => `The room goes with “${label}”`,
  roomVoteHeading: 'The room’s vote',
  noVotes: 'No votes were entered for this decision.',
  hiddenUntilReveal:
    'What the text says follows from this choice stays hidden until you reveal it. Ask the room first: what do they expect the text to say?',
  reveal: 'Reveal what the text says',
  back: base.back,

  // Revealed.
  youChose: base.youChose,
  noConsequences: base.noConsequences,
  next: base.next,
  toDebrief: 'Next: the debrief',

  // Debrief.
  debriefLabel: base.debrief,
  ourSummary: base.ourSummary,
  whereItLeads: base.whereItLeads,
  silences: base.silences,
  textDoesNotSay: base.textDoesNotSay,
  whatItSaysOfParts: base.whatItSaysOfParts,
  ruledOut: base.ruledOut,
  tallyHeading: 'The room’s votes',
  tallyCaption: 'Votes as the facilitator entered them, decision by decision.',
  tallyOption: 'Option',
  tallyVotes: 'Votes',
  tallyChosen: 'Room went with',
  chosen: 'Chosen',
  openDebrief: 'Open the debrief page',
  openDebriefNote: 'The link carries the path and the room’s votes, never anyone’s name.',
  restart: base.restart,
  restartNote: 'Restart clears this session’s votes.',

  // Keys.
  keysHeading: 'Keys',
  keyNames: {
    next: 'next / start',
    reveal: 'reveal',
    back: 'back',
    choose: 'choose an option',
  },
  announce: base.announceStep,
} as const;

/** Live rooms: a class on their phones, a facilitator at the projector. */
const room = {
  // Opening and joining.
  openRoom: 'Open a live room',
  openRoomNote:
    'Learners join from their phones with a code; they vote and predict, and you reveal what the text says.',
  joinTitle: 'Join a room',
  joinIntro: 'Type the code on the facilitator’s screen.',
  codeLabel: 'Room code',
  codeHint: 'Six letters and digits, for example K7M2QX.',
  join: 'Join',
  badCode: 'That is not a room code: six letters and digits, without O, I, L, 0 or 1.',
  nicknameLabel: 'Nickname (optional)',
  nicknameHint: (max: number) =>
    `Shown only to the facilitator, beside what you write. Up to ${max} characters; leave it empty to stay anonymous.`,
  joinRoom: (title: string) => `Join: ${title}`,
  roomCode: (code: string) => `Room ${code}`,
  joinAt: 'Join at',
  orScan: 'or scan',
  qrLabel: (url: string) => `QR code for ${url}`,
  noPersonalData: (keepDays: number) =>
    `No account and nothing personal: the room knows your phone only by a random code, and everything in it is deleted ${keepDays} days after the room ends.`,

  // A phone.
  waitingToStart: 'You are in. The facilitator will start in a moment.',
  participantsHere: (n: number) => `${n} ${n === 1 ? 'person' : 'people'} in the room`,
  voteNow: 'Vote: what would you choose?',
  yourVote: (label: string) =>
    `Your vote: ${label}. You can change it until the facilitator moves on.`,
  roomFollows: (label: string) => `The room goes with “${label}”`,
  predictNow: 'What do you think the text says follows?',
  predictionSent:
    'Your prediction is in. You can change it until the facilitator reveals the answer.',
  waitingForReveal: 'Waiting for the facilitator to reveal what the text says.',
  roomSplit: 'How the room voted',
  waitingForNext: 'Waiting for the facilitator to go on.',
  theEnd: 'The end of the path',
  keepDebrief: 'Keep your own debrief',
  keepDebriefNote: 'The link carries your predictions, never your name.',
  roomClosed: 'This room is closed',
  roomClosedBody: 'The facilitator has closed it, or its time is up. Nothing more can be sent.',
  roomExpired: 'This room has ended',
  notFound: 'There is no room with this code',
  notFoundBody: 'Check the code on the facilitator’s screen and try again.',
  tooManyCodes: 'Too many codes tried',
  tooManyCodesBody: (seconds: number) =>
    `This address tried too many codes that name no room. Try again in ${seconds} seconds.`,
  unavailable: 'The room cannot be reached just now',
  unavailableBody: 'The server’s store is not answering. Try again in a few seconds.',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  refreshing: 'This page refreshes itself every few seconds.',
  problems: {
    'not-now': 'That could not be sent: the room has moved on. Here is where it is now.',
    'not-joined': 'Join the room first.',
    full: 'The room is full.',
    closed: 'The room is closed.',
    expired: 'The room has ended.',
    'nickname-too-long': 'That nickname is too long.',
    'too-many-commands': 'Too many at once: wait a moment and send it again.',
    'too-many-joins': 'Too many joins from this address: wait a minute and try again.',
    'moved-on': 'The room had already moved on; this is where it is now.',
    unavailable: 'The server could not store that just now. Send it again in a few seconds.',
  } as Record<string, string>,
  problemFallback: 'That could not be sent.',

  // The facilitator.
  facilitatorOnly: 'Only the browser that opened this room can run it',
  facilitatorOnlyBody:
    'The facilitator’s key stays in the browser that opened the room. To take part instead, join with the code.',
  joinInstead: 'Join as a participant',
  lobbyHeading: 'Join from your phone',
  start: 'Start',
  votedOf: (voted: number, of: number) => `${voted} of ${of} voted`,
  connectedNow: (n: number) => `${n} connected now`,
  goWith: (label: string) => `Go with “${label}”`,
  majority: 'most votes',
  predictedOf: (made: number, of: number) => `${made} of ${of} predicted`,
  roomPredictions: 'What the room predicted',
  rightOf: (right: number, of: number) => `${right} of ${of} picks match what the text says`,
  notScoredHere: 'Not scored here: the text’s link to this choice is our reading.',
  pickedBy: (n: number) => `${n} ${n === 1 ? 'pick' : 'picks'}`,
  theTextsAnswer: 'the text’s answer',
  ownWords: 'In their own words',
  anonymous: 'anonymous',
  roomDebrief: 'The room’s debrief',
  openRoomDebrief: 'Open the room’s debrief',
  closeRoom: 'Close the room',
  closeRoomNote:
    'Closing stops all voting; the room’s debrief stays available until the room is deleted.',
  closed: 'Room closed',

  // The room's debrief.
  debriefTitle: (title: string, code: string) => `Room ${code}: ${title}`,
  splitHeading: 'The room’s split, decision by decision',
  predictionsHeading: 'The room’s predictions beside the text',
  noPredictions: 'No predictions at this decision.',
  exports: 'Download',
  exportMarkdown: 'Markdown',
  exportCsv: 'CSV',
  exportJson: 'JSON',
} as const;

/** Self-paced rooms: each learner on their own, the room keeping their runs. */
const selfPaced = {
  openHeading: 'Open a room for your class',
  kindLegend: 'How the class takes part',
  live: 'Live: you run it from the projector, learners vote and predict on their phones',
  selfPaced: 'Self-paced: homework; each learner works through it alone, you read the results',
  openUntil: 'Open until (self-paced)',
  openUntilHint: (days: number, max: number) =>
    `Through the end of that day, in every time zone. Leave it empty for ${days} days; at most ${max} days.`,
  openRoom: 'Open the room',
  joinIntro:
    'Work through the exercise at your own pace. Your choices and predictions are recorded in the room for the facilitator, under your nickname if you give one.',
  start: 'Start the exercise',
  startOver: 'Start over',
  startOverNote: 'Your run so far stays in the room, marked as started over.',
  startAgain: 'Do it again',
  saving: 'Saving…',
  saved: 'Saved in the room',
  notSaved: 'Not saved yet: the server cannot be reached. Trying again…',
  caughtUp: 'This run went on in another tab or device; this is where it is now.',
  finishedNote: 'Finished: your run is in the room. You can look back over it here.',
  closedNote:
    'This room is closed: nothing more can be recorded. What you did before it closed is kept.',
  needsScript:
    'This exercise needs JavaScript to record your run. Turn it on, or ask the facilitator for a live room.',
  openUntilLine: (date: string) => `Open until ${date}`,
} as const;

/** The class's results (facilitator only). */
const results = {
  title: (title: string) => `Class results: ${title}`,
  modeLabel: { live: 'live room', 'self-paced': 'self-paced room' } as Record<string, string>,
  ours: 'Everything on this page is counted from what your learners did; the quotations and what the text says come from the source, and every label and question is ours.',
  completionHeading: 'Who took part',
  learners: (n: number) => `${n} ${n === 1 ? 'learner' : 'learners'}`,
  finished: 'Finished',
  going: 'Still going (a step within the last day)',
  stopped: 'Stopped partway (no step for a day, or the room has ended)',
  startedOver: 'Started over (the earlier run is kept, not counted)',
  countedNote:
    'Each learner counts once below: their latest run that was not started over. Earlier runs are in the CSV.',
  choicesHeading: 'What they chose, decision by decision',
  nobodyHere: 'Nobody has reached this decision.',
  chart: (title: string) => `How the class chose at “${title}”`,
  after: (title: string, path: readonly string[]) =>
    `${title}, after ${path.map((label) => `“${label}”`).join(' then ')}`,
  chose: (n: number, total: number) => `${n} of ${total}`,
  medianTime: (seconds: number) => `Median time at this decision: ${formatSeconds(seconds)}.`,
  predictionsHeading: 'What they expected the text to say',
  predictionsIntro:
    'For each choice the class made: what the text ties to it, how many predicted that, and where expectations went beyond the text.',
  predictionsMade: (n: number) => `${n} ${n === 1 ? 'prediction' : 'predictions'}`,
  textSays: 'The text ties here',
  ourReading: 'Our reading places here',
  confusionsCaption: 'Wrong answers, most frequent first',
  notThere: 'Not said of this choice',
  beyondTheText: (n: number) => `${n} predicted something the text does not say of this choice`,
  rightOf: (right: number, of: number) => `${right} of ${of} picks match what the text ties here`,
  ownWords: 'In their own words, for discussion',
  allWords: (n: number) => `Show all ${n} answers in their own words`,
  fewerWords: (n: number) => `Show the first ${n} only`,
  allInCsv: 'The CSV has every answer.',
  hide: 'Hide',
  show: 'Show',
  hideWordsLabel: (by: string) => `Hide the words by ${by}`,
  showWordsLabel: (by: string) => `Show the words by ${by}`,
  hiddenHeading: (n: number) => `Hidden by you (${n})`,
  hiddenNote: 'Hidden words stay out of this page and the Markdown; the CSV marks them.',
  kindsHeading: 'Claim kinds they confuse',
  kindsIntro: 'When asked what kind of claim each quotation makes.',
  noKinds: 'No claim kinds named yet.',
  kindRight: (right: number, of: number) => `${right} of ${of} right`,
  confusion: (kind: string, answered: string, count: number, of: number) =>
    `${kind} claims named ${answered.toLowerCase()}: ${count} of ${of} answers`,
  kindColumn: 'The text’s kind',
  answeredColumn: 'Answered as',
  countColumn: 'Answers',
  download: 'Download the results',
  refresh: 'Refresh',
  asOf: (time: string) => `As of ${time}`,
  noLearners: 'Nobody has joined yet. Share the code or link below.',
  shareLink: 'Learners join at',
} as const;

/** The facilitator's rooms page. */
const myRooms = {
  title: 'Your rooms',
  intro:
    'The rooms this browser opened. Only this browser can see their results: the key is kept in it, never on the server.',
  none: 'This browser has not opened any room, or they have all been deleted.',
  openOne: 'Open a room from a scenario’s briefing.',
  codeColumn: 'Room',
  kindColumn: 'Kind',
  stateColumn: 'State',
  whoColumn: 'Learners',
  actionsColumn: 'Actions',
  open: 'Open',
  closedState: 'Closed',
  ended: 'Ended',
  deletedOn: (date: string) => `deleted on ${date}`,
  results: 'Results',
  projector: 'Projector',
  close: 'Close',
  reopen: 'Open until',
  reopenButton: 'Reopen',
  changeDate: 'Change the date',
  delete: 'Delete…',
  done: {
    close: (code: string) => `Room ${code} is closed.`,
    reopen: (code: string) => `Room ${code} is open again.`,
    delete: (code: string) => `Room ${code} and everything in it have been deleted.`,
  } as Record<string, (code: string) => string>,
  deleteTitle: (code: string) => `Delete room ${code}?`,
  deleteBody: (n: number) =>
    `This deletes the room and everything in it from the server: ${n} ${n === 1 ? 'learner’s' : 'learners’'} runs, predictions and words. It cannot be undone; download the results first if you want to keep them.`,
  confirmLabel: (code: string) => `Type the room’s code (${code}) to confirm`,
  confirm: 'Delete for good',
  cancel: 'Keep it',
  problems: {
    'confirm-code': 'The code typed does not match the room’s: nothing was deleted.',
    'open-until-past': 'That date has passed: choose a later one.',
    'open-until-too-late': 'That date is too far off: a room is open for at most 90 days.',
    'live-rooms-cannot-reopen':
      'A live room cannot be reopened once closed: open a new room to run it again.',
  } as Record<string, string>,
} as const;

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

export const strings = { ...base, present, room, selfPaced, results, myRooms } as const;

export type Strings = typeof strings;
