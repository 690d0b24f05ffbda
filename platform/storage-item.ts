import { browser } from 'wxt/browser';

/** One value of Ficwell's in `storage.local`, always read through its normalizer. */
export interface LocalItem<T> {
  /** Its key in `storage.local`. */
  readonly key: string;
  /** The stored value normalized; what the normalizer makes of nothing when storage cannot be read. */
  get(): Promise<T>;
  /** One write of the whole value, no read first: of two views writing it, the later write stays whole. */
  set(value: T): Promise<void>;
  /** Calls back with the new value, normalized, whenever any view changes it. */
  watch(listener: (value: T) => void): () => void;
}

/**
 * A value in `storage.local` under `key`, read through `normalize` (junk and absence read as what it makes
 * of them). Stored as WXT's storage items of version 1 stored it, so what earlier releases wrote reads the
 * same: the value under its key, nothing beside it, and null stored as no value at all. A format that
 * changes says so inside the value (the settings carry a `version`) and its normalizer converts.
 */
export function localItem<T>(key: string, normalize: (raw: unknown) => T): LocalItem<T> {
  const area = () => browser.storage.local;
  return {
    key,
    async get() {
      try {
        return normalize((await area().get(key))[key]);
      } catch {
        return normalize(undefined);
      }
    },
    async set(value) {
      await (value == null ? area().remove(key) : area().set({ [key]: value }));
    },
    watch(listener) {
      const onChanged = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>, areaName: string) => {
        const change = changes[key];
        if (areaName !== 'local' || !change) return;
        // storage.onChanged reports a write of the same value too (Chromium does); nothing changed then.
        if (JSON.stringify(change.newValue) === JSON.stringify(change.oldValue)) return;
        listener(normalize(change.newValue));
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}
