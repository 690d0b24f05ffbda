/**
 * Royal Road chapter pages. Page structure: test/fixtures/royalroad/.
 *
 * The author's notes stand in portlets of their own before or after the text and become the part's notes.
 * Copy protection: the site puts paragraphs (or spans) carrying a "stolen from Royal Road" sentence into
 * the text with a random class that a `<style>` of the page hides; they are left out of the document model,
 * judged by the page's own style rules (lib/sites/hidden-css.ts), never by class names.
 */

import type { SanitizeWindow } from '../sanitize';
import { buildBody, buildRichText, childrenWithout } from './body';
import { ownChapterTitle } from './chapter-title';
import { hiddenClasses } from './hidden-css';
import { $, $$, absoluteUrl, attr, domCall, domGet, inside, sameOriginUrl, textOf, titleOf } from './page';
import { documentParser } from './page-steps';
import { royalRoadSite } from './royalroad.site';
import { type Note, noDetails, type SiteAdapter, type StoryLinks, type StoryLocation, type StoryPage } from './types';

const HOSTS: readonly string[] = royalRoadSite.hosts;
const CANONICAL_ORIGIN = 'https://www.royalroad.com';
/** `/fiction/{id}(/{slug})/chapter/{id}(/{slug})`: the slugs are optional (the site answers without them). */
const CHAPTER_PATH = /^\/fiction\/(\d{1,15})(?:\/([^/]+))?\/chapter\/(\d{1,15})(?:\/[^/]*)?\/?$/;
/** A fiction's own page (its chapter index), the browse and search pages. */
const LISTING_PATH = /^\/(?:fiction\/\d+(?:\/[^/]+)?\/?$|fictions\/|fiction\/search|fiction\/chapter\/\d+\/?$)/;
const NOT_FOUND =
  /^(?:404\b|not found\b|page not found|chapter not found|fiction not found|this fiction (?:has been|was) (?:deleted|removed)|this chapter (?:has been|was) (?:deleted|removed))/i;
/** A chapter heading that says its number: "Chapter 12", "Chapter 12: Title", "12. Title". */
const NUMBER_IN_TITLE = /^(?:chapter|ch\.?)\s*(\d{1,6})(?!\d)|^(\d{1,6})(?=[.:\-–—])/i;

function parseUrl(url: URL): StoryLocation | undefined {
  if (!HOSTS.includes(url.hostname)) return undefined;
  const m = CHAPTER_PATH.exec(url.pathname);
  if (!m?.[1] || !m[3]) return undefined;
  const slug = m[2];
  return {
    site: 'royalroad',
    storyId: m[1],
    chapterId: m[3],
    ...(slug ? { slug } : {}),
    fullWork: false,
    storyUrl: `${CANONICAL_ORIGIN}/fiction/${m[1]}${slug ? `/${slug}` : ''}`,
  };
}

const parseDocument = documentParser({
  parseUrl,
  isListing: (_doc, url) => HOSTS.includes(url.hostname) && LISTING_PATH.test(url.pathname),
  content: chapterText,
  withoutContent: (doc) => (isNotFound(doc) ? 'not-found' : undefined),
  read: readChapter,
});

/** The chapter text: the `.chapter-inner.chapter-content` that is not inside an author's note. */
function chapterText(doc: Document): Element | undefined {
  return $$(doc, '.chapter-inner.chapter-content').find((el) => !inside(el, '.author-note-portlet, .author-note'));
}

function isNotFound(doc: Document): boolean {
  const title = titleOf(doc).replace(/\s*\|\s*Royal Road\s*$/i, '');
  if (NOT_FOUND.test(title)) return true;
  return $$(doc, 'h1, h2, h3').some((h) => NOT_FOUND.test(textOf(h)));
}

/** The selector for the elements the page's own CSS hides (see lib/sites/hidden-css.ts), or undefined. */
function hiddenSelector(doc: Document): string | undefined {
  const sheets = $$(doc, 'style').map((s) => domGet<string | null>(s, 'textContent') ?? '');
  const classes = [...hiddenClasses(sheets)];
  // The class names are CSS identifiers as they stand (hidden-css.ts accepts no escapes), so they need none here.
  return classes.length ? classes.map((c) => `.${c}`).join(', ') : undefined;
}

/** Before the text or after it, by document order. */
function precedes(a: Element, b: Element): boolean {
  // Node.DOCUMENT_POSITION_FOLLOWING: b follows a.
  return (domCall<number>(a, 'compareDocumentPosition', b) & 4) !== 0;
}

function readChapter(doc: Document, url: URL, win: SanitizeWindow, loc: StoryLocation, textEl: Element): StoryPage | undefined {
  const base = url.href;
  const hidden = hiddenSelector(doc);
  const body = buildBody(childrenWithout(textEl, hidden), win, base);
  if (body.paragraphs.length === 0) return undefined;

  const notes: Note[] = [];
  for (const portlet of $$(doc, '.author-note-portlet')) {
    const note = $(portlet, '.portlet-body.author-note, .author-note');
    if (!note || inside(portlet, '.chapter-content')) continue;
    const rich = buildRichText(childrenWithout(note, hidden), win, base);
    if (!rich.text && rich.blocks.length === 0) continue;
    notes.push({ kind: precedes(portlet, textEl) ? 'chapter-notes' : 'chapter-end-notes', ...rich });
  }

  const header = $(doc, '.fic-header');
  const storyLink = $$(header, `a[href]`).find((a) => {
    const href = sameOriginUrl(attr(a, 'href'), url);
    return href !== undefined && new RegExp(`^/fiction/${loc.storyId}(?:/[^/]+)?/?$`).test(new URL(href).pathname);
  });
  const storyHref = sameOriginUrl(attr(storyLink, 'href'), url);
  const title =
    textOf($(header, 'h2')) ||
    textOf(storyLink) ||
    titleOf(doc)
      .split(' - ')
      .at(-1)
      ?.replace(/\s*\|\s*Royal Road\s*$/i, '') ||
    '';
  const chapterHeading = textOf($(header, 'h1'));
  const numberMatch = NUMBER_IN_TITLE.exec(chapterHeading);
  const number = Number(numberMatch?.[1] ?? numberMatch?.[2] ?? '1') || 1;
  const ownTitle = ownChapterTitle(chapterHeading, number);
  const authorLink = $(header, 'h3 a[href^="/profile/"], a[href^="/profile/"]');
  const authorUrl = sameOriginUrl(attr(authorLink, 'href'), url);
  const authorName = textOf(authorLink);

  const slug = loc.slug ?? (storyHref ? /^\/fiction\/\d+\/([^/]+)/.exec(new URL(storyHref).pathname)?.[1] : undefined);
  const page: StoryPage = {
    site: 'royalroad',
    storyId: loc.storyId,
    source: 'adapter',
    url: absoluteUrl(base, base) ?? base,
    storyUrl: `${CANONICAL_ORIGIN}/fiction/${loc.storyId}${slug ? `/${slug}` : ''}`,
    title,
    authors: authorName ? [{ name: authorName, ...(authorUrl ? { url: authorUrl } : {}) }] : [],
    ...noDetails(),
    parts: [
      {
        number,
        ...(loc.chapterId ? { id: loc.chapterId } : {}),
        ...(ownTitle ? { title: ownTitle } : {}),
        url: `${url.origin}${url.pathname}`,
        notes,
        ...body,
      },
    ],
    links: links(doc, url, loc.storyId, storyHref),
    fullWork: false,
  };
  return page;
}

/** Previous and next from the page's buttons (a disabled `<button>` when there is none), or its head links. */
function links(doc: Document, url: URL, storyId: string, index: string | undefined): StoryLinks {
  const chapterOfStory = new RegExp(`^/fiction/${storyId}(?:/[^/]+)?/chapter/\\d+(?:/[^/]*)?/?$`);
  const own = (href: string | null | undefined) => {
    const abs = sameOriginUrl(href, url);
    return abs && chapterOfStory.test(new URL(abs).pathname) ? abs : undefined;
  };
  const out: StoryLinks = {};
  for (const a of $$(doc, '.nav-buttons a[href]')) {
    if (inside(a, '.chapter-content, .author-note')) continue;
    const label = textOf(a);
    const href = own(attr(a, 'href'));
    if (!href) continue;
    if (!out.prev && /^previous\b/i.test(label)) out.prev = href;
    else if (!out.next && /^next\b/i.test(label)) out.next = href;
  }
  out.prev ??= own(attr($(doc, 'head link[rel="prev"]'), 'href'));
  out.next ??= own(attr($(doc, 'head link[rel="next"]'), 'href'));
  if (!out.prev) delete out.prev;
  if (!out.next) delete out.next;
  if (index) out.index = index;
  return out;
}

export const royalRoad: SiteAdapter<'royalroad'> = {
  ...royalRoadSite,
  // (Its comment box is not kept in the fixtures, so none is offered until one is checked against a real page.)
  feedback: [],
  parseUrl,
  parseDocument,
};
