import { browser } from 'wxt/browser';
import { normalizeSettings, type Settings } from '../lib/settings';

/** Reading settings in extension storage: every view (panel, popup, restyled tabs) reads and watches them. */
const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  try {
    return normalizeSettings(((await browser.storage.local.get(KEY)) as Record<string, unknown>)[KEY]);
  } catch {
    return normalizeSettings(undefined);
  }
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEY]: normalizeSettings(settings) });
}

/** Calls back with the new settings whenever any view changes them. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) listener(normalizeSettings(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
