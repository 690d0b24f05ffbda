/**
 * The model a site adapter produces from a fiction site's page, and the adapter contract itself.
 *
 * Text from the page (chapter text, notes, summaries) is the document model of lib/doc, converted from the
 * sanitizer's output (lib/sanitize.ts, then lib/doc/from-dom.ts): plain data, never nodes or markup, so it
 * survives storage and messaging between the content script and the extension's pages, and the views draw it
 * with one renderer (components/Blocks.tsx) without parsing anything.
 */

import type { Block, ParagraphRole, RichBlocks } from '../doc/model';
import type { SanitizeWindow } from '../sanitize';
import type { SiteId } from './registry';
import type { SiteDefinition } from './site';

export type { ParagraphRole } from '../doc/model';

export type { SiteId } from './registry';

/** Where a URL points on a site, read from the URL alone. */
export interface StoryLocation {
  site: SiteId;
  /** The site's story id (FFN story, AO3 work, Royal Road fiction, forum thread): digits, as a string. */
  storyId: string;
  /** 1-based chapter position, when the URL says it (FFN always does; AO3 URLs carry chapter ids instead). */
  chapter?: number;
  /** AO3 or Royal Road chapter id (`/works/1/chapters/{id}`, `/fiction/1/x/chapter/{id}`); not a position. */
  chapterId?: string;
  /** AO3 `view_full_work=true`: every chapter on one page. */
  fullWork: boolean;
  /** AO3 `/collections/{name}/works/...`. */
  collection?: string;
  /** AO3 `view_adult=true`: the visitor has passed the adult-content gate. */
  adultConsent?: boolean;
  /** The URL's title slug (FFN, Royal Road, a forum thread), when present. */
  slug?: string;
  /** The site's canonical URL of the story (first chapter / work page), for identity in the library. */
  storyUrl: string;
}

export interface Author {
  name: string;
  /** Absolute URL of the author's profile, when the page links one. */
  url?: string;
}

/**
 * Notes that stand apart from the story text. FFN's author's notes are paragraphs of the story text: those
 * opening or closing a chapter are its `chapter-notes` / `chapter-end-notes`, others keep `Paragraph.role`.
 */
export type NoteKind =
  /** AO3 work notes, before the first chapter. */
  | 'work-notes'
  /** AO3 work end notes, after the last chapter. */
  | 'work-end-notes'
  /** AO3 chapter summary. */
  | 'chapter-summary'
  /**
   * AO3 chapter notes, before the chapter text; FFN author's notes and disclaimers opening the chapter; Royal
   * Road's author's note above the text; a forum post's opening author's note.
   */
  | 'chapter-notes'
  /** AO3 chapter end notes, after the chapter text; FFN author's notes closing the chapter; Royal Road's below it. */
  | 'chapter-end-notes';

/** A note's blocks (none anchorable) and its plain text (for previews, search and the library). */
export interface Note extends RichBlocks {
  kind: NoteKind;
}

/**
 * One paragraph of a chapter body. Paragraph `i` of a part is its block with `p: i` (lib/doc/model.ts), which
 * the reader draws with `data-p="i"` and anchors progress to.
 */
export interface Paragraph {
  text: string;
  words: number;
  role: ParagraphRole;
}

/** A chapter as shown on this page: one on a chapter page, every chapter in AO3's full-work view. */
export interface ChapterPart {
  /** 1-based position in the story. */
  number: number;
  /** AO3 or Royal Road chapter id, or a forum's post id, when known. */
  id?: string;
  /**
   * The chapter's own title without the "Chapter N:" prefix, when it has one; none when the site's title only
   * repeats the number ("Chapter 2"), so the heading does not say it twice (lib/sites/chapter-title.ts). The
   * chapter index (`StoryPage.chapters`) keeps the site's wording.
   */
  title?: string;
  /** Absolute URL of the page showing this chapter, when known (its own page; a forum's reader page holds several). */
  url?: string;
  notes: Note[];
  /** The chapter text, sanitized, as the document model; paragraph `i` is the block with `p: i`. */
  blocks: Block[];
  paragraphs: Paragraph[];
  /** Words in `paragraphs`, counted here (the site's own count is `StoryPage.words`). */
  words: number;
}

/** An entry of the story's chapter index. */
export interface ChapterLink {
  /** 1-based position. */
  number: number;
  title?: string;
  /** Absolute URL on the host the page was read from (so a mirror's login cookies keep working). */
  url: string;
  /** AO3 chapter id. */
  id?: string;
}

export interface StoryLinks {
  prev?: string;
  next?: string;
  /**
   * The chapter index page: AO3's `/works/{id}/navigate`, Royal Road's fiction page, a forum thread's
   * threadmarks. FFN has none: see `StoryPage.chapters`.
   */
  index?: string;
  /** AO3 "Entire Work" (`?view_full_work=true`). */
  fullWork?: string;
  /** AO3 "Chapter by Chapter" from the full-work view. */
  byChapter?: string;
}

export type StoryStatus = 'complete' | 'in-progress';

/** A page's lists when it names none of them (the Readability fallback reads no details): fresh arrays each call. */
export function noDetails(): Pick<
  StoryPage,
  'fandoms' | 'warnings' | 'categories' | 'relationships' | 'characters' | 'tags' | 'genres' | 'notes' | 'chapters'
> {
  return { fandoms: [], warnings: [], categories: [], relationships: [], characters: [], tags: [], genres: [], notes: [], chapters: [] };
}

export interface StoryPage {
  site: SiteId;
  storyId: string;
  /** `adapter` when the site adapter read the page, `readability` when the generic fallback did. */
  source: 'adapter' | 'readability';
  /** Absolute URL of the page that was read. */
  url: string;
  /** Canonical story URL (see `StoryLocation.storyUrl`). */
  storyUrl: string;
  title: string;
  authors: Author[];
  fandoms: string[];
  /** The site's own wording: FFN "T", "M"...; AO3 "General Audiences", "Explicit"... */
  rating?: string;
  /** AO3 archive warnings. */
  warnings: string[];
  /** AO3 categories (F/M, Gen...). */
  categories: string[];
  /** AO3 relationship tags; FFN bracketed pairings, joined with "/". */
  relationships: string[];
  characters: string[];
  /** AO3 additional (freeform) tags. */
  tags: string[];
  /** FFN genres. */
  genres: string[];
  language?: string;
  status?: StoryStatus;
  /** Dates as ISO 8601 strings (AO3: a date; FFN: date and time from the page's Unix seconds). */
  published?: string;
  updated?: string;
  summary?: RichBlocks;
  /** Words in the whole story as the site reports it. */
  words?: number;
  /** Chapters planned, when known (AO3 "3/?" gives none). */
  chapterCount?: number;
  /** Chapters posted so far. */
  chaptersPosted?: number;
  /** Work-level notes (AO3 work notes and work end notes); chapter notes live on each part. */
  notes: Note[];
  /** The story's chapter index as the page lists it (empty when the page has none). */
  chapters: ChapterLink[];
  /** The chapters shown on this page, in order (never empty): several on AO3's full work and a forum's reader page. */
  parts: ChapterPart[];
  links: StoryLinks;
  /** AO3 full-work view: `parts` holds every chapter. */
  fullWork: boolean;
}

/** Why a page on a supported site is not a chapter to read. */
export type NotReadableReason =
  /** AO3's "This work could have adult content" page. */
  | 'adult-gate'
  /** Deleted, missing or unavailable story or chapter. */
  | 'not-found'
  /** A Cloudflare (or similar) browser check standing in front of the page. */
  | 'challenge'
  /** Browse, search and other listing pages. */
  | 'listing'
  /** Any other page of the site that is not a story (profiles, forums, the home page...). */
  | 'not-a-story'
  /** A story URL whose page neither the adapter nor the Readability fallback could read. */
  | 'unparseable';

/**
 * The rest of a page that is read in steps (a huge chapter or work: lib/sites/body.ts `readBodyInRuns`). Each
 * call reads a little more; the one that reads the last of it gives the whole page.
 */
export type PageRest = () => StoryPage | undefined;

export type PageResult =
  /** `page` is the whole story, or, with `rest`, what of it is read so far (see `wholePage`). */
  | { kind: 'story'; page: StoryPage; rest?: PageRest }
  | { kind: 'not-readable'; reason: NotReadableReason }
  /** Only from an adapter: a story URL whose page it does not recognise (the registry may fall back). */
  | { kind: 'unrecognized' };

/**
 * One of the site's own ways to answer the author, found on its chapter page: Ficwell shows the original page
 * at that control on the reader's click, and never uses it itself.
 */
export interface SiteFeedback {
  kind: 'kudos' | 'comment' | 'review';
  /** The site's own control (a button or a text box) on the chapter page. */
  selector: string;
}

/** A site's definition (lib/sites/site.ts) with the code that reads its pages. */
export interface SiteAdapter<Id extends SiteId = SiteId> extends SiteDefinition<Id> {
  /** The site's feedback controls, in the order they are offered at the end of a chapter. */
  feedback: readonly SiteFeedback[];
  /** Pure: the story a URL points to, or undefined for other hosts and non-story pages. */
  parseUrl(url: URL): StoryLocation | undefined;
  /**
   * Pure (reads `doc`, never changes it): the page as a StoryPage, or why it cannot be read. Known
   * non-readable pages (gates, missing stories, challenges, listings) give `not-readable`; a story URL whose
   * page the adapter does not recognise gives `unrecognized`.
   */
  parseDocument(doc: Document, url: URL, win: SanitizeWindow): PageResult;
  /** "Save whole work" on this site (lib/saved/whole-work.ts); absent where it is not offered. */
  wholeWork?: WholeWork;
}

/**
 * How "Save whole work" asks a site for a work's chapters, each request on `origin`, the host the page was read
 * from (a mirror keeps its own login cookies), and how it judges the answers. Pure functions.
 */
export type WholeWork =
  /** Every chapter on one page, in one request; `adultConsent` when the reader already passed the work's gate. */
  (
    | { kind: 'full-view'; url(origin: string, storyId: string, adultConsent: boolean): string }
    /**
     * One request per chapter not saved yet, by its number, each at least `gapMs` after the answer before; the
     * page's `chapterCount` counts the chapters posted. `storyUrl` is the page's canonical story address.
     */
    | { kind: 'by-chapter'; gapMs: number; url(origin: string, storyId: string, chapter: number, storyUrl: string): string }
  ) & {
    /**
     * The ids of the works an answer's own markup names (not its URL): an answer at the address asked for can
     * still be another work's page (a site that serves a moved or merged story in place). Undefined entries are
     * places that named none.
     */
    worksNamed(doc: Document): (string | undefined)[];
    /** Whether an answer is the site's login page (a work only its users may read). */
    isLoginPage(doc: Document, url: URL): boolean;
  };
