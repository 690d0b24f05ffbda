import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { SyncArea, SyncStatus } from '../lib/sync/engine';

/**
 * The browser's own sync (Chrome Sync, Firefox Sync) as the sync engine's area. Only the engine's buckets are
 * read and written here; nothing else of Ficwell's goes into `storage.sync`.
 */
export function browserSyncArea(): SyncArea {
  return {
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

/** Empties the sync area of Ficwell's data (turning sync off keeps it; "clear" removes it everywhere). */
export async function clearSyncArea(): Promise<void> {
  await browser.storage.sync.clear();
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

export function normalizeSyncStatus(raw: unknown): SyncStatus | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const lastSyncAt = typeof r.lastSyncAt === 'number' && Number.isFinite(r.lastSyncAt) ? r.lastSyncAt : null;
  const error = r.error === 'quota' || r.error === 'rate' || r.error === 'failed' ? r.error : null;
  const stories = Number.isInteger(r.stories) && (r.stories as number) >= 0 ? (r.stories as number) : 0;
  return { lastSyncAt, error, stories };
}

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
