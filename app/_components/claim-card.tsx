import Link from 'next/link';
import type { Claim, Citation, Tie } from '@/content/parse';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

type HeadingLevel = 2 | 3 | 4 | 5;

/** A run of a quotation to mark: offsets into the citation's text. */
interface Marked {
  readonly start: number;
  readonly end: number;
}

/**
 * One verbatim passage: only source text ever goes inside the blockquote. Marking the text's
 * tying words wraps them in <mark>; the blockquote's text stays exactly the source's.
 */
export function SourceQuote({
  scenarioId,
  citation,
  fromStep,
  mark,
}: {
  scenarioId: string;
  citation: Citation;
  /** The step showing the quote, so the reader can emphasise that step's passages. */
  fromStep?: readonly string[];
  /** The tying words inside this quotation, if it holds them. */
  mark?: Marked;
}) {
  const cite = routes.source(scenarioId, citation.anchor);
  const href = fromStep ? routes.sourceFromStep(scenarioId, fromStep, citation.anchor) : cite;
  const text = citation.text;
  return (
    <figure className="quote">
      <blockquote cite={cite}>
        <p>
          {mark ? (
            <>
              {text.slice(0, mark.start)}
              <mark className="tie-words">{text.slice(mark.start, mark.end)}</mark>
              {text.slice(mark.end)}
            </>
          ) : (
            text
          )}
        </p>
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

/**
 * Why a consequence sits on this branch: the text's own tying words, located (they are marked in
 * the quotation above), or our reading, marked as ours.
 */
export function TieLine({
  scenarioId,
  tie,
  fromStep,
}: {
  scenarioId: string;
  tie: Tie;
  fromStep?: readonly string[];
}) {
  if (tie.kind === 'inferred') {
    return (
      <p className="tie tie--ours">
        <span className="ours__tag">{strings.whyHereOurs}:</span> {tie.reading}
      </p>
    );
  }
  const anchor = `p${tie.paragraph}-s${tie.sentence}`;
  const href = fromStep
    ? routes.sourceFromStep(scenarioId, fromStep, anchor)
    : routes.source(scenarioId, anchor);
  return (
    <p className="tie tie--stated">
      <span className="tie__tag">{strings.whyHere}:</span> {strings.tieStated}{' '}
      <q cite={routes.source(scenarioId, anchor)}>{tie.text}</q> (
      <Link href={href} prefetch={false}>
        {strings.location(tie)}
        <span className="visually-hidden">{strings.inSourceReader}</span>
      </Link>
      ).
      {tie.note && (
        <>
          {' '}
          <span className="ours">
            <span className="ours__tag">{strings.ourNoteShort}:</span> {tie.note}
          </span>
        </>
      )}
    </p>
  );
}

/** A claim of the text: our label and reading around the text's own words. */
export function ClaimCard({
  scenarioId,
  claim,
  headingLevel = 3,
  fromStep,
  showKind = true,
  tie,
}: {
  scenarioId: string;
  claim: Claim;
  headingLevel?: HeadingLevel;
  fromStep?: readonly string[];
  /** False hides our reading of the claim kind (training mode asks the learner first). */
  showKind?: boolean;
  /** Where the claim is shown as a consequence: why it sits here. */
  tie?: Tie;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className={`claim claim--${claim.kind}`}>
      <Heading className="claim__label">{claim.label}</Heading>
      <p className="claim__intro">{strings.theTextClaims}</p>
      {claim.citations.map((c, i) => (
        <SourceQuote
          key={`${c.anchor}:${c.text}`}
          scenarioId={scenarioId}
          citation={c}
          fromStep={fromStep}
          mark={tie?.kind === 'stated' && tie.citation === i ? tie : undefined}
        />
      ))}
      {tie && <TieLine scenarioId={scenarioId} tie={tie} fromStep={fromStep} />}
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

/** A claim to list: consequences carry their tie; background and framing claims do not. */
export interface ListedClaim {
  readonly id: string;
  readonly claim: Claim;
  readonly tie?: Tie;
}

export function ClaimList({
  scenarioId,
  claims,
  headingLevel = 3,
  fromStep,
}: {
  scenarioId: string;
  claims: readonly ListedClaim[];
  headingLevel?: HeadingLevel;
  fromStep?: readonly string[];
}) {
  return (
    <ul className="claims" role="list">
      {claims.map(({ id, claim, tie }) => (
        <li key={id}>
          <ClaimCard
            scenarioId={scenarioId}
            claim={claim}
            headingLevel={headingLevel}
            fromStep={fromStep}
            tie={tie}
          />
        </li>
      ))}
    </ul>
  );
}
