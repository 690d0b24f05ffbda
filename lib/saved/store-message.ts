import { webKey } from '../db/keys';
import type { Align, Block, HeadingLevel, ParagraphRole, Span, SpanStyle, TableCell } from '../doc/model';
import { isWebKey, RECORD_LIMITS } from '../records';
import type { Note, NoteKind, StoryPage } from '../sites/types';
import { chaptersOf } from '../web-progress';
import type { SavedAbout } from '../db/schema';
import type { ChaptersToSave } from './store';

/**
 * The chapters a restyled page sends to be saved, and the check the background makes of them: a hostile page
 * can put anything in a message, so the model is rebuilt from the known fields only, every link and image
 * source of the sanitizer's kind, within the caps below (a message over them is refused whole).
 */
export const SAVE_LIMITS = {
  /** Chapters in one message (a page sends its chapters in batches: see `inBatches`). */
  chapters: 5000,
  /** Blocks, spans and cells in one message, and characters of text: a 10 MB chapter fits, with room. */
  nodes: 5_000_000,
  chars: 40_000_000,
  /** Nesting of quotes, lists and tables in one another. */
  depth: 40,
} as const;

/** What a page asks to save: its chapters' models, never its HTML. */
export function chaptersOfPage(page: StoryPage): ChaptersToSave {
  return {
    key: webKey(page.site, page.storyId),
    chapterCount: chaptersOf(page),
    // Posted, not planned: AO3's "5/10" has 5 chapters to read. A page without a count lists the chapters.
    posted: page.chaptersPosted ?? (page.chapters.length > 0 ? page.chapters.length : null),
    index: page.chapters.map((c) => ({ number: c.number, title: c.title ?? null, url: c.url })),
    notes: page.notes,
    about: {
      tags: [...page.relationships, ...page.characters, ...page.tags],
      language: page.language ?? null,
      summary: page.summary ?? null,
    },
    chapters: page.parts.map((part) => ({
      number: part.number,
      title: part.title ?? null,
      url: part.url ?? (page.fullWork ? null : page.url),
      notes: part.notes,
      blocks: part.blocks,
      paragraphWords: part.paragraphs.map((p) => p.words),
      words: part.words,
    })),
  };
}

/** Paragraphs in one batch of a page's chapters (a chapter longer than that goes alone). */
const BATCH_PARAGRAPHS = 5000;

/**
 * A page's chapters to save as messages of whole chapters, about `paragraphs` paragraphs each, in order: the
 * message is copied in the page's task as it is sent, and a 21 MB full work sent at once held the page for
 * 300 ms (Firefox). Each batch carries the story's own fields, as the whole-work run's batches do.
 */
export function inBatches(save: ChaptersToSave, paragraphs = BATCH_PARAGRAPHS): ChaptersToSave[] {
  const out: ChaptersToSave[] = [];
  let batch: ChaptersToSave['chapters'] = [];
  let size = 0;
  for (const chapter of save.chapters) {
    const n = chapter.paragraphWords.length;
    if (batch.length > 0 && size + n > paragraphs) {
      out.push({ ...save, chapters: batch });
      batch = [];
      size = 0;
    }
    batch.push(chapter);
    size += n;
  }
  if (batch.length > 0 || out.length === 0) out.push({ ...save, chapters: batch });
  return out;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const count = (x: unknown, max: number): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= max;
const httpUrl = (x: unknown): x is string => typeof x === 'string' && x.length <= RECORD_LIMITS.url && /^https?:\/\//i.test(x);
const ID = /^user-content-\S{1,500}$/;
const STYLES: readonly string[] = ['emphasis', 'strong', 'underline', 'strike', 'superscript', 'subscript', 'code', 'small'];
const ALIGNS: readonly unknown[] = ['left', 'center', 'right', 'justify'];
const ROLES: readonly unknown[] = ['text', 'scene-break', 'author-note'];
const NOTE_KINDS: readonly unknown[] = ['work-notes', 'work-end-notes', 'chapter-summary', 'chapter-notes', 'chapter-end-notes'];

class Refused extends Error {}
const refuse = (): never => {
  throw new Refused();
};

/** Rebuilds the model within a budget shared by the whole message; throws `Refused` on anything else. */
function checker() {
  let nodes = 0;
  let chars = 0;
  const node = () => {
    if (++nodes > SAVE_LIMITS.nodes) refuse();
  };
  const str = (x: unknown, max: number = SAVE_LIMITS.chars): string => {
    if (typeof x !== 'string' || x.length > max) return refuse();
    chars += x.length;
    if (chars > SAVE_LIMITS.chars) refuse();
    return x;
  };
  const list = <T>(x: unknown, each: (y: unknown) => T): T[] => (Array.isArray(x) ? x.map(each) : refuse());
  const optional = <K extends string, T>(k: K, v: T | undefined): { [P in K]?: T } =>
    v === undefined ? {} : ({ [k]: v } as { [P in K]: T });
  // An id or alignment of another kind is dropped, not refused: the text is still the text.
  const id = (x: unknown) => (typeof x === 'string' && ID.test(x) ? x : undefined);
  const align = (x: unknown) => (ALIGNS.includes(x) ? (x as Align) : undefined);
  const start = (x: unknown) => (Number.isInteger(x) && Math.abs(x as number) <= 1e9 ? (x as number) : undefined);
  const p = (x: unknown) => (x === null ? null : count(x, RECORD_LIMITS.paragraphs) ? x : refuse());
  const size = (x: unknown) => (x === undefined ? undefined : count(x, 100_000) ? x : refuse());

  const span = (x: unknown, depth: number): Span => {
    node();
    if (!isObj(x) || depth > SAVE_LIMITS.depth) return refuse();
    const spans = () => list(x.spans, (s) => span(s, depth + 1));
    switch (x.kind) {
      case 'text':
        return { kind: 'text', text: str(x.text) };
      case 'line-break':
        return { kind: 'line-break' };
      case 'image':
        if (typeof x.src !== 'string' || !/^https:\/\//i.test(x.src)) return refuse();
        return {
          kind: 'image',
          src: str(x.src, RECORD_LIMITS.url),
          alt: str(x.alt),
          ...optional('width', size(x.width)),
          ...optional('height', size(x.height)),
        };
      case 'link':
        if (!httpUrl(x.href)) return refuse();
        return { kind: 'link', href: str(x.href), spans: spans(), ...optional('id', id(x.id)) };
      case 'footnote-ref':
        // Drawn only as `href="#<target>"`: any fragment of the page is harmless there.
        return { kind: 'footnote-ref', target: str(x.target, 500), spans: spans(), ...optional('id', id(x.id)) };
      default:
        if (!STYLES.includes(x.kind as string)) return refuse();
        return { kind: x.kind as SpanStyle, spans: spans() };
    }
  };

  const block = (x: unknown, depth: number): Block => {
    node();
    if (!isObj(x) || depth > SAVE_LIMITS.depth) return refuse();
    const spans = () => list(x.spans, (s) => span(s, depth + 1));
    const blocks = (y: unknown) => list(y, (b) => block(b, depth + 1));
    /** What a paragraph and a heading share after their number and role or level, in the model's key order. */
    const lined = () => ({ spans: spans(), ...optional('align', align(x.align)), ...optional('id', id(x.id)) });
    switch (x.kind) {
      case 'paragraph':
        if (!ROLES.includes(x.role)) return refuse();
        return { kind: 'paragraph', p: p(x.p), role: x.role as ParagraphRole, ...lined() };
      case 'heading':
        if (!count(x.level, 6) || x.level < 1) return refuse();
        return { kind: 'heading', p: p(x.p), level: x.level as HeadingLevel, ...lined() };
      case 'preformatted':
        return { kind: 'preformatted', p: p(x.p), spans: spans() };
      case 'scene-break':
        return { kind: 'scene-break' };
      case 'list':
        if (typeof x.ordered !== 'boolean') return refuse();
        return { kind: 'list', ordered: x.ordered, ...optional('start', start(x.start)), items: list(x.items, blocks) };
      case 'table':
        return {
          kind: 'table',
          ...optional('caption', x.caption === undefined ? undefined : list(x.caption, (s) => span(s, depth + 1))),
          rows: list(x.rows, (row) =>
            list(row, (c): TableCell => {
              node();
              if (!isObj(c) || typeof c.header !== 'boolean') return refuse();
              return {
                header: c.header,
                blocks: blocks(c.blocks),
                ...optional('colspan', size(c.colspan)),
                ...optional('rowspan', size(c.rowspan)),
              };
            }),
          ),
        };
      case 'quote':
        return { kind: 'quote', blocks: blocks(x.blocks) };
      case 'media':
        if (x.href !== undefined && !(typeof x.href === 'string' && /^https:\/\//i.test(x.href))) return refuse();
        return {
          kind: 'media',
          p: p(x.p),
          label: str(x.label),
          ...optional('href', x.href as string | undefined),
          ...optional('align', align(x.align)),
        };
      default:
        return refuse();
    }
  };

  const note = (x: unknown): Note => {
    if (!isObj(x) || !NOTE_KINDS.includes(x.kind)) return refuse();
    return { kind: x.kind as NoteKind, blocks: list(x.blocks, (b) => block(b, 0)), text: str(x.text) };
  };
  return { str, list, block, note };
}

/** A work's tags, language and summary (what its EPUB says of it), within the record limits. */
function about(c: ReturnType<typeof checker>, x: unknown): SavedAbout {
  if (!isObj(x) || !Array.isArray(x.tags) || x.tags.length > ABOUT_TAGS) return refuse();
  const summary = x.summary;
  return {
    tags: c.list(x.tags, (t) => c.str(t, RECORD_LIMITS.name)),
    language: x.language === null ? null : c.str(x.language, 100),
    summary:
      summary === null
        ? null
        : isObj(summary)
          ? { blocks: c.list(summary.blocks, (b) => c.block(b, 0)), text: c.str(summary.text) }
          : refuse(),
  };
}

/** Tags of one work: far more than a work carries; a message with more is refused. */
const ABOUT_TAGS = 1000;

const title = (x: unknown) => (x === null ? null : typeof x === 'string' ? x.slice(0, RECORD_LIMITS.title) : refuse());

/** The request of a `save-chapters` message, rebuilt, or null when it cannot be saved as it is. */
export function normalizeChaptersToSave(x: unknown): ChaptersToSave | null {
  try {
    if (!isObj(x) || !isWebKey(x.key) || !Array.isArray(x.chapters) || !Array.isArray(x.index) || !Array.isArray(x.notes)) return null;
    if (x.chapters.length === 0 || x.chapters.length > SAVE_LIMITS.chapters || x.index.length > RECORD_LIMITS.sections) return null;
    const c = checker();
    const seen = new Set<number>();
    return {
      key: x.key,
      chapterCount: count(x.chapterCount, RECORD_LIMITS.sections) && x.chapterCount >= 1 ? x.chapterCount : null,
      posted: count(x.posted, RECORD_LIMITS.sections) && x.posted >= 1 ? x.posted : null,
      index: c.list(x.index, (e) => {
        if (!isObj(e) || !count(e.number, RECORD_LIMITS.sections) || e.number < 1 || !httpUrl(e.url)) return refuse();
        return { number: e.number, title: e.title === undefined ? null : title(e.title), url: e.url };
      }),
      notes: c.list(x.notes, c.note),
      ...(x.about === undefined ? {} : { about: about(c, x.about) }),
      chapters: c.list(x.chapters, (ch) => {
        if (!isObj(ch) || !count(ch.number, RECORD_LIMITS.sections) || ch.number < 1 || seen.has(ch.number)) return refuse();
        seen.add(ch.number);
        if (!(ch.url === null || httpUrl(ch.url)) || !count(ch.words, RECORD_LIMITS.words)) return refuse();
        const paragraphWords = c.list(ch.paragraphWords, (w) => (count(w, RECORD_LIMITS.words) ? w : refuse()));
        if (paragraphWords.length > RECORD_LIMITS.paragraphs) return refuse();
        return {
          number: ch.number,
          title: title(ch.title),
          url: ch.url,
          notes: c.list(ch.notes, c.note),
          blocks: c.list(ch.blocks, (b) => c.block(b, 0)),
          paragraphWords,
          words: ch.words,
        };
      }),
    };
  } catch (e) {
    if (e instanceof Refused || e instanceof RangeError) return null; // RangeError: a structure nested too deep to walk
    throw e;
  }
}
