import { readFileSync } from 'node:fs';
import { deleteDB, type IDBPDatabase } from 'idb';
import { fixtureStory } from '../../support/fixtures';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createProgressStore } from '../../../lib/db/progress';
import { openFicwellDB, type ProgressRecord, type SavedChapterRecord, type WebStoryRecord } from '../../../lib/db/schema';
import type { Block } from '../../../lib/doc/model';
import { indexOutline, positionAt, type LegacyPosition } from '../../../lib/position';
import { createSavedStore, newChapters } from '../../../lib/saved/store';
import { chaptersOfPage, inBatches, normalizeChaptersToSave, SAVE_LIMITS } from '../../../lib/saved/store-message';
import { bookChunk, bookChunks, bookPercent, bookWordsLeft, renumber, savedBook, type BookText } from '../../../lib/saved/store-outline';
import { anchorOnPage, positionOnPage, webPercent, webStoryRecord } from '../../../lib/web-progress';

let n = 0;
const fresh = () => `ficwell-saved-test-${++n}`;
afterEach(async () => {
  for (let i = 1; i <= n; i++) await deleteDB(`ficwell-saved-test-${i}`);
});
const open = (name: string) => (onVersionChange: () => void) => openFicwellDB({ name, onVersionChange });

const TEXT: BookText = {
  chapter: (c) => `Chapter ${c}`,
  missing: 'Not saved.',
  readOnSite: 'Read it on the site',
  note: (kind) => `Notes (${kind})`,
};
const NOW = 1_764_000_000_000;

describe('migration 5: saved chapters', () => {
  const v3 = JSON.parse(readFileSync(new URL('../../fixtures/db/v3.json', import.meta.url), 'utf8')) as {
    progress: (Omit<ProgressRecord, 'position'> & { position: LegacyPosition })[];
    webStories: WebStoryRecord[];
  };
  // Release 4's records: release 3's, with the positions migration 4 wrote ({part, paragraph, offset}).
  const v4progress: ProgressRecord[] = v3.progress.map(({ position: { section, paragraph, offset }, ...r }) => ({
    ...r,
    position: { part: section, paragraph, offset },
  }));

  it('a database written by version 4 upgrades with every position and web story kept, and empty saved stores', async () => {
    const name = fresh();
    // Untyped: version 4 and 5 have a store (webStories) this release's schema no longer names.
    const v4 = (await openFicwellDB({ name, version: 4 })) as unknown as IDBPDatabase;
    expect([...v4.objectStoreNames].sort()).toEqual(['progress', 'webStories']);
    for (const r of v4progress) await v4.put('progress', r);
    for (const s of v3.webStories) await v4.put('webStories', s);
    v4.close();

    const db = (await openFicwellDB({ name, version: 5 })) as unknown as IDBPDatabase;
    expect(db.version).toBe(5);
    expect([...db.objectStoreNames].sort()).toEqual(['progress', 'savedChapters', 'savedStories', 'webStories']);
    const byKey = <T extends { key: string }>(rs: T[]) => [...rs].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey(await db.getAll('progress'))).toEqual(byKey(v4progress));
    expect(byKey(await db.getAll('webStories'))).toEqual(byKey(v3.webStories));
    expect(await db.count('savedChapters')).toBe(0);
    db.close();
  });
});

describe('saved chapters', () => {
  it('an AO3 full work is saved chapter by chapter as its document model, plain data, and read back the same', async () => {
    const page = fixtureStory('ao3/full-work');
    expect(page.parts.length).toBeGreaterThan(1);
    const request = normalizeChaptersToSave(chaptersOfPage(page));
    // What the background rebuilds from the message is exactly what the page sent.
    expect(request).toEqual(chaptersOfPage(page));
    const store = createSavedStore(open(fresh()));
    await store.save(request as NonNullable<typeof request>, NOW);
    for (const part of page.parts) {
      const stored = (await store.chapter(request?.key as string, part.number)) as SavedChapterRecord;
      expect(stored).toEqual({
        key: 'web:ao3:4242424',
        number: part.number,
        title: part.title ?? null,
        url: part.url ?? null,
        notes: part.notes,
        blocks: part.blocks,
        words: part.words,
        savedAt: NOW,
      });
      expect(structuredClone(stored)).toEqual(stored);
      expect(JSON.stringify(stored)).not.toMatch(/<[a-z]/i);
    }
    const outline = await store.story('web:ao3:4242424');
    expect(structuredClone(outline)).toEqual(outline);
    expect(outline?.chapters.map((c) => c.number)).toEqual(page.parts.map((p) => p.number));
    const [summary] = await store.summaries();
    expect(summary?.chapters).toBe(page.parts.length);
    expect(summary?.bytes).toBeGreaterThan(JSON.stringify(page.parts.map((p) => p.blocks)).length);
  });

  it('chapters saved from two pages add up; deleting the copy keeps the position and the library record', async () => {
    const name = fresh();
    const page = fixtureStory('ffn/middle-chapter');
    const store = createSavedStore(open(name));
    const progress = createProgressStore(open(name));
    const at = { part: 0, p: 2, offset: 0 };
    await progress.saveWeb(webStoryRecord(page, at, NOW), {
      key: 'web:ffn:1234567',
      position: positionOnPage(page, at),
      percent: 40,
      updatedAt: NOW,
      finishedAt: null,
    });
    const two = chaptersOfPage(page);
    await store.save(two, NOW);
    const chapter = two.chapters[0];
    if (!chapter) throw new Error('no chapter');
    await store.save({ ...two, chapters: [{ ...chapter, number: 3 }] }, NOW + 1);
    expect((await store.story(two.key))?.chapters.map((c) => c.number)).toEqual([2, 3]);

    await store.remove(two.key);
    expect(await store.story(two.key)).toBeUndefined();
    expect(await store.chapter(two.key, 2)).toBeUndefined();
    expect(await store.summaries()).toEqual([]);
    expect((await progress.get(two.key))?.position).toEqual({ part: 1, paragraph: 2, offset: 0 });
    expect(await progress.webStory(two.key)).toBeDefined();
  });

  it('a page showing more posted chapters than the copy knew marks the new ones; saving each takes it off', async () => {
    const store = createSavedStore(open(fresh()));
    const page = fixtureStory('ffn/middle-chapter'); // chapter 2 of 3
    const key = 'web:ffn:1234567';
    const news = async () => (await store.summaries()).find((s) => s.key === key)?.newChapters;
    await store.save(chaptersOfPage(page), NOW);
    expect((await store.story(key))?.posted).toBe(3);
    expect(await news()).toBe(0); // a first save knows of nothing before it: nothing is new

    // The author posted two chapters: the same chapter page now says 5.
    const grown = { ...page, chapterCount: 5, chaptersPosted: 5 };
    await store.save(chaptersOfPage(grown), NOW + 1);
    expect((await store.story(key))?.newFrom).toBe(4);
    expect(await news()).toBe(2);
    // Chapter 3, not saved but not new, is not counted; chapter 4 read (saved) leaves one.
    const one = chaptersOfPage(grown);
    const part = one.chapters[0];
    if (!part) throw new Error('no chapter');
    await store.save({ ...one, chapters: [{ ...part, number: 4 }] }, NOW + 2);
    expect(await news()).toBe(1);
    // One more posted meanwhile, seen on chapter 4's page: 5 and 6 are new.
    await store.save({ ...chaptersOfPage({ ...grown, chaptersPosted: 6, chapterCount: 6 }), chapters: [{ ...part, number: 4 }] }, NOW + 3);
    expect(await news()).toBe(2);
    await store.save(
      {
        ...one,
        posted: 6,
        chapters: [
          { ...part, number: 5 },
          { ...part, number: 6 },
        ],
      },
      NOW + 4,
    );
    expect(await news()).toBe(0);
    expect((await store.story(key))?.newFrom).toBeUndefined();
  });

  it('no new chapters from a planned count that grew (AO3 5/10 to 5/12), a page that says no count, or a copy saved before counts were kept', async () => {
    const store = createSavedStore(open(fresh()));
    const page = fixtureStory('ao3/middle-chapter');
    const request = chaptersOfPage({ ...page, chaptersPosted: 5, chapterCount: 10 });
    await store.save(request, NOW);
    await store.save(chaptersOfPage({ ...page, chaptersPosted: 5, chapterCount: 12 }), NOW + 1);
    expect((await store.summaries())[0]?.newChapters).toBe(0);
    await store.save({ ...request, posted: null }, NOW + 2);
    expect((await store.story(request.key))?.posted).toBe(5);
    expect((await store.summaries())[0]?.newChapters).toBe(0);

    // A copy from before `posted` was kept learns the count from its next page without marking anything.
    const old = await store.story(request.key);
    if (!old) throw new Error('not saved');
    const { posted: _, ...before } = old;
    expect(newChapters(before)).toBe(0);
    const other = createSavedStore(open(fresh()));
    await other.save({ ...request, posted: null }, NOW);
    expect((await other.story(request.key))?.posted).toBeNull();
    await other.save({ ...request, posted: 7 }, NOW + 1);
    expect((await other.summaries())[0]?.newChapters).toBe(0);
    expect((await other.story(request.key))?.posted).toBe(7);
  });

  it('a work’s tags, language and summary in a message are rebuilt like the chapters, or the message refused', () => {
    const request = chaptersOfPage(fixtureStory('ao3/full-work'));
    const about = request.about;
    if (!about) throw new Error('no about');
    expect(about.tags.length).toBeGreaterThan(0);
    expect(normalizeChaptersToSave(request)?.about).toEqual(about);
    const script = { kind: 'paragraph', p: null, role: 'text', spans: [{ kind: 'text', text: 'x' }], onclick: 'alert(1)' };
    expect(normalizeChaptersToSave({ ...request, about: { ...about, summary: { blocks: [script], text: 'x' } } })?.about?.summary).toEqual({
      blocks: [{ kind: 'paragraph', p: null, role: 'text', spans: [{ kind: 'text', text: 'x' }] }],
      text: 'x',
    });
    expect(normalizeChaptersToSave({ ...request, about: { ...about, tags: [{ toString: () => 'x' }] } })).toBeNull();
    expect(normalizeChaptersToSave({ ...request, about: { ...about, tags: Array(1001).fill('t') } })).toBeNull();
    expect(normalizeChaptersToSave({ ...request, about: { ...about, summary: '<b>x</b>' } })).toBeNull();
    expect(normalizeChaptersToSave({ ...request, about: undefined })?.about).toBeUndefined();
  });

  it('the posted count in a message is checked like the others', () => {
    const request = chaptersOfPage(fixtureStory('ffn/middle-chapter'));
    expect(normalizeChaptersToSave({ ...request, posted: -1 })?.posted).toBeNull();
    expect(normalizeChaptersToSave({ ...request, posted: 'many' })?.posted).toBeNull();
    expect(normalizeChaptersToSave({ ...request, posted: 1e12 })?.posted).toBeNull();
    expect(normalizeChaptersToSave({ ...request, posted: undefined })?.posted).toBeNull();
    expect(normalizeChaptersToSave(request)?.posted).toBe(3);
  });

  it('a failed write (the disk full) leaves what was saved before, whole', async () => {
    const name = fresh();
    const page = fixtureStory('ao3/full-work');
    const store = createSavedStore(open(name));
    await store.save(chaptersOfPage(page), NOW);
    const before = await store.story('web:ao3:4242424');
    // A chapter IndexedDB cannot clone stands in for a write the browser refuses: the transaction aborts.
    const broken = chaptersOfPage(page);
    const first = broken.chapters[0];
    if (!first) throw new Error('no chapter');
    broken.chapters = [
      { ...first, title: 'New title' },
      { ...first, number: 99, blocks: [() => 0] as never },
    ];
    await expect(store.save(broken, NOW + 1)).rejects.toThrow();
    expect(await store.story('web:ao3:4242424')).toEqual(before);
    expect((await store.chapter('web:ao3:4242424', first.number))?.title).toBe(first.title);
  });

  it('types the chapter store from the schema', () => {
    expectTypeOf<SavedChapterRecord['blocks']>().toEqualTypeOf<Block[]>();
  });
});

describe('the saved-chapters message', () => {
  const page = fixtureStory('ffn/middle-chapter');
  const base = chaptersOfPage(page);
  const withBlocks = (blocks: unknown) => ({ ...base, chapters: [{ ...base.chapters[0], blocks }] });

  it('keeps only the model: unknown fields are dropped, ids of another kind are dropped', () => {
    const got = normalizeChaptersToSave(
      withBlocks([{ kind: 'paragraph', p: 0, role: 'text', id: 'app', onclick: 'x()', spans: [{ kind: 'text', text: 'a', html: '<b>' }] }]),
    );
    expect(got?.chapters[0]?.blocks).toEqual([{ kind: 'paragraph', p: 0, role: 'text', spans: [{ kind: 'text', text: 'a' }] }]);
  });

  it.each([
    ['an unknown block', [{ kind: 'script', text: 'x' }]],
    ['a data: image', [{ kind: 'paragraph', p: 0, role: 'text', spans: [{ kind: 'image', src: 'data:image/png;base64,AA', alt: '' }] }]],
    ['a javascript: link', [{ kind: 'paragraph', p: 0, role: 'text', spans: [{ kind: 'link', href: 'javascript:x', spans: [] }] }]],
    ['an http media link', [{ kind: 'media', p: 0, label: 'Video', href: 'http://x.example/' }]],
    ['a string of HTML', '<p>hello</p>'],
    ['a notes block (Ficwell draws those, a page never sends one)', [{ kind: 'notes', label: 'Chapter notes', blocks: [] }]],
    ['a paragraph number that is no number', [{ kind: 'paragraph', p: '1', role: 'text', spans: [] }]],
  ])('refuses %s', (_what, blocks) => {
    expect(normalizeChaptersToSave(withBlocks(blocks))).toBeNull();
  });

  it('refuses a message over the caps, and a key that is not a web story', () => {
    const deep = (d: number): unknown => (d === 0 ? { kind: 'scene-break' } : { kind: 'quote', blocks: [deep(d - 1)] });
    expect(normalizeChaptersToSave(withBlocks([deep(SAVE_LIMITS.depth + 5)]))).toBeNull();
    expect(normalizeChaptersToSave(withBlocks([deep(SAVE_LIMITS.depth - 1)]))).not.toBeNull();
    const long = { kind: 'paragraph', p: 0, role: 'text', spans: [{ kind: 'text', text: 'x'.repeat(SAVE_LIMITS.chars / 2 + 1) }] };
    expect(normalizeChaptersToSave(withBlocks([long, long]))).toBeNull();
    expect(normalizeChaptersToSave({ ...base, key: 'seed:never-alone' })).toBeNull();
    expect(normalizeChaptersToSave({ ...base, chapters: [] })).toBeNull();
    expect(normalizeChaptersToSave({ ...base, chapters: [base.chapters[0], base.chapters[0]] })).toBeNull();
  });
});

describe("a page's chapters in batches", () => {
  const work = chaptersOfPage(fixtureStory('ao3/full-work'));
  const lengths = work.chapters.map((c) => c.paragraphWords.length);

  it("sends whole chapters, each once and in order, about so many paragraphs a batch, each with the story's fields", () => {
    expect(work.chapters.length).toBeGreaterThan(2);
    const max = Math.max(...lengths.slice(0, 2)) + 1;
    const batches = inBatches(work, max);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flatMap((b) => b.chapters)).toEqual(work.chapters);
    for (const b of batches) {
      expect(b.chapters.length).toBeGreaterThan(0);
      // Over the size only when one chapter is longer than it by itself.
      const size = b.chapters.reduce((n, c) => n + c.paragraphWords.length, 0);
      expect(size <= max || b.chapters.length === 1).toBe(true);
      expect({ ...b, chapters: [] }).toEqual({ ...work, chapters: [] });
      expect(normalizeChaptersToSave(b)).not.toBeNull();
    }
  });

  it('sends a page of fewer paragraphs, or one chapter, as one message', () => {
    expect(inBatches(work)).toEqual([work]);
    const one = { ...work, chapters: work.chapters.slice(0, 1) };
    expect(inBatches(one, 1)).toEqual([one]);
  });
});

describe('a saved story in the side panel reader', () => {
  const page = fixtureStory('ffn/middle-chapter');
  const at = { part: 0, p: 4, offset: 0.5 };
  const story = webStoryRecord(page, at, NOW);

  async function book() {
    const store = createSavedStore(open(fresh()));
    await store.save(chaptersOfPage(page), NOW);
    const saved = await store.story(story.key);
    if (!saved) throw new Error('not saved');
    return { store, book: savedBook(story, saved, TEXT) };
  }

  it('has a section per chapter: the positions it reports are the restyled page’s, and the page’s open there', async () => {
    const { book: b } = await book();
    expect(b.file.outline.sections.map((s) => s.heading)).toEqual(['Chapter 1: Departure', 'Chapter 2: Crossroads', 'Chapter 3: Arrival']);
    expect(b.saved).toEqual([false, true, false]);
    const index = indexOutline(b.file.outline);
    const n = (b.firsts[1] ?? 0) + at.p;
    const position = positionAt(index, n, at.offset);
    expect(position).toEqual(positionOnPage(page, at));
    expect(anchorOnPage(page, { key: story.key, position, percent: 0, updatedAt: NOW, finishedAt: null })).toEqual(at);
    expect(bookPercent(b, story.chapterCount, position)).toBeCloseTo(webPercent(page, at), 6);
  });

  /** Paragraph numbers in blocks, in order, through the blocks that hold others. */
  const numbers = (bs: readonly Block[]): number[] =>
    bs.flatMap((x): number[] => {
      if (x.kind === 'quote' || x.kind === 'notes') return numbers(x.blocks);
      if (x.kind === 'list') return x.items.flatMap(numbers);
      return 'p' in x && x.p !== null ? [x.p] : [];
    });

  it('counts what is left by chapters, as the percent is counted: the rest of the chapter read and the saved ones after it', async () => {
    const { book: b } = await book();
    const words = b.file.outline.sections[1]?.words ?? 0;
    expect(words).toBeGreaterThan(0);
    const start = bookPercent(b, story.chapterCount, { part: 1, paragraph: 0, offset: 0 });
    expect(start).toBeCloseTo(100 / 3, 6);
    expect(bookWordsLeft(b, story.chapterCount, start, 1)).toBeCloseTo(words, 6);
    expect(bookWordsLeft(b, story.chapterCount, 50, 1)).toBeCloseTo(words / 2, 6);
    expect(bookWordsLeft(b, story.chapterCount, 100 / 3, 0)).toBe(words); // end of chapter 1 (not saved)
    expect(bookWordsLeft(b, story.chapterCount, 100, 2)).toBe(0);
  });

  it('a saved chapter’s paragraphs are numbered across the book; a missing one links to the site', async () => {
    const { store, book: b } = await book();
    // A chapter this short is one chunk: the chunks are chapters 1, 2 and 3.
    expect(b.pieces.map((x) => x.chapter)).toEqual([0, 1, 2]);
    const chunk = bookChunk(b, 1, await store.chapter(story.key, 2), TEXT);
    const first = b.firsts[1] ?? 0;
    expect(numbers(chunk)).toEqual(page.parts[0]?.paragraphs.map((_, i) => first + i));
    const missing = bookChunk(b, 2, undefined, TEXT);
    expect(missing[1]).toEqual({
      kind: 'paragraph',
      p: b.firsts[2],
      role: 'text',
      spans: [
        { kind: 'text', text: 'Not saved.' },
        { kind: 'text', text: ' ' },
        { kind: 'link', href: page.chapters[2]?.url, spans: [{ kind: 'text', text: 'Read it on the site' }] },
      ],
    });
  });

  it('a long chapter is cut into chunks of a bundled story’s size, read once, its heading and notes at its ends', async () => {
    const para = (p: number, words: number): Block => ({
      kind: 'paragraph',
      p,
      role: 'text',
      spans: [{ kind: 'text', text: 'word '.repeat(words).trim() }],
    });
    // 120 paragraphs of 10 words, then 10 of 200 (1,500 words close a chunk early); paragraphs 49 and 50
    // are in one list, across the first cut; a scene break after paragraph 99.
    const blocks: Block[] = [];
    for (let p = 0; p < 130; p++) {
      if (p === 49) blocks.push({ kind: 'list', ordered: false, items: [[para(49, 10)], [para(50, 10)]] });
      else if (p !== 50) blocks.push(para(p, p < 120 ? 10 : 200));
      if (p === 99) blocks.push({ kind: 'scene-break' });
    }
    const words = Array.from({ length: 130 }, (_, p) => (p < 120 ? 10 : 200));
    const request = chaptersOfPage(page);
    const [chapter] = request.chapters;
    if (!chapter) throw new Error('no chapter');
    const note = (kind: 'chapter-notes' | 'chapter-end-notes') => ({ kind, blocks: [{ ...para(0, 1), p: null }], text: kind });
    request.chapters = [
      { ...chapter, blocks, paragraphWords: words, words: 130 * 10 + 10 * 190, notes: [note('chapter-notes'), note('chapter-end-notes')] },
    ];
    const store = createSavedStore(open(fresh()));
    await store.save(request, NOW);
    const saved = await store.story(story.key);
    if (!saved) throw new Error('not saved');
    const b = savedBook(story, saved, TEXT);
    const own = b.pieces.filter((x) => x.chapter === 1);
    expect(own.map((x) => [x.first, x.last])).toEqual([
      [0, 49],
      [50, 99],
      [100, 126],
      [127, 129],
    ]);
    expect(b.file.outline.chunks.length).toBe(b.pieces.length);
    let reads = 0;
    const chunkOf = bookChunks(
      b,
      (n) => {
        reads++;
        return store.chapter(story.key, n);
      },
      TEXT,
    );
    const ks = b.pieces.flatMap((x, k) => (x.chapter === 1 ? [k] : []));
    const chunks = await Promise.all(ks.map(chunkOf));
    expect(reads).toBe(1);
    const first = b.firsts[1] ?? 0;
    // Together the chunks are the chapter as one: heading, its notes, the text, its end notes.
    const whole = chunks.flat();
    expect(whole[0]).toMatchObject({ kind: 'heading', spans: [{ text: 'Chapter 2: Crossroads' }] });
    expect(numbers(whole)).toEqual(words.map((_, i) => first + i));
    expect(whole.filter((x) => x.kind === 'scene-break')).toHaveLength(1);
    // The chapter's notes open its first chunk and its end notes close its last, each under the label the
    // restyled view gives it.
    const labels = (c: Block[]) => c.flatMap((x) => (x.kind === 'notes' ? [x.label] : []));
    expect(chunks.map(labels)).toEqual([['Notes (chapter-notes)'], [], [], ['Notes (chapter-end-notes)']]);
    expect(chunks[0]?.[1]).toMatchObject({ kind: 'notes', blocks: [{ kind: 'paragraph' }] });
    expect(chunks.at(-1)?.at(-1)).toMatchObject({ kind: 'notes' });
    // The list crossing the first cut stays whole, in the chunk of its first paragraph.
    expect(numbers(chunks[0] ?? []).at(-1)).toBe(first + 50);
    expect(numbers(chunks[1] ?? [])[0]).toBe(first + 51);
    // A later opening reads the record again: nothing is kept once every chunk is handed out.
    await chunkOf(ks[0] ?? 0);
    expect(reads).toBe(2);
  });

  it('renumbers inside lists, tables, quotes and notes, and leaves what is not anchorable', () => {
    const blocks: Block[] = [
      { kind: 'list', ordered: false, items: [[{ kind: 'paragraph', p: 0, role: 'text', spans: [] }]] },
      { kind: 'table', rows: [[{ header: false, blocks: [{ kind: 'paragraph', p: 1, role: 'text', spans: [] }] }]] },
      { kind: 'quote', blocks: [{ kind: 'heading', p: null, level: 3, spans: [] }] },
      { kind: 'notes', label: 'Chapter notes', blocks: [{ kind: 'paragraph', p: 2, role: 'text', spans: [] }] },
    ];
    expect(JSON.stringify(renumber(blocks, 10))).toBe(
      JSON.stringify(blocks).replace('"p":2,', '"p":12,').replace('"p":1,', '"p":11,').replace('"p":0,', '"p":10,'),
    );
  });
});
