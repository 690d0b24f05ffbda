/**
 * The library record of a web story is merged field by field (lib/db/progress.ts `mergeWebStory`): visiting
 * the m.fanfiction.net copy of a story, which says less, must not replace what the desktop page said.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgressStore, mergeWebStory } from '../../../lib/db/progress';
import { openFicwellDB, type WebStoryRecord } from '../../../lib/db/schema';
import { readPage } from '../../../lib/sites';
import type { StoryPage } from '../../../lib/sites/types';
import { webProgressRecord, webStoryRecord } from '../../../lib/web-progress';
import { load } from '../sites/helpers';
import { webStory } from '../../support/records';

const NAME = 'ficwell-merge-test';
afterEach(() => deleteDB(NAME));

function fixturePage(name: string): StoryPage {
  const dir = join(__dirname, '..', '..', 'fixtures', name);
  const page = load(readFileSync(join(dir, 'source.html'), 'utf8'), readFileSync(join(dir, 'url.txt'), 'utf8').trim());
  const result = readPage(page.doc, page.url, page.win);
  if (result.kind !== 'story') throw new Error(`${name} not read`);
  return result.page;
}

const record = (over: Partial<WebStoryRecord> = {}): WebStoryRecord =>
  webStory('1', 100, {
    site: 'ffn',
    storyUrl: 'https://www.fanfiction.net/s/1/1/T',
    title: 'T',
    authors: ['A'],
    fandoms: ['F'],
    chapterCount: 12,
    words: 5000,
    chapter: { number: 3, title: 'Three', url: 'https://www.fanfiction.net/s/1/3/T' },
    ...over,
  });

describe('mergeWebStory', () => {
  it('keeps every stored fact the newer record does not know', () => {
    const incoming = record({
      authors: [],
      fandoms: [],
      title: '',
      chapterCount: null,
      words: null,
      updatedAt: 200,
      chapter: { number: 3, title: null, url: 'https://m.fanfiction.net/s/1/3/T' },
    });
    expect(mergeWebStory(record(), incoming)).toEqual(
      record({
        updatedAt: 200,
        chapter: { number: 3, title: 'Three', url: 'https://m.fanfiction.net/s/1/3/T' },
      }),
    );
  });

  it('takes what the newer record knows, and where to continue', () => {
    const incoming = record({ chapterCount: 13, words: 5400, title: 'T2', updatedAt: 200, chapter: { number: 4, title: null, url: 'u4' } });
    // Chapter 4 has no title of its own: chapter 3's is not carried over.
    expect(mergeWebStory(record(), incoming)).toEqual(incoming);
  });

  it('takes a chapter count below the chapter being read for unknown ("Chapter 5 of 1")', () => {
    const incoming = record({ chapterCount: 1, updatedAt: 200, chapter: { number: 5, title: null, url: 'u5' } });
    expect(mergeWebStory(record(), incoming).chapterCount).toBe(12);
  });

  it('an older record changes nothing the stored one knows, and fills what it does not', () => {
    const stored = record({ words: null, updatedAt: 300 });
    expect(mergeWebStory(stored, record({ updatedAt: 100, chapter: { number: 1, title: null, url: 'u1' } }))).toEqual(
      record({ updatedAt: 300 }),
    );
  });

  it('a stored record dated in the future loses to a real one', () => {
    const stored = record({ updatedAt: 1_000 + 6 * 60 * 1000 }); // beyond the five minutes of clock skew allowed
    const incoming = record({ updatedAt: 200, chapter: { number: 5, title: null, url: 'u5' } });
    expect(mergeWebStory(stored, incoming, 1_000).chapter.number).toBe(5);
  });
});

describe('saveWeb with the desktop and the mobile page of one story', () => {
  it('reading the m. copy after the desktop page keeps the chapter count and the word count', async () => {
    const store = createProgressStore((onVersionChange) => openFicwellDB({ name: NAME, onVersionChange }));
    const desktop = fixturePage('ffn/middle-chapter');
    const mobile = fixturePage('ffn/mobile');
    expect(mobile.storyId).toBe(desktop.storyId);
    // What the m. page itself says: no word count, no chapter count.
    expect(mobile.words).toBeUndefined();
    expect(mobile.chapterCount).toBeUndefined();

    const at = { part: 0, p: 1, offset: 0 };
    await store.saveWeb(webStoryRecord(desktop, at, 1000), webProgressRecord(desktop, at, false, 1000));
    await store.saveWeb(webStoryRecord(mobile, at, 2000), webProgressRecord(mobile, at, false, 2000));

    const [stored] = await store.webStories();
    expect(stored).toEqual({
      key: 'web:ffn:1234567',
      site: 'ffn',
      storyId: '1234567',
      storyUrl: 'https://www.fanfiction.net/s/1234567/1/The-Lantern-Road',
      title: 'The Lantern Road',
      authors: ['quietmoth'],
      fandoms: ['Harry Potter'],
      // From the desktop page: "Chapters: 3 - Words: 9,876".
      chapterCount: 3,
      words: 9876,
      // Where to continue is the newest visit's; the chapter title only the desktop menu gave.
      chapter: { number: 2, title: 'Crossroads', url: 'https://m.fanfiction.net/s/1234567/2/The-Lantern-Road' },
      updatedAt: 2000,
      // From the desktop page's header ("Rated: T"), which the m. page's does not say; FFN has no warnings.
      rating: 'T',
      summary: 'Placeholder summary of the story. It has two sentences.',
    });
  });
});
