import type { Block, Span } from '../doc/model';
import type { Paragraph, Story } from './model';

/**
 * What the reader draws, in order, as the one document model (lib/doc/model.ts): section headings (level 2,
 * `id` the section's, not anchorable), scene breaks, and paragraphs whose `p` is their number in the story
 * (`em` spans become emphasis spans).
 */
export type { Block } from '../doc/model';

/** A seed paragraph as a document paragraph. */
export function paragraphBlock(paragraph: Paragraph, n: number): Block {
  const spans = paragraph.spans.map(
    (s): Span => (s.em ? { kind: 'emphasis', spans: [{ kind: 'text', text: s.text }] } : { kind: 'text', text: s.text }),
  );
  return { kind: 'paragraph', p: n, role: 'text', spans };
}

/** A run of blocks rendered (or held back as a placeholder) together, so a long story opens at once. */
export interface Chunk {
  blocks: Block[];
  /** Paragraph numbers covered: first..last inclusive (last < first when the chunk holds none). */
  first: number;
  last: number;
  words: number;
}

/** A chunk holds at most this many paragraphs... */
export const CHUNK_PARAGRAPHS = 50;
/** ...and is closed early once it reaches this many words (long paragraphs are as much to draw as many short ones). */
export const CHUNK_WORDS = 1500;

/**
 * Splits a story into chunks of at most `paragraphsPerChunk` paragraphs, closed early once they reach
 * `wordsPerChunk` words.
 */
export function chunkStory(story: Story, paragraphsPerChunk = CHUNK_PARAGRAPHS, wordsPerChunk = CHUNK_WORDS): Chunk[] {
  const chunks: Chunk[] = [];
  let n = 0;
  let current: Chunk = { blocks: [], first: 0, last: -1, words: 0 };
  const push = (b: Block) => current.blocks.push(b);
  // A full chunk is closed before a heading or paragraph, so a heading always opens its section's chunk.
  const room = () => {
    if (current.last - current.first + 1 < paragraphsPerChunk && current.words < wordsPerChunk) return;
    chunks.push(current);
    current = { blocks: [], first: n, last: n - 1, words: 0 };
  };
  story.sections.forEach((section) => {
    if (section.heading) {
      room();
      push({ kind: 'heading', p: null, level: 2, id: section.id, spans: [{ kind: 'text', text: section.heading }] });
    }
    section.scenes.forEach((scene, i) => {
      if (i > 0) push({ kind: 'scene-break' });
      for (const paragraph of scene.paragraphs) {
        room();
        push(paragraphBlock(paragraph, n));
        current.last = n++;
        current.words += paragraph.words;
      }
    });
  });
  if (current.blocks.length) chunks.push(current);
  return chunks;
}

/** The chunk holding paragraph n (the first chunk when none does). */
export function chunkOf(chunks: readonly Pick<Chunk, 'first' | 'last'>[], n: number): number {
  const i = chunks.findIndex((c) => n >= c.first && n <= c.last);
  return i === -1 ? 0 : i;
}

/** Chunk indexes in the order to render them: the given one, then outward on both sides. */
export function renderOrder(count: number, from: number): number[] {
  const order: number[] = [];
  for (let d = 0; order.length < count; d++) {
    if (from + d < count) order.push(from + d);
    if (d > 0 && from - d >= 0) order.push(from - d);
  }
  return order;
}

/**
 * The chunks a reader loads before its first render: the one holding paragraph n and the next, so the text
 * below the reading line is there in the first frame; the rest (the text above included) follows later.
 */
export function openingChunks(chunks: readonly Pick<Chunk, 'first' | 'last'>[], n: number): number[] {
  const at = chunkOf(chunks, n);
  return [at, at + 1].filter((i) => i < chunks.length);
}

/**
 * Runs of paragraphs, as `[first, last]` indexes into `words` (each paragraph's words), cut as `chunkStory`
 * cuts a story; one empty run (`[0, -1]`) when there are no paragraphs.
 */
export function paragraphRuns(
  words: readonly number[],
  paragraphsPerChunk = CHUNK_PARAGRAPHS,
  wordsPerChunk = CHUNK_WORDS,
): [number, number][] {
  const runs: [number, number][] = [];
  let first = 0;
  let sum = 0;
  words.forEach((w, n) => {
    if (n > first && (n - first >= paragraphsPerChunk || sum >= wordsPerChunk)) {
      runs.push([first, n - 1]);
      first = n;
      sum = 0;
    }
    sum += w;
  });
  runs.push([first, words.length - 1]);
  return runs;
}
