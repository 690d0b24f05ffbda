import { webKey } from './db/keys';
import type { ProgressRecord, WebStoryRecord } from './db/schema';
import { readPosition, type Position } from './position';
import { sites } from './sites/registry';
import { EARLIEST_TIME, isFuture } from './time';

/**
 * What a stored record may hold, and the one normalizer per record type that every way in uses (messages
 * from content scripts, reports over the reader port, backup files). A normalizer keeps only the format's
 * fields, each within its range, and answers null when a record cannot be stored at all.
 */
export const RECORD_LIMITS = {
  key: 200,
  /** Digits of a story id. FFN and AO3 ids have 8 digits today; 15 leaves room for years of growth. */
  storyIdDigits: 15,
  title: 1000,
  /** One author's or fandom's name. */
  name: 500,
  /** Authors, or fandoms, of one story. */
  names: 100,
  url: 2048,
  /** Sections (chapters) of a story, and paragraphs of a section or of a whole story. */
  sections: 100_000,
  paragraphs: 10_000_000,
  words: 1_000_000_000,
  /** A web story's rating, its warnings (how many, and each), its summary's plain text. */
  rating: 100,
  warnings: 20,
  warning: 200,
  summary: 2000,
} as const;

export { CLOCK_SKEW_MS, EARLIEST_TIME } from './time';

/**
 * A record's time, made safe to compare: a date in the future would beat every real position for ever
 * (the newest record wins), so anything past now plus the skew is taken as now. Null when it is no date.
 */
export function clampTime(t: unknown, now: number): number | null {
  if (typeof t !== 'number' || !Number.isFinite(t) || t < EARLIEST_TIME) return null;
  return isFuture(t, now) ? now : t;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const SEED_KEY = /^seed:[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A registered site's story (lib/sites/registry.ts). */
const WEB_KEY = sites.webKeyPattern(RECORD_LIMITS.storyIdDigits);
const STORY_ID = new RegExp(`^\\d{1,${RECORD_LIMITS.storyIdDigits}}$`);

export const isSeedKey = (x: unknown): x is string => typeof x === 'string' && x.length <= RECORD_LIMITS.key && SEED_KEY.test(x);
export const isWebKey = (x: unknown): x is string => typeof x === 'string' && WEB_KEY.test(x);

const count = (x: unknown, max: number): number | null =>
  Number.isInteger(x) && (x as number) >= 0 && (x as number) <= max ? (x as number) : null;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const httpUrl = (x: unknown): x is string => typeof x === 'string' && x.length <= RECORD_LIMITS.url && /^https?:\/\//.test(x);
const text = (x: string, max: number) => (x.length <= max ? x : x.slice(0, max));

/**
 * A position within the limits. `legacy`: a position of releases 1-3 (`{section, paragraph, n, offset}`,
 * as backup files of format version 1 hold them) is read too, converted (lib/position.ts `readPosition`).
 */
function normalizePosition(x: unknown, legacy: boolean): Position | null {
  if (!isObj(x) || (!legacy && !('part' in x))) return null;
  const p = readPosition(x);
  if (!p || count(p.part, RECORD_LIMITS.sections) === null || count(p.paragraph, RECORD_LIMITS.paragraphs) === null) return null;
  return p;
}

export interface NormalizeOptions {
  /** Also read positions in the shape releases 1-3 wrote (old backup files). */
  legacy?: boolean;
}

/** A progress record of a bundled or a web story, or null when it cannot be stored. */
export function normalizeProgressRecord(x: unknown, now: number, options: NormalizeOptions = {}): ProgressRecord | null {
  if (!isObj(x) || !(isSeedKey(x.key) || isWebKey(x.key)) || !finite(x.percent)) return null;
  const position = normalizePosition(x.position, options.legacy ?? false);
  const updatedAt = clampTime(x.updatedAt, now);
  if (!position || updatedAt === null) return null;
  const finishedAt = x.finishedAt === null ? null : clampTime(x.finishedAt, now);
  return { key: x.key, position, percent: clamp(x.percent, 0, 100), updatedAt, finishedAt };
}

/**
 * The limits applied to a story's names and title: a story with 120 fandoms or 101 co-creators is read
 * like any other, and stored with the first of them. Builders (lib/web-progress.ts) and the normalizer
 * share this, so what a page sends always fits.
 */
export function fitNames(names: readonly string[]): string[] {
  return names.slice(0, RECORD_LIMITS.names).map((s) => text(s, RECORD_LIMITS.name));
}
export const fitTitle = (title: string): string => text(title, RECORD_LIMITS.title);

/** The optional facts of a web story record. */
export type StoryFacts = Pick<WebStoryRecord, 'rating' | 'warnings' | 'summary'>;

/**
 * A web story's rating, warnings and summary, trimmed to the limits, with only the ones known: absent is
 * unknown (a page that does not say, an older record), so a merge keeps what another page said. Builders and
 * the normalizer share this; a field of the wrong type is dropped, not the record.
 */
export function fitStoryFacts(x: { rating?: unknown; warnings?: unknown; summary?: unknown }): StoryFacts {
  const out: StoryFacts = {};
  const rating = typeof x.rating === 'string' ? text(x.rating.trim(), RECORD_LIMITS.rating) : '';
  if (rating) out.rating = rating;
  const warnings = Array.isArray(x.warnings) && x.warnings.every((w) => typeof w === 'string') ? (x.warnings as string[]) : [];
  const fitted = warnings
    .map((w) => text(w.trim(), RECORD_LIMITS.warning))
    .filter(Boolean)
    .slice(0, RECORD_LIMITS.warnings);
  if (fitted.length) out.warnings = fitted;
  const summary = typeof x.summary === 'string' ? text(x.summary.trim(), RECORD_LIMITS.summary) : '';
  if (summary) out.summary = summary;
  return out;
}

/** A web story record, trimmed to the limits; null when it cannot be stored (its identity or links are bad). */
export function normalizeWebStoryRecord(x: unknown, now: number): WebStoryRecord | null {
  if (!isObj(x) || !sites.isSiteId(x.site) || typeof x.storyId !== 'string' || !STORY_ID.test(x.storyId)) return null;
  if (x.key !== webKey(x.site, x.storyId) || !httpUrl(x.storyUrl) || typeof x.title !== 'string') return null;
  const names = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? fitNames(v as string[]) : null);
  const authors = names(x.authors);
  const fandoms = names(x.fandoms);
  const updatedAt = clampTime(x.updatedAt, now);
  const c = x.chapter;
  if (!authors || !fandoms || updatedAt === null || !isObj(c) || !httpUrl(c.url)) return null;
  const number = count(c.number, RECORD_LIMITS.sections);
  if (number === null || number < 1 || !(c.title === null || typeof c.title === 'string')) return null;
  const chapterCount = count(x.chapterCount, RECORD_LIMITS.sections);
  return {
    key: x.key,
    site: x.site,
    storyId: x.storyId,
    storyUrl: x.storyUrl,
    title: fitTitle(x.title),
    authors,
    fandoms,
    chapterCount: chapterCount && chapterCount >= 1 ? chapterCount : null,
    words: count(x.words, RECORD_LIMITS.words),
    chapter: { number, title: c.title === null ? null : fitTitle(c.title), url: c.url },
    updatedAt,
    ...fitStoryFacts(x),
  };
}
