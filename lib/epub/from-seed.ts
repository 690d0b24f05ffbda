import type { CatalogEntry } from '../catalog';
import type { Block } from '../doc/model';
import type { Note, NoteKind } from '../story/model';
import { withoutLabel } from '../story/notes';
import type { StoryOutline } from '../story/outline';
import type { Book, BookChapter, BookNote } from './book';

/** Labels of a bundled story's notes, as the reader names them, and of a section without a heading. */
export interface SeedLabels {
  note: (kind: NoteKind) => string;
  section: (n: number) => string;
}

/**
 * A bundled story as a book: its catalog entry for the metadata, its outline for the sections and notes, and
 * every chunk of its text in order (lib/story/outline.ts). Each section is a chapter; the section headings in
 * the chunks become the chapters' titles. A note is shown as the reader shows it: its kind above it, the label
 * it opens with left out.
 */
export function bookFromSeed(entry: CatalogEntry, outline: StoryOutline, chunks: readonly (readonly Block[])[], labels: SeedLabels): Book {
  const note = (n: Note): BookNote => {
    const label = labels.note(n.kind);
    return { kind: n.kind, label, blocks: [textParagraph(withoutLabel(n.text, label))] };
  };
  const chapters: BookChapter[] = outline.sections.map((s, i) => ({
    title: s.heading ?? (outline.sections.length === 1 ? entry.title : labels.section(i + 1)),
    notes: { before: [], after: [] },
    blocks: [],
  }));
  const ids = new Map(outline.sections.map((s, i) => [s.id, i]));
  let at = 0;
  for (const blocks of chunks)
    for (const b of blocks) {
      // A section heading opens its chapter; the chapter's title stands in for it.
      const opens = b.kind === 'heading' && b.p === null && b.id !== undefined ? ids.get(b.id) : undefined;
      if (opens !== undefined) at = opens;
      else chapters[at]?.blocks.push(b);
    }
  return {
    id: `urn:ficwell:story:${entry.id}`,
    title: entry.title,
    authors: [],
    language: 'en',
    source: entry.source.url,
    fandoms: [entry.fandom],
    tags: entry.characters,
    warnings: entry.warnings,
    summary: entry.summary ? { blocks: [textParagraph(entry.summary)], text: entry.summary } : null,
    notes: { before: outline.frontMatter.map(note), after: outline.endNotes.map(note) },
    chapters,
  };
}

function textParagraph(text: string): Block {
  return { kind: 'paragraph', p: null, role: 'text', spans: [{ kind: 'text', text }] };
}
