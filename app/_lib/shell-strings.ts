/**
 * The strings that browser code on every page renders: the error boundary, the walk runtime's
 * announcements and the offer to resume. They live apart from ./strings so that those pages'
 * JavaScript carries these few lines, not the whole interface; ./strings includes them all, so
 * `strings.errorTitle` and the rest read the same everywhere else.
 */
export const shellStrings = {
  resume: (where: string) => `Resume where you left off: ${where}`,
  resumeHeading: 'Saved progress',
  discardedProgress:
    'Saved progress on this device could not be read and was discarded. Nothing else was affected.',
  backToLibrary: 'Back to the scenario library',
  errorTitle: 'Something went wrong',
  errorBody: 'This page could not be shown. Your saved progress is untouched.',
  tryAgain: 'Try again',
  announceStep: (label: string) => `Now at: ${label}`,
} as const;
