import { ClaimCard } from '@/app/_components/claim-card';
import { strings } from '@/app/_lib/strings';
import type { Claim, Tie } from '@/content/parse';

/**
 * A claim as the exercise's stages show it: the claim card, and under the claim lens its kind
 * and whose voice it is, whatever `showKind` says.
 */
export function ExerciseClaim({
  scenarioId,
  claim,
  showKind,
  headingLevel = 4,
  tie,
  lensVoice,
}: {
  scenarioId: string;
  claim: Claim;
  showKind: boolean;
  headingLevel?: 3 | 4;
  tie?: Tie;
  /** The source's voice, when the claim lens is on. */
  lensVoice?: string;
}) {
  const lens = lensVoice !== undefined;
  return (
    <div className="exercise-claim">
      <ClaimCard
        scenarioId={scenarioId}
        claim={claim}
        headingLevel={headingLevel}
        showKind={showKind || lens}
        tie={tie}
      />
      {lens && <p className="lens-voice">{strings.lensVoice(lensVoice)}</p>}
    </div>
  );
}
