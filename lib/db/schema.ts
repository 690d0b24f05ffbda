import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { readPosition, type Position } from '../position';
import type { Block, RichBlocks } from '../doc/model';
import type { Note, SiteId } from '../sites/types';

/** Reading progress of one story: bundled (`seed:<id>`) or read on a site (`web:<site>:<story id>`). */
export interface ProgressRecord {
  key: string;
  position: Position;
  /**
   * 0 to 100: for a bundled story by words; for a web story by chapters (whole chapters before this one
   * plus the fraction of words read in it, see lib/web-progress.ts), since a site page shows one chapter.
   */
  percent: number;
  /** When the reader was at this position (ms since the epoch); the newest record always wins. */
  updatedAt: number;
  /** When the reader first reached the end, or null. */
  finishedAt: number | null;
}

/**
 * What the progress store holds: records of this release's shape and, possibly, a record migration 4 could
 * not convert (its position readable neither as this release's shape nor as releases 1-3's), kept as it was
 * rather than dropped. Every read goes through `readProgressRecord`.
 */
export type StoredProgress = ProgressRecord | (Omit<ProgressRecord, 'position'> & { position: unknown });

/**
 * One story's record in the progress store (version 6 on). A web story's library record travels in the
 * record of its position (`story`): a story read on a site is one record, written once per save and once
 * per story in an import. A web story known without a position (a backup can hold one) is a record with
 * `story` alone: having no `updatedAt`, it is outside the `by-updated` index, so nothing that lists
 * positions meets it. A bundled story's record, or a web position whose story is not known (one synced from
 * another device), has no `story`.
 */
export type StoredRecord = (StoredProgress & { story?: WebStoryRecord }) | StoryOnly;

/** A web story with no position stored (see `StoredRecord`). */
export interface StoryOnly {
  key: string;
  story: WebStoryRecord;
}

/**
 * Whether a stored record is a position (else it is a story alone). A story alone is exactly a record with
 * a story and no `updatedAt`; any other record is a position, even one damaged past reading (kept as it
 * was by migration 4, see `StoredProgress`).
 */
export function hasPosition(stored: StoredRecord): stored is StoredProgress & { story?: WebStoryRecord } {
  return !('story' in stored) || 'updatedAt' in stored;
}

/** Where a record whose position cannot be read opens: the start of its story (its percent and dates kept). */
export const START: Position = { part: 0, paragraph: 0, offset: 0 };

/**
 * A stored record as this release reads it: a position of releases 1-3 is converted (lib/position.ts
 * `readPosition`), one that cannot be read opens at `START`. The record in the store is not changed: the
 * next save of the story replaces it.
 */
export function readProgressRecord(stored: StoredProgress & { story?: WebStoryRecord }): ProgressRecord {
  const { story: _story, ...record } = stored;
  return { ...record, position: readPosition(stored.position) ?? START };
}

/** A story read on a fiction site, kept in its position's record in the progress store (`StoredRecord`). */
export interface WebStoryRecord {
  /** `web:<site>:<storyId>` */
  key: string;
  site: SiteId;
  storyId: string;
  /** The story's canonical URL (first chapter / work page). */
  storyUrl: string;
  title: string;
  authors: string[];
  fandoms: string[];
  /** Chapters planned (or posted, when the site gives no plan). */
  chapterCount: number | null;
  words: number | null;
  /** The chapter last read: where "Continue" goes. */
  chapter: { number: number; title: string | null; url: string };
  updatedAt: number;
  /**
   * What the library shows beside a bundled story's (optional: records written before these fields, or made
   * from a synced place, have none; absent means unknown). The site's own rating ("T", "Mature").
   */
  rating?: string;
  /** AO3's archive warnings as the site words them; absent when the site has none or they are unknown. */
  warnings?: string[];
  /** The story's summary as plain text (lib/records.ts `RECORD_LIMITS.summary`). */
  summary?: string;
}

/**
 * One chapter of a web story as the restyled view showed it: the sanitized document model (lib/doc/model.ts),
 * never HTML. Paragraph `p` of `blocks` is the chapter's own (0, 1, 2...), as on the page. Chapter records are
 * the chunks a saved story is read in: opening one loads only the chapters around the saved position.
 */
export interface SavedChapterRecord {
  /** The web story's key (`web:<site>:<storyId>`). */
  key: string;
  /** 1-based position in the story. */
  number: number;
  title: string | null;
  /** The chapter's own page on the site, when known. */
  url: string | null;
  notes: Note[];
  blocks: Block[];
  words: number;
  savedAt: number;
}

/** A saved chapter as the outline knows it: everything but its text. */
export interface SavedChapterInfo {
  number: number;
  title: string | null;
  url: string | null;
  words: number;
  /** Words of each anchorable paragraph (`p` 0, 1, 2...) of the chapter. */
  paragraphWords: number[];
  /** About what the chapter record takes (its JSON length), for the "what it takes" line. */
  bytes: number;
}

/**
 * What is saved of one web story, without its text: the outline a reader opens first (like a bundled story's
 * outline file), the chapter list the site showed (for links to chapters not saved) and the work's own notes.
 */
export interface SavedStoryRecord {
  key: string;
  /** Saved chapters, by number. */
  chapters: SavedChapterInfo[];
  /** The story's chapter list as the newest page showed it (empty when it showed none). */
  index: { number: number; title: string | null; url: string }[];
  /** Chapters planned or posted, as the newest page said, or null. */
  chapterCount: number | null;
  /** Chapters posted (AO3's "5/10" is 5), as the newest page said, or null; absent in copies saved before it was kept. */
  posted?: number | null;
  /**
   * The first chapter posted after the copy was begun, while any from it on is not saved ("2 new chapters" in
   * the library): set when a page shows more posted chapters than the last page did (lib/saved/store.ts).
   */
  newFrom?: number;
  /** Work notes (AO3), as the newest page that had them showed them. */
  notes: Note[];
  /** What the work's EPUB says of it beyond its library record (absent in copies saved before it was kept). */
  about?: SavedAbout;
  updatedAt: number;
}

/** A saved work's tags (AO3 relationships, characters, additional tags; FFN pairings and characters), language and summary. */
export interface SavedAbout {
  tags: string[];
  language: string | null;
  summary: RichBlocks | null;
}

/** The one schema of Ficwell's IndexedDB database. Every change is a new version in `migrations`. */
export interface FicwellDB extends DBSchema {
  /**
   * Every story's position, with a web story's library record in it. `by-updated` orders the positions by
   * when they were read; `by-story-updated` holds the records with a web story, by when it was last seen.
   */
  progress: {
    key: string;
    value: StoredRecord;
    indexes: { 'by-updated': number; 'by-story-updated': number };
  };
  /** Keyed by [story key, chapter number]: a story's chapters are one key range. */
  savedChapters: {
    key: [string, number];
    value: SavedChapterRecord;
  };
  savedStories: {
    key: string;
    value: SavedStoryRecord;
  };
}

export const DB_NAME = 'ficwell';

/**
 * The stores of every version a migration may meet: this release's, and `webStories`, which versions 3 to 5
 * had (web stories' library records, by key, indexed `by-updated`) and migration 6 folds into `progress`.
 */
interface AnyReleaseDB extends FicwellDB {
  webStories: {
    key: string;
    value: WebStoryRecord;
    indexes: { 'by-updated': number };
  };
}

type UpgradeTx = IDBPTransaction<AnyReleaseDB, StoreNames<AnyReleaseDB>[], 'versionchange'>;
/** A migration issues its requests on `tx`; the upgrade commits when the last of them is done. */
type Migration = (db: IDBPDatabase<AnyReleaseDB>, tx: UpgradeTx) => void;

/** migrations[v - 1] upgrades a database at version v - 1 to version v. Never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  // 1: progress records keyed by story.
  (db) => {
    db.createObjectStore('progress', { keyPath: 'key' });
  },
  // 2: an index by time, so the library can sort by "recently read" without reading every record.
  (_db, tx) => {
    tx.objectStore('progress').createIndex('by-updated', 'updatedAt');
  },
  // 3: stories read on fanfiction.net and AO3, listed in the library beside the bundled ones.
  (db) => {
    db.createObjectStore('webStories', { keyPath: 'key' }).createIndex('by-updated', 'updatedAt');
  },
  // 4: one position shape for every story, {part, paragraph, offset}: each record's {section, paragraph, n,
  // offset} is rewritten (section becomes part, n is dropped). A record whose position cannot be read is
  // kept as it was, not dropped: its key, percent and dates still count, and readProgressRecord opens it
  // at the start. A failed write aborts the upgrade, so the database stays at version 3, whole.
  (_db, tx) => {
    void convertPositions(tx);
  },
  // 5: saved copies of web stories: one record per chapter (its document model), and one per story holding
  // the outline, so a story opens with its outline and the chapter being read, not all of its text.
  (db) => {
    db.createObjectStore('savedChapters', { keyPath: ['key', 'number'] });
    db.createObjectStore('savedStories', { keyPath: 'key' });
  },
  // 6: each web story's library record moves into its position's record (`story`), and the webStories
  // store goes: a story is one record, so an import of 20,000 stories writes 20,000 records, not 40,000.
  // A story with no position stored becomes a record of its own (`StoryOnly`). Positions are not touched.
  // A failed write aborts the upgrade, so the database stays at version 5, whole.
  (db, tx) => {
    tx.objectStore('progress').createIndex('by-story-updated', 'story.updatedAt');
    void foldWebStories(db, tx);
  },
];

async function foldWebStories(db: IDBPDatabase<AnyReleaseDB>, tx: UpgradeTx): Promise<void> {
  const progress = tx.objectStore('progress');
  const [stories, positions] = await Promise.all([tx.objectStore('webStories').getAll(), progress.getAll()]);
  const byKey = new Map(positions.map((r) => [r.key, r]));
  // Requests are queued in order: the puts need no awaiting, the commit is the upgrade's own.
  for (const story of stories) void progress.put({ ...(byKey.get(story.key) ?? { key: story.key }), story });
  db.deleteObjectStore('webStories');
}

async function convertPositions(tx: UpgradeTx): Promise<void> {
  let cursor = await tx.objectStore('progress').openCursor();
  while (cursor) {
    const record = cursor.value;
    // Before version 6 every record holds a position: the test only tells the type so.
    if (hasPosition(record)) {
      const position = readPosition(record.position);
      if (position && JSON.stringify(position) !== JSON.stringify(record.position)) await cursor.update({ ...record, position });
    }
    cursor = await cursor.continue();
  }
}

export const DB_VERSION = migrations.length;

export interface OpenOptions {
  name?: string;
  /** Open at an older version: only for tests that write a database as an earlier release did. */
  version?: number;
  /** Another view wants to upgrade: we were asked to let go of the connection. */
  onVersionChange?: () => void;
  /** Time to wait for older views to close before giving up on an upgrade. */
  blockedTimeoutMs?: number;
}

export async function openFicwellDB(options: OpenOptions = {}): Promise<IDBPDatabase<FicwellDB>> {
  const version = options.version ?? DB_VERSION;
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  let giveUp: (e: Error) => void = () => {};
  const timedOut = new Promise<never>((_, reject) => (giveUp = reject));
  const opening = openDB<FicwellDB>(options.name ?? DB_NAME, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      // Typed with the stores of older releases too: a migration may meet one this release no longer has.
      const anyRelease = db as unknown as IDBPDatabase<AnyReleaseDB>;
      for (let v = oldVersion; v < (newVersion ?? version); v++) migrations[v]?.(anyRelease, tx as unknown as UpgradeTx);
    },
    blocked() {
      blockedTimer = setTimeout(
        () => giveUp(new Error('The database upgrade is blocked by an older Ficwell view that is still open.')),
        options.blockedTimeoutMs ?? 5000,
      );
    },
    blocking(_current, _blocked, event) {
      // A newer version waits for us: let go of the connection so it can upgrade; the owner reopens.
      (event.target as IDBDatabase).close();
      options.onVersionChange?.();
    },
    terminated() {
      options.onVersionChange?.();
    },
  });
  try {
    return await Promise.race([opening, timedOut]);
  } finally {
    clearTimeout(blockedTimer);
  }
}
