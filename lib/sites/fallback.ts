/**
 * The generic fallback: Mozilla Readability on a copy of the page (it changes the document it is given),
 * its output sanitized like everything else. Used only for story URLs of supported sites whose page the
 * adapter did not recognise, never for pages known not to be readable.
 *
 * Readability itself is a parameter: the content script loads it only when a page needs it (it is a quarter
 * of the script's size), tests and tools pass the npm module (lib/sites/readability.ts).
 */

import type { Readability as ReadabilityClass, isProbablyReaderable as IsProbablyReaderable } from '@mozilla/readability';
import type { SanitizeWindow } from '../sanitize';
import { buildBody, copyBounded } from './body';
import { $, attr, domCall, domGet, titleOf } from './page';
import { noDetails, type SiteId, type StoryLocation, type StoryPage } from './types';

export interface ReadabilityModule {
  Readability: typeof ReadabilityClass;
  isProbablyReaderable: typeof IsProbablyReaderable;
}

/** Reads a story page the adapter did not recognise; undefined when Readability finds no article. */
export type FallbackReader = (doc: Document, url: URL, win: SanitizeWindow, loc: StoryLocation) => StoryPage | undefined;

/**
 * How deep the copy Readability reads may nest. Its scoring reads the text of every candidate and of its
 * ancestors, so its cost grows with nesting times text: 960 nested tables took 1.6 s of CPU in jsdom. Story
 * pages nest their text a few dozen levels at most; deeper elements are unwrapped, their content kept.
 */
const READABILITY_DEPTH = 64;

/**
 * A copy of the page for Readability, built node by node rather than by `cloneNode(true)`: that recurses
 * (deep pages overflow the stack) and copies the doctype, which jsdom refuses to clone when its name is
 * invalid (`<!DOCTYPE html&#x3e`). The page's `<base href>` is dropped (Readability makes links absolute
 * against the base URL, so a planted one would point them at another host) and the page's own URL is the base.
 */
function readableCopy(doc: Document, url: URL): Document {
  const impl = domGet<DOMImplementation>(doc, 'implementation');
  const copy = domCall<Document>(impl, 'createHTMLDocument', '');
  const root = copy.documentElement;
  root.replaceChildren();
  const pageRoot = domGet<Element | null>(doc, 'documentElement');
  if (pageRoot) {
    const lang = attr(pageRoot, 'lang');
    if (lang) root.setAttribute('lang', lang);
    copyBounded(Array.from(domGet<NodeListOf<ChildNode>>(pageRoot, 'childNodes')), root, READABILITY_DEPTH);
  }
  for (const base of Array.from(copy.querySelectorAll('base'))) base.remove();
  const head = copy.head ?? root.insertBefore(copy.createElement('head'), root.firstChild);
  const base = copy.createElement('base');
  base.href = url.href;
  head.prepend(base);
  return copy;
}

/** fanfiction.net's and FictionPress's `<title>`, one layout. */
function ffnLayoutTitle(t: string): string {
  const bare = t.replace(/ ?\| ?(?:FanFiction|FictionPress)$/i, '').trim();
  // The last ", a naruto fanfic" (a title may hold ", a " itself; a fandom name does not).
  const fanfic = /^(.*), an? [^,]+ (?:fanfic|fiction)$/i.exec(bare);
  if (!fanfic?.[1]) return bare;
  const chapter = /^(.+?) Chapter \d+(?::.*)?$/i.exec(fanfic[1].trim());
  return chapter?.[1] ? chapter[1].trim() : fanfic[1].trim();
}

/** Each site's suffix trimming: a site registered without its own does not type-check. */
const TITLE_SUFFIX: { [K in SiteId]: (t: string) => string } = {
  ffn: ffnLayoutTitle,
  fp: ffnLayoutTitle,
  ao3(t) {
    const bare = t.replace(/ ?\[Archive of Our Own\]$/i, '').trim();
    const chapter = /^(.+?) - Chapter \d+(?: - .*)?$/i.exec(bare);
    return chapter?.[1] ? chapter[1].trim() : bare;
  },
  // "{chapter} - {fiction} | Royal Road": either may hold " - ", so only the site's name goes.
  royalroad: (t) => t.replace(/ ?\| ?Royal Road$/i, '').trim(),
  spacebattles: forumTitle,
  sufficientvelocity: forumTitle,
  questionablequesting: forumTitle,
};

/** XenForo: "{thread} | Page 2 | SpaceBattles" and the like: the forum's name and the page number go. */
function forumTitle(t: string): string {
  return t
    .replace(/ ?\| ?(?:SpaceBattles|Sufficient Velocity|Questionable Questing)(?: Forums?)?$/i, '')
    .replace(/ ?\| ?Page \d+$/i, '')
    .replace(/ ?[|-] ?Reader$/i, '')
    .trim();
}

/**
 * The story's title from the one Readability found, which is the page's `<title>` with the site's suffix
 * still on: FFN "{Title} Chapter 2: {chapter}, a naruto fanfic | FanFiction" (Readability sometimes keeps
 * the "| FanFiction" too), AO3 "{Title} - Chapter 2 - {creator} - {fandom} [Archive of Our Own]". What
 * cannot be told apart is kept: on AO3 a one-shot's creator and fandom (a fandom may itself hold " - ").
 * The title is cut to 500 characters first, so no pattern here costs more than that.
 */
export function titleWithoutSite(site: SiteId, title: string): string {
  return TITLE_SUFFIX[site](title.replace(/\s+/g, ' ').trim().slice(0, 500)) || title.trim();
}

export const readabilityFallback =
  ({ Readability, isProbablyReaderable }: ReadabilityModule): FallbackReader =>
  (doc, url, win, loc) => {
    const clone = readableCopy(doc, url);
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
      title: titleWithoutSite(loc.site, article.title?.trim() || titleOf(doc)),
      authors: byline && byline !== siteAuthor ? [{ name: byline }] : [],
      ...noDetails(),
      parts: [{ number: loc.chapter ?? 1, notes: [], ...body }],
      links: {},
      fullWork: loc.fullWork,
    };
    if (article.lang) page.language = article.lang;
    return page;
  };
