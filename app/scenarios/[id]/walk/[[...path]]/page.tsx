import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClaimList } from '@/app/_components/claim-card';
import { ChoiceAnswerView } from '@/app/_components/choice-answer';
import { KindsLegend } from '@/app/_components/kinds-legend';
import { PromptList } from '@/app/_components/prompt-list';
import { ScenarioViews } from '@/app/_components/scenario-views';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { claimsOf, getRuntime, resolveStep, stepView } from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { answerFor, placedByOurReading } from '@/machines/answers';
import { strings } from '@/app/_lib/strings';
import { DecisionPanel } from '../../_components/decision-panel';
import { OutcomeBody } from '../../_components/outcome-body';
import { StepCrumbs } from '../../_components/step-crumbs';

type Props = { params: Promise<{ id: string; path?: string[] }> };

export const dynamicParams = false;

export function generateStaticParams({ params }: { params: { id: string } }) {
  const runtime = getRuntime(params.id);
  return (runtime?.steps ?? []).map((step) => ({ path: [...step.path] }));
}

async function load(props: Props) {
  const { id, path = [] } = await props.params;
  const runtime = getRuntime(id);
  if (!runtime) return undefined;
  const resolved = resolveStep(runtime, path);
  if (!resolved.ok) return undefined;
  const view = stepView(runtime, resolved.snapshot);
  const node = runtime.scenario.nodes[view.nodeId];
  return node ? { runtime, view, node } : undefined;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const loaded = await load(props);
  if (!loaded) return {};
  const { runtime, node } = loaded;
  return {
    title: `${node.title} · ${runtime.scenario.title}`,
    description:
      node.kind === 'decision'
        ? node.question
        : node.kind === 'outcome'
          ? `${strings.ourSummary}: ${node.summary}`
          : `${strings.ourSummary}: ${runtime.scenario.summary}`,
  };
}

export default async function StepPage(props: Props) {
  const loaded = await load(props);
  if (!loaded) notFound();
  const { runtime, view, node } = loaded;
  const { scenario } = runtime;
  const last = view.choices.at(-1);

  return (
    <div className="page page--with-aside">
      <article className="step">
        <StepCrumbs scenarioId={scenario.id} choices={view.choices} current={node.title} />
        <span className="eyebrow">
          {view.isOutcome ? strings.outcomeLabel : strings.stepLabel(view.decisionNumber)}
        </span>
        <h1 id="step-heading">{node.title}</h1>
        <ScenarioViews scenarioId={scenario.id} fromStep={view.path} />
        <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} />

        {last && node.kind === 'decision' && (
          <section aria-labelledby="after-choice">
            <h2 id="after-choice">
              {strings.youChose(
                last.option.label,
                placedByOurReading(answerFor(scenario, last.decisionId, last.option.id)),
              )}
            </h2>
            <ChoiceAnswerView
              scenarioId={scenario.id}
              claims={scenario.claims}
              answer={answerFor(scenario, last.decisionId, last.option.id)}
              optionLabel={last.option.label}
              fromStep={view.path}
            />
          </section>
        )}

        {node.kind === 'decision' && (
          <>
            <DecisionPanel
              runtime={runtime}
              decision={node}
              optionHrefs={view.optionHrefs}
              path={view.path}
            />
            {node.context.length > 0 && (
              <details className="background-claims">
                <summary>
                  {strings.background} ({node.context.length})
                </summary>
                <ClaimList
                  scenarioId={scenario.id}
                  fromStep={view.path}
                  claims={claimsOf(scenario, node.context)}
                />
              </details>
            )}
          </>
        )}

        {node.kind === 'outcome' && <OutcomeBody runtime={runtime} outcome={node} view={view} />}

        <PromptList prompts={node.prompts} />

        <nav className="step-nav" aria-label={strings.stepNav}>
          {view.back && (
            <Link className="button" href={view.back.href} prefetch={false}>
              ← {strings.back}
              <span className="visually-hidden">: {view.back.label}</span>
            </Link>
          )}
          <Link className="button" href={routes.briefing(scenario.id)} prefetch={false}>
            {strings.restart}
          </Link>
          <Link className="button" href={routes.source(scenario.id)} prefetch={false}>
            {strings.readSource}
          </Link>
        </nav>
      </article>
      <aside className="page__aside no-print" aria-label={strings.aboutThisPage}>
        <div>
          <KindsLegend />
          <p className="key-hint">{strings.keyHint}</p>
        </div>
      </aside>
    </div>
  );
}
