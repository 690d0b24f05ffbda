import type { CatalogEntry } from '../../lib/catalog';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';

/** Record and catalog builders shared by unit and component tests: defaults plus what a test cares about. */

export function progressRecord(key: string, updatedAt: number, patch: Partial<ProgressRecord> = {}): ProgressRecord {
  return { key, position: { part: 0, paragraph: 0, offset: 0 }, percent: 0, updatedAt, finishedAt: null, ...patch };
}

/** A bundled story's record: `seed:<id>`. */
export const seedRecord = (id: string, updatedAt: number, percent: number, finishedAt: number | null = null) =>
  progressRecord(`seed:${id}`, updatedAt, { percent, finishedAt });

export function catalogEntry(id: string, title: string, words: number, patch: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id,
    title,
    words,
    characters: [],
    summary: '',
    titleIsAuthors: true,
    fandom: 'Puella Magi Madoka Magica',
    source: { site: 'fanfiction.net', url: null },
    warnings: [],
    summaryIsAuthors: false,
    readingMinutes: Math.round(words / 250),
    paragraphs: 10,
    sections: 1,
    excerpt: '',
    ...patch,
  };
}

/** A story read on AO3 (`web:ao3:<id>`) or fanfiction.net. */
export function webStory(storyId: string, updatedAt: number, patch: Partial<WebStoryRecord> = {}): WebStoryRecord {
  const site = patch.site ?? 'ao3';
  const url = site === 'ao3' ? `https://archiveofourown.org/works/${storyId}` : `http://www.fanfiction.net/s/${storyId}/1/`;
  return {
    key: `web:${site}:${storyId}`,
    site,
    storyId,
    storyUrl: url,
    title: `W${storyId}`,
    authors: [],
    fandoms: [],
    chapterCount: 1,
    words: 100,
    chapter: { number: 1, title: null, url },
    updatedAt,
    ...patch,
  };
}
