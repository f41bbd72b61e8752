import { ClaimList } from '@/app/_components/claim-card';
import { PromptList } from '@/app/_components/prompt-list';
import { OpenRoomForm } from '@/app/_components/open-room-form';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import type { TrainingScenario } from '@/app/_lib/training';
import type { BriefingNode } from '@/content/parse';
import { KeyButton } from './key-button';
import { claimsFor } from './presenter-view';
import { ScreenHeading } from './screen-heading';

const t = strings.present;

export type ResumeState =
  | { readonly kind: 'none' }
  | { readonly kind: 'offer'; readonly where: string }
  | { readonly kind: 'discarded' };

/** Before the session: the scenario, whose words these are, our introduction, and Start. */
export function BriefingScreen({
  scenario,
  node,
  resume,
  onResume,
  onStart,
}: {
  scenario: TrainingScenario;
  node: BriefingNode;
  resume: ResumeState;
  onResume: () => void;
  onStart: () => void;
}) {
  const situation = claimsFor(scenario, node.context);
  return (
    <>
      <ScreenHeading eyebrow={t.briefingLabel} text={scenario.title} />
      <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} open />
      <div className="ours-block p-intro">
        <p>
          <span className="ours__tag">{t.ourIntroduction}:</span> {node.intro}
        </p>
      </div>

      {resume.kind === 'offer' && (
        <section className="notice p-resume" aria-labelledby="p-resume-heading">
          <h2 id="p-resume-heading">{t.resumeHeading}</h2>
          <p>{t.resumeWhere(resume.where)}</p>
          <p className="p-actions">
            <button type="button" className="button button--primary p-button" onClick={onResume}>
              {t.resume}
            </button>
          </p>
          <p className="p-muted">{t.resumeOrStart}</p>
        </section>
      )}
      {resume.kind === 'discarded' && (
        <p className="notice" role="status">
          {t.discarded}. {t.discardedMore}
        </p>
      )}

      <p className="p-actions">
        <KeyButton
          label={t.start}
          shortcut="N"
          primary={resume.kind !== 'offer'}
          onClick={onStart}
        />
      </p>
      <OpenRoomForm scenarioId={scenario.id} className="button p-button" />

      {situation.length > 0 && (
        <details className="p-more">
          <summary>{t.situation(situation.length)}</summary>
          <ClaimList scenarioId={scenario.id} claims={situation} headingLevel={3} />
        </details>
      )}
      <PromptList prompts={node.prompts} />
    </>
  );
}
