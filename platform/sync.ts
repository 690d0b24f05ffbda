import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { ProgressService } from './progress';
import type { SyncArea, SyncStore } from '../lib/sync/engine';
import { normalizeSyncStatus } from '../lib/sync/status';

/**
 * The browser's own sync (Chrome Sync, Firefox Sync) as the sync engine's area. Only the engine's buckets are
 * read and written here; nothing else of Ficwell's goes into `storage.sync`.
 */
export function browserSyncArea(): SyncArea & { clear(): Promise<void> } {
  return {
    clear: () => browser.storage.sync.clear(),
    get: () => browser.storage.sync.get(null) as Promise<Record<string, unknown>>,
    set: (items) => browser.storage.sync.set(items),
    onChanged(listener) {
      const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'sync') listener(changes);
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}

/** This browser profile's id in sync entries: random, made once, never sent anywhere but the sync area. */
const device = storage.defineItem<string | null>('local:sync.device', { fallback: null });

export async function deviceId(): Promise<string> {
  const got = await device.getValue();
  if (typeof got === 'string' && /^[a-z0-9]{5}$/.test(got)) return got;
  const id = Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => (b % 36).toString(36)).join('');
  await device.setValue(id);
  return id;
}

/** "Sync my place across devices": off until the reader turns it on. */
export const syncEnabled = normalizedItem('local:sync.enabled', (raw) => raw === true);

/** What the background last knew of sync, for the library to show. */
export const syncStatus = normalizedItem('local:sync.status', normalizeSyncStatus);

/** A storage item read through a normalizer: whatever is stored, a valid value comes out. */
function normalizedItem<T>(key: `local:${string}`, normalize: (raw: unknown) => T) {
  const item = storage.defineItem<unknown>(key);
  return {
    async get(): Promise<T> {
      try {
        return normalize(await item.getValue());
      } catch {
        return normalize(undefined);
      }
    },
    set: (value: T) => item.setValue(value),
    watch: (listener: (value: T) => void) => item.watch((v) => listener(normalize(v))),
  };
}

/** The sync engine's view of this profile's IndexedDB; places from other devices are saved marked as such. */
export function syncStoreOver(progress: ProgressService): SyncStore {
  return {
    recent: (limit) => progress.recent(limit),
    get: (key) => progress.get(key),
    webStory: (key) => progress.webStory(key),
    async apply(record, story) {
      await (story ? progress.saveWeb(story, record, 'sync') : progress.save(record, 'sync'));
    },
  };
}
