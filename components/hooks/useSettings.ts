import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { loadSettings, saveSettings, watchSettings } from '../../platform/settings';
import { applySettings } from '../theme';

/** Where settings live; extension storage (platform/settings.ts) unless a test gives another. */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
  watch(listener: (settings: Settings) => void): () => void;
}

export const browserSettings: SettingsStore = { load: loadSettings, save: saveSettings, watch: watchSettings };

export interface UseSettingsOptions {
  /** Settings already read (a content script reads them before it mounts); otherwise they are loaded. */
  initial?: Settings;
  store?: SettingsStore;
}

export type SettingsHandle<S> = [settings: S, change: (settings: Settings) => void];

/**
 * The reading settings of one view: loaded (or given), kept current when any view changes them, painted on
 * `target` (the page's root element, or a restyled page's shadow host) as CSS variables and a theme, and
 * saved when this view changes them. Until they are known the defaults are painted, so every view takes
 * its colours from lib/settings.ts alone. `settings` is null until loaded unless `initial` was given.
 */
export function useSettings(target: HTMLElement | null, options: UseSettingsOptions & { initial: Settings }): SettingsHandle<Settings>;
export function useSettings(target: HTMLElement | null, options?: UseSettingsOptions): SettingsHandle<Settings | null>;
export function useSettings(
  target: HTMLElement | null,
  { initial, store = browserSettings }: UseSettingsOptions = {},
): SettingsHandle<Settings | null> {
  const [settings, setSettings] = useState<Settings | null>(initial ?? null);
  useEffect(() => {
    let heard = false; // a change from another view is newer than what a slow load returns
    const off = store.watch((s) => {
      heard = true;
      setSettings(s);
    });
    if (!initial) void store.load().then((s) => heard || setSettings(s));
    return off;
  }, [store]);
  useLayoutEffect(() => (target ? applySettings(target, settings ?? DEFAULT_SETTINGS) : undefined), [target, settings]);
  const change = useCallback(
    (s: Settings) => {
      setSettings(s);
      void store.save(s);
    },
    [store],
  );
  return [settings, change];
}
