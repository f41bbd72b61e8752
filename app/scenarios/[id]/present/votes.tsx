import type { DecisionNode } from '@/content/parse';
import type { TrainingScenario } from '@/app/_lib/training';
import { strings } from '@/app/_lib/strings';
import type { ExerciseRecord } from '@/machines/exercise-machine';

const t = strings.present;

type Tallies = Readonly<Record<string, Readonly<Record<string, number>>>>;

function countText(count: number | undefined): string {
  return count === undefined ? t.notCounted : t.votes(count);
}

/** The room's vote at one decision, as bars (the numbers are in the text; the bars are decoration). */
export function VoteBars({
  decision,
  counts,
  chosenId,
}: {
  decision: DecisionNode;
  counts: Readonly<Record<string, number>> | undefined;
  chosenId: string;
}) {
  const values = decision.options.map((o) => counts?.[o.id] ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  if (counts === undefined || Object.keys(counts).length === 0) {
    return <p>{t.noVotes}</p>;
  }
  return (
    <>
      <ul className="p-bars" role="list">
        {decision.options.map((o, i) => {
          const count = counts[o.id];
          const share = total > 0 ? ((values[i] ?? 0) / total) * 100 : 0;
          return (
            <li
              key={o.id}
              className={o.id === chosenId ? 'p-bars__item is-chosen' : 'p-bars__item'}
            >
              <span className="p-bars__label">
                {o.label}
                {o.id === chosenId && <span className="p-chosen">{t.chosen}</span>}
              </span>
              <span className="p-bars__count">{countText(count)}</span>
              <span className="p-bars__track" aria-hidden="true">
                <span className="p-bars__fill" style={{ inlineSize: `${share}%` }} />
              </span>
            </li>
          );
        })}
      </ul>
      <p className="p-muted">{t.votesInAll(total)}</p>
    </>
  );
}

/** A count in the table: the number alone (the column says "Votes"), or a dash for none. */
function CountCell({ count }: { count: number | undefined }) {
  if (count !== undefined) return <>{count}</>;
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t.notCounted}</span>
    </>
  );
}

/** Every decision on the room's path: each option's votes and the option the room went with. */
export function TallyTable({
  scenario,
  records,
  tallies,
}: {
  scenario: TrainingScenario;
  records: readonly ExerciseRecord[];
  tallies: Tallies;
}) {
  return (
    <table className="p-tally">
      <caption>{t.tallyCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.tallyOption}</th>
          <th scope="col">{t.tallyVotes}</th>
          <th scope="col">{t.tallyChosen}</th>
        </tr>
      </thead>
      {records.map((record, i) => {
        const node = scenario.nodes[record.nodeId];
        if (node?.kind !== 'decision') return null;
        return (
          <tbody key={`${i}:${record.nodeId}`}>
            <tr>
              <th scope="rowgroup" colSpan={3} className="p-tally__decision">
                {t.decisionNumber(i + 1)}: {node.title}
              </th>
            </tr>
            {node.options.map((o) => {
              const chosen = o.id === record.optionId;
              return (
                <tr key={o.id} className={chosen ? 'is-chosen' : undefined}>
                  <th scope="row">{o.label}</th>
                  <td>
                    <CountCell count={tallies[record.nodeId]?.[o.id]} />
                  </td>
                  <td>{chosen ? t.chosen : ''}</td>
                </tr>
              );
            })}
          </tbody>
        );
      })}
    </table>
  );
}
