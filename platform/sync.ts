import { browser } from 'wxt/browser';
import { localItem } from './storage-item';
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
const device = localItem('sync.device', (raw) => (typeof raw === 'string' && /^[a-z0-9]{5}$/.test(raw) ? raw : null));

export async function deviceId(): Promise<string> {
  const got = await device.get();
  if (got) return got;
  const id = Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => (b % 36).toString(36)).join('');
  await device.set(id);
  return id;
}

/** "Sync my place across devices": off until the reader turns it on. */
export const syncEnabled = localItem('sync.enabled', (raw) => raw === true);

/** What the background last knew of sync, for the library to show. */
export const syncStatus = localItem('sync.status', normalizeSyncStatus);

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
