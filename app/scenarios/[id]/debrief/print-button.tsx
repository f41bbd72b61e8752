'use client';

import { strings } from '@/app/_lib/strings';

export function PrintButton() {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {strings.print}
    </button>
  );
}
