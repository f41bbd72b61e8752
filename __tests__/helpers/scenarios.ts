import { loadAllScenarios } from '@/content/load';
import { parseScenario, type Scenario } from '@/content/parse';
import { FIXTURE_FILE, riverTown, riverTownSources } from '../fixtures/river-town';

/** The real content, validated exactly as the build does it. */
export const realScenarios: Scenario[] = loadAllScenarios();

export function realScenario(id: string): Scenario {
  const found = realScenarios.find((s) => s.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

export function fixtureScenario(): Scenario {
  const result = parseScenario(riverTown(), { file: FIXTURE_FILE, sources: riverTownSources });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.scenario;
}

/** Every scenario the engine must handle: the real ones and the made-up fixture. */
export const allScenarios: Scenario[] = [...realScenarios, fixtureScenario()];
