import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PromptList } from '@/app/_components/prompt-list';
import { ScenarioViews } from '@/app/_components/scenario-views';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { decodeShared, exportHref } from '@/app/_lib/debrief';
import { buildDebrief } from '@/app/_lib/debrief-report';
import { getRuntime, outcomeSteps, resolveStep, stepView } from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { OutcomeBody } from '../../_components/outcome-body';
import { StepCrumbs } from '../../_components/step-crumbs';
import { PrintButton } from '../print-button';

type Props = {
  params: Promise<{ id: string; path?: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Only outcome paths have a debrief; any other path is a 404 before rendering starts. */
export const dynamicParams = false;

export function generateStaticParams({ params }: { params: { id: string } }) {
  const runtime = getRuntime(params.id);
  if (!runtime) return [];
  return outcomeSteps(runtime).map(({ step }) => ({ path: [...step.path] }));
}

async function load({ params, searchParams }: Props) {
  const { id, path = [] } = await params;
  const runtime = getRuntime(id);
  if (!runtime) return undefined;
  const d = (await searchParams).d;
  const decoded = decodeShared(Array.isArray(d) ? d[0] : d);
  const report = buildDebrief(runtime, path, decoded.ok ? decoded.shared : {});
  const resolved = resolveStep(runtime, path);
  if (!report || !resolved.ok) return undefined;
  return {
    runtime,
    report,
    view: stepView(runtime, resolved.snapshot),
    decoded,
    shared: decoded.ok ? decoded.shared : {},
  };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const loaded = await load(props);
  if (!loaded) return {};
  return {
    title: strings.debriefTitle(`${loaded.report.outcome.title} · ${loaded.report.scenario.title}`),
    description: `${strings.ourSummary}: ${loaded.report.outcome.summary}`,
  };
}

export default async function DebriefPage(props: Props) {
  const loaded = await load(props);
  if (!loaded) notFound();
  const { runtime, report, view, decoded, shared } = loaded;
  const { scenario } = runtime;
  const outcome = scenario.nodes[view.nodeId];
  if (outcome?.kind !== 'outcome') notFound();

  return (
    <article>
      <StepCrumbs scenarioId={scenario.id} choices={view.choices} current={strings.debrief} />
      <span className="eyebrow">{strings.debrief}</span>
      <h1>{strings.outcomeLine(report.outcome.title, report.pathLabel)}</h1>
      <ScenarioViews scenarioId={scenario.id} fromStep={view.path} />
      <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} />

      <p className="step-nav">
        <a className="button" href={exportHref(scenario.id, report.path, 'md', shared)} download>
          {strings.downloadMarkdown}
        </a>
        <a className="button" href={exportHref(scenario.id, report.path, 'json', shared)} download>
          {strings.downloadJson}
        </a>
        <PrintButton />
      </p>
      {!decoded.ok && (
        <p className="notice" role="status">
          {strings.sharedUnreadable}
        </p>
      )}

      <section aria-labelledby="your-path">
        <h2 id="your-path">{strings.yourPath}</h2>
        {report.score ? (
          <ul>
            <li>
              {strings.scorePredictions(
                report.score.predictions.right,
                report.score.predictions.of,
              )}
            </li>
            <li>{strings.scoreKinds(report.score.kinds.right, report.score.kinds.of)}</li>
          </ul>
        ) : (
          <p className="muted">{strings.predictionsNotShared}</p>
        )}
        <ol className="debrief-path">
          {report.choices.map((c) => (
            <li key={c.decisionId}>
              <strong>{strings.atDecision(c.decision, c.option)}</strong>
              {c.prediction && (
                <p className="ours">
                  <span className="ours__tag">{strings.yourPrediction}:</span> {c.prediction.said}
                  {c.prediction.correct !== null && (
                    <> ({c.prediction.correct ? strings.verdictRight : strings.verdictWrong})</>
                  )}
                </p>
              )}
              {c.tally && (
                <p>
                  {strings.roomVote}:{' '}
                  {Object.entries(c.tally)
                    .map(([label, n]) => `${label} ${n}`)
                    .join(' · ')}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>

      <OutcomeBody runtime={runtime} outcome={outcome} view={view} />
      <PromptList prompts={report.prompts} />
    </article>
  );
}
