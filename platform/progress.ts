import { createProgressStore, type ProgressStore, type Recent } from '../lib/db/progress';
import { openFicwellDB, type ProgressRecord, type WebStoryRecord } from '../lib/db/schema';

/**
 * Progress for extension pages: the IndexedDB store, plus what a view needs around it. Saves are announced
 * on a BroadcastChannel so an open popup and panel agree without reopening. When IndexedDB fails, reading
 * goes on: positions are kept in memory for this view and `onAvailability(false)` lets it show a notice.
 */
export interface ProgressService {
  get(key: string): Promise<ProgressRecord | undefined>;
  all(): Promise<ProgressRecord[]>;
  save(record: ProgressRecord): Promise<void>;
  saveWeb(story: WebStoryRecord, record: ProgressRecord): Promise<void>;
  webStories(): Promise<WebStoryRecord[]>;
  recent(limit: number): Promise<Recent>;
  onChange(listener: (change: Change) => void): () => void;
  onAvailability(listener: (available: boolean) => void): () => void;
}

const CHANNEL = 'ficwell:progress';

/** What other views hear after a save: the stored position, and the web story when one was recorded. */
export interface Change {
  progress: ProgressRecord;
  story?: WebStoryRecord;
}

export function createProgressService(store: ProgressStore = createProgressStore((onVersionChange) => openFicwellDB({ onVersionChange }))): ProgressService {
  const memory = new Map<string, ProgressRecord>();
  const memoryWeb = new Map<string, WebStoryRecord>();
  const changeListeners = new Set<(c: Change) => void>();
  const availabilityListeners = new Set<(ok: boolean) => void>();
  const channel = new BroadcastChannel(CHANNEL);
  let available = true;

  const setAvailable = (ok: boolean) => {
    if (ok === available) return;
    available = ok;
    for (const l of availabilityListeners) l(ok);
  };
  channel.onmessage = (e: MessageEvent<Change>) => {
    for (const l of changeListeners) l(e.data);
  };

  return {
    async get(key) {
      try {
        const stored = await store.get(key);
        setAvailable(true);
        const mem = memory.get(key);
        return mem && (!stored || mem.updatedAt > stored.updatedAt) ? mem : stored;
      } catch {
        setAvailable(false);
        return memory.get(key);
      }
    },
    async all() {
      try {
        const records = await store.all();
        setAvailable(true);
        return records;
      } catch {
        setAvailable(false);
        return [...memory.values()];
      }
    },
    async save(record) {
      memory.set(record.key, record);
      try {
        const stored = await store.save(record);
        setAvailable(true);
        channel.postMessage({ progress: stored } satisfies Change);
      } catch {
        setAvailable(false);
      }
    },
    async saveWeb(story, record) {
      memory.set(record.key, record);
      memoryWeb.set(story.key, story);
      try {
        const stored = await store.saveWeb(story, record);
        setAvailable(true);
        channel.postMessage({ progress: stored, story } satisfies Change);
      } catch {
        setAvailable(false);
      }
    },
    async webStories() {
      try {
        const stories = await store.webStories();
        setAvailable(true);
        return stories;
      } catch {
        setAvailable(false);
        return [...memoryWeb.values()];
      }
    },
    async recent(limit) {
      try {
        const found = await store.recent(limit);
        setAvailable(true);
        return found;
      } catch {
        setAvailable(false);
        const progress = [...memory.values()].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, limit);
        const stories = progress.flatMap((r) => memoryWeb.get(r.key) ?? []);
        return { progress, stories, storyCount: memoryWeb.size };
      }
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onAvailability(listener) {
      availabilityListeners.add(listener);
      return () => availabilityListeners.delete(listener);
    },
  };
}
