import type { CatalogEntry, StoryFile } from '../catalog';
import type { SavedChapterRecord, SavedStoryRecord, WebStoryRecord } from '../db/schema';
import type { Block, Span } from '../doc/model';
import type { Position } from '../position';
import type { Note, NoteKind } from '../sites/types';
import { paragraphRuns } from '../story/chunks';
import type { ChunkRange, OutlineSection } from '../story/outline';

/**
 * A saved web story as the side panel's reader (components/Reader.tsx) opens it: one section per chapter,
 * chapter 1 to the last one known, so a section's index is the chapter number − 1 and the reader's positions
 * are the ones the restyled page stores (lib/web-progress.ts `positionOnPage`). Each chapter is cut into
 * chunks as a bundled story is (lib/story/chunks.ts), so a long chapter opens as fast as a short one. A
 * chapter not saved is a section of one paragraph: a link to the chapter on the site.
 */
export interface SavedBook {
  file: StoryFile;
  /** Each chunk's chapter (its index: chapter number − 1) and paragraphs within that chapter. */
  pieces: BookPiece[];
  /** Whether each chapter (by index) is saved. */
  saved: boolean[];
  /** Each chapter's page on the site, and its own title (without "Chapter N"), when known. */
  urls: (string | null)[];
  titles: (string | null)[];
  /** Paragraph number (across the book) of each chapter's first paragraph. */
  firsts: number[];
}

/** A chunk of a saved book: paragraphs `first`..`last` (0-based, inclusive) of chapter index `chapter`, its chunk `at`. */
export interface BookPiece {
  chapter: number;
  at: number;
  first: number;
  last: number;
}

/** The labels the book's generated text needs (from the i18n messages, passed in: lib/ has no browser). */
export interface BookText {
  chapter: (n: number) => string;
  missing: string;
  readOnSite: string;
  /** What the restyled view calls a note of this kind ("Chapter notes"), its label in the saved copy too. */
  note: (kind: NoteKind) => string;
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
  const pieces: BookPiece[] = [];
  for (let n = 1; n <= last; n++) {
    const c = byNumber.get(n);
    const title = c?.title ?? indexed.get(n)?.title ?? null;
    const words = c ? c.paragraphWords : [0];
    const start = paragraphWords.length;
    firsts.push(start);
    for (const [at, [first, end]] of paragraphRuns(words).entries()) {
      pieces.push({ chapter: n - 1, at, first, last: end });
      chunks.push({ first: start + first, last: start + end, words: words.slice(first, end + 1).reduce((a, b) => a + b, 0) });
    }
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
    pieces,
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
      case 'notes':
        return { ...b, blocks: renumber(b.blocks, by) };
      default:
        return b; // a scene break
    }
  });
}

const words = (s: string): Span[] => [{ kind: 'text', text: s }];
const noteBlocks = (notes: readonly Note[], text: BookText): Block[] =>
  notes.map((n) => ({ kind: 'notes', label: text.note(n.kind), blocks: n.blocks }));

/** The first paragraph number in a block, or in the blocks it holds; null when it holds none. */
function firstParagraph(b: Block): number | null {
  switch (b.kind) {
    case 'paragraph':
    case 'heading':
    case 'preformatted':
    case 'media':
      return b.p;
    case 'list':
      return firstIn(b.items.flat());
    case 'table':
      return firstIn(b.rows.flat().flatMap((cell) => cell.blocks));
    case 'quote':
    case 'notes':
      return firstIn(b.blocks);
    default:
      return null;
  }
}
const firstIn = (blocks: readonly Block[]): number | null => {
  for (const b of blocks) {
    const p = firstParagraph(b);
    if (p !== null) return p;
  }
  return null;
};

/**
 * A chapter's top-level blocks cut at the paragraphs its pieces begin with: a block goes with the piece of its
 * first paragraph (a list or quote whose paragraphs cross a cut stays whole, in the earlier piece), a block with
 * none with the block before it.
 */
function cut(blocks: readonly Block[], pieces: readonly BookPiece[]): Block[][] {
  const out: Block[][] = pieces.map(() => []);
  let k = 0;
  for (const b of blocks) {
    const p = firstParagraph(b);
    while (p !== null && k < pieces.length - 1 && p > (pieces[k]?.last ?? p)) k++;
    out[k]?.push(b);
  }
  return out;
}

/** Chunk `k` of a saved book (see `chapterChunks`); for a chapter not saved, a link to it. */
export function bookChunk(book: SavedBook, k: number, chapter: SavedChapterRecord | undefined, text: BookText): Block[] {
  const piece = book.pieces[k];
  return piece ? (chapterChunks(book, piece.chapter, chapter, text)[piece.at] ?? []) : [];
}

/**
 * Every chunk of chapter index `i`, in order: its share of the chapter's text, with the chapter's heading and
 * notes before it in the first chunk and its end notes in the last; for a chapter not saved, one chunk linking
 * to it.
 */
function chapterChunks(book: SavedBook, i: number, chapter: SavedChapterRecord | undefined, text: BookText): Block[][] {
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
      [
        heading,
        {
          kind: 'paragraph',
          p: first,
          role: 'text',
          spans: [...(url ? [...words(text.missing), { kind: 'text' as const, text: ' ' }] : []), ...spans],
        },
      ],
    ];
  }
  const parts = cut(
    chapter.blocks,
    book.pieces.filter((x) => x.chapter === i),
  ).map((blocks) => renumber(blocks, first));
  parts[0]?.unshift(
    heading,
    ...noteBlocks(
      chapter.notes.filter((n) => n.kind !== 'chapter-end-notes'),
      text,
    ),
  );
  parts.at(-1)?.push(
    ...noteBlocks(
      chapter.notes.filter((n) => n.kind === 'chapter-end-notes'),
      text,
    ),
  );
  return parts;
}

/**
 * Reads a saved book's chunks: each chapter record read and cut once however many chunks it has (they are
 * asked for together), let go once every chunk of it has been handed out.
 */
export function bookChunks(
  book: SavedBook,
  read: (number: number) => Promise<SavedChapterRecord | undefined>,
  text: BookText,
): (k: number) => Promise<Block[]> {
  const reading = new Map<number, { chunks: Promise<Block[][]>; left: number }>();
  return async (k) => {
    const piece = book.pieces[k];
    if (!piece || !book.saved[piece.chapter]) return bookChunk(book, k, undefined, text);
    const i = piece.chapter;
    let open = reading.get(i);
    if (!open) {
      open = {
        chunks: read(i + 1).then((record) => chapterChunks(book, i, record, text)),
        left: book.pieces.filter((x) => x.chapter === i).length,
      };
      reading.set(i, open);
    }
    if (--open.left === 0) reading.delete(i);
    return (await open.chunks)[piece.at] ?? [];
  };
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

/**
 * Words left to read in the chapters saved, from a percent counted as `bookPercent` counts it (whole chapters
 * plus the share of the one being read): the rest of chapter index `part` and every saved chapter after it.
 */
export function bookWordsLeft(book: SavedBook, chapterCount: number | null, percent: number, part: number): number {
  const { sections } = book.file.outline;
  const chapters = Math.max(chapterCount ?? 0, book.saved.length, 1);
  const into = Math.min(1, Math.max(0, (percent / 100) * chapters - part));
  return sections.reduce((left, s, i) => left + (i < part ? 0 : i === part ? s.words * (1 - into) : s.words), 0);
}
