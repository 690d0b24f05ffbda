import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CatalogEntry } from '../../lib/catalog';
import type { PageMark } from '../../lib/db/progress';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import {
  completeShelf,
  firstShelf,
  shelfRows,
  shelfWithPage,
  shelfWithSave,
  type LibraryItem,
  type RecentRecords,
  type Shelf,
  type SortKey,
} from '../../lib/library';

/** Where a library view reads records and hears other views' saves (platform/progress.ts). */
export interface LibrarySource {
  all(): Promise<ProgressRecord[]>;
  /** A page of records by read time, after `after` (lib/db/progress.ts `recent`). */
  recent(limit: number, after?: PageMark | null): Promise<RecentRecords>;
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
  /**
   * The list is whole: in its final order, with its count. With `paged`, in the "recent" order, that is once
   * the first screen is in (more rows are read a page at a time, at the end of the list); otherwise once
   * every record has been read.
   */
  listed: boolean;
  /** Rows follow that are not read yet (`paged`): the list asks for them with `more`. */
  partial: boolean;
  /** Reads the next page; for a search, every record (the search looks at all of them). */
  more(reason: 'end' | 'search'): void;
}

/** Records read per page by a paged library: several screens, a few milliseconds of reading. */
export const PAGE_RECORDS = 200;

/** After the first screen is painted: a frame, then a task. */
const afterPaint = (fn: () => void) => requestAnimationFrame(() => setTimeout(fn, 0));

/**
 * The library of a popup or panel: the first screen from the most recent records, every record read after
 * it is painted, and saves from other views merged in as they are heard (the newer record of a key wins).
 */
export function useLibrary(
  source: LibrarySource,
  firstScreen: Promise<FirstScreen>,
  {
    saveSort,
    later = afterPaint,
    paged = false,
  }: {
    saveSort?: (sort: SortKey) => void;
    later?: (fn: () => void) => void;
    /**
     * In the "recent" order, read the records after the first screen a page at a time as the list asks,
     * and all of them only for a search, another order or the list's end, instead of all after the first paint.
     */
    paged?: boolean;
  } = {},
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
  // One read at a time: a page, or everything (which makes pages pointless).
  const reading = useRef<'page' | 'all' | null>(null);
  const readAll = () => {
    if (reading.current === 'all' || shelf?.complete) return;
    reading.current = 'all';
    void reload().finally(() => (reading.current = null));
  };
  useEffect(() => {
    let live = true;
    firstScreen.then(
      ({ entries, recent, sort: saved }) => {
        if (!live) return;
        setSortState(saved);
        setShelf(firstShelf(entries, recent, saved));
        if (saved !== 'recent') void reload();
        else if (!paged) later(() => void reload());
        else if (!recent.next) later(() => void reload()); // read: none without a position are missed
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
    if (paged) readAll();
  };
  const more = (reason: 'end' | 'search') => {
    if (!paged || !shelf || shelf.complete) return;
    const next = shelf.next;
    // A search looks at every story; at the end of the records with a position come the stories without one.
    if (reason === 'search' || next === null) return readAll();
    if (reading.current) return;
    reading.current = 'page';
    void source
      .recent(PAGE_RECORDS, next)
      .then((page) => setShelf((s) => s && shelfWithPage(s, page)))
      .finally(() => {
        if (reading.current === 'page') reading.current = null;
      });
  };
  // Built once per shelf and order: a popup re-rendering for anything else must not rebuild (and the list
  // re-sort) thousands of rows.
  const rows = useMemo(() => shelfRows(shelf, sort), [shelf, sort]);
  const partial = paged && !!shelf && !shelf.complete && sort === 'recent';
  const listed = !!shelf && (shelf.complete || partial);
  return { shelf, rows, sort, setSort, reload, failed, reads, listed, partial, more };
}
