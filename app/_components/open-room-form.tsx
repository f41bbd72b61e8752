import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';

const t = strings.room;

/**
 * Opens a live room for a scenario: a plain form post, so it works without JavaScript. The
 * browser that sends it becomes the room's facilitator and is taken to the room's projector.
 */
export function OpenRoomForm({
  scenarioId,
  className = 'button',
}: {
  scenarioId: string;
  className?: string;
}) {
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
