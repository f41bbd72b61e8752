import { useEffect, useRef } from 'react';

/**
 * Focus for a screen that changes stage in place: whenever `key` changes (not on the first
 * render), the stage's heading takes the focus and a polite live region repeats its text.
 * Attach `heading` to the stage's heading (tabIndex -1) and `live` to an empty role="status".
 */
export function useStageFocus(key: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  const live = useRef<HTMLDivElement>(null);
  const first = useRef(key);
  useEffect(() => {
    if (key === first.current) return;
    first.current = key;
    heading.current?.focus();
    if (live.current) live.current.textContent = heading.current?.textContent ?? '';
  }, [key]);
  return { heading, live };
}
