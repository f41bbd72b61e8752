/**
 * The class's results, from runs made the way the server makes them: each learner's events
 * replayed through the exercise machine (replayRun), stored as records, read back as entries
 * (runEntries) and counted (buildClassResults). A small class checked figure by figure, and a
 * generated class of 300 (some stop halfway, some start over, some answer in their own words)
 * checked against what each learner did.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildClassResults,
  CLASS_CSV_COLUMNS,
  classCsv,
  classMarkdown,
  IDLE_AFTER_MS,
  wordsKey,
  type ClassResults,
} from '@/app/_lib/class-results';
import { getRuntime, type ScenarioRuntime } from '@/app/_lib/runtime';
import { strings } from '@/app/_lib/strings';
import { replayRun, type RunEvent, type TimedEvent } from '@/app/_lib/self-paced';
import { toExerciseScenario, toTraining } from '@/app/_lib/training';
import { runEntries } from '@/app/_server/rooms/results';
import type { RunRow, RunStatus } from '@/app/_server/store/types';
import type { ClaimKind } from '@/content/schema';
import { buildExerciseMachine, candidatesFor, revealedClaims } from '@/machines/exercise-machine';
import { seededRandom } from '@/scripts/lib/synthetic';

const runtime = getRuntime('kabul-crossroads') as ScenarioRuntime;
const exercise = toExerciseScenario(toTraining(runtime.scenario));
const machine = buildExerciseMachine(exercise, { requirePrediction: true });
const NOW = Date.UTC(2026, 11, 7, 12);
const room = {
  code: 'K7M2QX',
  mode: 'self-paced' as const,
  createdAt: NOW - 3 * 86_400_000,
  expiresAt: NOW + 7 * 86_400_000,
  closedAt: null,
  settings: {},
};

/** A run as the store would hold it, from events: its record made by replaying them. */
function runOf(
  participantId: string,
  runId: string,
  events: readonly TimedEvent[],
  options: { status?: RunStatus; nickname?: string | null } = {},
): RunRow {
  const replayed = replayRun(machine, events);
  if (!replayed) throw new Error(`run ${runId}: the machine refused its events`);
  const finished = replayed.record.stage === 'debrief';
  return {
    roomId: 'room',
    runId,
    participantId,
    nickname: options.nickname ?? null,
    status: options.status ?? (finished ? 'finished' : 'active'),
    startedAt: events[0]?.at ?? NOW,
    updatedAt: events.at(-1)?.at ?? NOW,
    finishedAt: finished ? (events.at(-1)?.at ?? NOW) : null,
    events,
    record: replayed.record,
  };
}

/** Events one after another, `gapMs` apart, starting at `from`. */
function timed(from: number, gapMs: number, events: readonly RunEvent[]): TimedEvent[] {
  return events.map((event, i) => ({ at: from + i * gapMs, event }));
}

const choose = (optionId: string): RunEvent => ({ type: 'exercise.choose', optionId });
const pick = (claimId: string | null): RunEvent[] => [
  { type: 'exercise.predict', prediction: { kind: 'candidate', claimId } },
  { type: 'exercise.reveal' },
];
const words = (text: string): RunEvent[] => [
  { type: 'exercise.predict', prediction: { kind: 'text', text } },
  { type: 'exercise.reveal' },
];
const kind = (claimId: string, k: ClaimKind): RunEvent => ({
  type: 'exercise.guessKind',
  claimId,
  kind: k,
});
const start: RunEvent = { type: 'exercise.start' };
const next: RunEvent = { type: 'exercise.next' };

describe('a class of three', () => {
  const ayesha = runOf(
    'p-ayesha',
    'r1',
    timed(NOW - 3_600_000, 10_000, [
      start,
      choose('pakistan'),
      ...pick(null),
      next,
      choose('partnership'),
      ...pick('right-choice-transforms'),
      kind('right-choice-transforms', 'conditional'),
      next,
    ]),
    { nickname: 'Ayesha' },
  );
  // Bilal starts, gives up (starts over), and in his second run stops after the first decision.
  const bilalFirst = runOf(
    'p-bilal',
    'r2',
    timed(NOW - 7_200_000, 5_000, [start, choose('ttp'), ...words('Pakistan cuts trade')]),
    { status: 'abandoned', nickname: 'Bilal' },
  );
  const bilalSecond = runOf(
    'p-bilal',
    'r3',
    timed(NOW - 1_800_000, 20_000, [
      start,
      choose('pakistan'),
      ...pick('combined-pressure-backfires'),
    ]),
    { nickname: 'Bilal' },
  );
  // An anonymous learner who answered in their own words and went quiet two days ago.
  const quiet = runOf(
    'p-anon',
    'r4',
    timed(NOW - 2 * 86_400_000, 30_000, [
      start,
      choose('pakistan'),
      ...words('Kabul gains a partner against the TTP'),
      next,
      choose('pressure'),
      ...pick('normal-ties-exclude-attacks'),
      kind('combined-pressure-backfires', 'normative'),
    ]),
  );
  const entries = runEntries([ayesha, bilalFirst, quiet, bilalSecond]);
  const results = buildClassResults(runtime.scenario, room, entries, NOW);

  it('counts learners once, and each run by how it ended', () => {
    expect(results.counts).toEqual({
      learners: 3,
      runs: 4,
      finished: 1,
      startedOver: 1,
      going: 1,
      stopped: 1,
    });
  });

  it('draws each decision from each learner’s latest run that was not given up', () => {
    const first = results.decisions.find((d) => d.nodeId === 'ttp-or-pakistan');
    // Bilal's abandoned "TTP" does not count; his second run's "Pakistan" does.
    expect(first?.options.map((o) => [o.optionId, o.count])).toEqual([
      ['pakistan', 3],
      ['ttp', 0],
    ]);
    expect(first?.total).toBe(3);
    expect(first?.options.find((o) => o.optionId === 'pakistan')?.share).toBe(1);
    // From the start (arriving at the first decision) to the reveal: Ayesha 30 s, Bilal 60 s, the other 90 s.
    expect(first?.medianSeconds).toBe(60);
    const afterTtp = results.decisions.find((d) => d.nodeId === 'approach-after-ttp');
    expect(afterTtp?.total).toBe(0);
  });

  it('sets predictions beside what the text ties to the choice, and lists own words', () => {
    const pakistan = results.choices.find(
      (c) => c.nodeId === 'ttp-or-pakistan' && c.optionId === 'pakistan',
    );
    expect(pakistan).toMatchObject({
      made: 3,
      // Pakistan's silence is contested (¶9's "right choice" may refer to it): nothing scored.
      scored: false,
      right: null,
      nothing: { count: 1, textsAnswer: false },
      beyond: [{ claimId: 'combined-pressure-backfires', count: 1 }],
      beyondCount: 1,
    });
    expect(pakistan?.words).toEqual([
      {
        key: wordsKey('r4', 'ttp-or-pakistan'),
        text: 'Kabul gains a partner against the TTP',
        by: 'anonymous 3',
        hidden: false,
      },
    ]);
    const pressure = results.choices.find(
      (c) => c.nodeId === 'approach-after-pakistan' && c.optionId === 'pressure',
    );
    expect(pressure?.theText).toEqual([
      {
        claimId: 'combined-pressure-backfires',
        label: expect.any(String),
        count: 0,
        tie: 'stated',
      },
    ]);
    expect(pressure?.beyond.map((b) => b.claimId)).toEqual(['normal-ties-exclude-attacks']);
    // Bilal's abandoned own words are not in the results page's lists.
    expect(results.choices.some((c) => c.words.some((w) => w.text === 'Pakistan cuts trade'))).toBe(
      false,
    );
  });

  it('finds the claim kinds the class confuses', () => {
    expect(results.kinds.answered).toBe(2);
    expect(results.kinds.right).toBe(1);
    const kindOf = runtime.scenario.claims['combined-pressure-backfires']?.kind;
    expect(results.kinds.confusions).toEqual([
      { kind: kindOf, answered: 'normative', count: 1, of: 1 },
    ]);
  });

  it('writes one CSV row per run per decision, with the documented columns in order', () => {
    const csv = classCsv(results).trimEnd().split('\r\n');
    expect(csv[0]).toBe(
      'room,room_kind,learner,nickname,attempt,run_status,counted,decision_number,decision_id,decision,chose,prediction_about,prediction_kind,prediction,matches_text,kinds_named,kinds_right,seconds,words_hidden',
    );
    expect(CLASS_CSV_COLUMNS.map(([name]) => name).join(',')).toBe(csv[0]);
    expect(csv).toHaveLength(1 + 2 + 1 + 2 + 1);
    const bilal = csv.filter((line) => line.includes(',Bilal,'));
    expect(bilal).toEqual([
      expect.stringMatching(
        /^K7M2QX,self-paced,2,Bilal,1,abandoned,no,1,ttp-or-pakistan,.*,words,Pakistan cuts trade,,0,0,15,no$/,
      ),
      expect.stringMatching(
        /^K7M2QX,self-paced,2,Bilal,2,going,yes,1,ttp-or-pakistan,.*,claim,.*,unscored,0,0,60,no$/,
      ),
    ]);
  });

  it('has its columns documented in the README, each with what it holds', () => {
    const readme = fs.readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
    for (const [name, holds] of CLASS_CSV_COLUMNS)
      expect(readme).toContain(`- \`${name}\`: ${holds}`);
  });

  it('leaves hidden words out of the page and the Markdown, and marks them in the CSV', () => {
    const key = wordsKey('r4', 'ttp-or-pakistan');
    const hidden = buildClassResults(
      runtime.scenario,
      { ...room, settings: { hiddenWords: [key] } },
      entries,
      NOW,
    );
    const words = hidden.choices.flatMap((c) => c.words).find((w) => w.key === key);
    expect(words?.hidden).toBe(true);
    expect(classMarkdown(results)).toContain('Kabul gains a partner against the TTP');
    expect(classMarkdown(hidden)).not.toContain('Kabul gains a partner against the TTP');
    expect(classCsv(hidden)).toMatch(/Kabul gains a partner against the TTP,,0,0,90,yes\r\n/);
  });

  it('counts every unfinished run as stopped once the room has ended', () => {
    const ended = buildClassResults(
      runtime.scenario,
      { ...room, closedAt: NOW - 1000 },
      entries,
      NOW,
    );
    expect(ended.counts).toMatchObject({ going: 0, stopped: 2 });
    expect(ended.room.open).toBe(false);
  });
});

describe('a generated class', () => {
  const random = seededRandom(20261207);
  const any = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const KINDS: ClaimKind[] = ['conditional', 'predictive', 'normative', 'descriptive'];

  /** A learner's run: random choices and predictions, stopping partway with some probability. */
  function learnerEvents(from: number): TimedEvent[] {
    const events: TimedEvent[] = [{ at: from, event: start }];
    let at = from;
    const push = (event: RunEvent) => {
      at += 1000 + Math.floor(random() * 60_000);
      events.push({ at, event });
      const replayed = replayRun(machine, events);
      if (!replayed) throw new Error(`refused ${JSON.stringify(event)}`);
      return replayed.snapshot;
    };
    let snapshot = replayRun(machine, events)?.snapshot;
    while (snapshot && snapshot.value !== 'debrief') {
      if (random() < 0.08) break; // stops here
      if (snapshot.value === 'choosing') {
        const options = ['ttp', 'pakistan', 'partnership', 'pressure'].filter((o) =>
          snapshot?.can({ type: 'exercise.choose', optionId: o }),
        );
        snapshot = push(choose(any(options)));
      } else if (snapshot.value === 'predicting') {
        const pending = snapshot.context.pending!;
        if (random() < 0.25) {
          push({ type: 'exercise.predict', prediction: { kind: 'text', text: `words ${at}` } });
        } else {
          const claimId = any(candidatesFor(exercise, pending.nodeId, pending.optionId));
          push({ type: 'exercise.predict', prediction: { kind: 'candidate', claimId } });
        }
        snapshot = push({ type: 'exercise.reveal' });
      } else if (snapshot.value === 'revealed') {
        const last = snapshot.context.records.at(-1)!;
        for (const claimId of revealedClaims(exercise, last.nodeId, last.optionId)) {
          const e = kind(claimId, any(KINDS));
          if (random() < 0.7 && snapshot.can(e)) {
            snapshot = push(e);
          }
        }
        snapshot = push(next);
      } else {
        break;
      }
    }
    return events;
  }

  const runs: RunRow[] = [];
  for (let p = 0; p < 300; p += 1) {
    const attempts = random() < 0.1 ? 2 : 1;
    for (let a = 0; a < attempts; a += 1) {
      const events = learnerEvents(NOW - Math.floor(random() * 3 * 86_400_000));
      const startedOver = a === 0 && attempts === 2;
      runs.push(
        runOf(`p${p}`, `p${p}-a${a}`, events, {
          status: startedOver ? 'abandoned' : undefined,
          nickname: random() < 0.5 ? `Learner ${p}` : null,
        }),
      );
    }
  }
  const results: ClassResults = buildClassResults(runtime.scenario, room, runEntries(runs), NOW);
  /** Each learner's counted run: their last one, unless it was given up. */
  const counted = new Map<string, RunRow>();
  for (const run of runs) if (run.status !== 'abandoned') counted.set(run.participantId, run);
  const decisionsOf = (run: RunRow) =>
    replayRun(machine, run.events as TimedEvent[])!.record.decisions;

  it('accounts for every run exactly once', () => {
    const { counts } = results;
    expect(counts.runs).toBe(runs.length);
    expect(counts.learners).toBe(300);
    expect(counts.finished + counts.going + counts.stopped + counts.startedOver).toBe(runs.length);
    expect(counts.finished).toBe(runs.filter((r) => r.status === 'finished').length);
    expect(counts.stopped).toBe(
      runs.filter((r) => r.status === 'active' && NOW - r.updatedAt > IDLE_AFTER_MS).length,
    );
  });

  it('counts each option as often as counted learners chose it', () => {
    for (const d of results.decisions) {
      for (const o of d.options) {
        const chose = [...counted.values()].filter((run) =>
          decisionsOf(run).some((x) => x.nodeId === d.nodeId && x.optionId === o.optionId),
        ).length;
        expect([d.nodeId, o.optionId, o.count]).toEqual([d.nodeId, o.optionId, chose]);
      }
      expect(d.options.reduce((n, o) => n + o.count, 0)).toBe(d.total);
    }
  });

  it('lists every counted learner’s own words once, under the choice they were about', () => {
    const expected = [...counted.values()].flatMap((run) =>
      decisionsOf(run).flatMap((x) =>
        x.prediction.kind === 'text' ? [`${x.nodeId}/${x.optionId}/${x.prediction.text}`] : [],
      ),
    );
    const listed = results.choices.flatMap((c) =>
      c.words.map((w) => `${c.nodeId}/${c.optionId}/${w.text}`),
    );
    expect(listed.sort()).toEqual(expected.sort());
    for (const c of results.choices) {
      const picks = c.theText.reduce((n, x) => n + x.count, 0) + c.nothing.count + c.beyondCount;
      expect(picks + c.words.length).toBe(c.made);
    }
  });

  it('marks what only our reading places on a choice as ours, never as the text’s', () => {
    const unscored = results.choices.filter((c) => !c.scored);
    expect(unscored.length).toBeGreaterThan(0);
    for (const c of unscored) expect(c.theText.map((x) => x.tie)).not.toContain('stated');
    expect(classMarkdown(results)).toContain(strings.results.ourReading);
  });

  it('writes one CSV row for each decision of each run', () => {
    const lines = classCsv(results).trimEnd().split('\r\n');
    const steps = runs.reduce((n, run) => n + decisionsOf(run).length, 0);
    expect(lines).toHaveLength(1 + steps);
    expect(results.rows.filter((r) => r.counted).length).toBe(
      [...counted.values()].reduce((n, run) => n + decisionsOf(run).length, 0),
    );
  });

  it('gives a median time inside the range of the times measured', () => {
    for (const d of results.decisions) {
      const times = [...counted.values()].flatMap((run) =>
        decisionsOf(run).flatMap((x) => (x.nodeId === d.nodeId ? [x.ms / 1000] : [])),
      );
      if (times.length === 0) {
        expect(d.medianSeconds).toBeNull();
        continue;
      }
      expect(d.medianSeconds).toBeGreaterThanOrEqual(Math.floor(Math.min(...times)));
      expect(d.medianSeconds).toBeLessThanOrEqual(Math.ceil(Math.max(...times)));
    }
  });
});
