import type { ProgressRecord } from './db/schema';
import type { LibraryItem, SortKey } from './library';
import { sites } from './sites/registry';

/**
 * The popup's first screen as it was last drawn: the first rows of the library in the order shown, and the
 * header's count. The popup paints it from `localStorage` (synchronous, the extension's own origin) before its
 * records arrive from IndexedDB, then draws again from those records, which win: the snapshot only ever stands
 * in for the frames before the first screen's read lands.
 *
 * It holds data, never markup: rows are drawn from it by the same component as from the records, so every
 * string goes into the page as text. Whatever is read back is checked field by field; anything else is dropped.
 */
export const SNAPSHOT_KEY = 'ficwell:library-snapshot';
/** 2: positions as {part, paragraph, offset}; a snapshot of version 1 is dropped like any other bad one (it is redrawn from the records). */
export const SNAPSHOT_VERSION = 2;
/** Rows kept: the popup's first screen (components/Library.tsx FIRST_ROWS). */
export const SNAPSHOT_ROWS = 12;
/** Far above what 12 rows of real data need; a bigger value is not ours. */
const MAX_CHARS = 64_000;

export interface LibrarySnapshot {
  v: typeof SNAPSHOT_VERSION;
  sort: SortKey;
  /** Stories in all, as the header counts them. */
  count: number;
  items: LibraryItem[];
}

/** The snapshot of what a view shows: its first rows as drawn (in `sort` order, no search), and the count. */
export function takeSnapshot(firstRows: readonly LibraryItem[], sort: SortKey, count: number): LibrarySnapshot {
  return { v: SNAPSHOT_VERSION, sort, count, items: firstRows.slice(0, SNAPSHOT_ROWS) };
}

export function serializeSnapshot(s: LibrarySnapshot): string {
  return JSON.stringify(s);
}

/** The snapshot stored as `text`, or null when there is none or it is not exactly what Ficwell writes. */
export function parseSnapshot(text: string | null | undefined): LibrarySnapshot | null {
  if (typeof text !== 'string' || text.length > MAX_CHARS) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(raw) || raw.v !== SNAPSHOT_VERSION || !isSort(raw.sort) || !isCount(raw.count)) return null;
  if (!Array.isArray(raw.items) || raw.items.length > SNAPSHOT_ROWS || !raw.items.every(isItem)) return null;
  const ids = new Set(raw.items.map((i) => i.id));
  if (ids.size !== raw.items.length || raw.count < raw.items.length) return null;
  return { v: SNAPSHOT_VERSION, sort: raw.sort, count: raw.count, items: raw.items };
}

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isSort = (x: unknown): x is SortKey => x === 'recent' || x === 'title' || x === 'length';
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isText = (x: unknown, max = 2000): x is string => typeof x === 'string' && x.length <= max;
const isTexts = (x: unknown): x is string[] => Array.isArray(x) && x.length <= 50 && x.every((s) => isText(s, 300));
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isCountOrNull = (x: unknown) => x === null || isCount(x);
const isPercent = (x: unknown) => isNum(x) && x >= 0 && x <= 100;
const isTime = (x: unknown): x is number => isNum(x) && x >= 0;
const isHttpUrl = (x: unknown) => {
  if (!isText(x)) return false;
  try {
    const u = new URL(x);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};

function isProgress(p: unknown): p is ProgressRecord {
  if (!isObject(p) || !isText(p.key, 300) || !isPercent(p.percent) || !isTime(p.updatedAt)) return false;
  if (!(p.finishedAt === null || isTime(p.finishedAt))) return false;
  const pos = p.position;
  return isObject(pos) && isCount(pos.part) && isCount(pos.paragraph) && isNum(pos.offset);
}

function isItem(i: unknown): i is LibraryItem {
  if (!isObject(i) || !isText(i.id, 300) || !i.id || !(i.kind === 'seed' || i.kind === 'web')) return false;
  if (!isText(i.title) || typeof i.titleIsAuthors !== 'boolean' || !isText(i.fandom) || !isText(i.summary, 5000)) return false;
  if (!isTexts(i.authors) || !isTexts(i.characters) || !isTexts(i.warnings)) return false;
  if (!isCountOrNull(i.words) || !isCountOrNull(i.readingMinutes) || !isCountOrNull(i.minutesLeft)) return false;
  if (!isPercent(i.percent) || !Number.isInteger(i.percent) || typeof i.finished !== 'boolean') return false;
  if (!(i.progress === undefined || isProgress(i.progress))) return false;
  if (i.kind === 'seed') return i.site === undefined && i.chapter === undefined && i.url === undefined && i.rating === undefined;
  if (!sites.isSiteId(i.site) || !isHttpUrl(i.url) || !(i.rating === undefined || isText(i.rating, 100))) return false;
  const c = i.chapter;
  return isObject(c) && isCount(c.number) && isCountOrNull(c.count);
}

/** Where the snapshot is kept: `localStorage` of the extension's origin in the views, a fake in tests. */
export interface SnapshotStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The stored snapshot, checked; a bad one is removed. Never throws (storage may be unavailable). */
export function readSnapshot(store: SnapshotStorage | undefined): LibrarySnapshot | null {
  try {
    const text = store?.getItem(SNAPSHOT_KEY) ?? null;
    const s = parseSnapshot(text);
    if (!s && text !== null) store?.removeItem(SNAPSHOT_KEY);
    return s;
  } catch {
    return null;
  }
}

/** Stores the snapshot if it differs from the one kept; true when it wrote. Never throws. */
export function writeSnapshot(store: SnapshotStorage | undefined, s: LibrarySnapshot): boolean {
  try {
    const text = serializeSnapshot(s);
    if (!store || store.getItem(SNAPSHOT_KEY) === text) return false;
    store.setItem(SNAPSHOT_KEY, text);
    return true;
  } catch {
    return false;
  }
}

/** What a library view draws: the records' rows once they are in (they always win), else the snapshot. */
export function libraryOnScreen(
  snapshot: LibrarySnapshot | null,
  state: { rows: LibraryItem[] | null; sort: SortKey; count: number | undefined; failed: boolean },
): { items: LibraryItem[]; sort: SortKey; count: number | undefined; fromSnapshot: boolean } | null {
  if (state.rows) return { items: state.rows, sort: state.sort, count: state.count, fromSnapshot: false };
  if (!snapshot || state.failed)
    return state.count === undefined ? null : { items: [], sort: state.sort, count: state.count, fromSnapshot: false };
  return { items: snapshot.items, sort: snapshot.sort, count: state.count ?? snapshot.count, fromSnapshot: true };
}
