import { WORDS_PER_MINUTE } from './story/counts';
import type { StoryOutline } from './story/outline';

/**
 * A reading position anchored to a paragraph, never to pixels: it survives font changes, panel resizes and
 * restarts. `section` and `paragraph` (index within the section) address the paragraph; `n` is the same
 * paragraph's number across the whole story; `offset` is how far into it the reader is (0 at its top, 1 at
 * its bottom).
 */
export interface Position {
  section: number;
  paragraph: number;
  n: number;
  offset: number;
}

/** Per-paragraph facts a view needs to turn a position into progress, computed once per story. */
export interface StoryIndex {
  /** For paragraph n: its section and index within the section. */
  address: { section: number; paragraph: number }[];
  /** wordsBefore[n] = story words before paragraph n; wordsBefore[length] = all words. */
  wordsBefore: number[];
  /** Words of paragraph n. */
  words: number[];
}

/** The index of a story from its outline: section sizes and each paragraph's words. */
export function indexOutline(outline: Pick<StoryOutline, 'sections' | 'paragraphWords'>): StoryIndex {
  const address: StoryIndex['address'] = [];
  outline.sections.forEach((section, s) => {
    for (let i = 0; i < section.paragraphs; i++) address.push({ section: s, paragraph: i });
  });
  const words = outline.paragraphWords.slice(0, address.length);
  const wordsBefore: number[] = [0];
  for (const w of words) wordsBefore.push((wordsBefore[wordsBefore.length - 1] ?? 0) + w);
  return { address, wordsBefore, words };
}

export function totalWords(index: StoryIndex): number {
  return index.wordsBefore[index.wordsBefore.length - 1] ?? 0;
}

export function positionAt(index: StoryIndex, n: number, offset = 0): Position {
  const last = index.address.length - 1;
  const k = Math.min(Math.max(0, Math.trunc(n)), Math.max(0, last));
  const a = index.address[k] ?? { section: 0, paragraph: 0 };
  return { section: a.section, paragraph: a.paragraph, n: k, offset: clamp01(offset) };
}

/**
 * The paragraph number a saved position points at in this story. Section and in-section index win over
 * `n` so that a position still lands in the right section if paragraphs were added elsewhere.
 */
export function paragraphOf(index: StoryIndex, pos: Pick<Position, 'section' | 'paragraph' | 'n'>): number {
  const exact = index.address.findIndex((a) => a.section === pos.section && a.paragraph === pos.paragraph);
  if (exact !== -1) return exact;
  return Math.min(Math.max(0, pos.n), Math.max(0, index.address.length - 1));
}

/** Percent of the story's words read, 0 to 100. */
export function percentRead(index: StoryIndex, pos: Pick<Position, 'n' | 'offset'>): number {
  const total = totalWords(index);
  if (total === 0) return 0;
  const n = Math.min(Math.max(0, pos.n), index.words.length - 1);
  const read = (index.wordsBefore[n] ?? 0) + (index.words[n] ?? 0) * clamp01(pos.offset);
  return Math.min(100, (read / total) * 100);
}

export function minutesLeft(totalWordCount: number, percent: number): number {
  const left = totalWordCount * (1 - Math.min(100, Math.max(0, percent)) / 100);
  return left <= 0 ? 0 : Math.max(1, Math.ceil(left / WORDS_PER_MINUTE));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
