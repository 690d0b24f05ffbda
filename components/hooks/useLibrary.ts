import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { CatalogEntry } from '../../lib/catalog';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import {
  completeShelf,
  firstShelf,
  shelfRows,
  shelfWithSave,
  type LibraryItem,
  type RecentRecords,
  type Shelf,
  type SortKey,
} from '../../lib/library';

/** Where a library view reads records and hears other views' saves (platform/progress.ts). */
export interface LibrarySource {
  all(): Promise<ProgressRecord[]>;
  webStories(): Promise<WebStoryRecord[]>;
  onChange(listener: (change: { progress: ProgressRecord; story?: WebStoryRecord }) => void): () => void;
}

/** What the first screen needs, started before the first render: the catalog, the most recent records, the order. */
export interface FirstScreen {
  entries: CatalogEntry[];
  recent: RecentRecords;
  sort: SortKey;
}

export interface LibraryState {
  shelf: Shelf | null;
  /** The rows to list, or null until the order asked for can be shown. */
  rows: LibraryItem[] | null;
  sort: SortKey;
  setSort(sort: SortKey): void;
  /** Reads every record again (after an import). */
  reload(): Promise<void>;
  /** The first screen could not be read. */
  failed: boolean;
  /** How many times every record has been read (0 until the first time): each is a new order to draw. */
  reads: number;
}

/** After the first screen is painted: a frame, then a task. */
const afterPaint = (fn: () => void) => requestAnimationFrame(() => setTimeout(fn, 0));

/**
 * The library of a popup or panel: the first screen from the most recent records, every record read after
 * it is painted, and saves from other views merged in as they are heard (the newer record of a key wins).
 */
export function useLibrary(
  source: LibrarySource,
  firstScreen: Promise<FirstScreen>,
  { saveSort, later = afterPaint }: { saveSort?: (sort: SortKey) => void; later?: (fn: () => void) => void } = {},
): LibraryState {
  const [shelf, setShelf] = useState<Shelf | null>(null);
  const [sort, setSortState] = useState<SortKey>('recent');
  const [failed, setFailed] = useState(false);
  const [reads, setReads] = useState(0);
  const reload = useCallback(
    () =>
      Promise.all([source.all(), source.webStories()]).then(([all, stories]) => {
        setShelf((s) => s && completeShelf(s, all, stories));
        setReads((n) => n + 1);
      }),
    [source],
  );
  useEffect(() => {
    let live = true;
    firstScreen.then(
      ({ entries, recent, sort: saved }) => {
        if (!live) return;
        setSortState(saved);
        setShelf(firstShelf(entries, recent, saved));
        if (saved === 'recent') later(() => void reload());
        else void reload();
      },
      () => live && setFailed(true),
    );
    const off = source.onChange(({ progress, story }) => setShelf((s) => s && shelfWithSave(s, progress, story)));
    return () => {
      live = false;
      off();
    };
  }, [source, firstScreen]);
  const setSort = (s: SortKey) => {
    setSortState(s);
    saveSort?.(s);
  };
  // Built once per shelf and order: a popup re-rendering for anything else must not rebuild (and the list
  // re-sort) thousands of rows.
  const rows = useMemo(() => shelfRows(shelf, sort), [shelf, sort]);
  return { shelf, rows, sort, setSort, reload, failed, reads };
}
