/**
 * The extension's own `localStorage`, where the popup and the side panel keep their first screens
 * (lib/library-snapshot.ts, lib/screen-snapshot.ts): the one store a page's first script can read synchronously.
 * Undefined where the browser has storage turned off for the extension (reading the property then throws).
 */
export function localStore(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
