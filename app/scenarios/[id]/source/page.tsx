import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ViewHeader } from '@/app/_components/view-header';
import { citingPages, getRuntime } from '@/app/_lib/runtime';
import { strings } from '@/app/_lib/strings';
import { EmphasiseStep } from './emphasise-step';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const runtime = getRuntime((await params).id);
  if (!runtime) return {};
  return {
    title: strings.readerTitle(runtime.scenario.source.title),
    description: `${runtime.scenario.source.voice}. ${strings.readerIntro}`,
  };
}

export default async function SourceReaderPage({ params }: Props) {
  const runtime = getRuntime((await params).id);
  if (!runtime) notFound();
  const { scenario } = runtime;
  const pages = citingPages(runtime);

  return (
    <>
      <ViewHeader
        scenario={scenario}
        view="source"
        label={strings.sourceText}
        title={strings.readerTitle(scenario.source.title)}
        intro={strings.readerIntro}
      />
      <p className="ours prose">
        <span className="ours__tag">{strings.aboutTheSource}:</span> {scenario.source.attribution}
      </p>
      <Suspense fallback={null}>
        <EmphasiseStep />
      </Suspense>
      {(() => {
        const uncited = scenario.document.paragraphs
          .flatMap((p) => p.sentences)
          .filter((s) => !pages.has(s.id));
        return uncited.length > 0 ? (
          <p className="reader-controls no-print">
            <label>
              <input type="checkbox" id="show-uncited" /> {strings.showUncited(uncited.length)}
            </label>
          </p>
        ) : (
          <p className="reader-controls muted">{strings.allCited}</p>
        );
      })()}

      <div className="reader">
        {scenario.document.paragraphs.map((p) => {
          const cited = p.sentences.filter((s) => pages.has(s.id));
          return (
            <section key={p.id} id={p.id} aria-labelledby={`${p.id}-h`} className="reader__para">
              <h2 id={`${p.id}-h`} className="reader__num">
                {strings.paragraph(p.number)}
              </h2>
              <p>
                {p.sentences.map((s) => {
                  const links = pages.get(s.id) ?? [];
                  const steps = links.flatMap((l) => (l.stepKey === undefined ? [] : [l.stepKey]));
                  return (
                    <span key={s.id}>
                      <span
                        id={s.id}
                        className={
                          links.length > 0
                            ? 'sentence sentence--cited'
                            : 'sentence sentence--uncited'
                        }
                        data-steps={steps.join(' ')}
                      >
                        <span className="sentence__marker" aria-hidden="true">
                          {s.sentence}
                        </span>
                        {s.text}
                      </span>{' '}
                    </span>
                  );
                })}
              </p>
              {cited.length > 0 && (
                <ul className="citers">
                  {cited.map((s) => (
                    <li key={s.id}>
                      <a href={`#${s.id}`}>{strings.sentenceLink(s.sentence)}</a> —{' '}
                      {strings.citedOn}:{' '}
                      {(pages.get(s.id) ?? []).map((l, i) => (
                        <span key={l.href}>
                          {i > 0 && ' · '}
                          <Link href={l.href} prefetch={false}>
                            {l.label}
                          </Link>
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
