import { unwrap, type IDBPDatabase } from 'idb';
import type { StoryFacts } from '../records';
import { isFuture } from '../time';
import {
  hasPosition,
  readProgressRecord,
  type FicwellDB,
  type ProgressRecord,
  type StoredProgress,
  type StoredRecord,
  type WebStoryRecord,
} from './schema';

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

/** The position a stored record holds, as this release reads it; undefined for none (or a story alone). */
const positionIn = (stored: StoredRecord | undefined): ProgressRecord | undefined =>
  stored && hasPosition(stored) ? readProgressRecord(stored) : undefined;

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The record to store for `key`: `position`, or when it is undefined the stored one exactly as read (so a
 * position migration 4 could not read stays as it was until a newer one replaces it), with `story` in it,
 * if any. With neither a position nor a story there is nothing to store: a caller's mistake.
 */
function recordOf(
  stored: StoredRecord | undefined,
  position: ProgressRecord | undefined,
  story: WebStoryRecord | undefined,
  key: string,
): StoredRecord {
  const storedPosition = stored && hasPosition(stored) ? stored : undefined;
  const base = position === undefined ? storedPosition : position;
  if (!base) {
    if (!story) throw new TypeError(`Nothing to store for ${key}`);
    return { key, story };
  }
  const { story: _story, ...positionOnly }: StoredProgress & { story?: WebStoryRecord } = base;
  return story ? { ...positionOnly, story } : positionOnly;
}

/** Whether `incoming` is to replace `existing` in an import: it is newer, or the stored one is dated in the future. */
function replaces(existing: { updatedAt: number } | undefined, incoming: { updatedAt: number }, now: number): boolean {
  return !existing || existing.updatedAt < incoming.updatedAt || isFuture(existing.updatedAt, now);
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
      return positionIn(await (await connection()).get('progress', key));
    },
    async all() {
      const records = await (await connection()).getAllFromIndex('progress', 'by-updated');
      // Only positions are in `by-updated` (a story alone has no `updatedAt`).
      return records.reverse().flatMap((r) => (hasPosition(r) ? [readProgressRecord(r)] : []));
    },
    async save(record) {
      const tx = (await connection()).transaction('progress', 'readwrite');
      // Only IndexedDB work inside the transaction: awaiting anything else would let it close.
      return commit(
        tx,
        (async () => {
          const old = await tx.store.get(record.key);
          const existing = positionIn(old);
          const stored = newest(existing, record);
          const wrote = stored !== existing;
          // The web story in the record, if any, stays as it is.
          if (wrote) await tx.store.put(recordOf(old, stored, old?.story, record.key));
          return { stored, wrote };
        })(),
      );
    },
    async saveWeb(story, record) {
      if (story.key !== record.key) throw new TypeError(`A story (${story.key}) saved with another's position (${record.key})`);
      const tx = (await connection()).transaction('progress', 'readwrite');
      return commit(
        tx,
        (async () => {
          const old = await tx.store.get(record.key);
          const existing = positionIn(old);
          const stored = newest(existing, record);
          // Field by field: a page that knows less never replaces what a fuller one said (see mergeWebStory).
          const merged = mergeWebStory(old?.story, story);
          const newPosition = stored !== existing;
          const newStory = !old?.story || !sameRecord(merged, old.story);
          if (newPosition || newStory) await tx.store.put(recordOf(old, newPosition ? stored : undefined, merged, record.key));
          return { stored, wrote: newPosition || newStory };
        })(),
      );
    },
    async importRecords(progress, stories) {
      const db = await connection();
      const done: Imported = { positions: 0, stories: 0, error: null };
      // One entry per key, with what the file holds of it in the file's order: a story and its position
      // are one record, written once.
      const incoming = new Map<string, { positions: ProgressRecord[]; stories: WebStoryRecord[] }>();
      const entry = (key: string) => {
        const e = incoming.get(key) ?? { positions: [], stories: [] };
        incoming.set(key, e);
        return e;
      };
      for (const r of progress) entry(r.key).positions.push(r);
      for (const s of stories) entry(s.key).stories.push(s);
      // In key order, so that each batch's stored records come in one ranged read instead of one read each.
      const keyed = [...incoming].sort(([a], [b]) => byKey(a, b));
      for (let b = 0; b * IMPORT_BATCH < keyed.length; b++) {
        const some = keyed.slice(b * IMPORT_BATCH, (b + 1) * IMPORT_BATCH);
        const tx = db.transaction('progress', 'readwrite');
        try {
          const counts = await commit(
            tx,
            (async () => {
              const first = some[0]?.[0] as string;
              const last = some.at(-1)?.[0] as string;
              // The records between the first key and the last that the import does not name come too;
              // batches' ranges do not overlap, so an import reads each stored record at most once.
              const found = await tx.store.getAll(IDBKeyRange.bound(first, last));
              const storedByKey = new Map(found.map((r) => [r.key, r]));
              // The bare store: a put's success is the transaction's commit, so no promise is made for each.
              const bare = unwrap(tx.store);
              const now = Date.now();
              let positions = 0;
              let storiesWritten = 0;
              for (const [key, { positions: ps, stories: ss }] of some) {
                const stored = storedByKey.get(key);
                // Each copy in the file against what is kept so far: a copy of the same moment is what is
                // stored already, not written and not counted; two copies of one key are one written.
                let position = positionIn(stored);
                let newPosition = false;
                for (const r of ps)
                  if (replaces(position, r, now)) {
                    position = newest(position, r, now);
                    newPosition = true;
                  }
                let story = stored?.story;
                let newStory = false;
                for (const s of ss)
                  if (replaces(story, s, now)) {
                    story = s;
                    newStory = true;
                  }
                if (!newPosition && !newStory) continue;
                bare.put(recordOf(stored, newPosition ? position : undefined, story, key));
                if (newPosition) positions++;
                if (newStory) storiesWritten++;
              }
              return { positions, stories: storiesWritten };
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
      const records = await (await connection()).getAll('progress');
      return {
        progress: records.flatMap((r) => (hasPosition(r) ? [readProgressRecord(r)] : [])),
        stories: records.flatMap((r) => (r.story ? [r.story] : [])),
      };
    },
    async webStories() {
      const records = await (await connection()).getAllFromIndex('progress', 'by-story-updated');
      return records.reverse().flatMap((r) => (r.story ? [r.story] : []));
    },
    async webStory(key) {
      return (await (await connection()).get('progress', key))?.story;
    },
    async recent(limit, after = null) {
      const tx = (await connection()).transaction('progress', 'readonly');
      const progress: ProgressRecord[] = [];
      const stories: WebStoryRecord[] = [];
      // Backwards, equal times come by key from the greatest: after (t, k) are the records of time t with a
      // smaller key, then every older one.
      const range = after ? IDBKeyRange.upperBound(after.updatedAt) : null;
      let cursor = await tx.store.index('by-updated').openCursor(range, 'prev');
      // (Every record in `by-updated` is a position: `hasPosition` only tells the type so.)
      while (cursor && after && hasPosition(cursor.value) && cursor.value.updatedAt === after.updatedAt && cursor.value.key >= after.key)
        cursor = await cursor.continue();
      while (cursor && progress.length < limit) {
        const value = cursor.value;
        if (hasPosition(value)) {
          progress.push(readProgressRecord(value));
          if (value.story) stories.push(value.story);
        }
        cursor = await cursor.continue();
      }
      const last = progress.at(-1);
      const next = cursor && last ? { updatedAt: last.updatedAt, key: last.key } : null;
      const storyCount = await tx.store.index('by-story-updated').count();
      await tx.done;
      return { progress, stories, storyCount, next };
    },
  };
}
