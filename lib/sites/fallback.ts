/**
 * The generic fallback: Mozilla Readability on a clone of the page (it changes the document it is given),
 * its output sanitized like everything else. Used only for story URLs of supported sites whose page the
 * adapter did not recognise, never for pages known not to be readable.
 *
 * Readability itself is a parameter: the content script loads it only when a page needs it (it is a quarter
 * of the script's size), tests and tools pass the npm module (lib/sites/readability.ts).
 */

import type { Readability as ReadabilityClass, isProbablyReaderable as IsProbablyReaderable } from '@mozilla/readability';
import type { SanitizeWindow } from '../sanitize';
import { buildBody } from './body';
import { $, $$, attr, domCall, titleOf } from './page';
import type { StoryLocation, StoryPage } from './types';

export interface ReadabilityModule {
  Readability: typeof ReadabilityClass;
  isProbablyReaderable: typeof IsProbablyReaderable;
}

/** Reads a story page the adapter did not recognise; undefined when Readability finds no article. */
export type FallbackReader = (doc: Document, url: URL, win: SanitizeWindow, loc: StoryLocation) => StoryPage | undefined;

export const readabilityFallback = ({ Readability, isProbablyReaderable }: ReadabilityModule): FallbackReader => (doc, url, win, loc) => {
  const clone = domCall<Document>(doc, 'cloneNode', true);
  // Readability makes links absolute against the document's base URL: a page's <base href> would point them
  // at another host. Without <base>, the base is the page's own URL.
  for (const base of $$(clone, 'base')) domCall(base, 'remove');
  if (!isProbablyReaderable(clone)) return undefined;
  const article = new Readability(clone).parse();
  if (!article?.content) return undefined;
  const body = buildBody(article.content, win, url.href);
  if (body.paragraphs.length === 0) return undefined;

  // A site-wide <meta name="author"> (AO3's names the OTW) is not the story's author.
  const siteAuthor = attr($(doc, 'meta[name="author"]'), 'content')?.trim();
  const byline = article.byline?.trim();
  const page: StoryPage = {
    site: loc.site,
    storyId: loc.storyId,
    source: 'readability',
    url: url.href.replace(/#.*$/, ''),
    storyUrl: loc.storyUrl,
    title: article.title?.trim() || titleOf(doc),
    authors: byline && byline !== siteAuthor ? [{ name: byline }] : [],
    fandoms: [],
    warnings: [],
    categories: [],
    relationships: [],
    characters: [],
    tags: [],
    genres: [],
    notes: [],
    chapters: [],
    parts: [{ number: loc.chapter ?? 1, notes: [], ...body }],
    links: {},
    fullWork: loc.fullWork,
  };
  if (article.lang) page.language = article.lang;
  return page;
};
