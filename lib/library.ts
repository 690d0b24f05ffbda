import type { CatalogEntry } from './catalog';
import type { ProgressRecord } from './db/schema';
import { minutesLeft } from './position';

export type SortKey = 'recent' | 'title' | 'length';

/** One library row: the catalog entry with what the reader has done with it. */
export interface LibraryItem {
  entry: CatalogEntry;
  progress: ProgressRecord | undefined;
  percent: number;
  minutesLeft: number;
  finished: boolean;
}

export function libraryItems(entries: readonly CatalogEntry[], progress: ReadonlyMap<string, ProgressRecord>, keyOf: (id: string) => string): LibraryItem[] {
  return entries.map((entry) => {
    const p = progress.get(keyOf(entry.id));
    const percent = p ? Math.floor(p.percent) : 0; // floor, as the reader shows it: 100% only at the end
    return {
      entry,
      progress: p,
      percent,
      minutesLeft: p ? minutesLeft(entry.words, p.percent) : entry.readingMinutes,
      finished: !!p?.finishedAt,
    };
  });
}

/** Case- and accent-insensitive search over title, characters, summary and fandom. */
export function searchItems(items: readonly LibraryItem[], query: string): LibraryItem[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [...items];
  return items.filter(({ entry: e }) => {
    const hay = fold([e.title, e.fandom, e.summary, e.excerpt, ...e.characters].join(' '));
    return words.every((w) => hay.includes(w));
  });
}

export function sortItems(items: readonly LibraryItem[], key: SortKey): LibraryItem[] {
  const copy = [...items];
  if (key === 'title') copy.sort((a, b) => a.entry.title.localeCompare(b.entry.title, 'en', { sensitivity: 'base' }));
  else if (key === 'length') copy.sort((a, b) => a.entry.words - b.entry.words);
  else copy.sort((a, b) => (b.progress?.updatedAt ?? -1) - (a.progress?.updatedAt ?? -1)); // stable: unread keep catalog order
  return copy;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
