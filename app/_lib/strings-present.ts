/**
 * User-interface strings of presenter mode (a facilitator at a projector). Kept apart from
 * strings.ts for now; to be merged into it. Scenario wording lives in content/, never here.
 */
export const presentStrings = {
  modeLabel: 'Presenter mode',
  pageTitle: (title: string) => `Presenter: ${title}`,
  pageDescription: (title: string) =>
    `Run “${title}” with a room: take the room’s vote at each decision, then reveal what the text says follows.`,

  // The text's voice, on every screen.
  voiceLabel: 'Whose words are these?',
  voiceLine: (voice: string) =>
    `${voice}: one party’s account, in its own words. Quotations show what the text claims, not what is true.`,
  oursLine: 'Questions, labels, summaries and notes are written by Crossroads, not by the text.',

  // Briefing.
  briefingLabel: 'Briefing',
  ourIntroduction: 'Our introduction',
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
  decides: 'Who decides',
  ourQuestion: 'Our question',
  ourFramingNote: 'Our note on the framing',
  framing: (n: number) => `How the text frames this choice (${n} passage${n === 1 ? '' : 's'})`,
  options: 'Options',
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
  back: 'Back',

  // Revealed.
  youChose: (label: string) => `What the text says follows from choosing “${label}”`,
  noConsequences: (label: string) =>
    `The text assigns no consequence of its own to “${label}” at this point.`,
  next: 'Next',
  toDebrief: 'Next: the debrief',

  // Debrief.
  debriefLabel: 'Debrief',
  ourSummary: 'Our summary',
  whereItLeads: 'Where this path leads, according to the text',
  silences: 'Where the text is silent',
  textDoesNotSay: (about: string) => `The text does not say ${about}.`,
  whatItSaysOfParts: 'What the text does say of each part:',
  tallyHeading: 'The room’s votes',
  tallyCaption: 'Votes as the facilitator entered them, decision by decision.',
  tallyOption: 'Option',
  tallyVotes: 'Votes',
  tallyChosen: 'Room went with',
  chosen: 'Chosen',
  openDebrief: 'Open the debrief page',
  openDebriefNote: 'The link carries the path and the room’s votes, never anyone’s name.',
  restart: 'Restart',
  restartNote: 'Restart clears this session’s votes.',

  // Keys.
  keysHeading: 'Keys',
  keyNames: {
    next: 'next / start',
    reveal: 'reveal',
    back: 'back',
    choose: 'choose an option',
  },
  announce: (heading: string) => `Now at: ${heading}`,
} as const;

export type PresentStrings = typeof presentStrings;
