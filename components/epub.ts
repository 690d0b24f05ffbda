import type { CatalogEntry } from '../lib/catalog';
import type { SavedChapterRecord, SavedStoryRecord, WebStoryRecord } from '../lib/db/schema';
import type { Block } from '../lib/doc/model';
import { buildEpub, EPUB_MIME, type Book, type BookText } from '../lib/epub';
import { bookFromSeed, type SeedLabels } from '../lib/epub/from-seed';
import type { WebLabels } from '../lib/epub/from-web';
import { bookFromSaved } from '../lib/saved/book';
import type { StoryOutline } from '../lib/story/outline';
import { t } from './i18n';
import { SEED_NOTE_LABEL, WEB_NOTE_LABEL } from './note-labels';

/**
 * The words of an EPUB in the reader's language: the same labels as the views (the reader's note kinds and
 * sections, the restyled view's note kinds and chapter headings), so a book reads like the story did.
 */
export const epubText = (): BookText => ({
  contents: t('contents'),
  beforeStory: t('beforeStory'),
  afterStory: t('afterStory'),
  warnings: t('epubWarnings'),
  tags: t('epubTags'),
  source: t('epubSource'),
});

export const seedLabels = (): SeedLabels => ({ note: (k) => t(SEED_NOTE_LABEL[k]), section: (n) => t('sectionN', n) });

export const webLabels = (): WebLabels => ({
  note: (k) => t(WEB_NOTE_LABEL[k]),
  chapter: (n, title) => (title ? t('chapterNTitle', n, title) : t('chapterN', n)),
});

/** A book as an EPUB file. */
export function epubBlob(book: Book, storyOnly: boolean, now = new Date()): Blob {
  const bytes = buildEpub(book, epubText(), { storyOnly, modified: now });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: EPUB_MIME });
}

/** A saved web work as an EPUB file, from its library record, its outline and its saved chapters. */
export function savedEpub(
  story: WebStoryRecord,
  saved: SavedStoryRecord,
  chapters: readonly SavedChapterRecord[],
  storyOnly: boolean,
): Blob {
  return epubBlob(bookFromSaved(story, saved, chapters, webLabels()), storyOnly);
}

/** A bundled story as an EPUB file, from its entry, outline and every chunk of its text. */
export function seedEpub(entry: CatalogEntry, outline: StoryOutline, chunks: readonly (readonly Block[])[], storyOnly: boolean): Blob {
  return epubBlob(bookFromSeed(entry, outline, chunks, seedLabels()), storyOnly);
}
