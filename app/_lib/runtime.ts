/**
 * Server-side view of a scenario: the validated content, its machine, and what the machine
 * says about a step. Components receive these values; they never re-derive a rule.
 */
import { transition } from 'xstate';
import { getScenario, getScenarios } from '@/content/load';
import type {
  Claim,
  DecisionNode,
  OutcomeNode,
  Scenario,
  WalkGraph,
  WalkNode,
} from '@/content/parse';
import {
  buildScenarioMachine,
  currentNodeId,
  pathOf,
  OUTCOME_TAG,
  type ScenarioMachine,
  type ScenarioSnapshot,
} from '@/machines/scenario-machine';
import { answerClaims, answerFor } from '@/machines/answers';
import { listSteps, resolvePath, type StepRef } from '@/machines/paths';
import { stepLabel } from './labels';
import { hrefOf, routes, stepToken } from './routes';

export interface ScenarioRuntime {
  readonly scenario: Scenario;
  readonly machine: ScenarioMachine;
  readonly steps: readonly StepRef[];
}

const runtimes = new Map<string, ScenarioRuntime>();

export function getRuntime(id: string): ScenarioRuntime | undefined {
  const cached = runtimes.get(id);
  if (cached) return cached;
  const scenario = getScenario(id);
  if (!scenario) return undefined;
  const machine = buildScenarioMachine(scenario);
  const runtime = { scenario, machine, steps: listSteps(scenario, machine) };
  runtimes.set(id, runtime);
  return runtime;
}

export function allRuntimes(): ScenarioRuntime[] {
  return getScenarios().map((s) => getRuntime(s.id) as ScenarioRuntime);
}

/**
 * All the browser's walk runtime is sent: kinds, titles, option labels and where each leads.
 * Every page of a scenario carries it, so nothing else (intros, prompts, notes) rides along.
 */
export function toWalkGraph(scenario: Scenario): WalkGraph {
  const nodes: Record<string, WalkNode> = {};
  for (const [id, node] of Object.entries(scenario.nodes)) {
    nodes[id] =
      node.kind === 'briefing'
        ? { kind: node.kind, title: node.title, next: node.next }
        : node.kind === 'decision'
          ? {
              kind: node.kind,
              title: node.title,
              options: node.options.map(({ id: optionId, label, next }) => ({
                id: optionId,
                label,
                next,
              })),
            }
          : { kind: node.kind, title: node.title };
  }
  return { id: scenario.id, start: scenario.start, nodes };
}

export function claimsOf(
  scenario: Scenario,
  ids: readonly string[],
): { id: string; claim: Claim }[] {
  return ids.map((id) => ({ id, claim: scenario.claims[id] as Claim }));
}

export interface ChoiceView {
  readonly decisionId: string;
  readonly decision: DecisionNode;
  readonly option: DecisionNode['options'][number];
  /** Path up to and including this choice. */
  readonly path: readonly string[];
}

export interface LinkView {
  readonly href: string;
  readonly label: string;
}

export interface StepView {
  readonly path: readonly string[];
  readonly nodeId: string;
  readonly isOutcome: boolean;
  readonly choices: readonly ChoiceView[];
  /** 1-based count of decisions met so far, including this one if it is a decision. */
  readonly decisionNumber: number;
  /** Where user.back leads, as the machine says. */
  readonly back: LinkView | undefined;
  /** Where each option leads, as the machine says. */
  readonly optionHrefs: Readonly<Record<string, string>>;
}

export function choicesOf(scenario: Scenario, snapshot: ScenarioSnapshot): ChoiceView[] {
  return snapshot.context.trail.map((c, i) => {
    const decision = scenario.nodes[c.nodeId] as DecisionNode;
    const option = decision.options.find(
      (o) => o.id === c.optionId,
    ) as DecisionNode['options'][number];
    return {
      decisionId: c.nodeId,
      decision,
      option,
      path: snapshot.context.trail.slice(0, i + 1).map((t) => t.optionId),
    };
  });
}

export function stepView(runtime: ScenarioRuntime, snapshot: ScenarioSnapshot): StepView {
  const { scenario, machine } = runtime;
  const nodeId = currentNodeId(snapshot);
  const node = scenario.nodes[nodeId];
  const choices = choicesOf(scenario, snapshot);
  let back: LinkView | undefined;
  if (snapshot.can({ type: 'user.back' })) {
    const previous = transition(machine, snapshot, { type: 'user.back' })[0];
    const previousNode = scenario.nodes[currentNodeId(previous)];
    back = { href: hrefOf(scenario.id, previous), label: previousNode?.title ?? '' };
  }
  const optionHrefs: Record<string, string> = {};
  if (node?.kind === 'decision') {
    for (const option of node.options) {
      const event = { type: 'user.choose', optionId: option.id } as const;
      if (snapshot.can(event)) {
        optionHrefs[option.id] = hrefOf(scenario.id, transition(machine, snapshot, event)[0]);
      }
    }
  }
  return {
    path: pathOf(snapshot),
    nodeId,
    isOutcome: snapshot.hasTag(OUTCOME_TAG),
    choices,
    decisionNumber: choices.length + (node?.kind === 'decision' ? 1 : 0),
    back,
    optionHrefs,
  };
}

export function resolveStep(runtime: ScenarioRuntime, path: readonly string[]) {
  return resolvePath(runtime.machine, path);
}

export function outcomeSteps(runtime: ScenarioRuntime): { step: StepRef; node: OutcomeNode }[] {
  return runtime.steps.flatMap((step) => {
    const node = runtime.scenario.nodes[step.nodeId];
    return node?.kind === 'outcome' ? [{ step, node }] : [];
  });
}

export function decisionCount(scenario: Scenario): number {
  return Object.values(scenario.nodes).filter((n) => n.kind === 'decision').length;
}

export interface StepLink {
  readonly href: string;
  readonly label: string;
  /** The step's token (see stepToken); undefined for the briefing. */
  readonly stepKey: string | undefined;
}

/** The claims a choice's answer quotes: consequences, the ruling claim, the silence's parts. */
function answerQuotes(scenario: Scenario, choice: ChoiceView): string[] {
  const answer = answerFor(scenario, choice.decisionId, choice.option.id);
  return [
    ...answerClaims(answer),
    ...(answer.silence?.parts ?? []),
    ...(answer.silence?.contested?.claims ?? []),
  ];
}

/** The claims a step's page quotes (the same composition the step and outcome pages render). */
export function claimsOnStep(runtime: ScenarioRuntime, step: StepRef): string[] {
  const { scenario } = runtime;
  const node = scenario.nodes[step.nodeId];
  const choices = choicesOf(scenario, step.snapshot);
  if (node?.kind === 'decision') {
    const last = choices.at(-1);
    return [...(last ? answerQuotes(scenario, last) : []), ...node.framing, ...node.context];
  }
  if (node?.kind === 'outcome') {
    return [
      ...choices.flatMap((c) => answerQuotes(scenario, c)),
      ...node.consequences.map((c) => c.claim),
      ...node.silences.flatMap((s) => s.parts),
    ];
  }
  return [];
}

/** For each sentence anchor, the pages that quote it, in walkthrough order. */
export function citingPages(runtime: ScenarioRuntime): Map<string, StepLink[]> {
  const { scenario } = runtime;
  const pages = new Map<string, StepLink[]>();
  const add = (claimIds: readonly string[], link: StepLink) => {
    for (const id of new Set(claimIds)) {
      for (const c of scenario.claims[id]?.citations ?? []) {
        const list = pages.get(c.anchor) ?? [];
        if (!list.some((l) => l.href === link.href)) list.push(link);
        pages.set(c.anchor, list);
      }
    }
  };
  const briefing = scenario.nodes[scenario.start];
  add(
    [
      ...(briefing?.kind === 'briefing' ? briefing.context : []),
      ...Object.values(scenario.actors).flatMap((a) => a.claims),
    ],
    {
      href: routes.briefing(scenario.id),
      label: briefing?.title ?? scenario.title,
      stepKey: undefined,
    },
  );
  for (const step of runtime.steps) {
    add(claimsOnStep(runtime, step), {
      href: routes.step(scenario.id, step.path),
      label:
        step.path.length > 0
          ? stepLabel(scenario, step.snapshot)
          : (scenario.nodes[step.nodeId]?.title ?? ''),
      stepKey: stepToken(step.path),
    });
  }
  return pages;
}
