import type { SanitizeWindow } from '../sanitize';
import { isChallengePage } from './page';
import type { NotReadableReason, PageRest, PageResult, StoryLocation, StoryPage } from './types';

/** What one site's adapter knows of its pages, taken by `documentParser` in the order every site needs. */
export interface PageSteps<Content> {
  /** The adapter's `parseUrl`: the story a URL points to, undefined for every other page. */
  parseUrl(url: URL): StoryLocation | undefined;
  /** Whether a page whose URL is no story's is one of the site's listings (browse, search, an index). */
  isListing(doc: Document, url: URL): boolean;
  /** What the story is read from (the chapter text, the threadmarked posts); undefined when the page lacks it. */
  content(doc: Document): Content | undefined;
  /** Why a story URL's page lacking that is not readable (a gate, a missing story); undefined when unrecognised. */
  withoutContent(doc: Document): NotReadableReason | undefined;
  /** The story, read from the page's content (a huge one in steps); undefined when it cannot be after all. */
  read(doc: Document, url: URL, win: SanitizeWindow, loc: StoryLocation, content: Content): StoryPage | PageInSteps | undefined;
}

/** A story read so far, and the rest of it to read. */
export interface PageInSteps {
  page: StoryPage;
  rest: PageRest;
}

/** Work done a step at a time (lib/sites/body.ts `BodyRuns`): what is done so far, and whether that is all. */
export interface Stepped<T> {
  readonly done: boolean;
  step(): void;
  current(): T;
}

/** The page of what `work` has done, and when there is more, the rest of it (see `PageRest`). */
export function inSteps<T>(work: Stepped<T>, pageOf: (value: T) => StoryPage): StoryPage | PageInSteps {
  const page = pageOf(work.current());
  if (work.done) return page;
  const rest: PageRest = () => {
    work.step();
    return work.done ? pageOf(work.current()) : undefined;
  };
  return { page, rest };
}

/** The result with the whole story read, in one go: for callers that do not draw a page while it is read. */
export function wholePage<R extends { kind: string; rest?: PageRest }>(result: R): R {
  if (!result.rest) return result;
  const { rest, ...read } = result;
  for (;;) {
    const page = rest();
    if (page) return { ...read, page } as unknown as R;
  }
}

/**
 * An adapter's `parseDocument`: a browser check in front of the page first (it stands at any URL), then a
 * page that is no story, then a story's page without its text, then the story.
 */
export function documentParser<Content>(steps: PageSteps<Content>): (doc: Document, url: URL, win: SanitizeWindow) => PageResult {
  return (doc, url, win) => {
    if (isChallengePage(doc)) return { kind: 'not-readable', reason: 'challenge' };
    const loc = steps.parseUrl(url);
    if (!loc) return { kind: 'not-readable', reason: steps.isListing(doc, url) ? 'listing' : 'not-a-story' };
    const content = steps.content(doc);
    if (content === undefined) {
      const reason = steps.withoutContent(doc);
      return reason ? { kind: 'not-readable', reason } : { kind: 'unrecognized' };
    }
    const read = steps.read(doc, url, win, loc, content);
    if (!read) return { kind: 'unrecognized' };
    return 'rest' in read ? { kind: 'story', page: read.page, rest: read.rest } : { kind: 'story', page: read };
  };
}
