import { browser } from 'wxt/browser';
import type { CatalogEntry, StoryData } from '../lib/catalog';

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

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The story with this id, or undefined when no bundled story has it. */
export async function loadStory(id: string): Promise<StoryData | undefined> {
  if (!SLUG.test(id)) return undefined;
  try {
    return await getJson<StoryData>(`/data/stories/${id}.json`);
  } catch {
    return undefined; // Firefox rejects the fetch of a missing packaged file instead of answering 404.
  }
}
