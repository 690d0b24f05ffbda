import { webKey } from './db/keys';
import type { ProgressRecord, WebStoryRecord } from './db/schema';
import type { Position } from './position';
import { fitNames, fitStoryFacts, fitTitle } from './records';
import type { ChapterPart, StoryPage } from './sites/types';

/**
 * The restyled page's place in the reader (a `Place` of components/Reader.tsx, with components/page-source.tsx): `part` indexes `StoryPage.parts`
 * (what this page shows: one chapter, or every chapter of an AO3 full work), not the story's chapters; `p`
 * is the paragraph's index within that part. It never leaves the page: what is stored and sent is the
 * `Position` of `positionOnPage`, whose `part` is the chapter number − 1.
 */
export interface WebAnchor {
  part: number;
  p: number;
  offset: number;
}

export function chaptersOf(page: StoryPage): number {
  return page.chapterCount ?? page.chaptersPosted ?? Math.max(page.chapters.length, page.parts.length, 1);
}

/**
 * The fewest chapters the story can have: its count, or at least the highest chapter the page shows. A Royal
 * Road chapter or a forum's reader page names no count and lists no other chapter, and chapter 2 of a story
 * taken for one chapter would have the bar full at its first line. Records keep `chaptersOf` (a count lower
 * than the chapter read is how a merge tells an unknown count, lib/db/progress.ts).
 */
export function chaptersAtLeast(page: StoryPage): number {
  return Math.max(chaptersOf(page), ...page.parts.map((p) => p.number));
}

/** Percent through the whole story: whole chapters before this one, plus the words read in it. */
export function webPercent(page: StoryPage, a: WebAnchor): number {
  const part = page.parts[a.part];
  if (!part) return 0;
  const total = chaptersAtLeast(page);
  return Math.min(100, ((part.number - 1 + fractionOf(part, a)) / total) * 100);
}

function fractionOf(part: ChapterPart, a: WebAnchor): number {
  if (part.words === 0) return 0;
  let before = 0;
  part.paragraphs.forEach((p, i) => {
    if (i < a.p) before += p.words;
  });
  const here = part.paragraphs[a.p]?.words ?? 0;
  return Math.min(1, (before + here * Math.min(1, Math.max(0, a.offset))) / part.words);
}

/**
 * The library record of a page's story, with the chapter being read. Names and titles are trimmed to what
 * a record may hold (lib/records.ts): a story with 120 fandoms is stored with the first 100. Rating, warnings
 * and summary are there only when the page gives them (the Readability fallback gives none).
 */
export function webStoryRecord(page: StoryPage, a: WebAnchor, now: number): WebStoryRecord {
  const part = page.parts[a.part] ?? page.parts[0];
  const number = part?.number ?? 1;
  const url = part?.url ?? page.chapters.find((c) => c.number === number)?.url ?? page.url;
  return {
    key: webKey(page.site, page.storyId),
    site: page.site,
    storyId: page.storyId,
    storyUrl: page.storyUrl,
    title: fitTitle(page.title),
    authors: fitNames(page.authors.map((x) => x.name)),
    fandoms: fitNames(page.fandoms),
    chapterCount: chaptersOf(page),
    words: page.words ?? null,
    chapter: { number, title: part?.title === undefined ? null : fitTitle(part.title), url: page.fullWork ? page.url : url },
    updatedAt: now,
    ...fitStoryFacts({ rating: page.rating, warnings: page.warnings, summary: page.summary?.text }),
  };
}

/** The story position of a place on this page: its chapter number − 1, the same on chapter and full-work pages. */
export function positionOnPage(page: StoryPage, a: WebAnchor): Position {
  const chapter = page.parts[a.part]?.number ?? 1;
  return { part: chapter - 1, paragraph: a.p, offset: a.offset };
}

/** The position record of a place on this page (see `positionOnPage`). */
export function webProgressRecord(page: StoryPage, a: WebAnchor, atEnd: boolean, now: number): ProgressRecord {
  const position = positionOnPage(page, a);
  const lastChapter = position.part + 1 >= chaptersOf(page) && page.status === 'complete';
  return {
    key: webKey(page.site, page.storyId),
    position,
    percent: atEnd && lastChapter ? 100 : webPercent(page, a),
    updatedAt: now,
    finishedAt: atEnd && lastChapter ? now : null,
  };
}

/** Where a saved position lands on this page, if the page shows its chapter (the inverse of `positionOnPage`). */
export function anchorOnPage(page: StoryPage, saved: ProgressRecord): WebAnchor | null {
  const part = page.parts.findIndex((x) => x.number === saved.position.part + 1);
  if (part === -1) return null;
  const count = page.parts[part]?.paragraphs.length ?? 0;
  if (count === 0) return null;
  return { part, p: Math.min(saved.position.paragraph, count - 1), offset: saved.position.offset };
}
