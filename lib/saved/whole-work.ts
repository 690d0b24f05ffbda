/**
 * "Save whole work" (issue 15): which requests to make, from the page being read and what is already saved.
 * Pure: no browser API, no clock. The run itself is lib/saved/whole-work-run.ts. How a site is asked is its
 * adapter's `wholeWork` (lib/sites/types.ts); a site without one offers nothing.
 *
 * - AO3 (`full-view`): one request for the work's full view, on the host the page was read from, past the
 *   adult-content gate only when the reader already was. A gated work answers with the gate and the run says
 *   so; Ficwell never answers a gate for the reader.
 * - fanfiction.net (`by-chapter`): one request per chapter not yet saved, at most one every 5 s; a plan made
 *   again from what is saved resumes where a stopped run left off.
 *
 * Chapters of the page being read that are not saved yet are taken from it without any request.
 */

import { adapterOf } from '../sites/read';
import type { ChapterPart, SiteId, StoryPage } from '../sites/types';

export type WholeWorkRequest =
  /** AO3: every chapter on one page. */
  | { kind: 'full-work'; url: string }
  /** FFN: one chapter, by its 1-based position. */
  | { kind: 'chapter'; chapter: number; url: string };

export interface WholeWorkPlan {
  site: SiteId;
  storyId: string;
  /** The page being read, whose metadata goes with the chapters taken from it. */
  page: StoryPage;
  /** Chapters the work has, as the page being read says. */
  total: number;
  /** Chapter numbers already saved, among 1..total, ascending. */
  saved: number[];
  /** Chapters shown on the page being read and not saved yet: stored without a request. */
  fromPage: ChapterPart[];
  /** In order; empty when nothing is missing. */
  requests: WholeWorkRequest[];
  /** Least time between the end of one response and the next request, in ms. */
  gapMs: number;
}

/**
 * The plan for saving every chapter of the work `page` belongs to, given the chapter numbers already saved;
 * undefined when `page` was not read by a site adapter on one of its hosts (nothing to trust the URLs to), or
 * its site offers no "Save whole work".
 */
export function planWholeWork(page: StoryPage, have: ReadonlySet<number>): WholeWorkPlan | undefined {
  const adapter = adapterOf(page.site);
  const way = adapter.wholeWork;
  if (page.source !== 'adapter' || !way) return undefined;
  let pageUrl: URL;
  try {
    pageUrl = new URL(page.url);
  } catch {
    return undefined;
  }
  const loc = adapter.parseUrl(pageUrl);
  if (!loc || loc.site !== page.site || loc.storyId !== page.storyId) return undefined;

  const total = Math.max(
    page.chaptersPosted ?? 0,
    // Asked for by number, the chapters counted are posted ones; AO3's "5/10" plans 10 and has 5.
    way.kind === 'by-chapter' ? (page.chapterCount ?? 0) : 0,
    page.chapters.length,
    ...page.parts.map((p) => p.number),
  );
  const saved = range(total).filter((n) => have.has(n));
  const fromPage = page.parts.filter((p) => !have.has(p.number) && p.paragraphs.length > 0);
  const covered = new Set([...saved, ...fromPage.map((p) => p.number)]);
  const missing = range(total).filter((n) => !covered.has(n));
  const base = { site: page.site, storyId: page.storyId, page, total, saved, fromPage };

  if (way.kind === 'full-view') {
    const url = way.url(pageUrl.origin, page.storyId, loc.adultConsent === true);
    return { ...base, requests: missing.length ? [{ kind: 'full-work', url }] : [], gapMs: 0 };
  }
  return {
    ...base,
    requests: missing.map((chapter) => ({ kind: 'chapter', chapter, url: way.url(pageUrl.origin, page.storyId, chapter, page.storyUrl) })),
    gapMs: way.gapMs,
  };
}

/** 1..n */
function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
