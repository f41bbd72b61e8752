'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Arriving from a step (?step=a/b), emphasise every passage that step quotes.
 * Without JavaScript the cited sentence in the URL's #anchor is still emphasised by :target.
 */
export function EmphasiseStep() {
  const step = useSearchParams().get('step');
  useEffect(() => {
    if (step === null) return;
    const marked: Element[] = [];
    document.querySelectorAll<HTMLElement>('[data-steps]').forEach((el) => {
      if ((el.dataset.steps ?? '').split(' ').includes(step)) {
        el.classList.add('sentence--emphasis');
        marked.push(el);
      }
    });
    return () => marked.forEach((el) => el.classList.remove('sentence--emphasis'));
  }, [step]);
  return null;
}
