import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_VERSION, type Settings } from '../lib/settings';

/**
 * Reading settings in extension storage (`settings`), one versioned item: every view (panel, popup,
 * restyled tabs) reads and watches it, and what is read is always normalized (junk gives the defaults).
 * A later format bumps SETTINGS_VERSION and adds its migration here.
 */
const item = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS, version: SETTINGS_VERSION });

export async function loadSettings(): Promise<Settings> {
  try {
    return normalizeSettings(await item.getValue());
  } catch {
    return normalizeSettings(undefined);
  }
}

export async function saveSettings(settings: Settings): Promise<void> {
  await item.setValue(normalizeSettings(settings));
}

/** Calls back with the new settings whenever any view changes them. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  return item.watch((value) => listener(normalizeSettings(value)));
}
