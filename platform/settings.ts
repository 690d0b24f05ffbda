import { normalizeSettings, type Settings } from '../lib/settings';
import { localItem } from './storage-item';

/**
 * Reading settings in extension storage (`settings`), one versioned item: every view (panel, popup,
 * restyled tabs) reads and watches it, and what is read is always normalized (junk gives the defaults).
 * The value carries its format's `version` (SETTINGS_VERSION, lib/settings.ts); a later format bumps it and
 * `normalizeSettings` converts the older one.
 */
const item = localItem<Settings>('settings', normalizeSettings);

export const loadSettings = (): Promise<Settings> => item.get();

export async function saveSettings(settings: Settings): Promise<void> {
  await item.set(normalizeSettings(settings));
}

/** Calls back with the new settings whenever any view changes them. */
export const watchSettings = (listener: (settings: Settings) => void): (() => void) => item.watch(listener);
