/**
 * "Save whole work" (issue 15): which requests to make, from the page being read and what is already saved.
 * Pure: no browser API, no clock. The run itself is lib/saved/whole-work-run.ts.
 *
 * - AO3: one request for the work's full view, `/works/{id}?view_full_work=true` on the host the page was read
 *   from (a mirror keeps its own login cookies), with `view_adult=true` only when the page being read carries
 *   it: the reader has already answered that work's adult-content gate. Without it, a gated work answers with
 *   the gate and the run says so; Ficwell never answers a gate for the reader.
 * - fanfiction.net: one request per chapter not yet saved, at most one every `FFN_GAP_MS`; a plan made again
 *   from what is saved resumes where a stopped run left off.
 *
 * Chapters of the page being read that are not saved yet are taken from it without any request.
 */

import { ao3 } from '../sites/ao3';
import { ffn } from '../sites/ffn';
import type { ChapterPart, SiteId, StoryPage } from '../sites/types';

/** Least time between the end of one FFN response and the next request. */
export const FFN_GAP_MS = 5_000;

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
 * undefined when `page` was not read by a site adapter on one of its hosts (nothing to trust the URLs to).
 */
export function planWholeWork(page: StoryPage, have: ReadonlySet<number>): WholeWorkPlan | undefined {
  if (page.source !== 'adapter') return undefined;
  const adapter = page.site === 'ao3' ? ao3 : ffn;
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
    page.site === 'ffn' ? (page.chapterCount ?? 0) : 0,
    page.chapters.length,
    ...page.parts.map((p) => p.number),
  );
  const saved = range(total).filter((n) => have.has(n));
  const fromPage = page.parts.filter((p) => !have.has(p.number) && p.paragraphs.length > 0);
  const covered = new Set([...saved, ...fromPage.map((p) => p.number)]);
  const missing = range(total).filter((n) => !covered.has(n));
  const base = { site: page.site, storyId: page.storyId, page, total, saved, fromPage };

  if (page.site === 'ao3') {
    const url = new URL(`/works/${page.storyId}`, pageUrl.origin);
    url.searchParams.set('view_full_work', 'true');
    if (loc.adultConsent) url.searchParams.set('view_adult', 'true');
    return { ...base, requests: missing.length ? [{ kind: 'full-work', url: url.href }] : [], gapMs: 0 };
  }
  // The slug as the adapter has it in the canonical story URL (`/s/{id}/1/{slug}`); built here, not taken from
  // the page's chapter menu, so no page decides where the requests go.
  const slug = /^\/s\/\d+\/1\/([^/]*)$/.exec(new URL(page.storyUrl).pathname)?.[1] ?? '';
  return {
    ...base,
    requests: missing.map((chapter) => ({ kind: 'chapter', chapter, url: `${pageUrl.origin}/s/${page.storyId}/${chapter}/${slug}` })),
    gapMs: FFN_GAP_MS,
  };
}

/** 1..n */
function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
