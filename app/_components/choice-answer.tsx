import type { ReactNode } from 'react';
import type { Claim, Consequence, Silence } from '@/content/parse';
import type { ChoiceAnswer } from '@/machines/answers';
import { strings } from '@/app/_lib/strings';
import { ClaimCard, ClaimList, type ListedClaim } from './claim-card';

type HeadingLevel = 2 | 3 | 4 | 5;
type Claims = Readonly<Record<string, Claim>>;

const below = (level: HeadingLevel): HeadingLevel =>
  level < 4 ? ((level + 1) as HeadingLevel) : 4;

/** Consequences as ClaimList takes them, each with its tie. */
export function tiedClaims(claims: Claims, consequences: readonly Consequence[]): ListedClaim[] {
  return consequences.flatMap(({ claim: id, tie }) => {
    const claim = claims[id];
    return claim ? [{ id, claim, tie }] : [];
  });
}

/** Claims by id, as ClaimList takes them (no ties: framing, background, parts of a silence). */
export function listedClaims(claims: Claims, ids: readonly string[]): ListedClaim[] {
  return ids.flatMap((id) => {
    const claim = claims[id];
    return claim ? [{ id, claim }] : [];
  });
}

/** What the text leaves unsaid, and what it does say of each part. */
export function SilenceBlock({
  scenarioId,
  claims,
  silence,
  headingLevel = 3,
  fromStep,
}: {
  scenarioId: string;
  claims: Claims;
  silence: Silence;
  headingLevel?: HeadingLevel;
  fromStep?: readonly string[];
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="silence">
      <Heading className="silence__statement">{strings.textDoesNotSay(silence.about)}</Heading>
      <p>{strings.whatItSaysOfParts}</p>
      <ClaimList
        scenarioId={scenarioId}
        claims={listedClaims(claims, silence.parts)}
        headingLevel={below(headingLevel)}
        fromStep={fromStep}
      />
      {silence.contested && (
        <div className="silence__contested ours">
          <Heading>{strings.contestedHeading}</Heading>
          <p>{silence.contested.reading}</p>
          <p>{strings.contestedClaims}</p>
          <ClaimList
            scenarioId={scenarioId}
            claims={listedClaims(claims, silence.contested.claims)}
            headingLevel={below(headingLevel)}
            fromStep={fromStep}
          />
        </div>
      )}
    </div>
  );
}

/** A combination the text rules out: that, cited, and nothing more. */
export function RuledOutBlock({
  scenarioId,
  claims,
  ruledOut,
  headingLevel = 3,
  fromStep,
}: {
  scenarioId: string;
  claims: Claims;
  ruledOut: Consequence;
  headingLevel?: HeadingLevel;
  fromStep?: readonly string[];
}) {
  const Heading = `h${headingLevel}` as const;
  const claim = claims[ruledOut.claim];
  return (
    <div className="ruled-out">
      <Heading className="ruled-out__statement">
        {strings.ruledOut(ruledOut.tie.kind).heading}
      </Heading>
      <p>{strings.ruledOut(ruledOut.tie.kind).body}</p>
      {claim && (
        <ClaimCard
          scenarioId={scenarioId}
          claim={claim}
          tie={ruledOut.tie}
          headingLevel={below(headingLevel)}
          fromStep={fromStep}
        />
      )}
    </div>
  );
}

/**
 * What the text says follows from a choice, wherever a choice's answer is shown: its consequences
 * with their ties, or that it assigns the choice nothing (and what it leaves unsaid), or that the
 * choice completes a combination the text rules out.
 */
export function ChoiceAnswerView({
  scenarioId,
  claims,
  answer,
  optionLabel,
  headingLevel = 3,
  fromStep,
  renderSilence,
}: {
  scenarioId: string;
  claims: Claims;
  answer: ChoiceAnswer;
  optionLabel: string;
  headingLevel?: HeadingLevel;
  fromStep?: readonly string[];
  /** How to show the silence, where a view lists it more compactly (the outline). */
  renderSilence?: (silence: Silence) => ReactNode;
}) {
  return (
    <>
      {answer.consequences.length > 0 && (
        <ClaimList
          scenarioId={scenarioId}
          claims={tiedClaims(claims, answer.consequences)}
          headingLevel={headingLevel}
          fromStep={fromStep}
        />
      )}
      {answer.ruledOut && (
        <RuledOutBlock
          scenarioId={scenarioId}
          claims={claims}
          ruledOut={answer.ruledOut}
          headingLevel={headingLevel}
          fromStep={fromStep}
        />
      )}
      {answer.consequences.length === 0 && !answer.ruledOut && (
        <p className="no-consequence">
          {strings.noConsequences(optionLabel, answer.silence?.contested !== undefined)}
        </p>
      )}
      {answer.silence &&
        (renderSilence ? (
          renderSilence(answer.silence)
        ) : (
          <SilenceBlock
            scenarioId={scenarioId}
            claims={claims}
            silence={answer.silence}
            headingLevel={headingLevel}
            fromStep={fromStep}
          />
        ))}
    </>
  );
}
