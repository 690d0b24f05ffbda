import type { IDBPDatabase } from 'idb';
import type { FicwellDB, ProgressRecord, WebStoryRecord } from './schema';

export interface ProgressStore {
  get(key: string): Promise<ProgressRecord | undefined>;
  /** Every record, most recently read first. */
  all(): Promise<ProgressRecord[]>;
  /**
   * Saves a position unless a newer one is already stored (a stale view never moves a story back).
   * Resolves to the record that is stored afterwards.
   */
  save(record: ProgressRecord): Promise<ProgressRecord>;
  /** Records a story read on a site together with its position, in one transaction; newest wins for both. */
  saveWeb(story: WebStoryRecord, progress: ProgressRecord): Promise<ProgressRecord>;
  /** Stories read on sites, most recently read first. */
  webStories(): Promise<WebStoryRecord[]>;
  /**
   * The library's first screen without reading it all: the `limit` most recently read records (newest
   * first), the web stories among them, and how many web stories there are in all.
   */
  recent(limit: number): Promise<Recent>;
}

export interface Recent {
  progress: ProgressRecord[];
  stories: WebStoryRecord[];
  storyCount: number;
}

/** Keys: bundled stories are `seed:<id>`, stories on sites `web:<site>:<story id>`. */
export const seedKey = (id: string) => `seed:${id}`;
export const webKey = (site: string, storyId: string) => `web:${site}:${storyId}`;

/** What stays stored when `incoming` arrives: the newer record, keeping the first finishing date. */
export function newest(existing: ProgressRecord | undefined, incoming: ProgressRecord): ProgressRecord {
  if (existing && existing.updatedAt > incoming.updatedAt) return existing;
  if (existing?.finishedAt) return { ...incoming, finishedAt: existing.finishedAt };
  return incoming;
}

/**
 * Progress records over one database connection, opened lazily and reopened after another view's upgrade
 * closed it. `open` is a parameter so tests pass a database of their own.
 */
export function createProgressStore(open: (onVersionChange: () => void) => Promise<IDBPDatabase<FicwellDB>>): ProgressStore {
  let db: Promise<IDBPDatabase<FicwellDB>> | null = null;
  const connection = () => {
    db ??= open(() => (db = null)).catch((e: unknown) => {
      db = null; // try again next time: a failure may be passing (a blocked upgrade)
      throw e;
    });
    return db;
  };
  return {
    async get(key) {
      return (await connection()).get('progress', key);
    },
    async all() {
      const records = await (await connection()).getAllFromIndex('progress', 'by-updated');
      return records.reverse();
    },
    async save(record) {
      const tx = (await connection()).transaction('progress', 'readwrite');
      // Only IndexedDB work inside the transaction: awaiting anything else would let it close.
      const existing = await tx.store.get(record.key);
      const stored = newest(existing, record);
      if (stored !== existing) await tx.store.put(stored);
      await tx.done;
      return stored;
    },
    async saveWeb(story, record) {
      const tx = (await connection()).transaction(['webStories', 'progress'], 'readwrite');
      const [oldStory, oldProgress] = await Promise.all([tx.objectStore('webStories').get(story.key), tx.objectStore('progress').get(record.key)]);
      const stored = newest(oldProgress, record);
      const writes: Promise<unknown>[] = [];
      if (!oldStory || oldStory.updatedAt <= story.updatedAt) writes.push(tx.objectStore('webStories').put(story));
      if (stored !== oldProgress) writes.push(tx.objectStore('progress').put(stored));
      await Promise.all([...writes, tx.done]);
      return stored;
    },
    async webStories() {
      return (await (await connection()).getAllFromIndex('webStories', 'by-updated')).reverse();
    },
    async recent(limit) {
      const tx = (await connection()).transaction(['progress', 'webStories'], 'readonly');
      const progress: ProgressRecord[] = [];
      let cursor = await tx.objectStore('progress').index('by-updated').openCursor(null, 'prev');
      while (cursor && progress.length < limit) {
        progress.push(cursor.value);
        cursor = await cursor.continue();
      }
      const webStories = tx.objectStore('webStories');
      const [found, storyCount] = await Promise.all([
        Promise.all(progress.filter((r) => r.key.startsWith('web:')).map((r) => webStories.get(r.key))),
        webStories.count(),
      ]);
      await tx.done;
      return { progress, stories: found.filter((s): s is WebStoryRecord => s !== undefined), storyCount };
    },
  };
}
