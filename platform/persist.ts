/**
 * Asks the browser to keep Ficwell's storage when the disk runs short (`navigator.storage.persist()`): true when
 * it is persistent, false when the browser said no, null where it cannot be asked. Only a window may ask
 * (Chrome's background is a service worker, which has no `persist`; Firefox's background is a page). What the
 * browsers answered here: Chromium false for the extension, at once; Firefox ESR asks the person, and in a
 * headless test browser nobody answers, so the promise is never settled: nothing may wait on it.
 */
export function askToPersist(): Promise<boolean | null> {
  const storage = globalThis.navigator?.storage;
  if (typeof storage?.persist !== 'function') return Promise.resolve(null);
  return storage
    .persisted()
    .then((already) => already || storage.persist())
    .catch(() => null);
}
