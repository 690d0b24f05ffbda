import { unwrap, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { StoryFacts } from '../records';
import { isFuture } from '../time';
import { readProgressRecord, type FicwellDB, type ProgressRecord, type StoredProgress, type WebStoryRecord } from './schema';

/** The record stored after a save, and whether this save wrote it (false: a newer one was already there). */
export interface Saved {
  stored: ProgressRecord;
  wrote: boolean;
}

/** What a batched import wrote before it finished, or before it failed (`error`, else null). */
export interface Imported {
  positions: number;
  stories: number;
  error: unknown;
}

/** Records of an import written per transaction: few enough to keep a transaction short, many enough to be fast. */
export const IMPORT_BATCH = 2000;

export interface ProgressStore {
  get(key: string): Promise<ProgressRecord | undefined>;
  /** Every record, most recently read first. */
  all(): Promise<ProgressRecord[]>;
  /**
   * Saves a position unless a newer one is already stored (a stale view never moves a story back).
   * Resolves to the record that is stored afterwards, and whether this save wrote it.
   */
  save(record: ProgressRecord): Promise<Saved>;
  /**
   * Records a story read on a site together with its position, in one transaction. The newest position wins;
   * the story record is merged field by field (`mergeWebStory`): what the newer page does not know is kept.
   */
  saveWeb(story: WebStoryRecord, progress: ProgressRecord): Promise<Saved>;
  /**
   * Merges many records (a backup) in transactions of `IMPORT_BATCH`, newest wins for each, and counts what
   * was written. A failing batch stops the import: earlier batches stay written, and are counted.
   */
  importRecords(progress: readonly ProgressRecord[], stories: readonly WebStoryRecord[]): Promise<Imported>;
  /** Everything stored, read in one transaction (for an export). */
  snapshot(): Promise<{ progress: ProgressRecord[]; stories: WebStoryRecord[] }>;
  /** Stories read on sites, most recently read first. */
  webStories(): Promise<WebStoryRecord[]>;
  webStory(key: string): Promise<WebStoryRecord | undefined>;
  /**
   * The library a page at a time without reading it all: the `limit` most recently read records (newest
   * first) after `after` (from the first when absent), the web stories among them, how many web stories
   * there are in all, and where the next page starts.
   */
  recent(limit: number, after?: PageMark | null): Promise<Recent>;
}

/** The last record of a page in read-time order (`by-updated` read backwards): the next page starts after it. */
export interface PageMark {
  updatedAt: number;
  key: string;
}

export interface Recent {
  progress: ProgressRecord[];
  stories: WebStoryRecord[];
  storyCount: number;
  /** Where the next page starts; null when no record follows this page. */
  next: PageMark | null;
}

/**
 * What stays stored when `incoming` arrives: the newer record, keeping the first finishing date. A stored
 * record dated in the future (written before times were clamped on the way in) would win for ever and
 * freeze the story, so it loses to any real one.
 */
export function newest(existing: ProgressRecord | undefined, incoming: ProgressRecord, now = Date.now()): ProgressRecord {
  if (existing && existing.updatedAt > incoming.updatedAt && !isFuture(existing.updatedAt, now)) return existing;
  if (existing?.finishedAt && !isFuture(existing.finishedAt, now)) return { ...incoming, finishedAt: existing.finishedAt };
  return incoming;
}

/**
 * The library record kept when `incoming` arrives for a stored story: the newer record (a stored one dated
 * in the future loses, as in `newest`), field by field, with every fact the newer one does not know taken
 * from the other, so a page that says less (the m.fanfiction.net copy: no word count, no chapter count)
 * never wipes what a fuller page said. Unknown: null, an empty string or list, an absent rating, warnings
 * or summary (a record older than those fields, a page that does not say), and a chapter count below
 * the chapter being read (a count guessed from a page that lists no chapters: "Chapter 2 of 1"). Where
 * to continue (`chapter`) is always the newer record's; its title is taken from the other only for the
 * same chapter.
 */
export function mergeWebStory(stored: WebStoryRecord | undefined, incoming: WebStoryRecord, now = Date.now()): WebStoryRecord {
  if (!stored) return incoming;
  const incomingNewer = stored.updatedAt <= incoming.updatedAt || isFuture(stored.updatedAt, now);
  const [base, other] = incomingNewer ? [incoming, stored] : [stored, incoming];
  const known = <T>(a: T, b: T): T => (a === undefined || a === null || a === '' || (Array.isArray(a) && a.length === 0) ? b : a);
  const countOf = (r: WebStoryRecord) => (r.chapterCount !== null && r.chapterCount >= r.chapter.number ? r.chapterCount : null);
  // Optional facts (absent: unknown) stay absent when neither record knows them, so records compare equal.
  const facts: StoryFacts = {};
  const rating = known(base.rating, other.rating);
  const warnings = known(base.warnings, other.warnings);
  const summary = known(base.summary, other.summary);
  if (rating) facts.rating = rating;
  if (warnings?.length) facts.warnings = warnings;
  if (summary) facts.summary = summary;
  const { rating: _r, warnings: _w, summary: _s, ...rest } = base;
  return {
    ...rest,
    ...facts,
    storyUrl: known(base.storyUrl, other.storyUrl),
    title: known(base.title, other.title),
    authors: known(base.authors, other.authors),
    fandoms: known(base.fandoms, other.fandoms),
    chapterCount: known(countOf(base), countOf(other)) ?? base.chapterCount,
    words: known(base.words, other.words),
    chapter: {
      ...base.chapter,
      title: base.chapter.title ?? (other.chapter.number === base.chapter.number ? other.chapter.title : null),
    },
  };
}

function sameRecord(a: WebStoryRecord, b: WebStoryRecord): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs `work` in `tx` and waits for the commit. When the transaction aborts (a full disk is reported at
 * commit, or as an abort after a request failed), its own error says why, not the AbortError of a request:
 * callers tell a QuotaExceededError from other failures by it. When `work` itself fails (a request that
 * could not even be made: a value IndexedDB cannot clone), the transaction is aborted, so the requests
 * made before it are not committed without the rest.
 */
export async function commit<T>(tx: { done: Promise<void>; error: DOMException | null; abort(): void }, work: Promise<T>): Promise<T> {
  try {
    const [result] = await Promise.all([
      work.catch((e: unknown) => {
        try {
          tx.abort();
        } catch {
          // already finished or aborted
        }
        throw e;
      }),
      tx.done,
    ]);
    return result;
  } catch (e) {
    throw tx.error ?? e;
  }
}

const read = (stored: StoredProgress | undefined): ProgressRecord | undefined => (stored ? readProgressRecord(stored) : undefined);

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The stored records among `sorted`'s keys (sorted by key, as the store is), by key: one read of the range
 * from the first key to the last. The records between them that the import does not name come too; batches'
 * ranges do not overlap, so an import reads each stored record at most once.
 */
async function storedIn<S extends 'progress' | 'webStories'>(
  store: IDBPObjectStore<FicwellDB, ('progress' | 'webStories')[], S, 'readwrite'>,
  sorted: readonly { key: string }[],
): Promise<Map<string, unknown>> {
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return new Map();
  const found: { key: string }[] = await store.getAll(IDBKeyRange.bound(first.key, last.key));
  return new Map(found.map((r) => [r.key, r]));
}

/** Opens the database; `onVersionChange` is called when another view's upgrade closed the connection. */
export type Opener = (onVersionChange: () => void) => Promise<IDBPDatabase<FicwellDB>>;

/** One connection, opened on first use and again after an upgrade closed it or an open failed. */
export function lazyConnection(open: Opener): () => Promise<IDBPDatabase<FicwellDB>> {
  let db: Promise<IDBPDatabase<FicwellDB>> | null = null;
  return () => {
    db ??= open(() => (db = null)).catch((e: unknown) => {
      db = null; // try again next time: a failure may be passing (a blocked upgrade)
      throw e;
    });
    return db;
  };
}

/**
 * Progress records over one database connection, opened lazily and reopened after another view's upgrade
 * closed it. `open` is a parameter so tests pass a database of their own.
 */
export function createProgressStore(open: Opener): ProgressStore {
  const connection = lazyConnection(open);
  return {
    async get(key) {
      return read(await (await connection()).get('progress', key));
    },
    async all() {
      const records = await (await connection()).getAllFromIndex('progress', 'by-updated');
      return records.reverse().map(readProgressRecord);
    },
    async save(record) {
      const tx = (await connection()).transaction('progress', 'readwrite');
      // Only IndexedDB work inside the transaction: awaiting anything else would let it close.
      return commit(
        tx,
        (async () => {
          const existing = read(await tx.store.get(record.key));
          const stored = newest(existing, record);
          if (stored !== existing) await tx.store.put(stored);
          return { stored, wrote: stored !== existing };
        })(),
      );
    },
    async saveWeb(story, record) {
      const tx = (await connection()).transaction(['webStories', 'progress'], 'readwrite');
      return commit(
        tx,
        (async () => {
          const [oldStory, oldProgress] = await Promise.all([
            tx.objectStore('webStories').get(story.key),
            tx.objectStore('progress').get(record.key),
          ]);
          const existing = read(oldProgress);
          const stored = newest(existing, record);
          const writes: Promise<unknown>[] = [];
          // Field by field: a page that knows less never replaces what a fuller one said (see mergeWebStory).
          const merged = mergeWebStory(oldStory, story);
          if (!oldStory || !sameRecord(merged, oldStory)) writes.push(tx.objectStore('webStories').put(merged));
          if (stored !== existing) writes.push(tx.objectStore('progress').put(stored));
          await Promise.all(writes);
          return { stored, wrote: writes.length > 0 };
        })(),
      );
    },
    async importRecords(progress, stories) {
      const db = await connection();
      const done: Imported = { positions: 0, stories: 0, error: null };
      // In key order, so that each batch's stored records come in one ranged read instead of one read each.
      const records = [...progress].sort(byKey);
      const webStories = [...stories].sort(byKey);
      const batches = Math.max(Math.ceil(records.length / IMPORT_BATCH), Math.ceil(webStories.length / IMPORT_BATCH));
      for (let b = 0; b < batches; b++) {
        const someRecords = records.slice(b * IMPORT_BATCH, (b + 1) * IMPORT_BATCH);
        const someStories = webStories.slice(b * IMPORT_BATCH, (b + 1) * IMPORT_BATCH);
        const tx = db.transaction(['progress', 'webStories'], 'readwrite');
        try {
          const counts = await commit(
            tx,
            (async () => {
              const [oldProgress, oldStories] = await Promise.all([
                storedIn(tx.objectStore('progress'), someRecords),
                storedIn(tx.objectStore('webStories'), someStories),
              ]);
              // The bare stores: a put's success is the transaction's commit, so no promise is made for each.
              const ps = unwrap(tx.objectStore('progress'));
              const ws = unwrap(tx.objectStore('webStories'));
              const now = Date.now();
              // Counted by key: a key written twice in one batch is one position imported.
              const positions = new Set<string>();
              for (const r of someRecords) {
                // Within one batch a key may come twice: what was just put is the one to beat.
                const existing = read(oldProgress.get(r.key) as StoredProgress | undefined);
                // A copy of the same moment is what is stored already: not written, not counted.
                if (existing && existing.updatedAt >= r.updatedAt && !isFuture(existing.updatedAt, now)) continue;
                const stored = newest(existing, r, now);
                oldProgress.set(r.key, stored);
                ps.put(stored);
                positions.add(r.key);
              }
              const storiesWritten = new Set<string>();
              for (const s of someStories) {
                const existing = oldStories.get(s.key) as WebStoryRecord | undefined;
                if (existing && existing.updatedAt >= s.updatedAt && !isFuture(existing.updatedAt, now)) continue;
                oldStories.set(s.key, s);
                ws.put(s);
                storiesWritten.add(s.key);
              }
              return { positions: positions.size, stories: storiesWritten.size };
            })(),
          );
          done.positions += counts.positions;
          done.stories += counts.stories;
        } catch (e) {
          done.error = e;
          break;
        }
      }
      return done;
    },
    async snapshot() {
      const tx = (await connection()).transaction(['progress', 'webStories'], 'readonly');
      const [progress, stories] = await commit(
        tx,
        Promise.all([tx.objectStore('progress').getAll(), tx.objectStore('webStories').getAll()]),
      );
      return { progress: progress.map(readProgressRecord), stories };
    },
    async webStories() {
      return (await (await connection()).getAllFromIndex('webStories', 'by-updated')).reverse();
    },
    async webStory(key) {
      return (await connection()).get('webStories', key);
    },
    async recent(limit, after = null) {
      const tx = (await connection()).transaction(['progress', 'webStories'], 'readonly');
      const progress: ProgressRecord[] = [];
      // Backwards, equal times come by key from the greatest: after (t, k) are the records of time t with a
      // smaller key, then every older one.
      const range = after ? IDBKeyRange.upperBound(after.updatedAt) : null;
      let cursor = await tx.objectStore('progress').index('by-updated').openCursor(range, 'prev');
      while (cursor && after && cursor.value.updatedAt === after.updatedAt && cursor.value.key >= after.key)
        cursor = await cursor.continue();
      while (cursor && progress.length < limit) {
        progress.push(readProgressRecord(cursor.value));
        cursor = await cursor.continue();
      }
      const last = progress.at(-1);
      const next = cursor && last ? { updatedAt: last.updatedAt, key: last.key } : null;
      const webStories = tx.objectStore('webStories');
      const [found, storyCount] = await Promise.all([
        Promise.all(progress.filter((r) => r.key.startsWith('web:')).map((r) => webStories.get(r.key))),
        webStories.count(),
      ]);
      await tx.done;
      return { progress, stories: found.filter((s): s is WebStoryRecord => s !== undefined), storyCount, next };
    },
  };
}
