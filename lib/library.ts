import type { CatalogEntry } from './catalog';
import { seedKey } from './db/progress';
import type { ProgressRecord, WebStoryRecord } from './db/schema';
import { minutesLeft } from './position';
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
  /** Web stories: the site, and the chapter last read of how many. */
  site?: 'ffn' | 'ao3';
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
    summary: '',
    warnings: [],
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
