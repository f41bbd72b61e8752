import { buildScenarioMachine } from '@/machines/scenario-machine';
import { resolvePath } from '@/machines/paths';
import {
  PROGRESS_VERSION,
  progressKey,
  readProgress,
  writeProgress,
  type ProgressRead,
} from '@/app/_lib/progress';
import { realScenario } from '../helpers/scenarios';

const kabul = realScenario('kabul-crossroads');
const machine = buildScenarioMachine(kabul);
const ID = kabul.id;
const KEY = progressKey(ID);
/** The real rule: a path is valid when the Kabul machine resolves it. */
const isValidPath = (path: readonly string[]) => resolvePath(machine, path).ok;
const anyPath = () => true;

/** An in-memory Storage with only the three methods progress.ts uses. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.has(key) ? (this.items.get(key) as string) : null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const NOW = new Date('2025-03-04T05:06:07.089Z');

function blob(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: PROGRESS_VERSION,
    scenarioId: ID,
    path: ['ttp', 'pressure'],
    savedAt: NOW.toISOString(),
    ...overrides,
  });
}

function storedAs(raw: string): MemoryStorage {
  const storage = new MemoryStorage();
  storage.setItem(KEY, raw);
  return storage;
}

const DISCARDED: ProgressRead = { status: 'discarded' };

describe('progressKey', () => {
  it('is namespaced per scenario', () => {
    expect(progressKey('kabul-crossroads')).toBe('crossroads:progress:kabul-crossroads');
    expect(progressKey('a')).not.toBe(progressKey('b'));
  });
});

describe('writeProgress then readProgress', () => {
  it('round-trips a step path with its version, scenario and time', () => {
    const storage = new MemoryStorage();
    writeProgress(storage, ID, ['ttp', 'pressure'], NOW);
    expect(readProgress(storage, ID, isValidPath)).toEqual({
      status: 'ok',
      progress: {
        version: 1,
        scenarioId: ID,
        path: ['ttp', 'pressure'],
        savedAt: '2025-03-04T05:06:07.089Z',
      },
    });
  });

  it('round-trips the first decision (the empty path)', () => {
    const storage = new MemoryStorage();
    writeProgress(storage, ID, [], NOW);
    const read = readProgress(storage, ID, isValidPath);
    expect(read.status).toBe('ok');
    expect(read.status === 'ok' && read.progress.path).toEqual([]);
  });

  it('stores under the scenario key only, as JSON', () => {
    const storage = new MemoryStorage();
    writeProgress(storage, ID, ['pakistan'], NOW);
    expect([...storage.items.keys()]).toEqual([KEY]);
    expect(JSON.parse(storage.items.get(KEY) as string)).toEqual({
      version: PROGRESS_VERSION,
      scenarioId: ID,
      path: ['pakistan'],
      savedAt: NOW.toISOString(),
    });
  });

  it('overwrites the previous step', () => {
    const storage = new MemoryStorage();
    writeProgress(storage, ID, ['pakistan'], NOW);
    writeProgress(storage, ID, ['ttp', 'partnership'], NOW);
    const read = readProgress(storage, ID, isValidPath);
    expect(read.status === 'ok' && read.progress.path).toEqual(['ttp', 'partnership']);
  });

  it('copies the path, so later changes to the caller’s array are not saved', () => {
    const storage = new MemoryStorage();
    const path = ['ttp'];
    writeProgress(storage, ID, path, NOW);
    path.push('pressure');
    const read = readProgress(storage, ID, isValidPath);
    expect(read.status === 'ok' && read.progress.path).toEqual(['ttp']);
  });

  it('uses the current time when none is given', () => {
    const storage = new MemoryStorage();
    const before = Date.now();
    writeProgress(storage, ID, ['ttp']);
    const read = readProgress(storage, ID, isValidPath);
    expect(read.status).toBe('ok');
    const savedAt = read.status === 'ok' ? Date.parse(read.progress.savedAt) : NaN;
    expect(savedAt).toBeGreaterThanOrEqual(before);
    expect(savedAt).toBeLessThanOrEqual(Date.now());
  });

  it('keeps scenarios apart', () => {
    const storage = new MemoryStorage();
    writeProgress(storage, ID, ['ttp'], NOW);
    writeProgress(storage, 'river-town', ['bridge'], NOW);
    const read = readProgress(storage, ID, isValidPath);
    expect(read.status === 'ok' && read.progress.path).toEqual(['ttp']);
  });
});

describe('readProgress with nothing saved', () => {
  it('reports none and touches nothing', () => {
    const storage = new MemoryStorage();
    storage.setItem('unrelated', 'x');
    expect(readProgress(storage, ID, isValidPath)).toEqual({ status: 'none' });
    expect([...storage.items.entries()]).toEqual([['unrelated', 'x']]);
  });
});

describe('readProgress discards what it cannot trust, and removes it', () => {
  const cases: [string, string, (path: readonly string[]) => boolean][] = [
    ['corrupt JSON', '{"version":1,"scenarioId":', isValidPath],
    ['an empty string', '', isValidPath],
    ['another version', blob({ version: 2 }), isValidPath],
    ['a version given as a string', blob({ version: '1' }), isValidPath],
    ['another scenario’s progress', blob({ scenarioId: 'river-town' }), anyPath],
    ['an extra field', blob({ extra: true }), isValidPath],
    ['a missing field', JSON.stringify({ version: 1, scenarioId: ID, path: [] }), isValidPath],
    ['a path the machine does not allow', blob({ path: ['ttp', 'nope'] }), isValidPath],
    ['a path that goes past an outcome', blob({ path: ['ttp', 'pressure', 'x'] }), isValidPath],
    ['options in the wrong order', blob({ path: ['pressure', 'ttp'] }), isValidPath],
    ['a path that is not a list', blob({ path: 'ttp/pressure' }), anyPath],
    ['a path with a non-string', blob({ path: ['ttp', 2] }), anyPath],
    ['a path with an empty id', blob({ path: [''] }), anyPath],
    [
      'a path longer than 100 ids',
      blob({ path: Array.from({ length: 101 }, () => 'ttp') }),
      anyPath,
    ],
    ['an option id longer than 100 characters', blob({ path: ['x'.repeat(101)] }), anyPath],
    ['a scenario id longer than 100 characters', blob({ scenarioId: 'x'.repeat(101) }), anyPath],
    ['a savedAt that is not a date-time', blob({ savedAt: 'yesterday' }), isValidPath],
    ['a savedAt given as a number', blob({ savedAt: NOW.getTime() }), isValidPath],
  ];

  it.each(cases)('%s', (_name, raw, validate) => {
    const storage = storedAs(raw);
    storage.setItem('unrelated', 'keep me');
    expect(readProgress(storage, ID, validate)).toEqual(DISCARDED);
    expect(storage.getItem(KEY)).toBeNull();
    expect(storage.getItem('unrelated')).toBe('keep me');
  });

  it('asks the machine, not a copy of its rules: the same blob passes with a lenient check', () => {
    expect(readProgress(storedAs(blob({ path: ['ttp', 'nope'] })), ID, anyPath).status).toBe('ok');
  });

  it('accepts the longest path the limits allow when the scenario allows it', () => {
    const path = Array.from({ length: 100 }, () => 'x'.repeat(100));
    expect(readProgress(storedAs(blob({ path })), ID, anyPath).status).toBe('ok');
  });

  it('a discarded blob is gone: the next read reports none', () => {
    const storage = storedAs('not json');
    expect(readProgress(storage, ID, isValidPath)).toEqual(DISCARDED);
    expect(readProgress(storage, ID, isValidPath)).toEqual({ status: 'none' });
  });
});

describe('hostile blobs never crash', () => {
  const hostile: [string, string][] = [
    ['a __proto__ key', '{"__proto__":{"x":1}}'],
    ['a __proto__ key beside valid fields', `{"__proto__":{"polluted":true},${blob().slice(1)}`],
    ['a constructor.prototype key', '{"constructor":{"prototype":{"polluted":true}}}'],
    ['null', 'null'],
    ['an array', '[1,2,3]'],
    ['an array of progress', `[${blob()}]`],
    ['a number', '42'],
    ['a boolean', 'true'],
    ['a JSON string', '"crossroads"'],
    ['an empty object', '{}'],
    ['a huge string', 'x'.repeat(5_000_000)],
    ['a huge JSON string value', JSON.stringify({ version: 1, scenarioId: 'y'.repeat(2_000_000) })],
    ['deeply nested arrays', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
    ['a lone surrogate', '"\\ud800"'],
  ];

  it.each(hostile)('%s is discarded and removed', (_name, raw) => {
    const storage = storedAs(raw);
    let read: ProgressRead | undefined;
    expect(() => {
      read = readProgress(storage, ID, isValidPath);
    }).not.toThrow();
    expect(read).toEqual(DISCARDED);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('leaves Object.prototype untouched', () => {
    readProgress(storedAs('{"__proto__":{"polluted":true}}'), ID, anyPath);
    readProgress(storedAs(`{"__proto__":{"polluted":true},${blob().slice(1)}`), ID, anyPath);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('storage failures never escape', () => {
  const failing = (...methods: ('getItem' | 'setItem' | 'removeItem')[]) => {
    const storage = storedAs('not json');
    for (const m of methods) {
      storage[m] = () => {
        throw new DOMException('denied', 'SecurityError');
      };
    }
    return storage;
  };

  it('reports none when reading throws', () => {
    expect(readProgress(failing('getItem'), ID, isValidPath)).toEqual({ status: 'none' });
  });

  it('still reports discarded when removing throws', () => {
    expect(readProgress(failing('removeItem'), ID, isValidPath)).toEqual(DISCARDED);
  });

  it('does not throw when writing throws (quota exceeded, private mode)', () => {
    const storage = failing('setItem');
    expect(() => writeProgress(storage, ID, ['ttp'], NOW)).not.toThrow();
  });

  it('does not throw when every method throws', () => {
    const storage = failing('getItem', 'setItem', 'removeItem');
    expect(() => writeProgress(storage, ID, ['ttp'], NOW)).not.toThrow();
    expect(readProgress(storage, ID, isValidPath)).toEqual({ status: 'none' });
  });

  it('does not throw when the storage object itself is missing its methods', () => {
    const broken = {} as unknown as MemoryStorage;
    expect(() => writeProgress(broken, ID, ['ttp'], NOW)).not.toThrow();
    expect(readProgress(broken, ID, isValidPath)).toEqual({ status: 'none' });
  });
});
