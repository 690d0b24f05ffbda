import type { ProgressRecord, WebStoryRecord } from '../db/schema';
import { isBucketKey, layout, readBucket, type BucketValue } from './buckets';
import { entryFrom, newerEntry, recordsOf, type SyncEntry } from './entry';
import { sameParagraph } from '../position';

/** The sync area as the engine needs it (browser.storage.sync in the extension, a fake in tests). */
export interface SyncArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  onChanged(listener: (changes: Record<string, { newValue?: unknown }>) => void): () => void;
}

/** The local source of truth (IndexedDB through the progress store in the extension). */
export interface SyncStore {
  /** The most recently read records, newest first, with the web stories among them. */
  recent(limit: number): Promise<{ progress: ProgressRecord[]; stories: WebStoryRecord[] }>;
  get(key: string): Promise<ProgressRecord | undefined>;
  webStory(key: string): Promise<WebStoryRecord | undefined>;
  /** Stores a place that came from another device (newest wins, as for every save). */
  apply(progress: ProgressRecord, story?: WebStoryRecord): Promise<void>;
}

export interface SyncStatus {
  /** When the sync area last took a write of ours or gave us one. */
  lastSyncAt: number | null;
  /** Why the last write failed, until one succeeds. */
  error: 'quota' | 'rate' | 'failed' | null;
  /** Stories in the sync area after the last write. */
  stories: number;
}

export interface SyncEngineOptions {
  area: SyncArea;
  store: SyncStore;
  device: string;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** A place of another device arrived that is ahead of this one's (the reader may be offered it). */
  onRemote?: (entry: SyncEntry) => void;
  onStatus?: (status: SyncStatus) => void;
}

/** While reading, dirty buckets are written together at most once a minute: 60 writes an hour at most. */
export const FLUSH_INTERVAL_MS = 60_000;
/** A chapter change or a closed panel writes sooner, but never twice within this gap: at most 120 an hour. */
export const MIN_GAP_MS = 30_000;
/** How many of the most recent records are considered for the sync area (more never fit the quota). */
export const CANDIDATES = 2_000;

export interface SyncEngine {
  /** Reads the sync area, takes what is newer, and writes what this device has that the area lacks. */
  start(): Promise<void>;
  /** A position was saved on this device: write it with the next batch. */
  changed(): void;
  /** A moment worth writing sooner (chapter change, panel closed); still within the rate limit. */
  soon(): void;
  /** Writes now if anything is pending (tests; the rate limit is the caller's business). */
  flush(): Promise<void>;
  status(): SyncStatus;
  stop(): void;
}

export function createSyncEngine(o: SyncEngineOptions): SyncEngine {
  const now = o.now ?? Date.now;
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  /** What the sync area holds, as last read or written, bucket by bucket. */
  const remote = new Map<string, string>();
  const remoteEntries = new Map<string, SyncEntry>();
  let status: SyncStatus = { lastSyncAt: null, error: null, stories: 0 };
  let dirty = false;
  let lastWrite = -Infinity;
  let timer: unknown = null;
  let running: Promise<void> = Promise.resolve();
  let unlisten: (() => void) | null = null;

  const report = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    o.onStatus?.(status);
  };

  /** Runs one step at a time: a merge never interleaves with a write. */
  const serial = (step: () => Promise<void>) => (running = running.then(step, step));

  /** Who read to a stored place: the device it came from when it came through sync, else this one. */
  const deviceOf = (r: ProgressRecord) => {
    const seen = remoteEntries.get(r.key);
    return seen && samePlace(seen, r) ? seen.device : o.device;
  };

  async function take(entries: SyncEntry[]) {
    for (const e of entries) {
      const known = remoteEntries.get(e.key);
      if (!known || newerEntry(e, known)) remoteEntries.set(e.key, e);
      const local = await o.store.get(e.key);
      if (local && !newerEntry(e, { updatedAt: local.updatedAt, device: deviceOf(local) })) continue;
      if (local && samePlace(e, local)) continue;
      const { progress, story } = recordsOf(e, e.web ? await o.store.webStory(e.key) : undefined);
      await o.store.apply(progress, story);
      o.onRemote?.(e);
    }
  }

  function readBuckets(items: Record<string, unknown>) {
    const entries: SyncEntry[] = [];
    for (const [key, value] of Object.entries(items)) {
      if (!isBucketKey(key) || value === undefined) continue;
      remote.set(key, JSON.stringify(value));
      entries.push(...readBucket(value, now()));
    }
    return entries;
  }

  async function write() {
    if (!dirty) return;
    dirty = false;
    const { progress, stories } = await o.store.recent(CANDIDATES);
    const byKey = new Map(stories.map((s) => [s.key, s]));
    // A web position without its story record cannot be continued elsewhere: it stays on this device.
    const entries = progress
      .filter((r) => !r.key.startsWith('web:') || byKey.has(r.key))
      .map((r) => entryFrom(r, byKey.get(r.key), deviceOf(r)));
    const { buckets, kept } = layout(entries);
    const changed: Record<string, BucketValue> = {};
    for (const [key, value] of buckets) if (remote.get(key) !== JSON.stringify(value)) changed[key] = value;
    // A bucket this device emptied (its stories moved out of the budget) is written empty, never removed:
    // a removed key must not read as "deleted" anywhere.
    for (const key of remote.keys()) if (!buckets.has(key) && remote.get(key) !== '[1]') changed[key] = [1];
    // Nothing to write: the area already holds this device's places, so it is in sync as of now.
    if (Object.keys(changed).length === 0) return report({ lastSyncAt: now(), error: null, stories: kept.length });
    lastWrite = now();
    try {
      await o.area.set(changed);
      for (const [key, value] of Object.entries(changed)) remote.set(key, JSON.stringify(value));
      for (const e of kept) remoteEntries.set(e.key, e);
      report({ lastSyncAt: now(), error: null, stories: kept.length });
    } catch (e) {
      dirty = true; // nothing local is lost: the next batch tries again
      const text = String((e as Error)?.message ?? e);
      report({ error: /quota/i.test(text) ? 'quota' : /MAX_WRITE_OPERATIONS|rate/i.test(text) ? 'rate' : 'failed' });
      schedule(FLUSH_INTERVAL_MS);
    }
  }

  function schedule(ms: number) {
    if (timer !== null) return;
    timer = setTimer(
      () => {
        timer = null;
        void serial(write);
      },
      Math.max(0, ms),
    );
  }

  const wait = (gap: number) => lastWrite + gap - now();

  return {
    start() {
      unlisten ??= o.area.onChanged((changes) => {
        void serial(async () => {
          const items: Record<string, unknown> = {};
          let differs = false;
          for (const [k, c] of Object.entries(changes)) {
            if (!isBucketKey(k)) continue;
            // A key the sync engine deleted is not a story the reader deleted: write it again, delete nothing.
            if (c.newValue === undefined) {
              if (remote.delete(k)) differs = true;
              continue;
            }
            if (remote.get(k) === JSON.stringify(c.newValue)) continue; // our own write coming back
            items[k] = c.newValue;
            differs = true;
          }
          if (!differs) return;
          const entries = readBuckets(items);
          report({ lastSyncAt: now() });
          await take(entries);
          // The area may now lack something newer of ours (another device wrote over it): write it back.
          dirty = true;
          schedule(wait(MIN_GAP_MS));
        });
      });
      return serial(async () => {
        await take(readBuckets(await o.area.get()));
        dirty = true;
        await write();
      });
    },
    changed() {
      dirty = true;
      schedule(wait(FLUSH_INTERVAL_MS));
    },
    soon() {
      dirty = true;
      if (timer !== null && wait(MIN_GAP_MS) <= 0) {
        clearTimer(timer);
        timer = null;
      }
      schedule(wait(MIN_GAP_MS));
    },
    flush() {
      return serial(write);
    },
    status: () => status,
    stop() {
      unlisten?.();
      unlisten = null;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}

function samePlace(a: Pick<SyncEntry, 'updatedAt' | 'position'>, b: Pick<ProgressRecord, 'updatedAt' | 'position'>): boolean {
  return a.updatedAt === b.updatedAt && sameParagraph(a.position, b.position);
}
