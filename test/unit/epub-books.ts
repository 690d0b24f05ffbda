/**
 * Books the EPUB tests export (shared by the unit tests and the `files` tier's epubcheck run): every bundled
 * story, built from seeds/ as the build does, and web stories read from the site fixtures by the adapters.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSeedData, type SeedMeta } from '../../lib/catalog';
import type { Book } from '../../lib/epub';
import { bookFromSeed } from '../../lib/epub/from-seed';
import { bookFromWebChapters } from '../../lib/epub/from-web';
import { readPage } from '../../lib/sites';
import type { StoryPage } from '../../lib/sites/types';
import { splitStory } from '../../lib/story/outline';
import { openFicwellDB, type SavedChapterRecord } from '../../lib/db/schema';
import { bookFromSaved } from '../../lib/saved/book';
import { createSavedStore } from '../../lib/saved/store';
import { chaptersOfPage, normalizeChaptersToSave } from '../../lib/saved/store-message';
import { webStoryRecord } from '../../lib/web-progress';
import { seedLabels, webLabels } from '../../components/epub';
import { readFixture } from '../support/fixtures';
import { seedText } from '../support/seeds';
import { load } from './sites/helpers';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every bundled story as a book, with its id. */
export function seedBooks(): { id: string; book: Book }[] {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'seeds/catalog.json'), 'utf8')) as { stories: SeedMeta[] };
  return buildSeedData(catalog.stories, seedText).map(({ entry, story }) => {
    const { outline, chunks } = splitStory(story);
    return { id: entry.id, book: bookFromSeed(entry, outline, chunks, seedLabels()) };
  });
}

/** A page of test/fixtures (`ao3/full-work`) as the site adapters read it. */
export function fixturePage(name: string): StoryPage {
  const { html, url } = readFixture<unknown>(join(ROOT, 'test/fixtures', name));
  const page = load(html, url);
  const result = readPage(page.doc, page.url, page.win);
  if (result.kind !== 'story') throw new Error(`${name} is not a readable story page`);
  return result.page;
}

/** The web chapters of these fixture pages (of one story) as one book, as saved chapters would give it. */
export function webBook(...names: string[]): Book {
  const pages = names.map(fixturePage);
  const first = pages[0];
  if (!first) throw new Error('no page');
  return bookFromWebChapters(
    first,
    pages.flatMap((p) => p.parts),
    webLabels(),
  );
}

let savedDbs = 0;

/**
 * The same fixture pages as a saved work: each page's chapters sent as the restyled page sends them, rebuilt
 * as the background rebuilds them, stored in IndexedDB (fake-indexeddb here), read back and made a book the
 * way the side panel's "Download EPUB" makes it.
 */
export async function savedWebBook(...names: string[]): Promise<Book> {
  const pages = names.map(fixturePage);
  const first = pages[0];
  if (!first) throw new Error('no page');
  const name = `ficwell-epub-books-${++savedDbs}`;
  const store = createSavedStore((onVersionChange) => openFicwellDB({ name, onVersionChange }));
  for (const page of pages) {
    const request = normalizeChaptersToSave(structuredClone(chaptersOfPage(page)));
    if (!request) throw new Error('the background refused a fixture page');
    await store.save(request, Date.UTC(2026, 11, 1));
  }
  const key = chaptersOfPage(first).key;
  const outline = await store.story(key);
  if (!outline) throw new Error('nothing saved');
  const chapters = await Promise.all(outline.chapters.map((c) => store.chapter(key, c.number)));
  const story = webStoryRecord(first, { part: 0, p: 0, offset: 0 }, Date.UTC(2026, 11, 1));
  return bookFromSaved(story, outline, chapters as SavedChapterRecord[], webLabels());
}
