import { cleanup } from '@testing-library/preact';
import { afterEach, vi } from 'vitest';

// jsdom's fireEvent makes untrusted events, which components/trusted.ts ignores by design (a page must not
// drive the reader). Here the test is the person at the keyboard: handlers take every event. What a page's
// scripts can and cannot do is tested in real browsers (test/e2e/page-isolation.e2e.test.ts).
vi.mock('../../components/trusted', () => ({ trusted: <E,>(handler: (e: E) => void) => handler, isTrustedInput: () => true }));

/**
 * What jsdom lacks and the components use. Layout does not exist here: observers never fire, the colour
 * scheme is light, idle callbacks run on the next task. Tests that need boxes stub getBoundingClientRect.
 */
class NoObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
/** IntersectionObservers observing now; a test calls `intersect()` to say their targets came near. */
export const observers = new Set<FakeIntersectionObserver>();
class FakeIntersectionObserver extends NoObserver {
  constructor(private readonly callback: IntersectionObserverCallback) {
    super();
  }
  override observe() {
    observers.add(this);
  }
  override disconnect() {
    observers.delete(this);
  }
  intersect() {
    this.callback([{ isIntersecting: true } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}
globalThis.IntersectionObserver = FakeIntersectionObserver as unknown as typeof IntersectionObserver;
globalThis.ResizeObserver ??= NoObserver as unknown as typeof ResizeObserver;
globalThis.requestIdleCallback ??= ((fn: IdleRequestCallback) => setTimeout(() => fn({ didTimeout: false, timeRemaining: () => 50 }), 0) as unknown as number);
globalThis.cancelIdleCallback ??= (handle: number) => clearTimeout(handle);
window.matchMedia ??= (query: string) =>
  ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, onchange: null }) as unknown as MediaQueryList;
window.scrollTo = (() => {}) as typeof window.scrollTo; // jsdom only logs "not implemented"

afterEach(cleanup);
