import { browser } from 'wxt/browser';

/** How long this copy of the content script is the extension's: until it is updated, reloaded or removed. */
export interface Lifetime {
  readonly alive: boolean;
  /** Runs `fn` once, when the extension goes away under this page. */
  onEnd(fn: () => void): void;
}

/** How often the script checks that its extension is still there. */
const CHECK_MS = 1000;

/**
 * Notices the extension going away without asking the page anything and without telling it anything: an
 * orphaned content script loses its `runtime.id` (Chrome keeps running its code; Firefox discards it, and the
 * next copy cleans up after it: see removeStaleViews). WXT's context did this with a `window.postMessage` that
 * any page could read and forge; nothing here touches the page window.
 */
export function createLifetime(): Lifetime {
  const ends: (() => void)[] = [];
  let alive = true;
  const extensionThere = () => {
    try {
      return !!browser.runtime?.id;
    } catch {
      return false;
    }
  };
  const end = () => {
    if (!alive) return;
    alive = false;
    clearInterval(timer);
    for (const fn of ends.splice(0)) {
      try {
        fn();
      } catch {
        // one failed cleanup must not keep the others from running
      }
    }
  };
  const timer = setInterval(() => {
    if (!extensionThere()) end();
  }, CHECK_MS);
  return {
    get alive() {
      if (alive && !extensionThere()) end();
      return alive;
    },
    onEnd(fn) {
      if (alive) ends.push(fn);
      else fn();
    },
  };
}
