import { cleanup } from '@testing-library/preact';
import { afterAll, afterEach } from 'vitest';

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
globalThis.requestIdleCallback ??= (fn: IdleRequestCallback) =>
  setTimeout(() => fn({ didTimeout: false, timeRemaining: () => 50 }), 0) as unknown as number;
globalThis.cancelIdleCallback ??= (handle: number) => clearTimeout(handle);
window.matchMedia ??= (query: string) =>
  ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, onchange: null }) as unknown as MediaQueryList;
window.scrollTo = (() => {}) as typeof window.scrollTo; // jsdom only logs "not implemented"

afterEach(cleanup);

// Preact runs effects after paint through a 35 ms timer that calls cancelAnimationFrame: a file that ends
// sooner would have that timer fire after jsdom's globals are gone (an uncaught ReferenceError). Let it run.
afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, 50)));
