import Link from 'next/link';
import type { ChoiceView } from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

/** The path so far: each choice links back to the decision where it was made. */
export function StepCrumbs({
  scenarioId,
  choices,
  current,
}: {
  scenarioId: string;
  choices: readonly ChoiceView[];
  current: string;
}) {
  return (
    <nav className="crumbs" aria-label={strings.pathSoFar}>
      <ol>
        <li>
          <Link href={routes.briefing(scenarioId)} prefetch={false}>
            {strings.briefingLabel}
          </Link>
        </li>
        {choices.map((c) => (
          <li key={c.path.join('/')}>
            <Link href={routes.step(scenarioId, c.path.slice(0, -1))} prefetch={false}>
              {strings.atDecision(c.decision.title, c.option.label)}
            </Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
