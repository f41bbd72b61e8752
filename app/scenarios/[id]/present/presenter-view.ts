/**
 * What presenter mode shows for an exercise snapshot: which screen, which node, which option.
 * Pure: the scenario machine says where a path leads; nothing here re-derives a rule.
 */
import type { BriefingNode, DecisionNode, OutcomeNode } from '@/content/parse';
import type { TrainingScenario } from '@/app/_lib/training';
import { strings } from '@/app/_lib/strings';
import type { ExerciseEvent, ExerciseSnapshot } from '@/machines/exercise-machine';
import { answerFor, placedByOurReading } from '@/machines/answers';
import { resolvePath } from '@/machines/paths';
import { currentNodeId, OUTCOME_TAG, type ScenarioMachine } from '@/machines/scenario-machine';

const t = strings.present;

type Option = DecisionNode['options'][number];

export type PresenterView =
  | { readonly screen: 'briefing'; readonly node: BriefingNode }
  | {
      readonly screen: 'choosing';
      readonly nodeId: string;
      readonly node: DecisionNode;
      /** 1-based number of this decision on the path. */
      readonly number: number;
    }
  | {
      readonly screen: 'predicting' | 'revealed';
      readonly nodeId: string;
      readonly node: DecisionNode;
      readonly number: number;
      readonly option: Option;
      /** The path including this choice: the step whose consequences are shown. */
      readonly stepPath: readonly string[];
      /** Whether the next step is an outcome (the debrief follows). */
      readonly lastDecision: boolean;
    }
  | { readonly screen: 'debrief'; readonly nodeId: string; readonly node: OutcomeNode }
  /** A snapshot that names nothing in the scenario (cannot happen with validated content). */
  | { readonly screen: 'unknown' };

function nodeAt(scenarioMachine: ScenarioMachine, path: readonly string[]) {
  const resolved = resolvePath(scenarioMachine, path);
  return resolved.ok ? resolved.snapshot : undefined;
}

export function presenterView(
  scenario: TrainingScenario,
  scenarioMachine: ScenarioMachine,
  snapshot: ExerciseSnapshot,
): PresenterView {
  const { path, pending } = snapshot.context;
  const value = snapshot.value;
  if (value === 'briefing') {
    const node = scenario.nodes[scenario.start];
    return node?.kind === 'briefing' ? { screen: 'briefing', node } : { screen: 'unknown' };
  }
  if (value === 'choosing') {
    const step = nodeAt(scenarioMachine, path);
    const nodeId = step ? currentNodeId(step) : '';
    const node = scenario.nodes[nodeId];
    return node?.kind === 'decision'
      ? { screen: 'choosing', nodeId, node, number: path.length + 1 }
      : { screen: 'unknown' };
  }
  if ((value === 'predicting' || value === 'revealed') && pending) {
    const node = scenario.nodes[pending.nodeId];
    const option =
      node?.kind === 'decision' ? node.options.find((o) => o.id === pending.optionId) : undefined;
    if (node?.kind !== 'decision' || !option) return { screen: 'unknown' };
    const stepPath = [...path, option.id];
    return {
      screen: value,
      nodeId: pending.nodeId,
      node,
      number: path.length + 1,
      option,
      stepPath,
      lastDecision: nodeAt(scenarioMachine, stepPath)?.hasTag(OUTCOME_TAG) === true,
    };
  }
  if (value === 'debrief') {
    const step = nodeAt(scenarioMachine, path);
    const nodeId = step ? currentNodeId(step) : '';
    const node = scenario.nodes[nodeId];
    return node?.kind === 'outcome' ? { screen: 'debrief', nodeId, node } : { screen: 'unknown' };
  }
  return { screen: 'unknown' };
}

/** The screen's main heading: what focus moves to and what the live region announces. */
export function headingOf(scenario: TrainingScenario, view: PresenterView): string {
  switch (view.screen) {
    case 'briefing':
      return scenario.title;
    case 'choosing':
      return view.node.title;
    case 'predicting':
      return t.roomGoesWith(view.option.label);
    case 'revealed':
      return t.youChose(
        view.option.label,
        placedByOurReading(answerFor(scenario, view.nodeId, view.option.id)),
      );
    case 'debrief':
      return view.node.title;
    default:
      return scenario.title;
  }
}

/** A short label for where a snapshot stands, for the resume offer. */
export function whereLabel(scenario: TrainingScenario, view: PresenterView): string {
  switch (view.screen) {
    case 'choosing':
      return `${t.decisionNumber(view.number)}, ${view.node.title}`;
    case 'predicting':
    case 'revealed':
      return `${t.decisionNumber(view.number)}, ${view.node.title}: ${headingOf(scenario, view)}`;
    case 'debrief':
      return `${t.debriefLabel}, ${view.node.title}`;
    default:
      return t.briefingLabel;
  }
}

/**
 * The event a key means on a screen, if any: N next or start, R reveal, B back, 1–9 choose.
 * The machine still decides whether it is allowed.
 */
export function eventForKey(view: PresenterView, key: string): ExerciseEvent | undefined {
  const k = key.toLowerCase();
  if (k === 'n') {
    if (view.screen === 'briefing') return { type: 'exercise.start' };
    if (view.screen === 'revealed') return { type: 'exercise.next' };
    return undefined;
  }
  if (k === 'r') return { type: 'exercise.reveal' };
  if (k === 'b') return { type: 'exercise.back' };
  if (/^[1-9]$/.test(key) && view.screen === 'choosing') {
    const option = view.node.options[Number(key) - 1];
    return option ? { type: 'exercise.choose', optionId: option.id } : undefined;
  }
  return undefined;
}

/** The claims with these ids, in order, as ClaimList takes them. */
export function claimsFor(scenario: TrainingScenario, ids: readonly string[]) {
  return ids.flatMap((id) => {
    const claim = scenario.claims[id];
    return claim ? [{ id, claim }] : [];
  });
}
