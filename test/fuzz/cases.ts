/**
 * Fuzz cases: case `index` of a run seeded `seed` is a page (a fixture from the corpus, or a generated page
 * of a registered site) with a few random mutations, and a story URL of the same site. Pure and reproducible from
 * (seed, index, corpus) alone.
 */

import { sites, type SiteId } from '../../lib/sites/registry';
import { DEFAULT_MUTATE_OPTIONS, mutate, type MutateOptions } from './mutate';
import { randomAo3Page, randomFfnPage, randomForumPage, randomRoyalRoadPage, type BuiltPage } from './pages';
import { ATTACKS } from './attacks';
import { caseSeed, createRng, type Rng } from './random';

export interface CorpusEntry {
  /** e.g. "ffn/middle-chapter". */
  name: string;
  url: string;
  html: string;
}

export interface FuzzCase {
  seed: number;
  index: number;
  site: SiteId;
  /** Where the page came from: a corpus entry's name, or "generated-<site>" ("generated-ffn"...). */
  origin: string;
  url: string;
  html: string;
  /** The mutations applied, in order. */
  ops: string[];
}

export interface CaseOptions {
  /** Most mutations per case. */
  maxMutations: number;
  mutate: Partial<MutateOptions>;
}

export const DEFAULT_CASE_OPTIONS: CaseOptions = { maxMutations: 6, mutate: {} };

/** The site of a fuzz URL: every corpus and generated page is on a registered site's host. */
export function siteOf(url: string): SiteId {
  const host = new URL(url).hostname;
  const site = sites.siteOfHost(host);
  if (!site) throw new Error(`fuzz page on ${host}, no registered site's host`);
  return site.id;
}

/**
 * Each site's random page and its URL variations (another story URL of the same site for the same page:
 * other chapter, mirror host, full-work flag). A site registered without them does not type-check.
 */
export const GENERATORS: { [K in SiteId]: { page(rng: Rng, extras: readonly string[]): BuiltPage; vary(u: URL, rng: Rng): void } } = {
  ffn: {
    page: randomFfnPage,
    vary(u, rng) {
      if (rng.chance(0.3)) u.pathname = u.pathname.replace(/^\/s\/(\d+)\/\d+/, (_m, id: string) => `/s/${id}/${rng.between(1, 40)}`);
      if (rng.chance(0.15)) u.hostname = 'm.fanfiction.net';
      if (rng.chance(0.1)) u.pathname = u.pathname.replace(/\/[^/]*$/, '/');
    },
  },
  fp: {
    page: (rng, extras) => randomFfnPage(rng, extras, 'fp'),
    vary(u, rng) {
      if (rng.chance(0.3)) u.pathname = u.pathname.replace(/^\/s\/(\d+)\/\d+/, (_m, id: string) => `/s/${id}/${rng.between(1, 40)}`);
      if (rng.chance(0.15)) u.hostname = 'm.fictionpress.com';
      if (rng.chance(0.1)) u.pathname = u.pathname.replace(/\/[^/]*$/, '/');
    },
  },
  ao3: {
    page: randomAo3Page,
    vary(u, rng) {
      if (rng.chance(0.2)) u.searchParams.set('view_full_work', 'true');
      if (rng.chance(0.1)) u.searchParams.set('view_adult', 'true');
      if (rng.chance(0.1)) u.hostname = rng.pick(['archiveofourown.com', 'archiveofourown.net', 'ao3.org']);
      if (rng.chance(0.1)) u.hash = 'workskin';
      // A collection whose name carries malformed percent escapes (decodeURIComponent throws on them).
      if (rng.chance(0.1)) u.pathname = `/collections/${rng.pick(['%E0%A4%A', '%', '%ZZ', '%C0%80', '%ED%A0%80'])}${u.pathname}`;
    },
  },
  royalroad: {
    page: randomRoyalRoadPage,
    vary(u, rng) {
      // Without the slugs (the site answers so too), another chapter, a fragment.
      if (rng.chance(0.2)) u.pathname = u.pathname.replace(/^\/fiction\/(\d+)\/[^/]+\/chapter\/(\d+)\/[^/]*/, '/fiction/$1/chapter/$2');
      if (rng.chance(0.2)) u.pathname = u.pathname.replace(/\/chapter\/\d+/, `/chapter/${rng.between(1, 9999999)}`);
      if (rng.chance(0.1)) u.hash = 'comments';
    },
  },
  spacebattles: { page: randomForumPage('spacebattles'), vary: varyForumUrl },
  sufficientvelocity: { page: randomForumPage('sufficientvelocity'), vary: varyForumUrl },
  questionablequesting: { page: randomForumPage('questionablequesting'), vary: varyForumUrl },
};

/** Another page of the reader, the thread without its slug, a post's fragment. */
function varyForumUrl(u: URL, rng: Rng): void {
  if (rng.chance(0.3)) u.pathname = u.pathname.replace(/\/reader\/.*$/, `/reader/page-${rng.between(2, 40)}`);
  if (rng.chance(0.15)) u.pathname = u.pathname.replace(/^\/threads\/[^/]*\.(\d+)\//, '/threads/$1/');
  if (rng.chance(0.1)) u.hash = `post-${rng.between(1, 9999999)}`;
}

function varyUrl(url: string, rng: Rng): string {
  const u = new URL(url);
  GENERATORS[siteOf(url)].vary(u, rng);
  if (rng.chance(0.05)) u.search += `${u.search ? '&' : '?'}q=${rng.pick(['%E0%A4%A', '%', '%FF'])}`;
  return u.href;
}

function storyIdOf(url: string): string {
  return /\/(?:s|works|fiction|threads\/(?:[^/]*\.)?)\/?(\d+)/.exec(new URL(url).pathname)?.[1] ?? '1';
}

export function makeCase(seed: number, index: number, corpus: readonly CorpusEntry[], options: Partial<CaseOptions> = {}): FuzzCase {
  const o: CaseOptions = { ...DEFAULT_CASE_OPTIONS, ...options };
  const rng = createRng(caseSeed(seed, index));
  // Every registered site's generated pages, as often as each other.
  const kind = rng.weighted<'fixture' | SiteId>([
    ['fixture', corpus.length ? 6 : 0],
    ...sites.ids.map((id) => [id, 2] as [SiteId, number]),
  ]);
  let origin: string;
  let url: string;
  let html: string;
  if (kind === 'fixture') {
    const entry = rng.pick(corpus);
    origin = entry.name;
    url = rng.chance(0.3) ? varyUrl(entry.url, rng) : entry.url;
    html = entry.html;
  } else {
    const extras = Array.from({ length: rng.between(0, 3) }, () => {
      const attack = rng.pick(ATTACKS.filter((a) => a.snippets.length > 0));
      return rng.pick(attack.snippets);
    });
    const page = GENERATORS[kind].page(rng, extras);
    origin = `generated-${kind}`;
    url = page.url;
    html = page.html.replace(/\{storyId\}/g, storyIdOf(page.url));
  }
  const count = rng.between(kind === 'fixture' ? 1 : 0, o.maxMutations);
  const mutated = mutate(html, rng, count, { ...DEFAULT_MUTATE_OPTIONS, ...o.mutate, vars: { storyId: storyIdOf(url) } });
  return { seed, index, site: siteOf(url), origin, url, html: mutated.html, ops: mutated.ops };
}
