import Link from 'next/link';
import type { Claim, Citation } from '@/content/parse';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

type HeadingLevel = 2 | 3 | 4;

/** One verbatim passage: only source text ever goes inside the blockquote. */
export function SourceQuote({
  scenarioId,
  citation,
  fromStep,
}: {
  scenarioId: string;
  citation: Citation;
  /** The step showing the quote, so the reader can emphasise that step's passages. */
  fromStep?: readonly string[];
}) {
  const cite = routes.source(scenarioId, citation.anchor);
  const href = fromStep ? routes.sourceFromStep(scenarioId, fromStep, citation.anchor) : cite;
  return (
    <figure className="quote">
      <blockquote cite={cite}>
        <p>{citation.text}</p>
      </blockquote>
      <figcaption className="quote__where">
        <Link href={href} prefetch={false}>
          {strings.location(citation)}
          <span className="visually-hidden">{strings.inSourceReader}</span>
        </Link>
      </figcaption>
    </figure>
  );
}

/** A claim of the text: our label and reading around the text's own words. */
export function ClaimCard({
  scenarioId,
  claim,
  headingLevel = 3,
  fromStep,
  showKind = true,
}: {
  scenarioId: string;
  claim: Claim;
  headingLevel?: HeadingLevel;
  fromStep?: readonly string[];
  /** False hides our reading of the claim kind (training mode asks the learner first). */
  showKind?: boolean;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className={`claim claim--${claim.kind}`}>
      <Heading className="claim__label">{claim.label}</Heading>
      <p className="claim__intro">{strings.theTextClaims}</p>
      {claim.citations.map((c) => (
        <SourceQuote
          key={`${c.anchor}:${c.text}`}
          scenarioId={scenarioId}
          citation={c}
          fromStep={fromStep}
        />
      ))}
      {showKind && (
        <p className="claim__kind">
          <span className={`kind kind--${claim.kind}`}>
            <span className="visually-hidden">{strings.claimKind}: </span>
            {strings.kinds[claim.kind]}
          </span>{' '}
          <span className="ours">
            <span className="ours__tag">{strings.ourReading}:</span> {claim.kindReason}
          </span>
        </p>
      )}
    </article>
  );
}

export function ClaimList({
  scenarioId,
  claims,
  headingLevel = 3,
  fromStep,
}: {
  scenarioId: string;
  claims: readonly { id: string; claim: Claim }[];
  headingLevel?: HeadingLevel;
  fromStep?: readonly string[];
}) {
  return (
    <ul className="claims" role="list">
      {claims.map(({ id, claim }) => (
        <li key={id}>
          <ClaimCard
            scenarioId={scenarioId}
            claim={claim}
            headingLevel={headingLevel}
            fromStep={fromStep}
          />
        </li>
      ))}
    </ul>
  );
}
