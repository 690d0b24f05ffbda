/**
 * The entry points that pick a site adapter for a URL and read a page with it. The one list of supported
 * sites is lib/sites/registry.ts; their adapters are gathered in lib/sites/read.ts.
 *
 * Fallback rule: Readability runs only when the URL is a story URL of a supported site, the page is not a
 * known non-readable page (adult gate, missing story, challenge, listing) and the adapter did not recognise
 * it (the site changed its markup, say). A gate or a "Story Not Found" page has enough text for Readability
 * to "succeed" on, which is exactly what must not happen.
 */

import type { SanitizeWindow } from '../sanitize';
import { readWithReadability } from './readability';
import { readPageWith, type ReadResult } from './read';
import type { StoryPage } from './types';

export type * from './types';
export { adapterFor, adapters, parseStoryUrl, type ReadResult } from './read';

/** Reads a page, with Readability at hand for the fallback. `doc` is never changed. */
export function readPage(doc: Document, url: URL, win: SanitizeWindow): ReadResult {
  return readPageWith(doc, url, win, readWithReadability);
}

/** The page as a StoryPage, or undefined when it is not a readable chapter of a supported site. */
export function parsePage(doc: Document, url: URL, win: SanitizeWindow): StoryPage | undefined {
  const result = readPage(doc, url, win);
  return result.kind === 'story' ? result.page : undefined;
}
