import { browser } from 'wxt/browser';
import { chunkPath, SLUG, storyPath, type CatalogEntry, type StoryFile } from '../lib/catalog';
import type { Block } from '../lib/story/chunks';

/** Loads the build-time data files that ship inside the extension (see modules/seeds.ts). */

async function getJson<T>(path: string): Promise<T | undefined> {
  // WXT types getURL with the files it knows of; these are generated at build time.
  const getURL = browser.runtime.getURL as (path: string) => string;
  const res = await fetch(getURL(path));
  if (!res.ok) return undefined;
  return (await res.json()) as T;
}

export async function loadCatalog(): Promise<CatalogEntry[]> {
  return (await getJson<CatalogEntry[]>('/data/catalog.json')) ?? [];
}

/** The outline of the story with this id, or undefined when no bundled story has it. */
export async function loadStory(id: string): Promise<StoryFile | undefined> {
  if (!SLUG.test(id)) return undefined;
  try {
    return await getJson<StoryFile>(storyPath(id));
  } catch {
    return undefined; // Firefox rejects the fetch of a missing packaged file instead of answering 404.
  }
}

/** The blocks of chunk `i` of a story (see lib/story/outline.ts); throws when the file cannot be read. */
export async function loadChunk(id: string, i: number): Promise<Block[]> {
  if (!SLUG.test(id) || !Number.isInteger(i) || i < 0) throw new Error(`no chunk ${i} of ${id}`);
  const blocks = await getJson<Block[]>(chunkPath(id, i));
  if (!blocks) throw new Error(`no chunk ${i} of ${id}`);
  return blocks;
}
