import { describe, expect, expectTypeOf, it } from 'vitest';
import { formatAgo } from '../../components/format';
import { formatCount } from '../../lib/format';
import { SLUG } from '../../lib/catalog';
import {
  completeShelf,
  keepOrder,
  firstShelf,
  newerOf,
  searchItems,
  seedItems,
  shelfRows,
  shelfWithPage,
  shelfWithSave,
  sortItems,
  webItems,
  type LibraryItem,
  type SortKey,
  nextUnfinished,
} from '../../lib/library';
import type { UiState } from '../../platform/ui-state';
import { minutesLeft } from '../../lib/position';
import { readingMinutes } from '../../lib/story/counts';
import { catalogEntry, progressRecord, seedRecord as rec, webStory } from '../support/records';

const entry = (id: string, title: string, words: number, characters: string[], summary = '') =>
  catalogEntry(id, title, words, { characters, summary });
const entries = [
  entry('a', 'Never Alone', 880, ['Kyoko Sakura', 'Sayaka Miki']),
  entry('b', 'just you and I', 9050, ['Homura Akemi'], 'Lost together in empty worlds'),
  entry('c', 'Glass Hearts', 4757, ['Sayaka Miki']),
];
const progress = new Map([
  ['seed:b', rec('b', 200, 50)],
  ['seed:c', rec('c', 100, 100, 100)],
]);
const items = seedItems(entries, progress);

describe('library list', () => {
  it('joins progress to entries: percent, minutes left, finished', () => {
    expect(items.map((i) => [i.id, i.percent, i.minutesLeft, i.finished])).toEqual([
      ['a', 0, 4, false],
      ['b', 50, 18, false],
      ['c', 100, 0, true],
    ]);
  });

  it('time left at the start of a story is its reading time: one rounding rule for both', () => {
    for (const words of [1, 124, 125, 880, 4757, 9050, 100_001]) expect(minutesLeft(words, 0)).toBe(readingMinutes(words));
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
      [
        webStory('7', 5, {
          site: 'ffn',
          title: 'Lanterns',
          authors: ['quietmoth'],
          fandoms: ['Harry Potter'],
          chapterCount: 12,
          words: 50_000,
          chapter: { number: 7, title: null, url: 'http://www.fanfiction.net/s/7/7/' },
        }),
      ],
      new Map([['web:ffn:7', progressRecord('web:ffn:7', 5, { percent: 40.6 })]]),
    );
    expect(web[0]).toMatchObject({
      kind: 'web',
      chapter: { number: 7, count: 12 },
      percent: 40,
      site: 'ffn',
      url: 'http://www.fanfiction.net/s/7/7/',
    });
    expect(searchItems(web, 'quietmoth')).toHaveLength(1);
  });

  it('says when a story was last read', () => {
    const now = Date.UTC(2026, 10, 23, 12);
    expect(formatAgo(now - 30_000, now)).toBe('just now');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAgo(now - 26 * 3600_000, now)).toBe('yesterday');
    expect(formatAgo(now - 4 * 86400_000, now)).toBe('4 days ago');
    // Older: a date, from one shared formatter, the same text as toLocaleDateString gives.
    const old = now - 90 * 86400_000;
    const date = new Date(old).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
    expect(formatAgo(old, now)).toBe(date);
    expect(formatAgo(old - 86400_000, now)).not.toBe(date);
  });

  it("groups counts as the UI's English sentences do, whatever the browser's locale", () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(100_000_000)).toBe('100,000,000');
    expect(formatCount(-4500)).toBe('-4,500');
    expect(formatCount(1234.6)).toBe('1,235');
    // The same text as English's own formatter, across magnitudes.
    for (let n = 1; n < 1e15; n = n * 7 + 3) expect(formatCount(n)).toBe(new Intl.NumberFormat('en').format(n));
  });
});

describe('rows kept where they were drawn (keepOrder)', () => {
  const row = (id: string) => ({ id }) as LibraryItem;
  const ids = (rows: LibraryItem[]) => rows.map((r) => r.id);
  const drawn = new Map([
    ['a', 0],
    ['b', 1],
    ['c', 2],
  ]);
  it('gives the drawn order back whatever the new sort says', () => {
    expect(ids(keepOrder(['c', 'a', 'b'].map(row), drawn))).toEqual(['a', 'b', 'c']);
  });
  it('puts a story not drawn before where the sort puts it, and the others round it in their old order', () => {
    expect(ids(keepOrder(['c', 'new', 'a', 'b'].map(row), drawn))).toEqual(['a', 'new', 'b', 'c']);
  });
  it('leaves out what is gone and keeps every row once', () => {
    expect(ids(keepOrder(['c', 'a'].map(row), drawn))).toEqual(['a', 'c']);
    expect(ids(keepOrder([], drawn))).toEqual([]);
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
      await store.saveWeb(webStory(String(i), at), progressRecord(key, at, { percent: 5 }));
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

    // Paged (the popup): the first screen, then pages of 5 after it. At every step the rows are the whole
    // list's head, in its order; once no page follows, they are the whole list.
    const every = (xs: LibraryItem[]) => xs.map((x) => `${x.id}@${x.progress?.updatedAt ?? '-'}`);
    let shelf = firstShelf(entries, recent, 'recent');
    for (let pages = 0; ; pages++) {
      const rows = every(sortItems(shelfRows(shelf, 'recent') ?? [], 'recent'));
      expect(rows).toEqual(every(whole).slice(0, rows.length));
      if (!shelf.next) {
        expect(rows).toEqual(every(whole));
        break;
      }
      expect(pages).toBeLessThan(webTimes.length);
      shelf = shelfWithPage(shelf, await store.recent(5, shelf.next));
    }
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
    await firstScreenMatches(
      Array.from({ length: 10 }, () => 5),
      [5, 5, 5],
    );
  });
});

describe("a library view's shelf", () => {
  const recent = { progress: [rec('b', 200, 50)], stories: [webStory('1', 300)], storyCount: 2 };

  it('in the "recent" order, lists the first screen\'s records at once; in another, nothing until all are read', () => {
    const first = firstShelf(entries, recent, 'recent');
    expect(shelfRows(first, 'recent')?.map((i) => [i.id, i.percent])).toEqual([
      ['a', 0],
      ['b', 50],
      ['c', 0],
      ['web:ao3:1', 0],
    ]);
    expect(first.webCount).toBe(2); // counted before they are all read
    const byTitle = firstShelf(entries, recent, 'title');
    expect(byTitle.records.size).toBe(0);
    expect(shelfRows(byTitle, 'title')).toBeNull();
    expect(shelfRows(completeShelf(byTitle, [rec('b', 200, 50)], []), 'title')?.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a save heard while the whole library was read when it is newer than what was read', () => {
    const first = firstShelf(entries, recent, 'recent');
    const heard = shelfWithSave(first, rec('b', 900, 70));
    const all = completeShelf(heard, [rec('b', 200, 50), rec('c', 100, 100, 100)], [webStory('1', 300), webStory('2', 50)]);
    expect(all.records.get('seed:b')?.percent).toBe(70);
    expect(all.records.get('seed:c')?.percent).toBe(100);
    expect([all.complete, all.webCount, all.web.size]).toEqual([true, 2, 2]);
  });

  it('counts a web story first heard after everything was read', () => {
    const all = completeShelf(firstShelf(entries, recent, 'recent'), [], [webStory('1', 300)]);
    const heard = shelfWithSave(all, progressRecord('web:ao3:9', 1000), webStory('9', 1000));
    expect(heard.webCount).toBe(2);
    expect(sortItems(shelfRows(heard, 'recent') ?? [], 'recent')[0]?.id).toBe('web:ao3:9');
  });

  it('newerOf keeps the newer record of each key', () => {
    const a = new Map([
      ['k', { updatedAt: 2 }],
      ['x', { updatedAt: 1 }],
    ]);
    const b = new Map([
      ['k', { updatedAt: 1 }],
      ['x', { updatedAt: 3 }],
      ['y', { updatedAt: 0 }],
    ]);
    expect(Object.fromEntries(newerOf(a, b))).toEqual({ k: { updatedAt: 2 }, x: { updatedAt: 3 }, y: { updatedAt: 0 } });
  });

  it('stores the same sort keys the list sorts by', () => {
    expectTypeOf<UiState['sort']>().toEqualTypeOf<SortKey>();
  });
});

describe('story ids', () => {
  it.each(['glass-hearts', 'a', 'x2-y3'])('%s is a slug', (id) => expect(SLUG.test(id)).toBe(true));
  it.each(['', 'Glass', 'a--b', '-a', 'a-', '../x', 'a b', 'é'])('%j is not', (id) => expect(SLUG.test(id)).toBe(false));
});

describe('the story offered at the end', () => {
  it('is the next unfinished one in catalog order, wrapping round, never the story just read', () => {
    expect(nextUnfinished(entries, progress, 'a')?.id).toBe('b');
    expect(nextUnfinished(entries, progress, 'b')?.id).toBe('a'); // c is finished: round to a
    expect(nextUnfinished(entries, progress, 'c')?.id).toBe('a');
    const allRead = new Map(entries.map((e) => [`seed:${e.id}`, rec(e.id, 1, 100, 1)]));
    expect(nextUnfinished(entries, allRead, 'a')).toBeNull();
  });
});
