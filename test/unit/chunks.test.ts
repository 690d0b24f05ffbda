import { describe, expect, it } from 'vitest';
import { chunkPath, storyFiles, storyPath, type CatalogEntry, type StoryFile } from '../../lib/catalog';
import { indexOutline, totalWords } from '../../lib/position';
import { chunkOf, chunkStory, openingChunks, renderOrder, type Block } from '../../lib/story/chunks';
import { spansText as docText } from '../../lib/doc/from-dom';
import { spansText } from '../../lib/story/inline';
import { GLASS, parsedSeed } from '../support/seeds';

const glass = parsedSeed(GLASS);

describe('chunks', () => {
  const chunks = chunkStory(glass, 50);
  it('cover every paragraph once, in order, with every heading', () => {
    const ns = chunks.flatMap((c) => c.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.p] : [])));
    expect(ns).toEqual(Array.from({ length: glass.paragraphs }, (_, i) => i));
    const headings = chunks.flatMap((c) =>
      c.blocks.flatMap((b) => (b.kind === 'heading' ? [{ text: docText(b.spans), p: b.p, id: b.id }] : [])),
    );
    expect(headings).toEqual(['I', 'II', 'III', 'IV', 'V'].map((text, i) => ({ text, p: null, id: `s${i}` })));
    expect(chunks.reduce((s, c) => s + c.words, 0)).toBe(glass.words);
  });
  it('hold at most the asked number of paragraphs', () => {
    for (const c of chunks) expect(c.last - c.first + 1).toBeLessThanOrEqual(50);
  });
  it('close early once they reach the asked number of words', () => {
    const small = chunkStory(glass, 50, 200);
    const wordsOf = glass.sections.flatMap((s) => s.scenes.flatMap((sc) => sc.paragraphs.map((p) => p.words)));
    expect(small.length).toBeGreaterThan(chunks.length);
    for (const c of small) {
      const words = c.blocks.flatMap((b) => (b.kind === 'paragraph' && b.p !== null ? [wordsOf[b.p] ?? 0] : []));
      // Closed at the first paragraph that reached the limit: without its last paragraph it was under.
      expect(words.slice(0, -1).reduce((a, w) => a + w, 0)).toBeLessThan(200);
    }
    expect(small.reduce((s, c) => s + c.words, 0)).toBe(glass.words);
  });
  it('find the chunk of a paragraph', () => {
    expect(chunkOf(chunks, 0)).toBe(0);
    const last = chunks.length - 1;
    expect(chunkOf(chunks, glass.paragraphs - 1)).toBe(last);
  });
  it('open with the reader’s chunk and the next, none past the end', () => {
    const last = chunks.length - 1;
    const mid = chunks[2]!;
    expect(openingChunks(chunks, mid.first)).toEqual([2, 3]);
    expect(openingChunks(chunks, mid.last)).toEqual([2, 3]);
    expect(openingChunks(chunks, glass.paragraphs - 1)).toEqual([last]);
    expect(openingChunks(chunks, 0)).toEqual([0, 1]);
    expect(openingChunks([], 0)).toEqual([]);
  });
  it('render outward from the reader’s chunk', () => {
    expect(renderOrder(5, 2)).toEqual([2, 3, 1, 4, 0]);
    expect(renderOrder(3, 0)).toEqual([0, 1, 2]);
  });
});

describe('story files: an outline and one file per chunk', () => {
  const entry = { id: 'glass' } as CatalogEntry;
  const files = storyFiles({ entry, story: glass });
  const outlineFile = JSON.parse(files[0]?.contents ?? '{}') as StoryFile;
  const chunkFiles = files.slice(1).map((f) => JSON.parse(f.contents) as Block[]);

  it('are the outline at data/stories/<id>.json and chunk i at data/stories/<id>/<i>.json', () => {
    expect(files.map((f) => f.path)).toEqual([storyPath('glass'), ...chunkFiles.map((_, i) => chunkPath('glass', i))]);
    expect(files[1]?.path).toBe('/data/stories/glass/0.json');
  });

  it('keep no paragraph text in the outline, and all of it in the chunks, in order', () => {
    const texts = glass.sections.flatMap((s) => s.scenes.flatMap((sc) => sc.paragraphs.map((p) => spansText(p.spans))));
    const long = texts.filter((x) => x.length > 30);
    expect(long.length).toBeGreaterThan(100);
    for (const x of long) expect(files[0]?.contents).not.toContain(x);
    const fromChunks = chunkFiles.flat().flatMap((b) => (b.kind === 'paragraph' ? [docText(b.spans)] : []));
    expect(fromChunks).toEqual(texts);
    expect(chunkFiles.flat()).toEqual(chunkStory(glass).flatMap((c) => c.blocks));
  });

  it('give the same index as the whole story: every paragraph addressed, every word counted', () => {
    const index = indexOutline(outlineFile.outline);
    const expected = glass.sections.flatMap((s) => s.scenes.flatMap((sc) => sc.paragraphs)).length;
    expect(index.address).toHaveLength(expected);
    expect(totalWords(index)).toBe(glass.words);
    const firstOfII = index.address.findIndex((a) => a.part === 1);
    expect(index.address[firstOfII]).toEqual({ part: 1, paragraph: 0 });
    for (const [i, c] of outlineFile.outline.chunks.entries()) {
      const ns = (chunkFiles[i] ?? []).flatMap((b) => (b.kind === 'paragraph' && b.p !== null ? [b.p] : []));
      expect([ns[0], ns.at(-1)]).toEqual([c.first, c.last]);
      expect(c.words).toBe(ns.reduce((sum, n) => sum + (index.words[n] ?? 0), 0));
    }
  });
});
