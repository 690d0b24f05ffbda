import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { LibraryItem } from '../lib/library';
import type { SavedMark } from './Library';
import type { SavedSummary } from '../lib/saved/store';
import { formatCount } from '../lib/format';
import { t } from './i18n';
import { BarButton } from './BarButton';

/** "3 of 5 chapters saved" (or "3 chapters saved" when the site gave no count): short enough for 240 px. */
export function savedLabel(summary: Pick<SavedSummary, 'chapters'>, count: number | null | undefined): string {
  return count && count >= summary.chapters ? t('savedChapters', summary.chapters, count) : t('savedChaptersSome', summary.chapters);
}

/** "2 new chapters": posted since the copy was begun and not saved yet; null when there are none. */
export function newChaptersLabel(summary: Pick<SavedSummary, 'newChapters'>): string | null {
  if (summary.newChapters <= 0) return null;
  return summary.newChapters === 1 ? t('savedNewChapter') : t('savedNewChapters', summary.newChapters);
}

/** The library's saved marks (its `saved` prop): a line per story with saved chapters, of as many as its row knows. */
export function savedLabels(
  summaries: ReadonlyMap<string, SavedSummary>,
  rows: readonly LibraryItem[] | null | undefined,
): Map<string, SavedMark> {
  const counts = new Map(rows?.map((r) => [r.id, r.chapter?.count ?? null]));
  return new Map([...summaries.values()].map((s) => [s.key, { line: savedLabel(s, counts.get(s.key)), news: newChaptersLabel(s) }]));
}

/** "Saved copies take about 3.4 MB in all": every saved copy together, as the side panel's library says. */
export function savedTotalLabel(summaries: ReadonlyMap<string, Pick<SavedSummary, 'bytes'>>): string {
  let bytes = 0;
  for (const s of summaries.values()) bytes += s.bytes;
  return t('savedTotal', formatBytes(bytes));
}

/** About what a saved copy takes: "about 120 kB", "about 3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return t('savedSize', `${formatCount(Math.max(1, Math.round(bytes / 1000)))} kB`);
  return t('savedSize', `${(bytes / 1_000_000).toFixed(1)} MB`);
}

export interface SavedChoiceProps {
  /** The library's row of the story: its title, and its chapter count where the site gave one. */
  story: Pick<LibraryItem, 'title' | 'chapter'>;
  summary: SavedSummary;
  onRead: () => void;
  onSite: () => void;
  /** Only where deleting is offered (the side panel's library). */
  onDelete?: () => void;
  /** "Download EPUB" of the copy (components/EpubDownload.tsx), where the page offers it (the side panel). */
  epub?: ComponentChildren;
  onClose: () => void;
}

/**
 * What opening a web story with saved chapters offers: the saved copy in the side panel (offline too), or the
 * site; where `onDelete` is given, deleting the copy (the position stays) and what it takes.
 */
export function SavedChoice({ story, summary, onRead, onSite, onDelete, epub, onClose }: SavedChoiceProps) {
  const { title } = story;
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      class="saved-choice"
      role="dialog"
      aria-label={title}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <p class="row-title">{title}</p>
      <p class="row-meta">
        {savedLabel(summary, story.chapter?.count)}
        {onDelete && ` · ${formatBytes(summary.bytes)}`}
      </p>
      <div class="saved-actions">
        <button type="button" class="bar-button" ref={first} onClick={onRead}>
          {t('savedReadHere')}
        </button>
        <BarButton onClick={onSite}>{t('savedOpenSite')}</BarButton>
        {onDelete && <BarButton onClick={onDelete}>{t('savedDelete')}</BarButton>}
        <BarButton onClick={onClose}>{t('savedClose')}</BarButton>
      </div>
      {epub}
    </div>
  );
}
