/**
 * The outside world of a "Save whole work" run, faked: a clock whose waits pass at once (and are measured),
 * a site answering from fixture folders, and a store of saved chapters.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchLike, WholeWorkDeps } from '../../../lib/saved/whole-work-run';
import type { SanitizeWindow } from '../../../lib/sanitize';
import { readPage } from '../../../lib/sites';
import type { ChapterPart, StoryPage } from '../../../lib/sites/types';
import { blankWindow, loadPage } from '../../support/dom';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export function fixtureHtml(dir: string): string {
  return readFileSync(join(FIXTURES, dir, 'source.html'), 'utf8');
}

export function fixtureUrl(dir: string): string {
  return readFileSync(join(FIXTURES, dir, 'url.txt'), 'utf8').trim();
}

const pages = new Map<string, StoryPage>();

/** The page being read: a fixture read by its site adapter at `url` (its own url.txt by default). */
export function pageOf(dir: string, url = fixtureUrl(dir)): StoryPage {
  const key = `${dir} ${url}`;
  const known = pages.get(key);
  if (known) return structuredClone(known);
  const page = loadPage(fixtureHtml(dir), url);
  const result = readPage(page.doc, page.url, page.win);
  page.close();
  if (result.kind !== 'story') throw new Error(`${dir} is not a story page at ${url}`);
  pages.set(key, result.page);
  return structuredClone(result.page);
}

/** One window for every run: the sanitizer keeps its setup per window. */
let win: SanitizeWindow | undefined;
function sharedWindow(): SanitizeWindow {
  win ??= blankWindow();
  return win;
}

/** Epoch ms; `sleep` moves time on at once, and notes every wait. */
export function fakeClock(start = Date.UTC(2026, 11, 1, 12, 0, 0)) {
  let t = start;
  const waits: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    waits,
    sleep: async (ms: number, signal: AbortSignal) => {
      waits.push(ms);
      if (!signal.aborted) t += ms;
    },
  };
}
export type FakeClock = ReturnType<typeof fakeClock>;

export interface Answer {
  html: string;
  status?: number;
  headers?: Record<string, string>;
  /** Where the answer came from after redirects (the address asked for by default). */
  url?: string;
  /** How long the answer takes, on the fake clock (300 ms by default). */
  latencyMs?: number;
}

/** A fixture folder as an answer. */
export function answer(dir: string, extra: Omit<Answer, 'html'> = {}): Answer {
  return { html: fixtureHtml(dir), ...extra };
}

export interface Call {
  url: string;
  /** When the request was made and when its answer was in, on the fake clock. */
  at: number;
  end: number;
}

/** A site that answers from `routes` (anything else: a plain 404), on `clock`. */
export function fakeSite(clock: FakeClock, routes: Record<string, Answer | ((signal: AbortSignal) => Answer)>) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, { signal }) => {
    const call = { url, at: clock.now(), end: clock.now() };
    calls.push(call);
    const route = routes[url];
    const a = typeof route === 'function' ? route(signal) : (route ?? { html: 'Not found', status: 404 });
    clock.advance(a.latencyMs ?? 300);
    call.end = clock.now();
    const headers = new Map(Object.entries(a.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: a.status ?? 200,
      url: a.url ?? url,
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      text: async () => a.html,
    };
  };
  return { fetch, calls };
}

/** Saved chapters by number, and every `save` call's chapter numbers. */
export function fakeStore(fail?: (chapters: ChapterPart[]) => boolean) {
  const chapters = new Map<number, ChapterPart>();
  const batches: number[][] = [];
  const save = async (parts: ChapterPart[], _page: StoryPage) => {
    if (fail?.(parts)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    batches.push(parts.map((p) => p.number));
    for (const p of parts) chapters.set(p.number, p);
  };
  return { chapters, batches, save, have: () => new Set(chapters.keys()) };
}

/** Everything a run needs, from the fakes. */
export function deps(
  clock: FakeClock,
  site: ReturnType<typeof fakeSite>,
  store: ReturnType<typeof fakeStore>,
  extra: Partial<WholeWorkDeps> = {},
): WholeWorkDeps {
  return { fetch: site.fetch, win: sharedWindow(), now: clock.now, sleep: clock.sleep, save: store.save, ...extra };
}
