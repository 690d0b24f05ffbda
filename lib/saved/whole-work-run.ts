/**
 * Performs a plan of lib/saved/whole-work.ts. Everything outside is handed in: the request (`fetch`: the
 * caller decides its credentials), the window whose DOMParser and sanitizer read the answers, the clock, the
 * wait, and `save`.
 *
 * Rules:
 * - Requests one at a time, waiting `plan.gapMs` after each answer before the next.
 * - Stops at the first failure, and never asks again by itself: a browser check (Cloudflare), a 403 or a 429
 *   means the site wants fewer requests, and answering a check is not Ficwell's to do. A later run, planned
 *   from what was saved, goes on from there.
 * - `save` is only ever given whole chapters that were read and checked: the chapter asked for, of this work,
 *   with text. AO3's full view is saved all at once or not at all. A failure leaves what was saved before.
 * - Failures are typed (`WholeWorkFailure`); the UI says them in words (components/WholeWorkControl.tsx).
 */

import type { SanitizeWindow } from '../sanitize';
import { isChallengePage } from '../sites/page';
import { adapterOf } from '../sites/read';
import { wholePage } from '../sites/page-steps';
import type { ChapterPart, StoryPage } from '../sites/types';
import type { WholeWorkPlan, WholeWorkRequest } from './whole-work';

/** What the run reads of an answer: a `Response` has all of it. */
export interface ResponseLike {
  status: number;
  /** The address that answered, after redirects ('' when unknown). */
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<ResponseLike>;

export type WholeWorkFailureReason =
  /** A browser check (Cloudflare's "Just a moment...") answered instead of the page. */
  | 'challenge'
  /** HTTP 403. */
  | 'forbidden'
  /** HTTP 429; `retryAfterSeconds` when the site said how long to wait. */
  | 'rate-limited'
  /** HTTP 404 or 410, or the site's own "not found" page. */
  | 'not-found'
  /** The site's login page (AO3 shows it for works restricted to its users). */
  | 'login'
  /** AO3's adult-content gate: the reader has not answered it for this work. */
  | 'adult-gate'
  /** A readable page, but of another work or chapter than the one asked for. */
  | 'different-work'
  /** AO3's full view without every chapter the work has posted. */
  | 'incomplete'
  /** A page the site adapter does not read as a chapter (another page of the site, a changed layout). */
  | 'unexpected-page'
  /** Any other HTTP status that is not a success; `status` says which. */
  | 'http-error'
  /** The request itself failed (offline, connection reset). */
  | 'network'
  /** `save` threw (a full disk, say): what was saved before stays. */
  | 'save-failed';

export interface WholeWorkFailure {
  reason: WholeWorkFailureReason;
  /** The address asked for. */
  url?: string;
  /** FFN: the chapter asked for. */
  chapter?: number;
  /** The HTTP status, for `http-error` (and kept for every answer that had one). */
  status?: number;
  /** `rate-limited`: seconds to wait, from Retry-After (seconds, or an HTTP date against the clock). */
  retryAfterSeconds?: number;
}

export interface WholeWorkProgress {
  /** Chapters saved, those saved before the run included. */
  done: number;
  total: number;
}

export type WholeWorkResult =
  | ({ kind: 'done' } & WholeWorkProgress)
  | ({ kind: 'cancelled' } & WholeWorkProgress)
  | ({ kind: 'failed'; failure: WholeWorkFailure } & WholeWorkProgress);

export interface WholeWorkDeps {
  fetch: FetchLike;
  /** Its DOMParser reads the answers (scripts never run there); the adapters sanitize with it. */
  win: SanitizeWindow;
  /** Milliseconds (only differences are used, and Retry-After dates: so epoch milliseconds). */
  now: () => number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Stores whole, checked chapters, with the page they were read from (its metadata may be newer). */
  save: (chapters: ChapterPart[], page: StoryPage) => Promise<void>;
  onProgress?: (progress: WholeWorkProgress) => void;
  signal?: AbortSignal;
}

export async function runWholeWork(plan: WholeWorkPlan, deps: WholeWorkDeps): Promise<WholeWorkResult> {
  const signal = deps.signal ?? new AbortController().signal;
  const have = new Set(plan.saved);
  let total = plan.total;
  const progress = (): WholeWorkProgress => ({ done: have.size, total: Math.max(total, have.size) });
  const failed = (failure: WholeWorkFailure): WholeWorkResult => ({ kind: 'failed', failure, ...progress() });
  const cancelled = (): WholeWorkResult => ({ kind: 'cancelled', ...progress() });

  const store = async (chapters: ChapterPart[], page: StoryPage): Promise<WholeWorkFailure | undefined> => {
    if (chapters.length === 0) return undefined;
    try {
      await deps.save(chapters, page);
    } catch {
      return { reason: 'save-failed' };
    }
    for (const c of chapters) have.add(c.number);
    deps.onProgress?.(progress());
    return undefined;
  };

  deps.onProgress?.(progress());
  if (signal.aborted) return cancelled();
  const fromPage = await store(plan.fromPage, plan.page);
  if (fromPage) return failed(fromPage);

  let lastAnswer: number | undefined;
  for (const request of plan.requests) {
    if (signal.aborted) return cancelled();
    if (request.kind === 'chapter' && have.has(request.chapter)) continue;
    if (lastAnswer !== undefined) {
      const wait = lastAnswer + plan.gapMs - deps.now();
      if (wait > 0) await deps.sleep(wait, signal);
      if (signal.aborted) return cancelled();
    }
    const answer = await ask(request, plan, deps, signal);
    lastAnswer = deps.now();
    if (signal.aborted) return cancelled();
    if (!answer.ok) return failed(answer.failure);
    if (answer.page.chaptersPosted !== undefined) total = Math.max(total, answer.page.chaptersPosted);
    const fresh = answer.chapters.filter((c) => !have.has(c.number));
    const saveFailure = await store(fresh, answer.page);
    if (saveFailure) return failed({ ...saveFailure, url: request.url, ...chapterOf(request) });
  }
  if (signal.aborted) return cancelled();
  return { kind: 'done', ...progress() };
}

type Answer = { ok: true; page: StoryPage; chapters: ChapterPart[] } | { ok: false; failure: WholeWorkFailure };

/** One request, read and checked. */
async function ask(request: WholeWorkRequest, plan: WholeWorkPlan, deps: WholeWorkDeps, signal: AbortSignal): Promise<Answer> {
  const where = { url: request.url, ...chapterOf(request) };
  const adapter = adapterOf(plan.site);
  const how = adapter.wholeWork;
  // planWholeWork plans only for a site with `wholeWork`: nothing is asked of any other.
  if (!how) throw new Error(`no "Save whole work" on ${plan.site}`);
  let response: ResponseLike;
  let html: string;
  try {
    response = await deps.fetch(request.url, { signal });
    html = await response.text();
  } catch {
    return { ok: false, failure: { reason: 'network', ...where } };
  }
  const status = response.status;
  const fail = (reason: WholeWorkFailureReason, extra: Partial<WholeWorkFailure> = {}): Answer => ({
    ok: false,
    failure: { reason, ...where, status, ...extra },
  });

  const doc = new deps.win.DOMParser().parseFromString(html, 'text/html');
  // Cloudflare sets `cf-mitigated: challenge` on every challenge answer, whatever its status (often 403):
  // https://developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response
  // The page itself is judged as the restyler judges it (lib/sites/page.ts), for hosts that do not send it.
  const cfMitigated = (response.headers.get('cf-mitigated') ?? '').trim().toLowerCase();
  if (cfMitigated === 'challenge' || isChallengePage(doc)) return fail('challenge');
  if (status === 429) {
    const retryAfterSeconds = retryAfter(response.headers.get('retry-after'), deps.now());
    return fail('rate-limited', retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  }
  if (status === 403) return fail('forbidden');
  if (status === 404 || status === 410) return fail('not-found');
  if (status < 200 || status > 299) return fail('http-error');

  const url = answeredUrl(response, request.url);
  const result = wholePage(adapter.parseDocument(doc, url, deps.win));
  if (result.kind !== 'story') {
    if (how.isLoginPage(doc, url)) return fail('login');
    if (result.kind === 'not-readable') {
      if (result.reason === 'challenge') return fail('challenge');
      if (result.reason === 'adult-gate') return fail('adult-gate');
      if (result.reason === 'not-found') return fail('not-found');
    }
    return fail('unexpected-page');
  }
  const page = result.page;
  // The adapters take the story id from the URL; a page that names no work is taken at its address.
  const otherWork = how.worksNamed(doc).some((id) => id !== undefined && id !== plan.storyId);
  if (page.site !== plan.site || page.storyId !== plan.storyId || otherWork) return fail('different-work');
  const whole = page.parts.filter(isWhole);

  if (request.kind === 'chapter') {
    const part = whole.length === 1 && page.parts.length === 1 ? whole[0] : undefined;
    if (!part || part.number !== request.chapter) return fail('different-work');
    return { ok: true, page, chapters: [part] };
  }
  // AO3's full view: every posted chapter, each once, or nothing.
  const numbers = new Set(whole.map((p) => p.number));
  const posted = page.chaptersPosted ?? page.parts.length;
  if (whole.length !== page.parts.length || numbers.size !== whole.length || whole.length < posted) return fail('incomplete');
  return { ok: true, page, chapters: whole };
}

/** A chapter with a position and text: anything less is not stored. */
function isWhole(part: ChapterPart): boolean {
  return Number.isInteger(part.number) && part.number >= 1 && part.paragraphs.length > 0 && part.blocks.length > 0;
}

function chapterOf(request: WholeWorkRequest): { chapter?: number } {
  return request.kind === 'chapter' ? { chapter: request.chapter } : {};
}

/** The address that answered (after redirects), or the one asked for when the answer does not say. */
function answeredUrl(response: ResponseLike, asked: string): URL {
  try {
    return new URL(response.url || asked);
  } catch {
    return new URL(asked);
  }
}

/** Retry-After as seconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when unreadable. */
export function retryAfter(value: string | null, now: number): number | undefined {
  const v = (value ?? '').trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : undefined;
}
