import { useMemo, useState } from 'preact/hooks';
import { formatAgo, formatMinutes, formatWords } from '../lib/format';
import { searchItems, sortItems, type LibraryItem, type SortKey } from '../lib/library';

export interface LibraryProps {
  items: LibraryItem[];
  sort: SortKey;
  now: number;
  onSort: (sort: SortKey) => void;
  onOpen: (item: LibraryItem) => void;
}

/** The library list with search and sort; used by the popup and by the panel's library view. */
export function Library({ items, sort, now, onSort, onOpen }: LibraryProps) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => sortItems(searchItems(items, query), sort), [items, query, sort]);
  return (
    <section class="library" aria-label="Stories">
      <div class="library-tools">
        <label class="visually-hidden" for="library-search">
          Search stories
        </label>
        <input
          id="library-search"
          type="search"
          placeholder="Search title, character, summary"
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        />
        <label class="visually-hidden" for="library-sort">
          Sort by
        </label>
        <select id="library-sort" value={sort} onChange={(e) => onSort((e.currentTarget as HTMLSelectElement).value as SortKey)}>
          <option value="recent">Recently read</option>
          <option value="title">Title</option>
          <option value="length">Length</option>
        </select>
      </div>
      {shown.length === 0 ? (
        <div class="empty" role="status">
          <p>No story matches “{query}”.</p>
          <p class="row-meta">Search looks in titles, characters and summaries.</p>
          <button type="button" class="bar-button" onClick={() => setQuery('')}>
            Show all stories
          </button>
        </div>
      ) : (
        <ul class="story-list">
          {shown.map((item) => (
            <Row item={item} now={now} onOpen={onOpen} key={item.id} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Row({ item, now, onOpen }: { item: LibraryItem; now: number; onOpen: (item: LibraryItem) => void }) {
  const p = item.progress;
  const started = !!p && !item.finished;
  const describe = `d-${item.id.replace(/[^a-z0-9-]/gi, '-')}`;
  const meta = [item.site, item.fandom, item.words !== null ? formatWords(item.words) : null, item.readingMinutes !== null ? formatMinutes(item.readingMinutes) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class="story-row" data-story={item.id} data-kind={item.kind} data-finished={item.finished || undefined}>
      <button type="button" class="story-open" onClick={() => onOpen(item)} aria-describedby={describe}>
        <span class="row-head">
          <span class="row-title">{item.title}</span>
          {item.finished && <span class="row-badge finished">Finished</span>}
          <span class="row-action" aria-hidden="true">
            {started ? 'Continue →' : item.finished ? 'Read again →' : 'Read →'}
          </span>
        </span>
        <span class="row-meta" id={describe}>
          {!item.titleIsAuthors && (
            <span class="row-badge" title="The author's own title is not known">
              display title
            </span>
          )}{' '}
          {meta}
        </span>
        {item.summary && <span class="row-summary">{item.summary}</span>}
        {item.warnings.length > 0 && <span class="row-warning">Warning: {item.warnings.join('; ')}</span>}
        {p && (
          <span class="row-progress">
            <span class="progress-track" aria-hidden="true">
              <span class="progress-fill" style={{ width: `${item.percent}%` }} />
            </span>
            <span class="row-meta">
              {item.chapterLine && <span class="row-chapter">{item.chapterLine}, </span>}
              <span class="row-percent">{item.percent}%</span>
              {item.finished
                ? ` · finished ${formatAgo(p.finishedAt ?? p.updatedAt, now)}`
                : `${item.minutesLeft !== null ? ` · ${formatMinutes(item.minutesLeft)} left` : ''} · read ${formatAgo(p.updatedAt, now)}`}
            </span>
          </span>
        )}
      </button>
    </li>
  );
}
