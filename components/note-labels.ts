import type { NoteKind as WebNoteKind } from '../lib/sites/types';
import type { NoteKind as SeedNoteKind } from '../lib/story/model';
import type { MessageKey } from './i18n';

/** What the reader calls each kind of a bundled story's notes (also the EPUB's labels of them). */
export const SEED_NOTE_LABEL: Record<SeedNoteKind, MessageKey> = {
  disclaimer: 'noteDisclaimer',
  warning: 'noteWarning',
  summary: 'noteSummary',
  'authors-note': 'noteAuthors',
  copyright: 'noteCopyright',
};

/** What the restyled view calls each kind of a web page's notes (also the EPUB's labels of them). */
export const WEB_NOTE_LABEL: Record<WebNoteKind, MessageKey> = {
  'work-notes': 'noteWork',
  'work-end-notes': 'noteWorkEnd',
  'chapter-summary': 'noteChapterSummary',
  'chapter-notes': 'noteChapterNotes',
  'chapter-end-notes': 'noteChapterEnd',
};
