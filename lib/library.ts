import type { CatalogEntry } from './catalog';
import { seedKey } from './db/keys';
import type { PageMark } from './db/progress';
import type { ProgressRecord, WebStoryRecord } from './db/schema';
import { minutesLeft } from './position';
import type { SiteId } from './sites/registry';
import { readingMinutes } from './story/counts';

export type SortKey = 'recent' | 'title' | 'length';

/** One library row: a bundled story or one read on a site, with what the reader has done with it. */
export interface LibraryItem {
  /** Seed id, or the web story's key. */
  id: string;
  kind: 'seed' | 'web';
  title: string;
  titleIsAuthors: boolean;
  fandom: string;
  authors: string[];
  characters: string[];
  summary: string;
  warnings: string[];
  words: number | null;
  readingMinutes: number | null;
  /** Web stories: the site's rating, when known. */
  rating?: string;
  /** Web stories: the site, and the chapter last read of how many. */
  site?: SiteId;
  chapter?: { number: number; count: number | null };
  /** Web stories: the chapter page that "Continue" opens. */
  url?: string;
  progress: ProgressRecord | undefined;
  /** Whole percent, floored as the reader shows it: 100 only at the end. */
  percent: number;
  minutesLeft: number | null;
  finished: boolean;
}

function withProgress(p: ProgressRecord | undefined, words: number | null) {
  return {
    progress: p,
    percent: p ? Math.floor(p.percent) : 0,
    minutesLeft: words === null ? null : p ? minutesLeft(words, p.percent) : readingMinutes(words),
    finished: !!p?.finishedAt,
  };
}

export function seedItems(entries: readonly CatalogEntry[], progress: ReadonlyMap<string, ProgressRecord>): LibraryItem[] {
  return entries.map((e) => ({
    id: e.id,
    kind: 'seed',
    title: e.title,
    titleIsAuthors: e.titleIsAuthors,
    fandom: e.fandom,
    authors: [],
    characters: e.characters,
    summary: e.summary || e.excerpt,
    warnings: e.warnings,
    words: e.words,
    readingMinutes: e.readingMinutes,
    ...withProgress(progress.get(seedKey(e.id)), e.words),
  }));
}

export function webItems(stories: readonly WebStoryRecord[], progress: ReadonlyMap<string, ProgressRecord>): LibraryItem[] {
  return stories.map((s) => ({
    id: s.key,
    kind: 'web',
    title: s.title,
    titleIsAuthors: true,
    fandom: s.fandoms.join(', '),
    authors: s.authors,
    characters: [],
    summary: s.summary ?? '',
    warnings: s.warnings ?? [],
    ...(s.rating ? { rating: s.rating } : {}),
    words: s.words,
    readingMinutes: s.words === null ? null : readingMinutes(s.words),
    site: s.site,
    chapter: { number: s.chapter.number, count: s.chapterCount },
    url: s.chapter.url,
    ...withProgress(progress.get(s.key), s.words),
  }));
}

/** Case- and accent-insensitive search over title, characters, summary, authors and fandom. */
export function searchItems(items: readonly LibraryItem[], query: string): LibraryItem[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [...items];
  return items.filter((i) => {
    const hay = fold([i.title, i.fandom, i.summary, ...i.authors, ...i.characters].join(' '));
    return words.every((w) => hay.includes(w));
  });
}

export function sortItems(items: readonly LibraryItem[], key: SortKey): LibraryItem[] {
  const copy = [...items];
  if (key === 'title') copy.sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }));
  else if (key === 'length') copy.sort((a, b) => (a.words ?? Infinity) - (b.words ?? Infinity));
  else copy.sort((a, b) => (b.progress?.updatedAt ?? -1) - (a.progress?.updatedAt ?? -1) || newerKeyFirst(a, b)); // stable: unread keep their order
  return copy;
}

/**
 * `sorted` with the stories already on screen kept in the order they were drawn (`drawn`, id to row), so a row
 * never moves under the reader's pointer while a save from another view changes its read time. A story not
 * drawn before keeps the slot the sort gives it; the ones drawn before fill the other slots in their old order.
 */
export function keepOrder(sorted: readonly LibraryItem[], drawn: ReadonlyMap<string, number>): LibraryItem[] {
  const known = sorted.filter((i) => drawn.has(i.id)).sort((a, b) => (drawn.get(a.id) as number) - (drawn.get(b.id) as number));
  let next = 0;
  return sorted.map((i) => (drawn.has(i.id) ? (known[next++] as LibraryItem) : i));
}

/**
 * Equal read times: the greater key first, the order IndexedDB's `by-updated` index gives read backwards, so
 * the popup's first screen (ProgressStore.recent) holds the same rows as the whole list.
 */
function newerKeyFirst(a: LibraryItem, b: LibraryItem): number {
  const ka = a.progress?.key;
  const kb = b.progress?.key;
  if (ka === undefined || kb === undefined || ka === kb) return 0;
  return ka < kb ? 1 : -1;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * What a library view holds: the bundled stories, the records read so far and the web stories. The popup
 * paints its first screen from the most recent records, then reads the rest (`complete` once it has).
 */
export interface Shelf {
  entries: CatalogEntry[];
  records: Map<string, ProgressRecord>;
  web: Map<string, WebStoryRecord>;
  /** Web stories in all (the header's count), known before they are all read. */
  webCount: number;
  /** Every record has been read; until then only the first screen's (and pages read after it) are here. */
  complete: boolean;
  /**
   * Where the next page of records by read time starts (ProgressStore.recent); null when every record with a
   * position has been read. Until then the stories without one (listed after all the others) are held back.
   */
  next: PageMark | null;
}

/** The most recent records, as ProgressStore.recent reads them; `next` absent: no record follows. */
export interface RecentRecords {
  progress: ProgressRecord[];
  stories: WebStoryRecord[];
  storyCount: number;
  next?: PageMark | null;
}

const byKey = <T extends { key: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.key, x]));

/** `a` with each record of `b` that is newer than `a`'s of the same key (a save heard while reading). */
export function newerOf<T extends { updatedAt: number }>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): Map<string, T> {
  const out = new Map(a);
  for (const [k, v] of b) if ((out.get(k)?.updatedAt ?? -Infinity) < v.updatedAt) out.set(k, v);
  return out;
}

/**
 * The first screen: with the "recent" order, the most recent records are its first rows; any other order
 * needs every record before its first row is known, so none are taken yet.
 */
export function firstShelf(entries: CatalogEntry[], recent: RecentRecords, sort: SortKey): Shelf {
  const shelf: Shelf = { entries, records: new Map(), web: new Map(), webCount: recent.storyCount, complete: false, next: null };
  return sort === 'recent' ? { ...shelf, records: byKey(recent.progress), web: byKey(recent.stories), next: recent.next ?? null } : shelf;
}

/** The next page by read time: its records join the shelf (the newer of two winning, as for a save heard). */
export function shelfWithPage(s: Shelf, page: RecentRecords): Shelf {
  if (s.complete) return s;
  return {
    ...s,
    records: newerOf(s.records, byKey(page.progress)),
    web: newerOf(s.web, byKey(page.stories)),
    next: page.next ?? null,
  };
}

/** Every record read: they join what the shelf holds, the newer of two winning. */
export function completeShelf(s: Shelf, all: readonly ProgressRecord[], stories: readonly WebStoryRecord[]): Shelf {
  return {
    ...s,
    records: newerOf(byKey(all), s.records),
    web: newerOf(byKey(stories), s.web),
    webCount: stories.length,
    complete: true,
    next: null,
  };
}

/** A save heard from another view. */
export function shelfWithSave(s: Shelf, progress: ProgressRecord, story?: WebStoryRecord): Shelf {
  const web = story ? new Map(s.web).set(story.key, story) : s.web;
  return { ...s, records: new Map(s.records).set(progress.key, progress), web, webCount: s.complete ? web.size : s.webCount };
}

/** The rows to list, or null while the first screen cannot vouch for the order asked. */
export function shelfRows(s: Shelf | null, sort: SortKey): LibraryItem[] | null {
  if (!s || (!s.complete && sort !== 'recent')) return null;
  const rows = [...seedItems(s.entries, s.records), ...webItems([...s.web.values()], s.records)];
  // Unread stories come after every read one: not before the pages still to be read.
  return s.complete || s.next === null ? rows : rows.filter((r) => r.progress);
}

/**
 * The story to offer at the end of `currentId`: the next bundled story in catalog order (wrapping round) that
 * the reader has not finished; null when every other one is finished.
 */
export function nextUnfinished(
  entries: readonly CatalogEntry[],
  progress: ReadonlyMap<string, ProgressRecord>,
  currentId: string,
): CatalogEntry | null {
  const at = entries.findIndex((e) => e.id === currentId);
  for (let k = 1; k < entries.length; k++) {
    const e = entries[(at + k + entries.length) % entries.length] as CatalogEntry;
    if (e.id !== currentId && !progress.get(seedKey(e.id))?.finishedAt) return e;
  }
  return null;
}
