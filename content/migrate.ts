/**
 * migrateScenario(): brings a scenario file written in an older format up to the current one.
 * Pure: takes the parsed JSON, returns the new JSON and what changed. It never invents content:
 * format 1 had no ties, so a migrated file lists each consequence without one, and validation
 * then names every tie an author must supply (docs/authoring.md, "Where does this claim go?").
 */
import { FORMAT_VERSION } from './schema';

export interface Migration {
  /** The file's JSON in the current format. */
  readonly data: Record<string, unknown>;
  /** The version the file was in. */
  readonly from: number;
  /** One line per change, for the author. */
  readonly changes: readonly string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Format 1 → 2: consequence ids become `{ "claim": id }` objects awaiting their ties. */
function oneToTwo(data: Json, changes: string[]): Json {
  const nodes = isObject(data.nodes) ? data.nodes : {};
  const lift = (list: unknown, where: string): unknown => {
    if (!Array.isArray(list)) return list;
    return list.map((item, i) => {
      if (typeof item !== 'string') return item;
      changes.push(`${where}.${i}: "${item}" needs a tie`);
      return { claim: item };
    });
  };
  const migrated: Json = {};
  for (const [id, node] of Object.entries(nodes)) {
    if (!isObject(node)) {
      migrated[id] = node;
      continue;
    }
    if (node.kind === 'decision' && Array.isArray(node.options)) {
      migrated[id] = {
        ...node,
        options: node.options.map((option: unknown, i) =>
          isObject(option)
            ? {
                ...option,
                consequences: lift(option.consequences, `nodes.${id}.options.${i}.consequences`),
              }
            : option,
        ),
      };
    } else if (node.kind === 'outcome') {
      migrated[id] = { ...node, consequences: lift(node.consequences, `nodes.${id}.consequences`) };
    } else {
      migrated[id] = node;
    }
  }
  return { ...data, formatVersion: 2, nodes: migrated };
}

const STEPS: Record<number, (data: Json, changes: string[]) => Json> = { 1: oneToTwo };

/** Migrates step by step to FORMAT_VERSION; a file already current comes back unchanged. */
export function migrateScenario(raw: unknown): Migration | { readonly error: string } {
  if (!isObject(raw)) return { error: 'is not a JSON object' };
  const from = raw.formatVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { error: `formatVersion must be a whole number from 1 to ${FORMAT_VERSION}` };
  }
  if (from > FORMAT_VERSION) {
    return { error: `formatVersion ${from} is newer than this app (${FORMAT_VERSION})` };
  }
  const changes: string[] = [];
  let data: Json = raw;
  for (let v = from; v < FORMAT_VERSION; v += 1) {
    const step = STEPS[v];
    if (!step) return { error: `no migration from format ${v}` };
    data = step(data, changes);
  }
  return { data, from, changes };
}
