/**
 * XenForo 2 forums with threadmarks (SpaceBattles, Sufficient Velocity, Questionable Questing), read in the
 * threadmarks reader (`/threads/{slug}.{id}/reader/`, `/reader/page-{n}`), which holds only threadmarked
 * posts. Page structure: test/fixtures/
 * spacebattles/, sufficientvelocity/, questionablequesting/.
 *
 * Each threadmarked post is one chapter, titled by its threadmark; the text is the post body's `.bbWrapper`
 * (signatures, reactions and replies are not story text). bbCode line breaks are `<br>`, paragraphs a
 * double `<br>` (split as old fanfiction.net uploads are, lib/sites/body.ts); author's notes opening or
 * closing a post become its notes by the same conservative rule as FFN's. Spoilers become block quotes
 * headed by their title; quotes stay block quotes, without the forum's "Click to expand" control.
 */

import type { SanitizeWindow } from '../sanitize';
import { buildBodyWithEdgeNotes, childrenWithout } from './body';
import { ownChapterTitle } from './chapter-title';
import { $, $$, absoluteUrl, attr, domCall, inside, matches, sameOriginUrl, textOf, titleOf } from './page';
import { documentParser } from './page-steps';
import type { ChapterPart, Note, SiteAdapter, SiteId, StoryLinks, StoryLocation, StoryPage } from './types';
import { noDetails } from './types';
import { questionableQuestingSite, spaceBattlesSite, sufficientVelocitySite, type XENFORO_SITES } from './xenforo.site';

type ForumSite = (typeof XENFORO_SITES)[number];

/** `/threads/{slug}.{id}/reader/` and `/reader/page-{n}`; the slug is optional (the forums answer without it). */
const READER_PATH = /^\/threads\/(?:([^/]*)\.)?(\d{1,15})\/reader\/?(?:page-(\d{1,6})\/?)?$/;
/** Listings: a thread's threadmarks index, forums, search, "what's new", tags. */
const LISTING_PATH = /^\/(?:threads\/[^/]+\/threadmarks\b|forums\/|search\b|whats-new\b|tags\/|find-threads\b|watched\/)/;
/**
 * Threadmarks a reader page shows, assumed to be 10 on all three forums (not checked against saved pages of
 * each: a forum set otherwise numbers the chapters of its later pages wrong). A reader page says only its
 * own number, so a chapter's position is counted from it.
 */
const READER_PAGE_SIZE = 10;

function slugPart(slug: string | undefined): string {
  return slug ? `${slug}.` : '';
}

function forumAdapter<S extends ForumSite>(site: S): SiteAdapter<S['id'] & SiteId> {
  type Id = S['id'] & SiteId;
  const id = site.id as Id;
  const hosts: readonly string[] = site.hosts;
  const origin = `https://${site.hosts[0]}`;

  function parseUrl(url: URL): StoryLocation | undefined {
    if (!hosts.includes(url.hostname)) return undefined;
    const m = READER_PATH.exec(url.pathname);
    if (!m?.[2]) return undefined;
    const slug = m[1] || undefined;
    return {
      site: id,
      storyId: m[2],
      ...(slug ? { slug } : {}),
      fullWork: false,
      storyUrl: `${origin}/threads/${slugPart(slug)}${m[2]}/reader/`,
    };
  }

  const parseDocument = documentParser({
    parseUrl,
    isListing: (_doc, url) => hosts.includes(url.hostname) && LISTING_PATH.test(url.pathname),
    content: (doc) => {
      const posts = threadmarkedPosts(doc);
      return posts.length ? posts : undefined;
    },
    // A login wall ("You must be logged-in to do that.") or an error page ("The requested thread could not
    // be found."): the thread is not available to this visitor.
    withoutContent: (doc) => (isUnavailable(doc) ? 'not-found' : undefined),
    read: readReaderPage,
  });

  function readReaderPage(doc: Document, url: URL, win: SanitizeWindow, loc: StoryLocation, posts: Element[]): StoryPage | undefined {
    const pageNumber = Number(READER_PATH.exec(url.pathname)?.[3] ?? '1') || 1;
    const slug = loc.slug;
    // Each chapter's address is its reader page: what the library opens and a synced place carries (its
    // `chapterRef` is the page number), as a post's own address would not be.
    const pageUrl = `${url.origin}/threads/${slugPart(slug)}${loc.storyId}/reader/${pageNumber > 1 ? `page-${pageNumber}` : ''}`;
    const parts: ChapterPart[] = [];
    for (const [i, post] of posts.entries()) {
      const part = readPost(post, (pageNumber - 1) * READER_PAGE_SIZE + i + 1, pageUrl, url, win);
      if (part) parts.push(part);
    }
    if (parts.length === 0) return undefined;

    const author = $$(doc, '.p-description a.username').find((a) => !inside(a, '.bbWrapper'));
    const authorName = textOf(author) || attr(posts[0], 'data-author') || '';
    const authorUrl = sameOriginUrl(attr(author, 'href'), url);
    return {
      site: id,
      storyId: loc.storyId,
      source: 'adapter',
      url: absoluteUrl(url.href, url.href) ?? url.href,
      storyUrl: loc.storyUrl,
      title: threadTitle(doc),
      authors: authorName ? [{ name: authorName, ...(authorUrl ? { url: authorUrl } : {}) }] : [],
      ...noDetails(),
      parts,
      links: links(doc, url, loc.storyId, slug),
      fullWork: false,
    };
  }

  function readPost(post: Element, number: number, pageUrl: string, url: URL, win: SanitizeWindow): ChapterPart | undefined {
    const body = $$(post, 'article.message-body > .bbWrapper, .message-body > .bbWrapper').find(
      (el) => !inside(el, '.message-signature') && !inside(domCall<Element>(el, 'closest', '.message-body'), '.bbWrapper'),
    );
    if (!body) return undefined;
    const fragment = childrenWithout(body, '.bbCodeBlock-expandLink, .js-extraInfo, script, style');
    spoilersAsQuotes(fragment);
    const { body: text, leading, trailing } = buildBodyWithEdgeNotes(fragment, win, url.href);
    if (text.paragraphs.length === 0) return undefined;
    const notes: Note[] = [
      ...(leading ? [{ kind: 'chapter-notes' as const, ...leading }] : []),
      ...(trailing ? [{ kind: 'chapter-end-notes' as const, ...trailing }] : []),
    ];
    const label = $$(post, '.message-cell--threadmark-header .threadmarkLabel').find((el) => !inside(el, '.bbWrapper'));
    const title = ownChapterTitle(textOf(label), number);
    const postId = /^post-(\d{1,15})$/.exec(attr(post, 'data-content') ?? '')?.[1];
    return {
      number,
      ...(postId ? { id: postId } : {}),
      url: pageUrl,
      ...(title ? { title } : {}),
      notes,
      ...text,
    };
  }

  /** Prev/next: the reader's own page links (`.pageNav-jump`), or the head's `link[rel]`. */
  function links(doc: Document, url: URL, threadId: string, slug: string | undefined): StoryLinks {
    const readerOfThread = new RegExp(`^/threads/(?:[^/]*\\.)?${threadId}/reader/?(?:page-\\d{1,6}/?)?$`);
    const own = (el: Element | null | undefined) => {
      if (!el || inside(el, '.bbWrapper')) return undefined;
      const abs = sameOriginUrl(attr(el, 'href'), url);
      return abs && readerOfThread.test(new URL(abs).pathname) ? abs : undefined;
    };
    const first = (selector: string) =>
      $$(doc, selector)
        .map(own)
        .find((h) => h !== undefined);
    const out: StoryLinks = {};
    const prev = first('a.pageNav-jump--prev') ?? first('head link[rel="prev"]');
    const next = first('a.pageNav-jump--next') ?? first('head link[rel="next"]');
    if (prev) out.prev = prev;
    if (next) out.next = next;
    out.index = `${url.origin}/threads/${slugPart(slug)}${threadId}/threadmarks`;
    return out;
  }

  return {
    ...site,
    id,
    feedback: [],
    parseUrl,
    parseDocument,
  };
}

/** The threadmarked posts of the page's message list, in order (not posts quoted or planted in a post). */
function threadmarkedPosts(doc: Document): Element[] {
  return $$(doc, 'article.message--post').filter((post) => matches(post, '.hasThreadmark') && !inside(post, '.bbWrapper'));
}

const UNAVAILABLE =
  /must be logged[- ]in|requested thread could not be found|requested page could not be found|do not have permission|no permission to view|has been deleted/i;

function isUnavailable(doc: Document): boolean {
  const template = attr($(doc, 'html'), 'data-template') ?? '';
  if (template === 'login' || template === 'error') return true;
  return $$(doc, '.blockMessage, .p-body-pageContent .block-body').some((el) => UNAVAILABLE.test(textOf(el)));
}

/** The thread's title without its prefix labels ("[Worm]", "Complete"). */
function threadTitle(doc: Document): string {
  const h1 = $(doc, 'h1.p-title-value');
  if (!h1) return titleOf(doc).split(' | ')[0]?.trim() ?? '';
  let title = textOf(h1);
  for (const label of $$(h1, '.label, .labelLink')) {
    const t = textOf(label);
    if (t && title.startsWith(t)) title = title.slice(t.length).trim();
  }
  return title.replace(/^[-–—:|]\s*/, '');
}

/**
 * XenForo's spoilers (`.bbCodeSpoiler`: a button with the title, the hidden content beside it) as block
 * quotes headed by that title: the button itself is a form control the sanitizer drops with its text. Works on
 * the inert copy, never the page.
 */
function spoilersAsQuotes(fragment: DocumentFragment): void {
  const doc = fragment.ownerDocument;
  for (const spoiler of Array.from(fragment.querySelectorAll('.bbCodeSpoiler'))) {
    const title = (spoiler.querySelector('.bbCodeSpoiler-button')?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const content = spoiler.querySelector('.bbCodeSpoiler-content .bbCodeBlock-content, .bbCodeSpoiler-content');
    const quote = doc.createElement('blockquote');
    if (title) {
      const heading = doc.createElement('p');
      const strong = doc.createElement('strong');
      strong.textContent = title;
      heading.appendChild(strong);
      quote.appendChild(heading);
    }
    const inner = doc.createElement('div');
    while (content?.firstChild) inner.appendChild(content.firstChild);
    quote.appendChild(inner);
    spoiler.replaceWith(quote);
  }
}

export const spaceBattles: SiteAdapter<'spacebattles'> = forumAdapter(spaceBattlesSite);
export const sufficientVelocity: SiteAdapter<'sufficientvelocity'> = forumAdapter(sufficientVelocitySite);
export const questionableQuesting: SiteAdapter<'questionablequesting'> = forumAdapter(questionableQuestingSite);
