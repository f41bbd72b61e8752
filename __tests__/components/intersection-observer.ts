/**
 * jsdom has no IntersectionObserver. next/link uses it to prefetch links as they scroll into
 * view; without it, Link falls back to an idle-callback timer that updates its state after the
 * test has finished. This stub never reports an intersection, so Link stays still.
 *
 * next/link checks for IntersectionObserver when it is first loaded: import this module before
 * any module that imports next/link.
 */
class StubIntersectionObserver {
  readonly root = null;
  readonly rootMargin = '0px';
  readonly thresholds: readonly number[] = [0];
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): [] {
    return [];
  }
}

if (typeof globalThis.IntersectionObserver !== 'function') {
  Object.defineProperty(globalThis, 'IntersectionObserver', {
    configurable: true,
    writable: true,
    value: StubIntersectionObserver,
  });
}

export {};
