/**
 * Archive of Our Own and its mirrors. Page structure: the trimmed real pages in
 * test/fixtures/ao3/.
 *
 * Chapter URLs carry chapter *ids*; positions come from the page (`div#chapter-N`, the chapter menu). The
 * creator's work skin (a `<style>` next to `#workskin`) is never read, and the classes it targets do not
 * survive the sanitizer.
 */

import type { SanitizeWindow } from '../sanitize';
import { ao3Site } from './ao3.site';
import { type Body, type BodyRuns, buildRichText, childrenWithout, FIRST_RUN_NODES, RUNS_ABOVE, readBodyInRuns } from './body';
import { ownChapterTitle } from './chapter-title';
import {
  $,
  $$,
  absoluteUrl,
  attr,
  childElements,
  domCall,
  domGet,
  matches,
  parseCount,
  sameOriginUrl,
  textOf,
  textsOf,
  titleOf,
} from './page';
import { documentParser, inSteps, type PageInSteps, type Stepped } from './page-steps';
import type {
  Author,
  ChapterLink,
  ChapterPart,
  Note,
  NoteKind,
  SiteAdapter,
  StoryLinks,
  StoryLocation,
  StoryPage,
  WholeWork,
} from './types';

const HOSTS: readonly string[] = ao3Site.hosts;
const CANONICAL_ORIGIN = 'https://archiveofourown.org';
const WORK_PATH = /^(?:\/collections\/([^/]+))?\/works\/(\d+)(?:\/chapters\/(\d+))?\/?$/;
/** Works and bookmarks listings (browse, tag, collection, user, series pages) and every search page. */
const LISTING_PATH =
  /^\/(?:works|bookmarks|series\/\d+|media\b|tags\/[^/]+\/(?:works|bookmarks)|collections\/[^/]+\/(?:works|bookmarks)|users\/[^/]+\/(?:pseuds\/[^/]+\/)?(?:works|bookmarks|series)|[a-z_]+\/search)\/?$/;
const USERSTUFF = 'blockquote.userstuff';

/**
 * A path segment with its percent escapes decoded, or as it stands when they are malformed (`%E0%A4%A`):
 * `decodeURIComponent` throws on those, and URL parsing must never throw (the page would stay hidden).
 */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parseUrl(url: URL): StoryLocation | undefined {
  if (!HOSTS.includes(url.hostname)) return undefined;
  const m = WORK_PATH.exec(url.pathname);
  if (!m?.[2]) return undefined;
  const storyId = m[2];
  const loc: StoryLocation = {
    site: 'ao3',
    storyId,
    fullWork: url.searchParams.get('view_full_work') === 'true',
    storyUrl: `${CANONICAL_ORIGIN}/works/${storyId}`,
  };
  if (m[3]) loc.chapterId = m[3];
  if (m[1]) loc.collection = decodeSegment(m[1]);
  if (url.searchParams.get('view_adult') === 'true') loc.adultConsent = true;
  return loc;
}

const parseDocument = documentParser({
  parseUrl,
  isListing: (doc, url) =>
    HOSTS.includes(url.hostname) && (LISTING_PATH.test(url.pathname) || $(doc, 'ol.index.group > li.blurb') !== null),
  content: (doc) => $(doc, 'div#workskin') ?? undefined,
  withoutContent: (doc) => {
    // The gate shows a caution, a "Proceed" link with view_adult=true, and the work's blurb.
    if ($(doc, 'p.caution') || $(doc, 'a[href*="view_adult=true"]')) return 'adult-gate';
    return isErrorPage(doc) ? 'not-found' : undefined;
  },
  read: readWork,
});

function isErrorPage(doc: Document): boolean {
  const main = $(doc, '#main');
  if (main && /\berror-\d{3}\b/.test(attr(main, 'class') ?? '')) return true;
  return /^Error \d{3}\b/.test(textOf($(doc, '#main h2.heading')));
}

function readWork(
  doc: Document,
  url: URL,
  win: SanitizeWindow,
  loc: StoryLocation,
  workskin: Element,
): StoryPage | PageInSteps | undefined {
  const base = url.href;
  const preface = childElements(workskin).find((el) => matches(el, 'div.preface') && !matches(el, '.afterword, .chapter'));
  const title = textOf($(preface, 'h2.title'));
  // The work's own #chapters, directly in #workskin: not one planted in the summary or notes.
  const chaptersEl = childElements(workskin).find((el) => matches(el, 'div#chapters'));
  if (!chaptersEl) return undefined;

  const note = (kind: NoteKind, el: Element | null | undefined): Note[] =>
    el ? [{ kind, ...buildRichText(childrenWithout(el), win, base) }] : [];

  const chapterEls = childElements(chaptersEl).filter((el) => matches(el, 'div.chapter'));
  // A work posted as a single, unchaptered text, or one div.chapter per chapter.
  const single = chapterEls.length === 0 ? childElements(chaptersEl).find((el) => matches(el, 'div.userstuff')) : undefined;
  const starts: ChapterStart[] = single
    ? [() => ({ head: { number: 1, url: workUrl(url, loc.storyId), notes: [] }, text: readWorkText(single, win, base) })]
    : chapterEls.map((el, i) => () => readChapter(el, i, url, win, note));
  const work = chaptersInSteps(starts);
  // A work of several chapters holding more than a first run's nodes is shown from its first chapter while the
  // others are read (see inSteps); any other at once. (Reading the bench's 100,000-word work, 20 chapters in
  // some 2,600 nodes, whole before the first paint held that paint back by about 70-100 ms.) One chapter, or an
  // unchaptered work, is read in runs only above RUNS_ABOVE, as every site's chapter is.
  const atOnce = chapterEls.length > 1 ? FIRST_RUN_NODES : RUNS_ABOVE;
  if (textNodes(single ? [single] : chapterEls) <= atOnce) while (!work.done) work.step();
  while (!work.done && !work.current().some((p) => p.paragraphs.length > 0)) work.step();
  if (!work.current().some((p) => p.paragraphs.length > 0)) return undefined;

  const meta = $(doc, 'dl.work.meta') ?? doc;
  const stats = $(meta, 'dl.stats') ?? meta;
  const [posted, planned] = (textOf($(stats, 'dd.chapters')) || '').split('/');
  const chaptersPosted = parseCount(posted);
  const chapterCount = planned !== undefined && planned.trim() !== '?' ? parseCount(planned) : undefined;
  const statusLabel = textOf($(stats, 'dt.status'));
  const status =
    /complete/i.test(statusLabel) || (!statusLabel && chapterCount !== undefined && chaptersPosted === chapterCount)
      ? 'complete'
      : 'in-progress';

  const chapters = chapterIndex(doc, url, loc.storyId);
  // Until the whole work is read, every chapter the page has counts.
  const fullWorkOf = (parts: ChapterPart[]) => loc.fullWork || parts.length > 1 || (!work.done && starts.length > 1);
  const afterword = childElements(workskin).find((el) => matches(el, 'div.afterword'));

  const page: StoryPage = {
    site: 'ao3',
    storyId: loc.storyId,
    source: 'adapter',
    url: absoluteUrl(base, base) ?? base,
    storyUrl: loc.storyUrl,
    title: title || titleOf(doc).split(' - ')[0]?.trim() || '',
    authors: authors(preface, url),
    fandoms: textsOf(meta, 'dd.fandom a.tag'),
    warnings: textsOf(meta, 'dd.warning a.tag'),
    categories: textsOf(meta, 'dd.category a.tag'),
    relationships: textsOf(meta, 'dd.relationship a.tag'),
    characters: textsOf(meta, 'dd.character a.tag'),
    tags: textsOf(meta, 'dd.freeform a.tag'),
    genres: [],
    status,
    notes: [
      ...note('work-notes', $(preface, `.notes.module ${USERSTUFF}`)),
      ...note('work-end-notes', $(afterword, `#work_endnotes ${USERSTUFF}, .end.notes ${USERSTUFF}`)),
    ],
    chapters,
    parts: [],
    links: links(doc, url),
    fullWork: false,
  };
  const rating = textsOf(meta, 'dd.rating a.tag')[0];
  if (rating) page.rating = rating;
  const language = textOf($(meta, 'dd.language'));
  if (language) page.language = language;
  const published = textOf($(stats, 'dd.published'));
  if (published) page.published = published;
  const updated = textOf($(stats, 'dd.status'));
  if (updated) page.updated = updated;
  const words = parseCount(textOf($(stats, 'dd.words')));
  if (words !== undefined) page.words = words;
  if (chapterCount !== undefined) page.chapterCount = chapterCount;
  if (chaptersPosted !== undefined) page.chaptersPosted = chaptersPosted;
  const summary = $(preface, `.summary.module ${USERSTUFF}`);
  if (summary) page.summary = buildRichText(childrenWithout(summary), win, base);
  return inSteps(work, (parts) => {
    const fullWork = fullWorkOf(parts);
    // The full-work view has no chapter menu, but it shows every chapter.
    return { ...page, chapters: chapters.length || !fullWork ? chapters : indexFromParts(parts), parts, fullWork };
  });
}

/** A chapter's part without its text, and its text, read in runs when it is huge. */
type ChapterStart = () => { head: Omit<ChapterPart, keyof Body>; text: BodyRuns } | undefined;

/**
 * The chapters of a work read a step at a time: one chapter per step, or one run of a huge chapter (see
 * `readBodyInRuns`). What is read so far holds the chapter being read, with what of it is read.
 */
function chaptersInSteps(starts: readonly ChapterStart[]): Stepped<ChapterPart[]> {
  const parts: ChapterPart[] = [];
  let open: ReturnType<ChapterStart>;
  let next = 0;
  const partOf = (o: NonNullable<ReturnType<ChapterStart>>): ChapterPart => ({ ...o.head, ...o.text.current().body });
  return {
    get done() {
      return !open && next >= starts.length;
    },
    step() {
      if (open) open.text.step();
      else open = starts[next++]?.();
      if (open?.text.done) {
        parts.push(partOf(open));
        open = undefined;
      }
    },
    current: () => (open ? [...parts, partOf(open)] : [...parts]),
  };
}

/** The work text: an embedded player (a podfic, a video) is the work, so it leaves a link to its source. */
function readWorkText(text: Element, win: SanitizeWindow, base: string): BodyRuns {
  return readBodyInRuns(text, win, base, { skip: 'h3.landmark', media: 'link' });
}

/** How many top-level nodes the texts of these chapters (or this unchaptered work) hold together. */
function textNodes(els: readonly Element[]): number {
  let count = 0;
  for (const el of els) {
    const text = matches(el, 'div.userstuff') ? el : childElements(el).find((c) => matches(c, 'div.userstuff'));
    if (text) count += domGet<NodeListOf<ChildNode>>(text, 'childNodes').length;
  }
  return count;
}

function readChapter(
  el: Element,
  index: number,
  url: URL,
  win: SanitizeWindow,
  note: (kind: NoteKind, el: Element | null | undefined) => Note[],
): ReturnType<ChapterStart> {
  const text = childElements(el).find((c) => matches(c, 'div.userstuff'));
  if (!text) return undefined;
  const prefaces = childElements(el).filter((c) => matches(c, 'div.preface'));
  const head = prefaces.find((p) => $(p, 'h3.title') !== null) ?? prefaces[0];
  const heading = $(head, 'h3.title');
  const link = $(heading, 'a[href]');
  const href = sameOriginUrl(attr(link, 'href'), url);
  const id = href ? /\/chapters\/(\d+)/.exec(new URL(href).pathname)?.[1] : undefined;
  const number = Number(/^chapter-(\d+)$/.exec(attr(el, 'id') ?? '')?.[1]) || Number(/(\d+)/.exec(textOf(link))?.[1]) || index + 1;
  // "<a>Chapter 2</a>: The Title" -> "The Title"
  // ("Chapter 2: Chapter 2", an author's title that only repeats the number, is no title: see ownChapterTitle.)
  const title = ownChapterTitle(
    heading
      ? textOf(heading)
          .slice(textOf(link).length)
          .replace(/^\s*:\s*/, '')
          .trim()
      : '',
    number,
  );
  const endNotes = $(el, `.end.notes ${USERSTUFF}`);
  const part = {
    number,
    ...(id ? { id } : {}),
    ...(title ? { title } : {}),
    ...(href ? { url: href } : {}),
    notes: [
      ...note('chapter-summary', $(head, `.summary ${USERSTUFF}`)),
      ...note('chapter-notes', $(head, `.notes:not(.end) ${USERSTUFF}`)),
      ...note('chapter-end-notes', endNotes),
    ],
  };
  return { head: part, text: readWorkText(text, win, url.href) };
}

function authors(preface: Element | undefined, url: URL): Author[] {
  const byline = $(preface, '.byline');
  if (!byline) return [];
  const linked = $$(byline, 'a[rel="author"]')
    .map((a) => {
      const href = sameOriginUrl(attr(a, 'href'), url);
      return { name: textOf(a), ...(href ? { url: href } : {}) };
    })
    .filter((a) => a.name);
  if (linked.length) return linked;
  // "Anonymous", or an orphaned work's plain byline.
  const name = textOf(byline);
  return name ? [{ name }] : [];
}

function workUrl(url: URL, storyId: string): string {
  return `${url.origin}/works/${storyId}`;
}

/** The chapter menu (option values are chapter ids, in posting order). */
function chapterIndex(doc: Document, url: URL, storyId: string): ChapterLink[] {
  // The menu of the work's navigation bar, not one planted in a summary or note.
  const select =
    $(doc, 'ul.work.navigation select#selected_id, ul.work.navigation select[name="selected_id"]') ??
    $$(doc, 'select#selected_id, select[name="selected_id"]').find((el) => !inUserContent(el));
  if (!select) return [];
  return $$(select, 'option')
    .map((opt, i) => {
      const id = attr(opt, 'value') ?? '';
      const title = textOf(opt).replace(/^\d+\.\s*/, '');
      return { number: i + 1, id, url: `${url.origin}/works/${storyId}/chapters/${id}`, ...(title ? { title } : {}) };
    })
    .filter((c) => /^\d+$/.test(c.id));
}

/** Whether `el` is inside text the work's creator wrote (summary, notes, chapter text). */
function inUserContent(el: Element): boolean {
  return domCall<Element | null>(el, 'closest', '.userstuff, #workskin') !== null;
}

function indexFromParts(parts: ChapterPart[]): ChapterLink[] {
  return parts.flatMap(({ number, url, id, title }) => (url ? [{ number, url, ...(id ? { id } : {}), ...(title ? { title } : {}) }] : []));
}

function links(doc: Document, url: URL): StoryLinks {
  const bar = $$(doc, 'ul.work.navigation').find((el) => !inUserContent(el)) ?? doc;
  // Navigation stays on the page's own site.
  const href = (selector: string) =>
    sameOriginUrl(
      attr(
        $$(bar, selector).find((a) => !inUserContent(a)),
        'href',
      ),
      url,
    );
  const out: StoryLinks = {};
  const prev = href('li.chapter.previous a');
  const next = href('li.chapter.next a');
  const index = href('a[href$="/navigate"]');
  const fullWork = href('li.chapter.entire a');
  const byChapter = href('li.chapter.bychapter a');
  if (prev) out.prev = prev;
  if (next) out.next = next;
  if (index) out.index = index;
  if (fullWork) out.fullWork = fullWork;
  if (byChapter) out.byChapter = byChapter;
  return out;
}

/** "Save whole work" on AO3: the work's full view, in one request. */
const wholeWork: WholeWork = {
  kind: 'full-view',
  // With `view_adult=true` only when the page being read carries it: the reader has already answered that
  // work's adult-content gate. Without it, a gated work answers with the gate.
  url: (origin, storyId, adultConsent) => {
    const url = new URL(`/works/${storyId}`, origin);
    url.searchParams.set('view_full_work', 'true');
    if (adultConsent) url.searchParams.set('view_adult', 'true');
    return url.href;
  },
  // The navigation bar's and the chapter headings' links (not the links inside the text).
  worksNamed: (doc) =>
    $$(doc, 'ul.work.navigation a[href], #chapters h3.title a[href]')
      .filter((a) => domCall<Element | null>(a, 'closest', '.userstuff') === null)
      .map((a) => /^(?:https?:\/\/[^/]+)?(?:\/collections\/[^/]+)?\/works\/(\d+)(?:[/?#]|$)/.exec(attr(a, 'href') ?? '')?.[1]),
  // A work restricted to AO3's users answers with `/users/login?restricted=true`; or a password field in the
  // main content (not the header's small login form).
  isLoginPage: (doc, url) => /^\/users\/login\b/.test(url.pathname) || $$(doc, '#main input[type="password"]').length > 0,
};

export const ao3: SiteAdapter<'ao3'> = {
  ...ao3Site,
  feedback: [
    { kind: 'kudos', selector: '#new_kudo #kudo_submit' },
    { kind: 'comment', selector: '#add_comment textarea' },
  ],
  parseUrl,
  parseDocument,
  wholeWork,
};
