import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../lib/catalog';
import type { ProgressRecord } from '../../lib/db/schema';
import { formatAgo } from '../../components/format';
import { searchItems, seedItems, sortItems, webItems, type LibraryItem } from '../../lib/library';

const entry = (id: string, title: string, words: number, characters: string[], summary = ''): CatalogEntry => ({
  id, title, words, characters, summary, titleIsAuthors: true, fandom: 'Puella Magi Madoka Magica',
  source: { site: 'fanfiction.net', url: null }, warnings: [], summaryIsAuthors: false,
  readingMinutes: Math.round(words / 250), paragraphs: 10, sections: 1, excerpt: '',
});
const entries = [
  entry('a', 'Never Alone', 880, ['Kyoko Sakura', 'Sayaka Miki']),
  entry('b', 'just you and I', 9050, ['Homura Akemi'], 'Lost together in empty worlds'),
  entry('c', 'Glass Hearts', 4757, ['Sayaka Miki']),
];
const rec = (id: string, updatedAt: number, percent: number, finishedAt: number | null = null): ProgressRecord => ({
  key: `seed:${id}`, position: { section: 0, paragraph: 0, n: 0, offset: 0 }, percent, updatedAt, finishedAt,
});
const progress = new Map([['seed:b', rec('b', 200, 50)], ['seed:c', rec('c', 100, 100, 100)]]);
const items = seedItems(entries, progress);

describe('library list', () => {
  it('joins progress to entries: percent, minutes left, finished', () => {
    expect(items.map((i) => [i.id, i.percent, i.minutesLeft, i.finished])).toEqual([
      ['a', 0, 4, false],
      ['b', 50, 19, false],
      ['c', 100, 0, true],
    ]);
  });

  it.each([
    ['sayaka', ['a', 'c']],
    ['HOMURA', ['b']],
    ['empty worlds', ['b']],
    ['glass', ['c']],
    ['nothing like this', []],
  ])('search "%s"', (q, ids) => {
    expect(searchItems(items, q).map((i) => i.id)).toEqual(ids);
  });

  it('sorts by recently read (unread last, in catalog order), title and length', () => {
    expect(sortItems(items, 'recent').map((i) => i.id)).toEqual(['b', 'c', 'a']);
    expect(sortItems(items, 'title').map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(sortItems(items, 'length').map((i) => i.id)).toEqual(['a', 'c', 'b']);
  });

  it('lists web stories with their chapter and percent, searchable by author', () => {
    const web = webItems(
      [{ key: 'web:ffn:7', site: 'ffn', storyId: '7', storyUrl: 'http://www.fanfiction.net/s/7/1/', title: 'Lanterns', authors: ['quietmoth'],
        fandoms: ['Harry Potter'], chapterCount: 12, words: 50_000, chapter: { number: 7, title: null, url: 'http://www.fanfiction.net/s/7/7/' }, updatedAt: 5 }],
      new Map([['web:ffn:7', rec('x', 5, 40.6)]].map(([k, r]) => [k as string, { ...(r as ProgressRecord), key: k as string }])),
    );
    expect(web[0]).toMatchObject({ kind: 'web', chapter: { number: 7, count: 12 }, percent: 40, site: 'ffn', url: 'http://www.fanfiction.net/s/7/7/' });
    expect(searchItems(web, 'quietmoth')).toHaveLength(1);
  });

  it('says when a story was last read', () => {
    const now = Date.UTC(2026, 10, 23, 12);
    expect(formatAgo(now - 30_000, now)).toBe('just now');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAgo(now - 26 * 3600_000, now)).toBe('yesterday');
    expect(formatAgo(now - 4 * 86400_000, now)).toBe('4 days ago');
  });
});

describe("the popup's first screen (ProgressStore.recent)", () => {
  const FIRST = 12;
  let run = 0;

  /** Builds a library with these read times, and compares the popup's first screen with the whole list's head. */
  async function firstScreenMatches(webTimes: number[], seedTimes: (number | undefined)[]) {
    const { createProgressStore } = await import('../../lib/db/progress');
    const { openFicwellDB } = await import('../../lib/db/schema');
    const { deleteDB } = await import('idb');
    const name = `ficwell-first-screen-${++run}`;
    const store = createProgressStore((onVersionChange) => openFicwellDB({ name, onVersionChange }));
    for (const [i, at] of webTimes.entries()) {
      const key = `web:ao3:${i}`;
      await store.saveWeb(
        { key, site: 'ao3', storyId: String(i), storyUrl: `https://archiveofourown.org/works/${i}`, title: `W${i}`, authors: [], fandoms: [], chapterCount: 1, words: 100, chapter: { number: 1, title: null, url: `https://archiveofourown.org/works/${i}` }, updatedAt: at },
        { key, position: { section: 0, paragraph: 0, n: 0, offset: 0 }, percent: 5, updatedAt: at, finishedAt: null },
      );
    }
    for (const [i, at] of seedTimes.entries()) if (at !== undefined) await store.save(rec(entries[i]!.id, at, 5));

    const recent = await store.recent(FIRST);
    const partial = new Map(recent.progress.map((r) => [r.key, r]));
    const firstScreen = sortItems([...seedItems(entries, partial), ...webItems(recent.stories, partial)], 'recent');
    const all = new Map((await store.all()).map((r) => [r.key, r]));
    const whole = sortItems([...seedItems(entries, all), ...webItems(await store.webStories(), all)], 'recent');
    const ids = (xs: LibraryItem[]) => xs.slice(0, FIRST).map((x) => `${x.id}@${x.progress?.updatedAt ?? '-'}`);
    // Row for row, ties in read time included.
    expect(ids(firstScreen)).toEqual(ids(whole));
    expect(recent.storyCount).toBe(webTimes.length);
    await deleteDB(name);
  }

  it('draws the same first rows in the "recent" order as the whole library would, for any library', async () => {
    const fc = (await import('fast-check')).default;
    await fc.assert(
      fc.asyncProperty(
        // Read times per story (web stories and some bundled ones); repeats make ties.
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }), { minLength: 3, maxLength: 3 }),
        firstScreenMatches,
      ),
      { numRuns: 60 },
    );
  });

  it('13 stories read at the same moment (the case that property found: ties once split the two)', async () => {
    await firstScreenMatches(Array.from({ length: 10 }, () => 5), [5, 5, 5]);
  });
});
