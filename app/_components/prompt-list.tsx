import { strings } from '@/app/_lib/strings';

/** Teaching prompts: our questions, visibly ours. */
export function PromptList({
  prompts,
  headingLevel = 2,
}: {
  prompts: readonly string[];
  headingLevel?: 2 | 3;
}) {
  if (prompts.length === 0) return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="prompts ours-block" aria-labelledby="prompts-heading">
      <Heading id="prompts-heading">{strings.ourPrompts}</Heading>
      <ul>
        {prompts.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </section>
  );
}
