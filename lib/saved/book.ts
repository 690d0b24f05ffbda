import type { SavedChapterRecord, SavedStoryRecord, WebStoryRecord } from '../db/schema';
import type { Book } from '../epub/book';
import { bookFromWebChapters, type WebLabels } from '../epub/from-web';

/**
 * A saved web work as a book: its saved chapters in order, through the same model as a page's chapters
 * (lib/epub/from-web.ts), with the library record's title, authors, fandoms and warnings and the copy's
 * notes, tags, language and summary. A copy saved before its tags were kept has none, and the record's plain
 * summary stands in for the page's.
 */
export function bookFromSaved(
  story: WebStoryRecord,
  saved: SavedStoryRecord,
  chapters: readonly SavedChapterRecord[],
  labels: WebLabels,
): Book {
  const summary =
    saved.about?.summary ??
    (story.summary
      ? {
          blocks: [{ kind: 'paragraph' as const, p: null, role: 'text' as const, spans: [{ kind: 'text' as const, text: story.summary }] }],
          text: story.summary,
        }
      : undefined);
  return bookFromWebChapters(
    {
      site: story.site,
      storyId: story.storyId,
      storyUrl: story.storyUrl,
      title: story.title,
      authors: story.authors.map((name) => ({ name })),
      fandoms: story.fandoms,
      warnings: story.warnings ?? [],
      relationships: [],
      characters: [],
      tags: saved.about?.tags ?? [],
      language: saved.about?.language ?? undefined,
      summary: summary ?? undefined,
      notes: saved.notes,
    },
    chapters.map((c) => ({ number: c.number, title: c.title ?? undefined, notes: c.notes, blocks: c.blocks })),
    labels,
  );
}
