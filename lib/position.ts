import { readingMinutes } from './story/counts';
import type { StoryOutline } from './story/outline';

/**
 * A reading position, the one shape every story's place is stored, sent and compared in: a paragraph and
 * how far into it the reader is, never pixels, so it survives font changes, panel resizes and restarts.
 * `part` is the section of a bundled story, or the chapter number − 1 of a story on a site (the same on a
 * chapter page and on an AO3 full-work page, which shows every chapter); `paragraph` is the paragraph's
 * index within that part; `offset` is how far into it the reader is (0 at its top, 1 at its bottom).
 * A paragraph's number across a whole bundled story is not stored: a view derives it from the story's
 * index (`paragraphOf`).
 */
export interface Position {
  part: number;
  paragraph: number;
  offset: number;
}

/**
 * The shape releases 1 to 3 stored (IndexedDB schema 1-3, backup files of format version 1): `section` is
 * what `part` is now; `n` was the paragraph's number across the story, always derived from `section` and
 * `paragraph` by the writer (for a web story it equalled `paragraph`).
 */
export interface LegacyPosition {
  section: number;
  paragraph: number;
  n: number;
  offset: number;
}

const isIndex = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

/**
 * A position of this release's shape, or one of releases 1-3 converted (`section` becomes `part`, `n` is
 * dropped: (section, paragraph) was always the address the reader opened at when it existed, n only a
 * fallback for a section that no longer existed, and every release's own code wrote the two to agree).
 * The offset is clamped to 0..1. Null for anything else: a caller decides what becomes of a record it cannot read.
 */
export function readPosition(x: unknown): Position | null {
  if (typeof x !== 'object' || x === null) return null;
  const o = x as Record<string, unknown>;
  const part = 'part' in o ? o.part : o.section;
  if (!isIndex(part) || !isIndex(o.paragraph) || typeof o.offset !== 'number' || !Number.isFinite(o.offset)) return null;
  return { part, paragraph: o.paragraph, offset: clamp01(o.offset) };
}

/** Whether two positions name the same paragraph (the offset within it aside). */
export function sameParagraph(a: Position, b: Position): boolean {
  return a.part === b.part && a.paragraph === b.paragraph;
}

/** Per-paragraph facts a view needs to turn a position into progress, computed once per story. */
export interface StoryIndex {
  /** For paragraph n (its number across the story): its part (section) and index within the part. */
  address: { part: number; paragraph: number }[];
  /** wordsBefore[n] = story words before paragraph n; wordsBefore[length] = all words. */
  wordsBefore: number[];
  /** Words of paragraph n. */
  words: number[];
}

/** The index of a story from its outline: section sizes and each paragraph's words. */
export function indexOutline(outline: Pick<StoryOutline, 'sections' | 'paragraphWords'>): StoryIndex {
  const address: StoryIndex['address'] = [];
  outline.sections.forEach((section, s) => {
    for (let i = 0; i < section.paragraphs; i++) address.push({ part: s, paragraph: i });
  });
  const words = outline.paragraphWords.slice(0, address.length);
  const wordsBefore: number[] = [0];
  for (const w of words) wordsBefore.push((wordsBefore[wordsBefore.length - 1] ?? 0) + w);
  return { address, wordsBefore, words };
}

export function totalWords(index: StoryIndex): number {
  return index.wordsBefore[index.wordsBefore.length - 1] ?? 0;
}

/** The position of paragraph n (its number across the story), clamped to the story. */
export function positionAt(index: StoryIndex, n: number, offset = 0): Position {
  const last = index.address.length - 1;
  const k = Math.min(Math.max(0, Math.trunc(n)), Math.max(0, last));
  const a = index.address[k] ?? { part: 0, paragraph: 0 };
  return { part: a.part, paragraph: a.paragraph, offset: clamp01(offset) };
}

/**
 * The paragraph number (across the story) a saved position points at. A position past the story's end
 * (its text changed) lands on the last paragraph of its part, or of the story when the part is gone.
 */
export function paragraphOf(index: StoryIndex, pos: Pick<Position, 'part' | 'paragraph'>): number {
  const exact = index.address.findIndex((a) => a.part === pos.part && a.paragraph === pos.paragraph);
  if (exact !== -1) return exact;
  const next = index.address.findIndex((a) => a.part > pos.part);
  const end = next === -1 ? index.address.length : next;
  return Math.max(0, end - 1);
}

/** Percent of the story's words read, 0 to 100; `n` is the paragraph's number across the story (`paragraphOf`). */
export function percentRead(index: StoryIndex, pos: { n: number; offset: number }): number {
  const total = totalWords(index);
  if (total === 0) return 0;
  const n = Math.min(Math.max(0, pos.n), index.words.length - 1);
  const read = (index.wordsBefore[n] ?? 0) + (index.words[n] ?? 0) * clamp01(pos.offset);
  return Math.min(100, (read / total) * 100);
}

export function minutesLeft(totalWordCount: number, percent: number): number {
  return minutesFor(totalWordCount * (1 - Math.min(100, Math.max(0, percent)) / 100));
}

/** Minutes to read `words` words: the same rounding as a story's reading time, so "19 min" and "19 min left" agree at its start. */
export function minutesFor(words: number): number {
  return words <= 0 ? 0 : readingMinutes(words);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
