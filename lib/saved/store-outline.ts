import type { CatalogEntry, StoryFile } from '../catalog';
import type { SavedChapterRecord, SavedStoryRecord, WebStoryRecord } from '../db/schema';
import type { Block, Span } from '../doc/model';
import type { Position } from '../position';
import type { Note } from '../sites/types';
import type { ChunkRange, OutlineSection } from '../story/outline';

/**
 * A saved web story as the side panel's reader (components/Reader.tsx) opens it: one section and one chunk per
 * chapter, chapter 1 to the last one known, so a section's index is the chapter number − 1 and the reader's
 * positions are the ones the restyled page stores (lib/web-progress.ts `positionOnPage`). A chapter not saved
 * is a section of one paragraph: a link to the chapter on the site.
 */
export interface SavedBook {
  file: StoryFile;
  /** Chapter number of each chunk (chunk i is chapter i + 1), and whether it is saved. */
  saved: boolean[];
  /** Each chapter's page on the site, and its own title (without "Chapter N"), when known. */
  urls: (string | null)[];
  titles: (string | null)[];
  /** Paragraph number (across the book) of each chapter's first paragraph. */
  firsts: number[];
}

/** The labels the book's generated text needs (from the i18n messages, passed in: lib/ has no browser). */
export interface BookText {
  chapter: (n: number) => string;
  missing: string;
  readOnSite: string;
  notes: string;
}

export function savedBook(story: WebStoryRecord, saved: SavedStoryRecord, text: BookText): SavedBook {
  const byNumber = new Map(saved.chapters.map((c) => [c.number, c]));
  const indexed = new Map(saved.index.map((c) => [c.number, c]));
  const last = Math.max(saved.chapterCount ?? 0, story.chapterCount ?? 0, ...saved.chapters.map((c) => c.number), 1);
  const sections: OutlineSection[] = [];
  const chunks: ChunkRange[] = [];
  const paragraphWords: number[] = [];
  const flags: boolean[] = [];
  const urls: (string | null)[] = [];
  const titles: (string | null)[] = [];
  const firsts: number[] = [];
  for (let n = 1; n <= last; n++) {
    const c = byNumber.get(n);
    const title = c?.title ?? indexed.get(n)?.title ?? null;
    const words = c ? c.paragraphWords : [0];
    firsts.push(paragraphWords.length);
    chunks.push({ first: paragraphWords.length, last: paragraphWords.length + words.length - 1, words: c?.words ?? 0 });
    paragraphWords.push(...words);
    sections.push({
      id: `c${n}`,
      heading: title ? `${text.chapter(n)}: ${title}` : text.chapter(n),
      paragraphs: words.length,
      words: c?.words ?? 0,
    });
    flags.push(!!c);
    titles.push(title);
    urls.push(c?.url ?? indexed.get(n)?.url ?? (n === story.chapter.number ? story.chapter.url : null));
  }
  const words = saved.chapters.reduce((w, c) => w + c.words, 0);
  const entry: CatalogEntry = {
    id: story.key,
    title: story.title,
    titleIsAuthors: true,
    fandom: story.fandoms.join(', '),
    source: { site: story.site, url: story.storyUrl },
    characters: [],
    warnings: [],
    summary: '',
    summaryIsAuthors: true,
    words,
    readingMinutes: Math.max(1, Math.round(words / 250)),
    paragraphs: paragraphWords.length,
    sections: sections.length,
    excerpt: '',
  };
  const frontMatter = saved.notes.filter((n) => n.kind === 'work-notes').map((n) => ({ kind: 'authors-note' as const, text: n.text }));
  const endNotes = saved.notes.filter((n) => n.kind === 'work-end-notes').map((n) => ({ kind: 'authors-note' as const, text: n.text }));
  return {
    file: {
      entry,
      outline: {
        title: story.title,
        frontMatter,
        endNotes,
        sections,
        paragraphWords,
        chunks,
        words,
        paragraphs: paragraphWords.length,
        readingMinutes: entry.readingMinutes,
      },
    },
    saved: flags,
    urls,
    titles,
    firsts,
  };
}

/** Paragraph numbers moved by `by`, through every block that holds others (lists, tables, quotes). */
export function renumber(blocks: readonly Block[], by: number): Block[] {
  return blocks.map((b): Block => {
    switch (b.kind) {
      case 'paragraph':
      case 'heading':
      case 'preformatted':
      case 'media':
        return b.p === null ? b : { ...b, p: b.p + by };
      case 'list':
        return { ...b, items: b.items.map((item) => renumber(item, by)) };
      case 'table':
        return { ...b, rows: b.rows.map((row) => row.map((cell) => ({ ...cell, blocks: renumber(cell.blocks, by) }))) };
      case 'quote':
        return { ...b, blocks: renumber(b.blocks, by) };
      default:
        return b; // a scene break
    }
  });
}

const words = (s: string): Span[] => [{ kind: 'text', text: s }];
const noteBlocks = (notes: readonly Note[], label: string): Block[] =>
  notes.map((n) => ({
    kind: 'quote',
    blocks: [{ kind: 'paragraph', p: null, role: 'text', spans: [{ kind: 'strong', spans: words(label) }] }, ...n.blocks],
  }));

/** Chunk `i` of a saved book: the chapter's heading, notes and text, or for a chapter not saved a link to it. */
export function chapterChunk(book: SavedBook, i: number, chapter: SavedChapterRecord | undefined, text: BookText): Block[] {
  const heading: Block = {
    kind: 'heading',
    p: null,
    level: 2,
    spans: words(book.file.outline.sections[i]?.heading ?? text.chapter(i + 1)),
  };
  const first = book.firsts[i] ?? 0;
  if (!chapter) {
    const url = book.urls[i];
    const spans: Span[] = url ? [{ kind: 'link', href: url, spans: words(text.readOnSite) }] : words(text.missing);
    return [
      heading,
      {
        kind: 'paragraph',
        p: first,
        role: 'text',
        spans: [...(url ? [...words(text.missing), { kind: 'text' as const, text: ' ' }] : []), ...spans],
      },
    ];
  }
  const before = chapter.notes.filter((n) => n.kind !== 'chapter-end-notes');
  const after = chapter.notes.filter((n) => n.kind === 'chapter-end-notes');
  return [heading, ...noteBlocks(before, text.notes), ...renumber(chapter.blocks, first), ...noteBlocks(after, text.notes)];
}

/**
 * Percent through the story as the restyled page counts it (lib/web-progress.ts `webPercent`): whole chapters
 * before this one plus the words read in it, so the library shows the same number wherever the reader was.
 */
export function bookPercent(book: SavedBook, chapterCount: number | null, at: Position): number {
  const section = book.file.outline.sections[at.part];
  if (!section) return 0;
  const first = book.firsts[at.part] ?? 0;
  const ws = book.file.outline.paragraphWords.slice(first, first + section.paragraphs);
  const total = ws.reduce((a, b) => a + b, 0);
  const before = ws.slice(0, at.paragraph).reduce((a, b) => a + b, 0) + (ws[at.paragraph] ?? 0) * at.offset;
  const fraction = total === 0 ? 0 : Math.min(1, before / total);
  return Math.min(100, ((at.part + fraction) / Math.max(chapterCount ?? 0, book.saved.length, 1)) * 100);
}
