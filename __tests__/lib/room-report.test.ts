/**
 * The room's debrief as data and its exports: the CSV's columns pinned (teachers open it in a
 * spreadsheet), one row per participant per decision, every value escaped; the Markdown carries
 * the room's split and its predictions beside the text, then every quotation of the path.
 */
import { initialTransition, transition } from 'xstate';
import { buildRoomReport, ROOM_CSV_COLUMNS, roomCsv, roomMarkdown } from '@/app/_lib/room-report';
import { getRuntime, type ScenarioRuntime } from '@/app/_lib/runtime';
import { toExerciseScenario, toTraining } from '@/app/_lib/training';
import type { RoomRow } from '@/app/_server/store/types';
import { buildRoomMachine, type RoomEvent, type RoomSnapshot } from '@/machines/room-machine';

const runtime = getRuntime('kabul-crossroads') as ScenarioRuntime;
const machine = buildRoomMachine(toExerciseScenario(toTraining(runtime.scenario)));
const row: RoomRow = {
  id: 'r1',
  code: 'K7M2QX',
  scenarioId: 'kabul-crossroads',
  mode: 'live',
  facilitatorHash: 'x',
  createdAt: Date.UTC(2026, 11, 7, 9),
  expiresAt: Date.UTC(2026, 11, 7, 21),
  closedAt: null,
  lastSeq: 0,
  settings: {},
};

function run(events: RoomEvent[]): RoomSnapshot {
  return events.reduce<RoomSnapshot>((s, e) => {
    if (!s.can(e)) throw new Error(`refused: ${JSON.stringify(e)}`);
    return transition(machine, s, e)[0];
  }, initialTransition(machine)[0]);
}

const snapshot = run([
  { type: 'room.join', participantId: 'a', nickname: 'Ann, "the first"' },
  { type: 'room.join', participantId: 'b', nickname: null },
  { type: 'room.start' },
  { type: 'room.vote', participantId: 'a', optionId: 'pakistan' },
  { type: 'room.vote', participantId: 'b', optionId: 'ttp' },
  { type: 'room.follow', optionId: 'pakistan' },
  { type: 'room.predict', participantId: 'a', prediction: { kind: 'candidate', claimId: null } },
  { type: 'room.predict', participantId: 'b', prediction: { kind: 'text', text: '=SUM(A1)' } },
  { type: 'room.reveal' },
  { type: 'room.next' },
  { type: 'room.vote', participantId: 'a', optionId: 'pressure' },
  { type: 'room.follow', optionId: 'pressure' },
  {
    type: 'room.predict',
    participantId: 'a',
    prediction: { kind: 'candidate', claimId: 'right-choice-transforms' },
  },
  { type: 'room.reveal' },
  { type: 'room.next' },
]);
const report = buildRoomReport(runtime, row, snapshot, 15);

describe('the room report', () => {
  it('follows the room’s path, with its split and predictions at each decision', () => {
    expect(report.pathLabel).toBe('Pakistan → Pressure');
    expect(report.decisions[0]).toMatchObject({
      decision: 'The TTP or Pakistan',
      followed: 'Pakistan',
      votes: [
        { option: 'Pakistan', count: 1 },
        { option: 'The TTP', count: 1 },
      ],
      predictions: {
        made: 2,
        // Pakistan's silence is contested (¶9's "right choice" may refer to it): nothing scored.
        right: null,
        picks: [
          {
            said: 'The text says nothing of its own about this choice',
            count: 1,
            textsAnswer: false,
          },
        ],
        words: [{ text: '=SUM(A1)', by: 'anonymous 2' }],
      },
    });
    expect(report.decisions[1]?.predictions.right).toBe(0);
    expect(report.debrief?.outcome.title).toBe('Pakistan, then pressure');
  });

  it('writes the CSV with its documented columns, one row per participant per decision', () => {
    const lines = roomCsv(report).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'room,decision_number,decision_id,decision,room_followed,participant,nickname,vote,prediction_kind,prediction,matches_text',
    );
    expect(ROOM_CSV_COLUMNS.map(([name]) => name).join(',')).toBe(lines[0]);
    expect(lines).toHaveLength(1 + 2 * 2);
    expect(lines[1]).toBe(
      'K7M2QX,1,ttp-or-pakistan,The TTP or Pakistan,Pakistan,1,"Ann, ""the first""",Pakistan,claim,The text says nothing of its own about this choice,unscored',
    );
    // A cell that a spreadsheet would read as a formula is defused.
    expect(lines[2]).toBe(
      'K7M2QX,1,ttp-or-pakistan,The TTP or Pakistan,Pakistan,2,,The TTP,words,"\'=SUM(A1)",',
    );
    expect(lines[3]).toBe(
      'K7M2QX,2,approach-after-pakistan,Pressure or partnership,Pressure,1,"Ann, ""the first""",Pressure,claim,"The text says the right choice, partnership, can transform the relationship",no',
    );
    expect(lines[4]).toBe(
      'K7M2QX,2,approach-after-pakistan,Pressure or partnership,Pressure,2,,,none,,',
    );
  });

  it('writes Markdown with the split, the predictions, and every quotation of the path', () => {
    const md = roomMarkdown(report, 'https://crossroads.example');
    expect(md).toContain('# Room K7M2QX: Kabul at the crossroads');
    expect(md).toContain('- Pakistan: 1 (Chosen)');
    expect(md).toContain('- =SUM(A1) (anonymous 2)');
    expect(md).toContain(
      '> any attempt to exert combined pressure on Pakistan is likely to backfire.',
    );
    expect(md).toContain(
      'Why here: the text says “any attempt to exert combined pressure on Pakistan” (¶4, part of sentence 5).',
    );
  });
});
