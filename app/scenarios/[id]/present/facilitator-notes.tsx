import { strings } from '@/app/_lib/strings';

const t = strings.present;

/**
 * Notes for the facilitator (ours), shown only in presenter mode. They fold away, so a
 * facilitator can keep them off the projector.
 */
export function FacilitatorNotes({
  notes,
  open,
  onToggle,
}: {
  notes: readonly string[];
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  if (notes.length === 0) return null;
  return (
    <aside className="p-notes ours-block" aria-label={t.facilitatorNotes}>
      <details
        open={open}
        onToggle={(e) => {
          // The browser also fires toggle when the element mounts open: only a change counts.
          if (e.currentTarget.open !== open) onToggle(e.currentTarget.open);
        }}
      >
        <summary>{t.facilitatorNotes}</summary>
        <ul>
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </details>
    </aside>
  );
}
