import type { ProgressRecord, WebStoryRecord } from '../db/schema';
import type { Position } from '../position';
import { clampTime, isSeedKey, isWebKey } from '../records';
import { sites, type SiteId } from '../sites/registry';

/**
 * One story's place as it travels through the browser's sync: what another device needs to continue it.
 * IndexedDB stays the source of truth; this is a compact replica of its most recent records.
 */
export interface SyncEntry {
  key: string;
  position: Position;
  percent: number;
  finishedAt: number | null;
  updatedAt: number;
  /** The device that read to this place: breaks ties between equal times, so every device picks the same. */
  device: string;
  /** For a story on a site: enough to list it and continue it on a device that never saw it. */
  web?: { title: string; chapter: number; url: string };
}

/** Titles are cut to this many characters in sync (the full title comes back when the page is visited). */
export const SYNC_TITLE_CHARS = 24;

/** A web entry carries its chapter's address as the site's `chapterRef` (lib/sites/site.ts): an id at most, no URL. */
const DEVICE = /^[a-z0-9]{1,12}$/;

/** The site and story id of a web story's key (already checked by isWebKey). */
const webParts = (key: string): [SiteId, string] | null => {
  if (!isWebKey(key)) return null;
  const [, site, id] = key.split(':') as [string, SiteId, string];
  return [site, id];
};

export function entryFrom(progress: ProgressRecord, story: WebStoryRecord | undefined, device: string): SyncEntry {
  const entry: SyncEntry = {
    key: progress.key,
    position: progress.position,
    percent: progress.percent,
    finishedAt: progress.finishedAt,
    updatedAt: progress.updatedAt,
    device,
  };
  if (story) entry.web = { title: story.title.slice(0, SYNC_TITLE_CHARS), chapter: story.chapter.number, url: story.chapter.url };
  return entry;
}

/**
 * The tuple stored for an entry, about 90 bytes for a web story: [key ("seed:<id>", or "<site>:<id>" for
 * "web:<site>:<id>"), part, paragraph, offset in hundredths, percent in tenths, updated (base-36 ms),
 * finished (base-36 ms or ''), device, 0, title, chapter ref]; the last two only for web stories.
 * Times keep their milliseconds: they decide which place wins, and must compare the same on every device.
 *
 * The format is the one releases 1-3 wrote, whose second field was the position's `section` (what `part`
 * is now) and whose ninth was the paragraph's number across the story minus `paragraph`. That ninth field
 * is read and ignored (the number is derived from the story where it is needed) and written as 0: a device
 * still on release 3 accepts only tuples of 9 or 11 fields, and opens at (section, paragraph) when that
 * paragraph exists, so both releases read each other's entries during an update.
 */
export type EntryTuple = [string, number, number, number, number, string, string, string, number, ...([] | [string, string])];

export function encodeEntry(e: SyncEntry): EntryTuple {
  const p = e.position;
  const base: EntryTuple = [
    e.key.startsWith('web:') ? e.key.slice(4) : e.key,
    p.part,
    p.paragraph,
    Math.round(p.offset * 100),
    Math.round(e.percent * 10),
    e.updatedAt.toString(36),
    e.finishedAt === null ? '' : e.finishedAt.toString(36),
    e.device,
    0,
  ];
  const web = webParts(e.key);
  if (!web || !e.web) return base;
  return [...base, e.web.title.slice(0, SYNC_TITLE_CHARS), sites.site(web[0]).chapterRef(e.web.url)] as EntryTuple;
}

const int = (x: unknown, max: number): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= max;
/** A base-36 time, clamped like every time that arrives (lib/records.ts): null when it is no date. */
const time = (x: unknown, now: number): number | null =>
  typeof x === 'string' && /^[0-9a-z]{1,9}$/.test(x) ? clampTime(parseInt(x, 36), now) : null;

/** The entry a tuple holds, or null for anything malformed: data from the sync area is never trusted. */
export function decodeEntry(x: unknown, now: number): SyncEntry | null {
  if (!Array.isArray(x) || (x.length !== 9 && x.length !== 11)) return null;
  const [stored, part, paragraph, offset, percent, updated, finished, device, dn, title, ref] = x as unknown[];
  if (typeof stored !== 'string' || stored.length > 80) return null;
  const key = stored.startsWith('seed:') ? stored : `web:${stored}`;
  if (!(isSeedKey(key) || isWebKey(key))) return null;
  if (!int(part, 1e6) || !int(paragraph, 1e7) || !int(offset, 100) || !int(percent, 1000)) return null;
  if (!int(dn, 1e7) || typeof device !== 'string' || !DEVICE.test(device)) return null;
  const updatedAt = time(updated, now);
  const finishedAt = finished === '' ? null : time(finished, now);
  if (updatedAt === null || (finished !== '' && finishedAt === null)) return null;
  const entry: SyncEntry = {
    key,
    position: { part, paragraph, offset: offset / 100 },
    percent: percent / 10,
    finishedAt,
    updatedAt,
    device,
  };
  const web = webParts(key);
  if (web) {
    if (typeof title !== 'string' || typeof ref !== 'string' || !/^\d{0,15}$/.test(ref)) return null;
    const chapter = part + 1;
    entry.web = { title: title.slice(0, SYNC_TITLE_CHARS), chapter, url: sites.site(web[0]).chapterUrl(web[1], chapter, ref) };
  } else if (x.length !== 9) return null;
  return entry;
}

/** Orders two places of the same story: the later one wins; at the same time, the greater device id. */
export function newerEntry(a: Pick<SyncEntry, 'updatedAt' | 'device'>, b: Pick<SyncEntry, 'updatedAt' | 'device'>): boolean {
  return a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.device > b.device);
}

/** The records a device stores for an entry it did not have: the story's own record for a web story. */
export function recordsOf(e: SyncEntry, known: WebStoryRecord | undefined): { progress: ProgressRecord; story?: WebStoryRecord } {
  const progress: ProgressRecord = {
    key: e.key,
    position: e.position,
    percent: e.percent,
    updatedAt: e.updatedAt,
    finishedAt: e.finishedAt,
  };
  const web = webParts(e.key);
  if (!web || !e.web) return { progress };
  const [site, storyId] = web;
  const chapter = { number: e.web.chapter, title: null, url: e.web.url };
  // A merge never replaces a known fact with an unknown one: a story this device has seen keeps its details.
  const story: WebStoryRecord = known
    ? {
        ...known,
        chapter: known.chapter.number === chapter.number ? known.chapter : chapter,
        updatedAt: Math.max(known.updatedAt, e.updatedAt),
      }
    : {
        key: e.key,
        site,
        storyId,
        storyUrl: sites.site(site).chapterUrl(storyId, 1, ''),
        title: e.web.title,
        authors: [],
        fandoms: [],
        chapterCount: null,
        words: null,
        chapter,
        updatedAt: e.updatedAt,
      };
  return { progress, story };
}
