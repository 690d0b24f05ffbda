import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkOf, chunkStory, renderOrder } from '../../lib/story/chunks';
import { parseStory } from '../../lib/story/parse';

const glass = (() => {
  const r = parseStory(readFileSync(new URL('../../seeds/002_9e575af7a356abc5.txt', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.story;
})();

describe('chunks', () => {
  const chunks = chunkStory(glass, 50);
  it('cover every paragraph once, in order, with every heading', () => {
    const ns = chunks.flatMap((c) => c.blocks.flatMap((b) => (b.kind === 'p' ? [b.n] : [])));
    expect(ns).toEqual(Array.from({ length: glass.paragraphs }, (_, i) => i));
    const headings = chunks.flatMap((c) => c.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : [])));
    expect(headings).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(chunks.reduce((s, c) => s + c.words, 0)).toBe(glass.words);
  });
  it('hold at most the asked number of paragraphs', () => {
    for (const c of chunks) expect(c.last - c.first + 1).toBeLessThanOrEqual(50);
  });
  it('find the chunk of a paragraph', () => {
    expect(chunkOf(chunks, 0)).toBe(0);
    const last = chunks.length - 1;
    expect(chunkOf(chunks, glass.paragraphs - 1)).toBe(last);
  });
  it('render outward from the reader’s chunk', () => {
    expect(renderOrder(5, 2)).toEqual([2, 3, 1, 4, 0]);
    expect(renderOrder(3, 0)).toEqual([0, 1, 2]);
  });
});
