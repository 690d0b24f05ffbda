import type { SanitizeWindow } from '../sanitize';
import { ao3 } from './ao3';
import type { FallbackReader } from './fallback';
import { ffn } from './ffn';
import { fp } from './fp';
import { wholePage } from './page-steps';
import { sites, type SiteId } from './registry';
import { royalRoad } from './royalroad';
import type { NotReadableReason, PageRest, SiteAdapter, StoryLocation, StoryPage } from './types';
import { questionableQuesting, spaceBattles, sufficientVelocity } from './xenforo';

/** Each registered site's adapter: a site registered without one does not type-check. */
const ADAPTERS: { [K in SiteId]: SiteAdapter<K> } = {
  ffn,
  ao3,
  fp,
  royalroad: royalRoad,
  spacebattles: spaceBattles,
  sufficientvelocity: sufficientVelocity,
  questionablequesting: questionableQuesting,
};

/** The adapters, in the registry's order. */
export const adapters: readonly SiteAdapter[] = sites.ids.map((id) => {
  // The type checker already says so; this is for a registry changed where it cannot look (a test's).
  if (!Object.hasOwn(ADAPTERS, id)) throw new Error(`site ${id} is registered without an adapter (lib/sites/read.ts)`);
  return ADAPTERS[id];
});

/** A registered site's adapter. */
export function adapterOf<K extends SiteId>(id: K): SiteAdapter<K> {
  return ADAPTERS[id] as SiteAdapter<K>;
}

/** The adapter for a URL's host, whatever the page. */
export function adapterFor(url: URL): SiteAdapter | undefined {
  return adapters.find((a) => a.hosts.includes(url.hostname));
}

/** The story a URL points to, on any supported site. */
export function parseStoryUrl(url: URL): StoryLocation | undefined {
  return adapterFor(url)?.parseUrl(url);
}

export type ReadResult =
  /** With `rest`, only from `readPageInSteps`: `page` is what is read so far (lib/sites/page-steps.ts). */
  | { kind: 'story'; page: StoryPage; rest?: PageRest }
  | { kind: 'not-readable'; reason: NotReadableReason }
  /** The URL's host is not a supported site. */
  | { kind: 'unsupported' }
  /** A story URL whose page the adapter did not recognise, and no fallback was given: load one and retry. */
  | { kind: 'needs-fallback' };

/**
 * Reads a page, saying why when it gives no story. `doc` is never changed.
 *
 * Fallback rule: Readability runs only when the URL is a story URL of a supported site, the page is not a
 * known non-readable page (adult gate, missing story, challenge, listing) and the adapter did not recognise
 * it (the site changed its markup, say). A gate or a "Story Not Found" page has enough text for Readability
 * to "succeed" on, which is exactly what must not happen.
 */
export function readPageWith(doc: Document, url: URL, win: SanitizeWindow, fallback?: FallbackReader): ReadResult {
  return wholePage(readPageInSteps(doc, url, win, fallback));
}

/**
 * `readPageWith`, but a huge story comes with the `rest` still to read: a view can show what is read and read
 * on in short tasks (entrypoints/restyle).
 */
export function readPageInSteps(doc: Document, url: URL, win: SanitizeWindow, fallback?: FallbackReader): ReadResult {
  const adapter = adapterFor(url);
  if (!adapter) return { kind: 'unsupported' };
  const result = adapter.parseDocument(doc, url, win);
  if (result.kind !== 'unrecognized') return result;
  const loc = adapter.parseUrl(url);
  if (!loc) return { kind: 'not-readable', reason: 'unparseable' };
  if (!fallback) return { kind: 'needs-fallback' };
  const page = fallback(doc, url, win, loc);
  return page ? { kind: 'story', page } : { kind: 'not-readable', reason: 'unparseable' };
}
