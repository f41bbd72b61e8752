import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClaimList } from '@/app/_components/claim-card';
import { ChoiceAnswerView, tiedClaims } from '@/app/_components/choice-answer';
import { ViewHeader } from '@/app/_components/view-header';
import { claimsOf, getRuntime, type ScenarioRuntime } from '@/app/_lib/runtime';
import { answerFor } from '@/machines/answers';
import { routes, stepToken } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import type { Claim, Scenario, Silence } from '@/content/parse';
import type { StepRef } from '@/machines/paths';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const runtime = getRuntime((await params).id);
  if (!runtime) return {};
  return { title: strings.outlineTitle(runtime.scenario.title), description: strings.outlineIntro };
}

function Locations({ scenarioId, claim }: { scenarioId: string; claim: Claim }) {
  return (
    <>
      {claim.citations.map((c, i) => (
        <span key={`${c.anchor}-${i}`}>
          {i > 0 && ', '}
          <Link href={routes.source(scenarioId, c.anchor)} prefetch={false}>
            {strings.location(c)}
          </Link>
        </span>
      ))}
    </>
  );
}

/** What the text does not say, and each part it does speak to, named and located. */
function OutlineSilence({ scenario, silence }: { scenario: Scenario; silence: Silence }) {
  return (
    <div className="silence">
      <p className="silence__statement">{strings.textDoesNotSay(silence.about)}</p>
      <p>{strings.silenceParts}:</p>
      <ul>
        {claimsOf(scenario, silence.parts).map(({ id, claim }) => (
          <li key={id}>
            {claim.label} (<Locations scenarioId={scenario.id} claim={claim} />)
          </li>
        ))}
      </ul>
      {silence.contested && (
        <>
          <p className="ours">
            {strings.contestedHeading}: {silence.contested.reading}
          </p>
          <ul>
            {claimsOf(scenario, silence.contested.claims).map(({ id, claim }) => (
              <li key={id}>
                {claim.label} (<Locations scenarioId={scenario.id} claim={claim} />)
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** One step of the tree and everything below it. */
function StepItem({ runtime, step }: { runtime: ScenarioRuntime; step: StepRef }) {
  const { scenario, steps } = runtime;
  const node = scenario.nodes[step.nodeId];
  if (!node || node.kind === 'briefing') return null;
  const href = routes.step(scenario.id, step.path);
  if (node.kind === 'outcome') {
    return (
      <div className="outline-node outline-node--outcome">
        <h3>
          {strings.outcomeLabel}: <Link href={href}>{node.title}</Link>
        </h3>
        <p className="ours">
          <span className="ours__tag">{strings.ourSummary}:</span> {node.summary}
        </p>
        {node.consequences.length > 0 && (
          <ClaimList
            scenarioId={scenario.id}
            claims={tiedClaims(scenario.claims, node.consequences)}
            headingLevel={4}
          />
        )}
        {node.silences.map((s) => (
          <OutlineSilence key={s.about} scenario={scenario} silence={s} />
        ))}
      </div>
    );
  }
  const children = steps.filter(
    (s) =>
      s.path.length === step.path.length + 1 &&
      stepToken(s.path.slice(0, -1)) === stepToken(step.path),
  );
  return (
    <div className="outline-node">
      <h2>
        <Link href={href}>{node.title}</Link>
      </h2>
      <p>
        {strings.decides}: {scenario.actors[node.decider]?.name}.{' '}
        <span className="ours">
          <span className="ours__tag">{strings.ourQuestion}:</span> {node.question}
        </span>
      </p>
      <ol className="outline-options">
        {node.options.map((option) => {
          const child = children.find((c) => c.path.at(-1) === option.id);
          return (
            <li key={option.id}>
              <h3 className="outline-option">
                {strings.option}: {option.label}
              </h3>
              <p className="ours">{option.description}</p>
              <ChoiceAnswerView
                scenarioId={scenario.id}
                claims={scenario.claims}
                answer={answerFor(scenario, step.nodeId, option.id)}
                optionLabel={option.label}
                headingLevel={4}
                renderSilence={(silence) => (
                  <OutlineSilence scenario={scenario} silence={silence} />
                )}
              />
              {child && <StepItem runtime={runtime} step={child} />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export default async function OutlinePage({ params }: Props) {
  const runtime = getRuntime((await params).id);
  if (!runtime) notFound();
  const { scenario } = runtime;
  const first = runtime.steps.find((s) => s.path.length === 0);
  return (
    <>
      <ViewHeader
        scenario={scenario}
        view="outline"
        label={strings.outline}
        title={strings.outlineTitle(scenario.title)}
        intro={strings.outlineIntro}
      />
      <div className="outline">{first && <StepItem runtime={runtime} step={first} />}</div>
    </>
  );
}
