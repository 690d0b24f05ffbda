/**
 * fanfiction.net (desktop `www.` and mobile `m.`), and its sister site FictionPress (lib/sites/fp.ts), which
 * has the same layout: one reading of it, given each site's hosts and names (`FfnLayout`). Page structure:
 * the trimmed real pages in test/fixtures/ffn/ and test/fixtures/fp/.
 *
 * FFN pages put author's notes inside the story text. Those that open or close the chapter (paragraphs that
 * begin "A/N", "AN:", "Author's note", "Disclaimer") become the part's notes; any others stay in the text,
 * marked by `Paragraph.role` (see `buildBodyWithEdgeNotes`).
 * The copy-blocking (`user-select: none` styles, the `nocopy` class) cannot follow: the sanitizer keeps no
 * style and no class.
 */

import type { SanitizeWindow } from '../sanitize';
import { ffnSite } from './ffn.site';
import type { SiteId } from './registry';
import type { SiteDefinition } from './site';
import { buildRichText, childrenWithout, readBodyInRuns } from './body';
import { ownChapterTitle } from './chapter-title';
import { $, $$, absoluteUrl, attr, childElements, inside, matches, parseCount, sameOriginUrl, tagOf, textOf, titleOf } from './page';
import { documentParser, inSteps, type PageInSteps } from './page-steps';
import type { Author, ChapterLink, Note, SiteAdapter, StoryLocation, StoryPage, WholeWork } from './types';

/** What tells one site of fanfiction.net's layout from another: the rest of the reading is the same. */
export interface FfnLayout<Id extends SiteId> {
  /** Its definition: the story's own address is rebuilt on its first host (the desktop site). */
  site: SiteDefinition<Id>;
  /** Browse, search and "just in" pages: listings, left alone. */
  listingPath: RegExp;
  /**
   * The breadcrumb's links that name what the story belongs to: a fandom's page on fanfiction.net, a
   * crossover's, or a FictionPress category's.
   */
  fandomHref: RegExp;
  /** The end of the `<title>`: " | FanFiction", and the word before it: "…, a naruto fanfic". */
  titleSuffix: { site: string; kind: string };
  /** With it, "Save whole work" asks for each chapter missing, this many ms apart. */
  wholeWorkGapMs?: number;
}

/** Least time between the end of one fanfiction.net answer and the next request of "Save whole work". */
export const FFN_GAP_MS = 5_000;

/** "Save whole work" on this layout: chapter by chapter, `gapMs` apart. */
function byChapter(gapMs: number): WholeWork {
  return {
    kind: 'by-chapter',
    gapMs,
    // With the slug of the canonical story address (`/s/{id}/1/{slug}`): the site's own chapter address, built
    // here, not taken from the page's chapter menu, so no page decides where the requests go.
    url: (origin, storyId, chapter, storyUrl) =>
      `${origin}/s/${storyId}/${chapter}/${/^\/s\/\d+\/1\/([^/]*)$/.exec(new URL(storyUrl).pathname)?.[1] ?? ''}`,
    // The canonical link and the `id:` of the metadata line.
    worksNamed: (doc) => [
      /\/s\/(\d+)/.exec(attr($(doc, 'link[rel="canonical"]'), 'href') ?? '')?.[1],
      /\bid:\s*(\d+)/.exec(textOf($(doc, '#profile_top span.xgray')))?.[1],
    ],
    // `/login.php`, or a password field in the page's content.
    isLoginPage: (doc, url) => /^\/login\.php\b/.test(url.pathname) || $$(doc, '#content_wrapper_inner input[type="password"]').length > 0,
  };
}

const STORY_PATH = /^\/s\/(\d+)(?:\/(\d+))?(?:\/([^/]*))?\/?$/;
const NOT_FOUND =
  /Story Not Found|Unable to locate story|Story is unavailable|Chapter not found|Story does not have any chapters|Category for this story has been disabled|not using an outdated url/i;

const GENRES = new Set([
  'Adventure',
  'Angst',
  'Crime',
  'Drama',
  'Family',
  'Fantasy',
  'Friendship',
  'General',
  'Horror',
  'Humor',
  'Hurt/Comfort',
  'Mystery',
  'Parody',
  'Poetry',
  'Romance',
  'Sci-Fi',
  'Spiritual',
  'Supernatural',
  'Suspense',
  'Tragedy',
  'Western',
]);

type Layout = FfnLayout<SiteId>;

const canonicalOrigin = (layout: Layout) => `https://${layout.site.hosts[0]}`;

function parseUrl(layout: Layout, url: URL): StoryLocation | undefined {
  if (!layout.site.hosts.includes(url.hostname)) return undefined;
  const m = STORY_PATH.exec(url.pathname);
  if (!m?.[1]) return undefined;
  const storyId = m[1];
  const chapter = Math.max(1, Number(m[2] ?? '1'));
  const slug = m[3] ? m[3] : undefined;
  return {
    site: layout.site.id,
    storyId,
    chapter,
    ...(slug ? { slug } : {}),
    fullWork: false,
    storyUrl: `${canonicalOrigin(layout)}/s/${storyId}/1/${slug ?? ''}`,
  };
}

/**
 * The chapter text: desktop keeps it in `div#storytext` directly in `#storytextp`, the mobile site in
 * `div#storycontent`. Only that structure counts: a `<form id=storytext>` or a `#storytext` inside the
 * summary is a decoy.
 */
function storyTextElement(doc: Document): Element | null {
  return (
    // (All matches, then the first: with two `#storytext`, jsdom's `querySelector` checks only the first.)
    $$(doc, '#storytextp > div#storytext')[0] ?? $$(doc, 'div#storycontent').find((el) => !inside(el, '#profile_top, #storytextp')) ?? null
  );
}

/** The chapter menu: a `select#chap_select` of the page's navigation, not one planted in the summary or text. */
function chapterSelect(doc: Document): Element | undefined {
  return $$(doc, 'select#chap_select').find((el) => !inside(el, '#profile_top, #storytextp, #storycontent'));
}

function isNotFound(doc: Document): boolean {
  const messages = $$(doc, '.gui_warning, .gui_normal, .panel_warning').map((el) => textOf(el));
  if (messages.some((m) => NOT_FOUND.test(m))) return true;
  return NOT_FOUND.test(textOf($(doc, '#content_wrapper_inner') ?? $(doc, '#content')));
}

function readStory(
  layout: Layout,
  doc: Document,
  url: URL,
  win: SanitizeWindow,
  loc: StoryLocation,
  textEl: Element,
): StoryPage | PageInSteps | undefined {
  const base = url.href;
  const header = $(doc, '#profile_top') ?? $(doc, '#content');
  const meta = parseMeta(header);
  const slug = loc.slug ?? slugFromPage(doc, loc.storyId);
  const origin = url.origin;
  const chapterUrl = (n: number) => `${origin}/s/${loc.storyId}/${n}/${slug ?? ''}`;

  const select = chapterSelect(doc);
  const chapters: ChapterLink[] = select
    ? $$(select, 'option')
        .map((opt) => {
          const number = Number(attr(opt, 'value'));
          const title = chapterTitle(textOf(opt));
          return { number, ...(title ? { title } : {}), url: chapterUrl(number) };
        })
        .filter((c) => Number.isInteger(c.number) && c.number > 0)
    : [];
  const selected = $(select, 'option[selected]');
  const number = selected ? Number(attr(selected, 'value')) || (loc.chapter ?? 1) : (loc.chapter ?? 1);
  const current = chapters.find((c) => c.number === number);
  // The heading's title: "2. Chapter 2" in the menu is no title of its own (see ownChapterTitle).
  const ownTitle = ownChapterTitle(current?.title, number);
  const chapterCount =
    meta.chapters ?? (chapters.length || (tagOf(textEl) === 'DIV' && attr(textEl, 'id') === 'storytext' ? 1 : undefined));

  // A huge chapter is read in runs: the page with the first is shown while the rest is read (see inSteps).
  const text = readBodyInRuns(textEl, win, base, { edgeNotes: true });
  if (text.current().body.paragraphs.length === 0) return undefined;

  const nav = navigation(doc, url, loc.storyId);
  const prev = nav.prev ?? (number > 1 ? chapterUrl(number - 1) : undefined);
  const next = nav.next ?? (chapterCount !== undefined && number < chapterCount ? chapterUrl(number + 1) : undefined);

  const summaryEl = header ? summaryElement(header) : undefined;
  const page: StoryPage = {
    site: layout.site.id,
    storyId: loc.storyId,
    source: 'adapter',
    url: absoluteUrl(base, base) ?? base,
    storyUrl: `${canonicalOrigin(layout)}/s/${loc.storyId}/1/${slug ?? ''}`,
    title: storyTitle(layout, doc, header),
    authors: storyAuthors(header, url),
    fandoms: fandoms(layout, doc),
    warnings: [],
    categories: [],
    relationships: meta.relationships,
    characters: meta.characters,
    tags: [],
    genres: meta.genres,
    notes: [],
    chapters,
    parts: [],
    links: { ...(prev ? { prev } : {}), ...(next ? { next } : {}) },
    fullWork: false,
  };
  if (meta.rating) page.rating = meta.rating;
  if (meta.language) page.language = meta.language;
  if (meta.status) page.status = meta.status;
  if (meta.published) page.published = meta.published;
  if (meta.updated) page.updated = meta.updated;
  if (meta.words !== undefined) page.words = meta.words;
  if (chapterCount !== undefined) {
    page.chapterCount = chapterCount;
    page.chaptersPosted = chapterCount;
  }
  if (summaryEl) page.summary = buildRichText(childrenWithout(summaryEl), win, base);
  return inSteps(text, ({ body, leading, trailing }) => {
    const notes: Note[] = [
      ...(leading ? [{ kind: 'chapter-notes' as const, ...leading }] : []),
      ...(trailing ? [{ kind: 'chapter-end-notes' as const, ...trailing }] : []),
    ];
    return { ...page, parts: [{ number, ...(ownTitle ? { title: ownTitle } : {}), url: chapterUrl(number), notes, ...body }] };
  });
}

/** "3. The Title" -> "The Title"; a bare "3." -> undefined. */
function chapterTitle(optionText: string): string | undefined {
  const title = optionText.replace(/^\d+\.\s*/, '').trim();
  return title || undefined;
}

function storyTitle(layout: Layout, doc: Document, header: Element | null): string {
  const fromHeader = textOf($(header, ':scope > b.xcontrast_txt, :scope > b, div[align="center"] > b'));
  if (fromHeader) return fromHeader;
  return titleFromDocumentTitle(titleOf(doc), layout.titleSuffix);
}

/**
 * "<Title> Chapter 3: <chapter>, a <fandom> fanfic | FanFiction" -> "<Title>" (on FictionPress "…, a
 * <genre> fiction | FictionPress"). Scans instead of one backtracking regex: a crafted title must not cost
 * more than linear time.
 */
export function titleFromDocumentTitle(title: string, suffix: FfnLayout<SiteId>['titleSuffix'] = FFN_LAYOUT.titleSuffix): string {
  const t = title.replace(/\s+/g, ' ').trim();
  // The last characters only: " | FanFiction" with its optional spaces, the site's name ASCII letters.
  const tail = suffix.site.length + 3;
  const site = new RegExp(` ?\\| ?${suffix.site}$`, 'i').exec(t.slice(-tail));
  const bare = site ? t.slice(0, t.length - Math.min(tail, t.length) + site.index).trim() : t;
  if (!site) return bare;
  const kind = suffix.kind.length + 1;
  const fanfic = new RegExp(` ${suffix.kind}$`, 'i').exec(bare.slice(-kind));
  if (!fanfic) return bare;
  const head = bare.slice(0, bare.length - kind);
  // The first ", a " / ", an " with something after it.
  const comma = /, an? \S/i.exec(head);
  if (!comma) return bare;
  const before = head.slice(0, comma.index);
  const chapter = / Chapter \d/i.exec(before);
  const out = (chapter ? before.slice(0, chapter.index) : before).trim();
  return out || bare;
}

function storyAuthors(header: Element | null, url: URL): Author[] {
  const a = $(header, 'a[href^="/u/"]');
  if (!a) return [];
  const name = textOf(a);
  const href = sameOriginUrl(attr(a, 'href'), url);
  return name ? [{ name, ...(href ? { url: href } : {}) }] : [];
}

/** The summary: on desktop, the `div.xcontrast_txt` directly in #profile_top. */
function summaryElement(header: Element): Element | undefined {
  return childElements(header).find((el) => matches(el, 'div.xcontrast_txt') && textOf(el) !== '');
}

function fandoms(layout: Layout, doc: Document): string[] {
  const root = $(doc, '#pre_story_links') ?? $(doc, '#content') ?? doc;
  const out: string[] = [];
  for (const a of $$(root, 'a[href]')) {
    const href = attr(a, 'href') ?? '';
    const text = textOf(a);
    if (!text || !layout.fandomHref.test(href)) continue;
    if (/[-_]Crossovers\//.test(href) || / Crossover$/.test(text)) {
      for (const f of text.replace(/\s+Crossover$/, '').split(/\s+\+\s+/)) out.push(f.trim());
    } else out.push(text);
  }
  return [...new Set(out.filter(Boolean))];
}

/** The slug, from the canonical link or the chapter menu's `onChange`. */
function slugFromPage(doc: Document, storyId: string): string | undefined {
  const canonical = attr($(doc, 'link[rel="canonical"]'), 'href') ?? '';
  const m = new RegExp(`/s/${storyId}/\\d+/([^/?#]+)`).exec(canonical);
  if (m?.[1]) return m[1];
  const onchange = attr(chapterSelect(doc), 'onchange') ?? '';
  return /\+\s*'\/([^'/]+)'/.exec(onchange)?.[1];
}

/** Prev/next from the page's own controls: desktop buttons (`self.location='...'`), mobile links. */
function navigation(doc: Document, url: URL, storyId: string): { prev?: string; next?: string } {
  const out: { prev?: string; next?: string } = {};
  const storyHref = new RegExp(`^(?:https?://[^/]+)?/s/${storyId}/\\d+`);
  const storyPath = new RegExp(`^/s/${storyId}/\\d+(?:/|$)`);
  const consider = (label: string, href: string | undefined) => {
    if (!href || !storyHref.test(href)) return;
    // Only links that stay on the page's own site: a page's button may point anywhere.
    const abs = sameOriginUrl(href, url);
    if (!abs || !storyPath.test(new URL(abs).pathname)) return;
    if (!out.prev && /prev|«|‹/i.test(label)) out.prev = abs;
    else if (!out.next && /next|»|›/i.test(label)) out.next = abs;
  };
  for (const button of $$(doc, 'button[onclick]')) {
    consider(textOf(button), /self\.location\s*=\s*'([^']+)'/.exec(attr(button, 'onclick') ?? '')?.[1]);
  }
  for (const a of $$(doc, 'a[href*="/s/"]')) consider(textOf(a), attr(a, 'href') ?? undefined);
  return out;
}

interface Meta {
  rating?: string;
  language?: string;
  genres: string[];
  characters: string[];
  relationships: string[];
  chapters?: number;
  words?: number;
  status?: 'complete' | 'in-progress';
  published?: string;
  updated?: string;
}

const META_KEYS = new Set(['Rated', 'Chapters', 'Words', 'Reviews', 'Favs', 'Follows', 'Updated', 'Published', 'Status', 'id']);

/**
 * The grey line: "Rated: Fiction T - English - Adventure/Friendship - [Harry P., Hermione G.] Ron W. -
 * Chapters: 15 - Words: 61,162 - ... - Updated: <span data-xutime> - Published: <span data-xutime> -
 * Status: Complete - id: 8148717". Genre and characters are optional; names may contain " - ".
 */
function parseMeta(header: Element | null): Meta {
  const meta: Meta = { genres: [], characters: [], relationships: [] };
  const line = $(header, 'span.xgray') ?? $$(header, 'span, div').find((el) => /^Rated:/.test(textOf(el)) && childElements(el).length < 12);
  if (!line) return meta;

  const ratingLink = $(line, 'a[href*="fictionratings.com"]');
  const segments = textOf(line).split(/\s+-\s+/);
  const rated = textOf(ratingLink) || (segments[0] ?? '').replace(/^Rated:\s*/, '');
  if (rated) meta.rating = rated.replace(/^Fiction\s+/i, '').trim();

  const rest = segments.filter((s) => !/^Rated:/.test(s));
  if (rest[0] && !isKeyed(rest[0])) meta.language = rest.shift();
  const maybeGenres = rest[0] !== undefined && !isKeyed(rest[0]) ? rest[0].replace('Hurt/Comfort', 'Hurt-Comfort').split('/') : [];
  if (maybeGenres.length && maybeGenres.every((g) => GENRES.has(g.replace('Hurt-Comfort', 'Hurt/Comfort')))) {
    meta.genres = maybeGenres.map((g) => g.replace('Hurt-Comfort', 'Hurt/Comfort'));
    rest.shift();
  }

  const people: string[] = [];
  for (const segment of rest) {
    const key = /^([A-Za-z]+):/.exec(segment)?.[1];
    if (key === undefined || !META_KEYS.has(key)) {
      people.push(segment);
      continue;
    }
    const value = segment.slice(key.length + 1).trim();
    if (key === 'Chapters') meta.chapters = parseCount(value);
    else if (key === 'Words') meta.words = parseCount(value);
    else if (key === 'Status') meta.status = /complete/i.test(value) ? 'complete' : 'in-progress';
  }
  meta.status ??= 'in-progress';
  if (people.length) {
    const text = people.join(' - ');
    for (const m of text.matchAll(/\[([^\]]+)\]/g)) {
      const names = (m[1] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.length > 1) meta.relationships.push(names.join('/'));
    }
    meta.characters = text
      .replace(/[[\]]/g, ',')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  const dates = $$(line, 'span[data-xutime]')
    .map((s) => Number(attr(s, 'data-xutime')))
    .filter((n) => Number.isFinite(n) && n > 0)
    .map((n) => new Date(n * 1000).toISOString());
  if (dates.length > 1) meta.updated = dates[0];
  if (dates.length) meta.published = dates[dates.length - 1];
  return meta;
}

function isKeyed(segment: string): boolean {
  const key = /^([A-Za-z]+):/.exec(segment)?.[1];
  return key !== undefined && META_KEYS.has(key);
}

/**
 * The adapter of the site `layout` names, whose pages have fanfiction.net's layout: its definition, its review
 * box and this reading of its pages.
 */
export function ffnLayoutAdapter<Id extends SiteId>(layout: FfnLayout<Id>): SiteAdapter<Id> {
  const locate = (url: URL) => parseUrl(layout, url);
  return {
    ...layout.site,
    feedback: [{ kind: 'review', selector: 'textarea#review_review' }],
    parseUrl: locate,
    ...(layout.wholeWorkGapMs === undefined ? {} : { wholeWork: byChapter(layout.wholeWorkGapMs) }),
    parseDocument: documentParser({
      parseUrl: locate,
      isListing: (_doc, url) => layout.site.hosts.includes(url.hostname) && layout.listingPath.test(url.pathname),
      content: (doc) => storyTextElement(doc) ?? undefined,
      withoutContent: (doc) => (isNotFound(doc) ? 'not-found' : undefined),
      read: (doc, url, win, loc, text) => readStory(layout, doc, url, win, loc, text),
    }),
  };
}

export const FFN_LAYOUT: FfnLayout<'ffn'> = {
  site: ffnSite,
  listingPath:
    /^\/(?:(?:anime|book|cartoon|comic|game|misc|play|movie|tv)\/|crossovers\/|[^/]+[-_]Crossovers\/|search\b|j\/|communities\/|community\/|betareaders\/|forums\/|topic\/)/,
  // A fandom's page: `/book/Harry-Potter/`, or a crossover's: `/Harry-Potter_and_Naruto_Crossovers/224/1402/`
  // (underscores around `and` and before `Crossovers` on the site; hyphens accepted too).
  fandomHref: /^\/(?:anime|book|cartoon|comic|game|misc|play|movie|tv)\/[^/]+\/?$|^\/[^/]+[-_]Crossovers\/\d+\/\d+\/?$/,
  titleSuffix: { site: 'FanFiction', kind: 'fanfic' },
  wholeWorkGapMs: FFN_GAP_MS,
};

export const ffn = ffnLayoutAdapter(FFN_LAYOUT);
