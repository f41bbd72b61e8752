import { SELF_PACED_DEFAULT_DAYS, SELF_PACED_MAX_DAYS } from '@/app/_lib/room-dates';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

const t = strings.room;
const s = strings.selfPaced;

/**
 * Opens a room for a scenario: a plain form post, so it works without JavaScript. The browser
 * that sends it becomes the room's facilitator: a live room opens on its projector, a self-paced
 * one on its results. With `choose`, the facilitator picks live or self-paced and, for
 * self-paced, the last day (empty: the default); without it the form opens a live room.
 */
export function OpenRoomForm({
  scenarioId,
  className = 'button',
  choose = false,
}: {
  scenarioId: string;
  className?: string;
  choose?: boolean;
}) {
  if (!choose) {
    return (
      <form method="post" action={routes.openRoom()} className="open-room">
        <input type="hidden" name="scenarioId" value={scenarioId} />
        <input type="hidden" name="mode" value="live" />
        <button type="submit" className={className}>
          {t.openRoom}
        </button>{' '}
        <span className="hint">{t.openRoomNote}</span>
      </form>
    );
  }
  return (
    <details className="open-room">
      <summary>{s.openHeading}</summary>
      <form method="post" action={routes.openRoom()}>
        <input type="hidden" name="scenarioId" value={scenarioId} />
        <fieldset className="choices">
          <legend>{s.kindLegend}</legend>
          <label className="choice">
            <input type="radio" name="mode" value="live" defaultChecked /> {s.live}
          </label>
          <label className="choice">
            <input type="radio" name="mode" value="self-paced" /> {s.selfPaced}
          </label>
        </fieldset>
        <p>
          <label htmlFor="open-until" className="block-label">
            {s.openUntil}
          </label>
          <input id="open-until" name="openUntil" type="date" aria-describedby="open-until-hint" />
          <span id="open-until-hint" className="hint">
            {s.openUntilHint(SELF_PACED_DEFAULT_DAYS, SELF_PACED_MAX_DAYS)}
          </span>
        </p>
        <p>
          <button type="submit" className={className}>
            {s.openRoom}
          </button>
        </p>
      </form>
    </details>
  );
}
