'use client';

import { useId, useState, type ChangeEvent } from 'react';
import { ClaimList } from '@/app/_components/claim-card';
import { strings } from '@/app/_lib/strings';
import type { TrainingScenario } from '@/app/_lib/training';
import type { DecisionNode } from '@/content/parse';
import { relatedClaims } from '@/machines/answers';
import { MAX_TALLY } from '@/machines/exercise-machine';
import { KeyButton } from './key-button';
import { claimsFor } from './presenter-view';
import { ScreenHeading } from './screen-heading';

const t = strings.present;

/** A vote count as typed, or undefined if it is not one (the machine checks it again). */
export function parseCount(input: HTMLInputElement): number | undefined {
  if (input.validity.badInput) return undefined;
  const raw = input.value.trim();
  if (raw === '') return 0;
  if (!/^\d+$/.test(raw)) return undefined;
  const count = Number(raw);
  return count <= MAX_TALLY ? count : undefined;
}

/**
 * A decision put to the room: who decides, our question, the options numbered, and a vote box
 * per option. The facilitator selects the option the room goes with (or presses its number).
 */
export function ChoosingScreen({
  scenario,
  nodeId,
  node,
  number,
  path,
  counts,
  onTally,
  onChoose,
  onBack,
}: {
  scenario: TrainingScenario;
  nodeId: string;
  node: DecisionNode;
  number: number;
  path: readonly string[];
  counts: Readonly<Record<string, number>> | undefined;
  onTally: (optionId: string, count: number) => void;
  onChoose: (optionId: string) => void;
  /** Back to the last reveal, if the machine allows it. */
  onBack: (() => void) | undefined;
}) {
  const uid = useId();
  // What the facilitator typed, per option; the machine holds the counts it accepted.
  const [drafts, setDrafts] = useState<Record<string, string>>(() =>
    Object.fromEntries(node.options.map((o) => [o.id, counts?.[o.id]?.toString() ?? ''])),
  );
  const decider = scenario.actors[node.decider];
  // Before the reveal, the framing shows no claim that is part of an option's answer here.
  const answers = new Set(node.options.flatMap((o) => [...relatedClaims(scenario, nodeId, o.id)]));
  const framing = claimsFor(
    scenario,
    node.framing.filter((id) => !answers.has(id)),
  );

  function onVote(optionId: string, e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    setDrafts((d) => ({ ...d, [optionId]: input.value }));
    const count = parseCount(input);
    if (count !== undefined) onTally(optionId, count);
  }

  return (
    <>
      <ScreenHeading eyebrow={t.decisionNumber(number)} text={node.title} />
      <p className="p-decider">
        {t.decides}: <strong>{decider?.name}</strong>
      </p>
      <p className="p-question ours-block">
        <span className="ours__tag">{t.ourQuestion}:</span> {node.question}
      </p>
      {node.framingNote && (
        <p className="ours-block p-note">
          <span className="ours__tag">{t.ourFramingNote}:</span> {node.framingNote}
        </p>
      )}

      <h2 id="p-options-heading" className="visually-hidden">
        {t.options}
      </h2>
      <p className="p-muted p-hint">{t.chooseHint}</p>
      <ol className="p-options" aria-labelledby="p-options-heading">
        {node.options.map((option, i) => {
          const inputId = `${uid}-vote-${i}`;
          const descId = `${uid}-desc-${i}`;
          return (
            <li key={option.id} className="p-option">
              <button
                type="button"
                className="p-option__choose"
                aria-describedby={descId}
                aria-keyshortcuts={String(i + 1)}
                onClick={() => onChoose(option.id)}
              >
                <span className="p-option__key" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="p-option__label">{option.label}</span>
              </button>
              <p className="p-option__desc" id={descId}>
                {option.description}
              </p>
              <p className="p-option__vote">
                <label htmlFor={inputId}>
                  {t.roomVote}
                  <span className="visually-hidden">{t.roomVoteFor(option.label)}</span>
                </label>
                <input
                  id={inputId}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={MAX_TALLY}
                  step={1}
                  value={drafts[option.id] ?? ''}
                  onChange={(e) => onVote(option.id, e)}
                />
              </p>
            </li>
          );
        })}
      </ol>
      {onBack && (
        <p className="p-actions">
          <KeyButton label={t.back} shortcut="B" onClick={onBack} />
        </p>
      )}

      {framing.length > 0 && (
        <details className="p-more">
          <summary>{t.framing(framing.length)}</summary>
          <ClaimList scenarioId={scenario.id} claims={framing} headingLevel={3} fromStep={path} />
        </details>
      )}
    </>
  );
}
