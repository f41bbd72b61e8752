import {
  appendEvent,
  exerciseKey,
  readExercise,
  writeExercise,
} from '@/app/_lib/exercise-progress';
import { toExerciseScenario, toTraining } from '@/app/_lib/training';
import { buildExerciseMachine, type ExerciseEvent } from '@/machines/exercise-machine';
import { realScenario } from '../helpers/scenarios';

const machine = buildExerciseMachine(
  toExerciseScenario(toTraining(realScenario('kabul-crossroads'))),
);
const memory = () => {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
};
const walk: ExerciseEvent[] = [
  { type: 'exercise.start' },
  { type: 'exercise.choose', optionId: 'ttp' },
  { type: 'exercise.predict', prediction: { kind: 'text', text: 'x' } },
  { type: 'exercise.reveal' },
];

describe('saved exercise progress', () => {
  it('replays the saved events to the same state', () => {
    const storage = memory();
    writeExercise(storage, 'kabul-crossroads', 'exercise', walk);
    const read = readExercise(storage, 'kabul-crossroads', 'exercise', machine);
    expect(read.status).toBe('ok');
    if (read.status === 'ok') {
      expect(read.snapshot.value).toBe('revealed');
      expect(read.snapshot.context.records).toHaveLength(1);
    }
  });

  it('discards (and removes) a log the machine refuses, with no crash', () => {
    const storage = memory();
    writeExercise(storage, 'kabul-crossroads', 'exercise', [{ type: 'exercise.reveal' }]);
    expect(readExercise(storage, 'kabul-crossroads', 'exercise', machine).status).toBe('discarded');
    expect(storage.data.has(exerciseKey('kabul-crossroads', 'exercise'))).toBe(false);
  });

  it.each([
    ['corrupt JSON', '{not json'],
    [
      'an old version',
      JSON.stringify({
        version: 0,
        scenarioId: 'kabul-crossroads',
        mode: 'exercise',
        events: [],
        savedAt: new Date().toISOString(),
      }),
    ],
    [
      'another scenario',
      JSON.stringify({
        version: 1,
        scenarioId: 'other',
        mode: 'exercise',
        events: [],
        savedAt: new Date().toISOString(),
      }),
    ],
    [
      'an unknown event',
      JSON.stringify({
        version: 1,
        scenarioId: 'kabul-crossroads',
        mode: 'exercise',
        events: [{ type: 'hack' }],
        savedAt: new Date().toISOString(),
      }),
    ],
  ])('discards %s', (_why, raw) => {
    const storage = memory();
    storage.setItem(exerciseKey('kabul-crossroads', 'exercise'), raw);
    expect(readExercise(storage, 'kabul-crossroads', 'exercise', machine).status).toBe('discarded');
  });

  it('keeps exercise and presenter sessions apart', () => {
    const storage = memory();
    writeExercise(storage, 'kabul-crossroads', 'present', walk.slice(0, 2));
    expect(readExercise(storage, 'kabul-crossroads', 'exercise', machine).status).toBe('none');
  });

  it('starts a fresh log on restart', () => {
    expect(appendEvent(walk, { type: 'exercise.restart' })).toEqual([]);
    expect(appendEvent([], { type: 'exercise.start' })).toEqual([{ type: 'exercise.start' }]);
  });

  it('never throws when storage does', () => {
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(() => writeExercise(broken, 'kabul-crossroads', 'exercise', walk)).not.toThrow();
    expect(readExercise(broken, 'kabul-crossroads', 'exercise', machine).status).toBe('none');
  });
});
