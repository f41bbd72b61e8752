/**
 * Property tests with hostile input: URL paths, pathnames, saved progress and scenario data that
 * arrive from outside (the address bar, localStorage, a file on disk). None of them may throw,
 * and each must accept exactly what is valid.
 *
 * The seed is fixed so the gate is repeatable; set FAST_CHECK_SEED to explore other inputs
 * (a failure prints the seed and path to replay it).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { contentDirs, readSources } from '@/content/load';
import { formatIssue, parseScenario } from '@/content/parse';
import { isKnownDynamicAddress } from '@/app/_lib/dynamic-routes';
import { readProgress, progressKey, PROGRESS_VERSION } from '@/app/_lib/progress';
import { parseWalkPathname, routes } from '@/app/_lib/routes';
import { listSteps, resolvePath } from '@/machines/paths';
import { buildScenarioMachine, pathOf } from '@/machines/scenario-machine';
import { realScenario } from '../helpers/scenarios';

const SEED = Number(process.env.FAST_CHECK_SEED ?? 20_240_611);
const RUNS = 200;
const params = { seed: SEED, numRuns: RUNS };

const SCENARIO_ID = 'kabul-crossroads';
const kabul = realScenario(SCENARIO_ID);
const machine = buildScenarioMachine(kabul);
const steps = listSteps(kabul, machine);
const stepKeys = new Set(steps.map((s) => JSON.stringify(s.path)));
const isStep = (p: readonly string[]) => stepKeys.has(JSON.stringify(p));
const isValidPath = (p: readonly string[]) => resolvePath(machine, p).ok;

const optionIds = [
  ...new Set(
    Object.values(kabul.nodes).flatMap((n) =>
      n.kind === 'decision' ? n.options.map((o) => o.id) : [],
    ),
  ),
];

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Strings chosen to break naive code: traversal, escapes, prototype keys, odd unicode. */
const NASTY = [
  '',
  ' ',
  '.',
  '..',
  '../..',
  '/',
  '//',
  '%',
  '%%',
  '%2e%2e',
  '%2F',
  '%E0%A4%A',
  '%zz',
  '%00',
  '\0',
  '\n',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'then',
  'null',
  'undefined',
  'NaN',
  '-',
  '#',
  '?step=1',
  '<script>alert(1)</script>',
  '\u202Epakistan',
  'PAKISTAN',
  'pakistan ',
  'pakıstan',
  '\uD800',
  '\uDFFF',
  '😀',
  '👩‍👩‍👧‍👦',
  'é',
  'é',
  'x'.repeat(100_000),
];

const segment = fc.oneof(
  { arbitrary: fc.constantFrom(...optionIds), weight: 6 },
  { arbitrary: fc.constantFrom(...NASTY), weight: 3 },
  { arbitrary: fc.string(), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.nat(5000).map((n) => 'a'.repeat(n)), weight: 1 },
);

/** Paths: mostly random, some a real step with hostile segments after it. */
const hostilePath = fc.oneof(
  fc.array(segment, { maxLength: 8 }),
  fc
    .tuple(fc.constantFrom(...steps), fc.array(segment, { maxLength: 3 }))
    .map(([step, extra]) => [...step.path, ...extra]),
  fc.constantFrom(...steps).map((s) => [...s.path]),
);

/** A storage object in memory; optionally one whose every call throws. */
function memoryStorage(value: string | null, hostile = false) {
  const map = new Map<string, string>();
  if (value !== null) map.set(progressKey(SCENARIO_ID), value);
  const fail = () => {
    throw new Error('SecurityError: storage is disabled');
  };
  return {
    map,
    getItem: (key: string) => (hostile ? fail() : (map.get(key) ?? null)),
    setItem: (key: string, v: string) => (hostile ? fail() : void map.set(key, v)),
    removeItem: (key: string) => (hostile ? fail() : void map.delete(key)),
  };
}

const isoDate = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') })
  .filter((d) => !Number.isNaN(d.getTime()))
  .map((d) => d.toISOString());

/** Well-formed saved progress naming a real step. */
const goodProgress = fc.record({
  version: fc.constant(PROGRESS_VERSION),
  scenarioId: fc.constant(SCENARIO_ID),
  path: fc.constantFrom(...steps).map((s) => [...s.path]),
  savedAt: isoDate,
});

/** Progress-shaped objects with any field possibly wrong, missing or extra. */
const mangledProgress = fc
  .record(
    {
      version: fc.oneof(fc.constant(PROGRESS_VERSION), fc.anything()),
      scenarioId: fc.oneof(fc.constant(SCENARIO_ID), fc.constantFrom(...NASTY), fc.string()),
      path: fc.oneof(hostilePath, fc.anything()),
      savedAt: fc.oneof(isoDate, fc.string(), fc.anything()),
    },
    { requiredKeys: [] },
  )
  .chain((base) =>
    fc
      .dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'version'), fc.jsonValue(), {
        maxKeys: 2,
      })
      .map((extra) => ({ ...base, ...extra })),
  );

/** What localStorage may hold: anything at all, most of it not JSON. */
const storedText = fc.oneof(
  fc.string(),
  fc.constantFrom(...NASTY),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  goodProgress.map((p) => JSON.stringify(p)),
  mangledProgress.map((p) => JSON.stringify(p)),
  goodProgress.map((p) => JSON.stringify(p).slice(0, -1)),
);

/** True when the parsed text is well-formed progress for this scenario naming a valid step. */
function wellFormed(text: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const keys = Object.keys(json).sort();
  if (JSON.stringify(keys) !== JSON.stringify(['path', 'savedAt', 'scenarioId', 'version'])) {
    return false;
  }
  const p = json as Record<string, unknown>;
  return (
    p.version === PROGRESS_VERSION &&
    p.scenarioId === SCENARIO_ID &&
    Array.isArray(p.path) &&
    p.path.every((s) => typeof s === 'string') &&
    isStep(p.path as string[]) &&
    typeof p.savedAt === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(p.savedAt) &&
    !Number.isNaN(Date.parse(p.savedAt))
  );
}

// ---------------------------------------------------------------------------------------------

describe('resolvePath with hostile paths (the real Kabul machine)', () => {
  it('has steps and options to build paths from', () => {
    expect(steps.length).toBeGreaterThan(4);
    expect(optionIds).toEqual(expect.arrayContaining(['pakistan', 'partnership']));
  });

  it('never throws, and is ok exactly for the paths listSteps lists', () => {
    fc.assert(
      fc.property(hostilePath, (p) => {
        const result = resolvePath(machine, p);
        expect(result.ok).toBe(isStep(p));
        if (result.ok) {
          expect(pathOf(result.snapshot)).toEqual(p);
        } else {
          // nearest: a valid step, and the part of the input before the first refused option.
          const nearest = pathOf(result.nearest);
          expect(isStep(nearest)).toBe(true);
          expect(p.slice(0, nearest.length)).toEqual(nearest);
          expect(result.index).toBe(nearest.length);
          expect(result.optionId).toBe(p[result.index]);
        }
      }),
      params,
    );
  });

  it('does not pollute prototypes', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString']) {
      expect(resolvePath(machine, [key]).ok).toBe(false);
      expect(resolvePath(machine, ['pakistan', key]).ok).toBe(false);
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe('parseWalkPathname with hostile pathnames', () => {
  const base = routes.briefing(SCENARIO_ID);
  const pathname = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.array(segment, { maxLength: 6 }).map((p) => `${base}/walk/${p.join('/')}`),
    fc
      .array(fc.constantFrom(...NASTY, ...optionIds), { maxLength: 6 })
      .map((p) => `${base}/walk/${p.join('/')}`),
    fc.constantFrom(
      `${base}/walk/%`,
      `${base}/walk/%E0%A4%A`,
      `${base}/walk/%zz/pakistan`,
      `${base}/walk//`,
      `${base}//walk`,
      `${base}/walk/..`,
      `${base}/walk/../../etc/passwd`,
      `${base}/walk/${'%'.repeat(10_000)}`,
      `${base}${'/'.repeat(10_000)}`,
      '',
      '/',
    ),
  );

  it('never throws and always answers one of the three kinds', () => {
    fc.assert(
      fc.property(pathname, (p) => {
        const where = parseWalkPathname(SCENARIO_ID, p);
        expect(['briefing', 'step', 'other']).toContain(where.kind);
        if (where.kind === 'step') {
          expect(Array.isArray(where.path)).toBe(true);
          for (const s of where.path) expect(typeof s).toBe('string');
        }
      }),
      params,
    );
  });

  it('reads back every step URL it builds, whatever the option ids', () => {
    const ids = fc.array(
      fc.oneof(
        fc.constantFrom(...optionIds),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
      ),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(ids, (p) => {
        expect(parseWalkPathname(SCENARIO_ID, routes.step(SCENARIO_ID, p))).toEqual({
          kind: 'step',
          path: p,
        });
      }),
      params,
    );
  });
});

describe('isKnownDynamicAddress (proxy.ts) with hostile pathnames', () => {
  const base = routes.briefing(SCENARIO_ID);
  const outcomeKeys = new Set(
    steps
      .filter((s) => kabul.nodes[s.nodeId]?.kind === 'outcome')
      .map((s) => JSON.stringify(s.path)),
  );
  // A URL carries UTF-8: text with a lone surrogate has no address to ask about.
  const addressable = (p: readonly string[]) => p.every((s) => s.isWellFormed());

  it('knows a debrief address exactly when its path is an outcome', () => {
    fc.assert(
      fc.property(hostilePath.filter(addressable), (p) => {
        expect(isKnownDynamicAddress(routes.debrief(SCENARIO_ID, p))).toBe(
          outcomeKeys.has(JSON.stringify(p)),
        );
      }),
      params,
    );
  });

  it('knows the comparison of a real scenario only', () => {
    fc.assert(
      fc.property(
        segment.filter((id) => id.isWellFormed()),
        (id) => {
          expect(isKnownDynamicAddress(`/scenarios/${encodeURIComponent(id)}/compare`)).toBe(
            id === SCENARIO_ID,
          );
        },
      ),
      params,
    );
  });

  it('never throws on raw pathnames, and refuses malformed encodings', () => {
    const raw = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc
        .array(fc.constantFrom(...NASTY), { maxLength: 4 })
        .map((p) => `${base}/debrief/${p.join('/')}`),
      fc.constantFrom(`${base}/debrief/%E0%A4%A`, `${base}/debrief/%zz`, '/scenarios/%/compare'),
    );
    fc.assert(
      fc.property(raw, (pathname) => {
        const known = isKnownDynamicAddress(pathname);
        expect(typeof known).toBe('boolean');
        if (/%(?![0-9a-f]{2})/i.test(pathname)) expect(known).toBe(false);
      }),
      params,
    );
  });

  it('reads a segment the same however it is percent-encoded', () => {
    const outcome = steps.find((s) => outcomeKeys.has(JSON.stringify(s.path)));
    if (!outcome) throw new Error('the scenario has no outcome');
    const spelled = outcome.path
      .map((s) => `/${[...s].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('')}`)
      .join('');
    expect(isKnownDynamicAddress(`${base}/debrief${spelled}`)).toBe(true);
  });
});

describe('readProgress with hostile storage contents', () => {
  it('never throws; ok only for well-formed progress naming a valid step', () => {
    fc.assert(
      fc.property(storedText, (text) => {
        const storage = memoryStorage(text);
        const read = readProgress(storage, SCENARIO_ID, isValidPath);
        expect(['ok', 'discarded']).toContain(read.status);
        if (read.status === 'ok') {
          expect(wellFormed(text)).toBe(true);
          expect(read.progress.path).toEqual((JSON.parse(text) as { path: string[] }).path);
          expect(storage.map.get(progressKey(SCENARIO_ID))).toBe(text);
        } else {
          // Discarded progress is removed, so the notice is shown once.
          expect(storage.map.has(progressKey(SCENARIO_ID))).toBe(false);
        }
      }),
      params,
    );
  });

  it('accepts every well-formed progress record for a real step', () => {
    fc.assert(
      fc.property(goodProgress, (progress) => {
        const read = readProgress(
          memoryStorage(JSON.stringify(progress)),
          SCENARIO_ID,
          isValidPath,
        );
        expect(read).toEqual({ status: 'ok', progress });
      }),
      params,
    );
  });

  it('rejects progress saved for another scenario, even with a valid path', () => {
    fc.assert(
      fc.property(goodProgress, fc.string(), (progress, other) => {
        fc.pre(other !== SCENARIO_ID);
        const text = JSON.stringify({ ...progress, scenarioId: other });
        const read = readProgress(memoryStorage(text), SCENARIO_ID, isValidPath);
        expect(read.status).toBe('discarded');
      }),
      params,
    );
  });

  it('survives storage that throws on every call', () => {
    fc.assert(
      fc.property(storedText, (text) => {
        expect(readProgress(memoryStorage(text, true), SCENARIO_ID, isValidPath)).toEqual({
          status: 'none',
        });
      }),
      { ...params, numRuns: 50 },
    );
  });

  it('reports none when nothing is stored', () => {
    expect(readProgress(memoryStorage(null), SCENARIO_ID, isValidPath)).toEqual({
      status: 'none',
    });
  });
});

describe('parseScenario with hostile data', () => {
  const FILE = 'hostile.json';
  // The real source, so a mutated copy of the real scenario fails for its mutation alone.
  const sources = readSources(contentDirs().sources);
  const raw: unknown = JSON.parse(
    fs.readFileSync(
      path.join(process.cwd(), 'content', 'scenarios', SCENARIO_ID, 'scenario.json'),
      'utf8',
    ),
  );

  /** Every location in a JSON value whose value is a string, an array or an object. */
  function locations(value: unknown, at: (string | number)[] = []): (string | number)[][] {
    if (typeof value === 'string') return [at];
    if (Array.isArray(value)) {
      return [at, ...value.flatMap((v, i) => locations(v, [...at, i]))];
    }
    if (value && typeof value === 'object') {
      return [at, ...Object.entries(value).flatMap(([k, v]) => locations(v, [...at, k]))];
    }
    return [];
  }
  const replaceable = locations(raw).filter((l) => l.length > 0);

  function replaced(at: readonly (string | number)[], value: unknown): unknown {
    const copy = structuredClone(raw) as Record<string | number, unknown>;
    let node = copy;
    for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[at[at.length - 1] as string | number] = value;
    return copy;
  }

  const hostileData = fc.oneof(
    fc.anything({
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
      withObjectString: true,
      stringUnit: 'binary',
    }),
    fc.jsonValue(),
    fc.dictionary(fc.constantFrom(...NASTY, 'id', 'nodes', 'claims', 'start'), fc.anything()),
    // The real scenario with one string, list or object swapped for a value of another type.
    fc
      .tuple(
        fc.constantFrom(...replaceable),
        fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.double()),
      )
      .map(([at, value]) => replaced(at, value)),
    // The real scenario with a prototype key or an unknown field injected somewhere.
    fc
      .tuple(
        fc.constantFrom(
          ...locations(raw).filter((l) => {
            let v: unknown = raw;
            for (const k of l) v = (v as Record<string | number, unknown>)[k];
            return v !== null && typeof v === 'object' && !Array.isArray(v);
          }),
        ),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'unexpected'),
      )
      .map(([at, key]) => {
        const copy = structuredClone(raw) as Record<string, unknown>;
        let node = copy;
        for (const k of at) node = node[k] as Record<string, unknown>;
        Object.defineProperty(node, key, {
          value: { polluted: true },
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return copy;
      }),
  );

  it('never throws, and rejects with every issue as "file: path: message"', () => {
    fc.assert(
      fc.property(hostileData, (data) => {
        const result = parseScenario(data, { file: FILE, sources, expectedId: SCENARIO_ID });
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(issue.file).toBe(FILE);
          expect(typeof issue.message).toBe('string');
          expect(issue.message.trim()).not.toBe('');
          expect(formatIssue(issue)).toBe(
            issue.path ? `${FILE}: ${issue.path}: ${issue.message}` : `${FILE}: ${issue.message}`,
          );
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      params,
    );
  });

  it('rejects deeply nested data without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    for (const data of [deep, { ...(raw as object), nodes: deep }, { claims: deep }]) {
      const result = parseScenario(data, { file: FILE, sources });
      expect(result.ok).toBe(false);
    }
  });
});
