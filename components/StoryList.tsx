import type { CatalogEntry } from '../lib/catalog';
import { formatMinutes, formatWords } from '../lib/format';

export interface StoryListProps {
  entries: CatalogEntry[];
  onOpen: (id: string) => void;
}

export function StoryList({ entries, onOpen }: StoryListProps) {
  return (
    <ul class="story-list">
      {entries.map((e) => (
        <li key={e.id} class="story-row" data-story={e.id}>
          <button type="button" class="story-open" onClick={() => onOpen(e.id)}>
            <span class="row-title">{e.title}</span>
            {!e.titleIsAuthors && <span class="row-badge" title="The author's own title is not known">display title</span>}
            <span class="row-meta">
              {e.fandom} · {formatWords(e.words)} · {formatMinutes(e.readingMinutes)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
