import type { Metadata } from 'next';
import Link from 'next/link';
import { OpenRoomForm } from '@/app/_components/open-room-form';
import { notFound } from 'next/navigation';
import { ClaimList, SourceQuote } from '@/app/_components/claim-card';
import { PromptList } from '@/app/_components/prompt-list';
import { ScenarioViews } from '@/app/_components/scenario-views';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { claimsOf, getRuntime } from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import type { BriefingNode } from '@/content/parse';
import { ResumeOffer } from './_components/resume-offer';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const runtime = getRuntime((await params).id);
  if (!runtime) return {};
  return {
    title: `${strings.briefingLabel}: ${runtime.scenario.title}`,
    description: `${strings.ourSummary}: ${runtime.scenario.summary}`,
  };
}

export default async function BriefingPage({ params }: Props) {
  const runtime = getRuntime((await params).id);
  if (!runtime) notFound();
  const { scenario } = runtime;
  const briefing = scenario.nodes[scenario.start] as BriefingNode;
  const startHref = routes.step(scenario.id, []);

  return (
    <div className="page page--with-aside">
      <div>
        <span className="eyebrow">{strings.briefingLabel}</span>
        <h1>{scenario.title}</h1>
        <ScenarioViews scenarioId={scenario.id} />
        <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} />
        <div className="ours-block prose">
          <p className="lead">
            <span className="ours__tag">{strings.ourIntroduction}:</span> {briefing.intro}
          </p>
        </div>
        <ResumeOffer />
        <p className="step-nav">
          <Link className="button button--primary" href={startHref}>
            {strings.start}
          </Link>
          <Link className="button" href={routes.exercise(scenario.id)} prefetch={false}>
            {strings.runAsExercise}
          </Link>
          <Link className="button" href={routes.present(scenario.id)} prefetch={false}>
            {strings.presenter}
          </Link>
        </p>
        <OpenRoomForm scenarioId={scenario.id} choose />

        <section aria-labelledby="situation">
          <h2 id="situation">{strings.situation}</h2>
          <ClaimList scenarioId={scenario.id} claims={claimsOf(scenario, briefing.context)} />
        </section>

        <section aria-labelledby="actors">
          <h2 id="actors">{strings.actors}</h2>
          <ul className="actors" role="list">
            {Object.entries(scenario.actors).map(([actorId, actor]) => {
              const claims = claimsOf(scenario, actor.claims);
              const passages = claims.flatMap(({ claim }) => claim.citations);
              return (
                <li key={actorId} className="actor">
                  <h3>{actor.name}</h3>
                  <p className="ours">
                    <span className="ours__tag">{strings.ourNoteShort}:</span> {actor.role}
                  </p>
                  <details>
                    <summary>{strings.actorSays(passages.length)}</summary>
                    {passages.map((c) => (
                      <SourceQuote
                        key={`${c.anchor}:${c.text}`}
                        scenarioId={scenario.id}
                        citation={c}
                      />
                    ))}
                  </details>
                </li>
              );
            })}
          </ul>
        </section>

        <PromptList prompts={briefing.prompts} />

        <p>
          <Link className="button button--primary" href={startHref}>
            {strings.start}
          </Link>
        </p>
      </div>

      <aside className="page__aside" aria-labelledby="how-to">
        <div>
          <h2 id="how-to">{strings.howToUse}</h2>
          <ol>
            {strings.howToUseSteps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          <h2>{strings.sourceText}</h2>
          <p>
            <Link href={routes.source(scenario.id)}>{scenario.source.title}</Link>
          </p>
          <p className="ours">
            <span className="ours__tag">{strings.aboutTheSource}:</span>{' '}
            {scenario.source.attribution}
          </p>
        </div>
      </aside>
    </div>
  );
}
