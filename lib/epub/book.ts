import type { Block, RichBlocks } from '../doc/model';
import type { NoteKind as SiteNoteKind } from '../sites/types';
import type { NoteKind as SeedNoteKind } from '../story/model';

/** Where a note stands, as the reader shows it: before the text it belongs to, or after it. */
export type NotePlace = 'before' | 'after';

/** A note apart from the story text: a bundled story's front matter or end notes, a web page's notes. */
export interface BookNote {
  kind: SeedNoteKind | SiteNoteKind;
  /** What the reader calls it ("Disclaimer", "Chapter notes"), shown above it. */
  label: string;
  blocks: Block[];
}

export interface BookChapter {
  /** Shown as the chapter's heading and in the contents; never empty (adapters fall back to "Section N"). */
  title: string;
  notes: { before: BookNote[]; after: BookNote[] };
  /** The chapter text as the one document model (lib/doc/model.ts). */
  blocks: Block[];
}

/**
 * A story as an EPUB holds it, whatever it came from (a bundled story, saved web chapters): its metadata, the
 * notes around the whole story, and its chapters in order. Plain data, like the document model it carries.
 */
export interface Book {
  /** Stable for the story (the EPUB's `dc:identifier`): the same story exported twice is the same book. */
  id: string;
  title: string;
  authors: string[];
  /** A BCP 47 tag (`en`); `und` when unknown. */
  language: string;
  /** Where the story was published (`dc:source`), when known. */
  source: string | null;
  fandoms: string[];
  tags: string[];
  warnings: string[];
  summary: RichBlocks | null;
  /** Notes around the whole story: before its first chapter and after its last. */
  notes: { before: BookNote[]; after: BookNote[] };
  chapters: BookChapter[];
}

/** Words the EPUB shows around the story, in the reader's language (the caller's i18n). */
export interface BookText {
  contents: string;
  beforeStory: string;
  afterStory: string;
  warnings: string;
  tags: string;
  source: string;
}

/** Options of one export. */
export interface EpubOptions {
  /** Leave the notes out (front and end notes, chapter notes), as "story only" does in the reader. */
  storyOnly: boolean;
  /** The book's `dcterms:modified` (and the zip entries' time). */
  modified: Date;
}
