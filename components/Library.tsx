import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatAgo, formatMinutes, formatWords } from './format';
import { t } from './i18n';
import { keepOrder, searchItems, sortItems, type LibraryItem, type SortKey } from '../lib/library';
import { SNAPSHOT_ROWS } from '../lib/library-snapshot';
import { sites } from '../lib/sites/registry';
import { BarButton } from './BarButton';

export interface LibraryProps {
  items: LibraryItem[];
  sort: SortKey;
  now: number;
  onSort: (sort: SortKey) => void;
  onOpen: (item: LibraryItem) => void;
  /** The first rows as drawn with no search, whenever they change (the popup keeps them as its snapshot). */
  onFirstRows?: (rows: LibraryItem[]) => void;
  /**
   * How many times every record has been read (0 or absent: not yet). Once read, the rows keep the order they
   * were drawn in until the reader sorts or searches, or the records are read again (an import): a save heard
   * from another view updates its row in place, so no row moves under the reader's pointer.
   */
  reads?: number;
  /** A short line per web story with saved chapters ("3 of 5 chapters saved") and its new chapters, by id. */
  saved?: ReadonlyMap<string, SavedMark>;
  /** Stories follow that `items` does not hold yet: asked for with `onMore` at the list's end, or for a search. */
  partial?: boolean;
  onMore?: (reason: 'end' | 'search') => void;
}

/** What a row says of a saved copy: how much is saved, and "2 new chapters" (or null) as a badge. */
export interface SavedMark {
  line: string;
  news: string | null;
}

/** Rows drawn first: a screenful and then some (a popup shows about six); more follow as the list scrolls. */
export const FIRST_ROWS = SNAPSHOT_ROWS;
const ROWS_PER_PAGE = 40;

/** The library list with search and sort; used by the popup and by the panel's library view. */
export function Library({ items, sort, now, onSort, onOpen, onFirstRows, reads = 0, saved, partial = false, onMore }: LibraryProps) {
  const [query, setQuery] = useState('');
  const drawn = useRef<{ query: string; sort: SortKey; reads: number; order: Map<string, number> } | null>(null);
  const { sorted, shown } = useMemo(() => {
    const sorted = sortItems(searchItems(items, query), sort);
    if (reads === 0) return { sorted, shown: sorted };
    const last = drawn.current;
    const same = last && last.query === query && last.sort === sort && last.reads === reads;
    const shown = same ? keepOrder(sorted, last.order) : sorted;
    drawn.current = { query, sort, reads, order: new Map(shown.map((r, i) => [r.id, i])) };
    return { sorted, shown };
  }, [items, query, sort, reads]);
  // The rows in the order the next view will draw them first, not as kept here.
  useEffect(() => {
    if (!query) onFirstRows?.(sorted.slice(0, FIRST_ROWS));
  }, [sorted]);
  // A library of thousands draws its rows a page at a time, as the list is scrolled (or tabbed) to its end.
  const [limit, setLimit] = useState(FIRST_ROWS);
  useEffect(() => setLimit(FIRST_ROWS), [query, sort]);
  useEffect(() => {
    if (query && partial) onMore?.('search');
  }, [query, partial]);
  const more = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const el = more.current;
    if (!el) return;
    // Well before the end comes into view, so scrolling never reaches an empty end.
    const io = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        // Nothing changes while a page is being read, so the list waits for it instead of rendering again.
        if (shown.length > limit) setLimit((l) => l + ROWS_PER_PAGE);
        if (partial && limit + ROWS_PER_PAGE >= shown.length) onMore?.('end');
      },
      { rootMargin: '0px 0px 800px 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [limit, shown, partial]);
  return (
    <section class="library" aria-label={t('libraryStories')}>
      <div class="library-tools">
        <label class="visually-hidden" for="library-search">
          {t('searchLabel')}
        </label>
        <input
          id="library-search"
          type="search"
          placeholder={t('searchPlaceholder')}
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        />
        <label class="visually-hidden" for="library-sort">
          {t('sortLabel')}
        </label>
        <select id="library-sort" value={sort} onChange={(e) => onSort((e.currentTarget as HTMLSelectElement).value as SortKey)}>
          <option value="recent">{t('sortRecent')}</option>
          <option value="title">{t('sortTitle')}</option>
          <option value="length">{t('sortLength')}</option>
        </select>
      </div>
      {shown.length === 0 && partial ? (
        <p class="empty row-meta" role="status">
          {t('loading')}
        </p>
      ) : shown.length === 0 ? (
        <div class="empty" role="status">
          <p>{t('noMatch', query)}</p>
          <p class="row-meta">{t('noMatchHint')}</p>
          <BarButton onClick={() => setQuery('')}>{t('showAll')}</BarButton>
        </div>
      ) : (
        <ul class="story-list">
          {shown.slice(0, limit).map((item) => (
            <Row item={item} now={now} onOpen={onOpen} saved={saved?.get(item.id)} key={item.id} />
          ))}
          {(shown.length > limit || (partial && !query)) && <li class="more-rows" ref={more} aria-hidden="true" />}
        </ul>
      )}
    </section>
  );
}

function Row({ item, now, onOpen, saved }: { item: LibraryItem; now: number; onOpen: (item: LibraryItem) => void; saved?: SavedMark }) {
  const p = item.progress;
  const started = !!p && !item.finished;
  const describe = `d-${item.id.replace(/[^a-z0-9-]/gi, '-')}`;
  const meta = [
    item.site && t(sites.site(item.site).label),
    item.rating && t('ratingLine', item.rating),
    item.fandom,
    item.words !== null ? formatWords(item.words) : null,
    item.readingMinutes !== null ? formatMinutes(item.readingMinutes) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class="story-row" data-story={item.id} data-kind={item.kind} data-finished={item.finished || undefined}>
      <button type="button" class="story-open" onClick={() => onOpen(item)} aria-describedby={describe}>
        <span class="row-head">
          <span class="row-title">{item.title}</span>
          {item.finished && <span class="row-badge finished">{t('finished')}</span>}
          {saved?.news && <span class="row-badge new-chapters">{saved.news}</span>}
          <span class="row-action" aria-hidden="true">
            {t(started ? 'actionContinue' : item.finished ? 'actionReadAgain' : 'actionRead')}
          </span>
        </span>
        <span class="row-meta" id={describe}>
          {!item.titleIsAuthors && (
            <span class="row-badge" title={t('displayTitleHint')}>
              {t('displayTitle')}
            </span>
          )}{' '}
          {meta}
          {saved && <span class="row-saved"> · {saved.line}</span>}
        </span>
        {item.authors.length > 0 && <span class="row-summary">{t('byAuthors', item.authors.join(', '))}</span>}
        {item.summary && <span class="row-summary">{item.summary}</span>}
        {item.warnings.length > 0 && <span class="row-warning">{t('warningLine', item.warnings.join('; '))}</span>}
        {p && (
          <span class="row-progress">
            <span class="progress-track" aria-hidden="true">
              <span class="progress-fill" style={{ transform: `scaleX(${item.percent / 100})` }} />
            </span>
            <span class="row-meta">
              {item.chapter && (
                <span class="row-chapter">
                  {item.chapter.count ? t('chapterOf', item.chapter.number, item.chapter.count) : t('chapterN', item.chapter.number)},{' '}
                </span>
              )}
              <span class="row-percent">{item.percent}%</span>
              {item.finished
                ? ` · ${t('finishedAgo', formatAgo(p.finishedAt ?? p.updatedAt, now))}`
                : `${item.minutesLeft !== null ? ` · ${t('timeLeft', formatMinutes(item.minutesLeft))}` : ''} · ${t('readAgo', formatAgo(p.updatedAt, now))}`}
            </span>
          </span>
        )}
      </button>
    </li>
  );
}
