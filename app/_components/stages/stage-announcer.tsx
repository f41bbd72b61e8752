import type { Ref } from 'react';

/**
 * The polite live region useStageFocus fills with a new stage's heading, for screen readers;
 * invisible on screen.
 */
export function StageAnnouncer({ announcerRef }: { announcerRef: Ref<HTMLDivElement> }) {
  return (
    <div
      ref={announcerRef}
      className="visually-hidden"
      role="status"
      aria-live="polite"
      aria-atomic="true"
    />
  );
}
