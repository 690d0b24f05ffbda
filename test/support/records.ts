import type { CatalogEntry } from '../../lib/catalog';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import type { Position } from '../../lib/position';
import { sites, type SiteId } from '../../lib/sites/registry';

/** Record and catalog builders shared by unit and component tests: defaults plus what a test cares about. */

/** Paragraph `paragraph` of a part (part 0 unless the patch says), at its start. */
export const paragraphAt = (paragraph: number, patch: Partial<Position> = {}): Position => ({ part: 0, paragraph, offset: 0, ...patch });

export function progressRecord(key: string, updatedAt: number, patch: Partial<ProgressRecord> = {}): ProgressRecord {
  return { key, position: paragraphAt(0), percent: 0, updatedAt, finishedAt: null, ...patch };
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

/**
 * Chapter `number` of a story, at its site's address (lib/sites/site.ts `chapterUrl`). A site that addresses
 * chapters by an id of their own (AO3) gets a made-up one (10000000 + number); FFN's ignores it.
 */
export function webChapter(site: SiteId, storyId: string, number: number, title: string | null = null): WebStoryRecord['chapter'] {
  return { number, title, url: sites.site(site).chapterUrl(storyId, number, String(10_000_000 + number)) };
}

/** A story read on AO3 (`web:ao3:<id>`) or fanfiction.net; by default one chapter, whose page is the story's. */
export function webStory(storyId: string, updatedAt: number, patch: Partial<WebStoryRecord> = {}): WebStoryRecord {
  const site = patch.site ?? 'ao3';
  const url = sites.site(site).chapterUrl(storyId, 1, '');
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

/** An AO3 work of five chapters read to chapter 2 ("Two"), every field filled in: what a restyled page reports. */
export const ao3Work = (updatedAt: number): WebStoryRecord =>
  webStory('4242424', updatedAt, {
    title: 'T',
    authors: ['a'],
    fandoms: ['f'],
    chapterCount: 5,
    words: 1000,
    chapter: webChapter('ao3', '4242424', 2, 'Two'),
  });

/** An FFN story (`web:ffn:42`) read to chapter `chapter`. */
export const ffnStory = (updatedAt: number, chapter = 2, patch: Partial<WebStoryRecord> = {}): WebStoryRecord =>
  webStory('42', updatedAt, {
    site: 'ffn',
    title: 'T',
    authors: ['A'],
    fandoms: ['F'],
    chapterCount: 3,
    chapter: webChapter('ffn', '42', chapter),
    ...patch,
  });
