import type { ProgressRecord, WebStoryRecord } from './db/schema';
import { webKey } from './db/progress';

/**
 * Messages from content scripts to the background, which owns the extension's IndexedDB (a content script's
 * IndexedDB would be the web page's). Everything arriving is validated: a message is data from a tab.
 */
export type Request =
  | { type: 'web-progress'; story: WebStoryRecord; progress: ProgressRecord }
  | { type: 'web-position'; key: string }
  /** The page needs the Readability fallback: inject it into the sender's frame. */
  | { type: 'load-readability' };

/**
 * The background's answer to a position a view hands over: stored, or why not. `invalid`: the message was
 * refused by validation; `quota`: the browser's storage is full; `unavailable`: IndexedDB could not be used.
 */
export type SaveReply = { ok: true } | { ok: false; reason: 'invalid' | 'quota' | 'unavailable' };

/** Background to a tab's content script. */
export type TabRequest = { type: 'toggle-reader' } | { type: 'reader-state' };
export interface ReaderState {
  available: boolean;
  showing: boolean;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isStr = (x: unknown, max = 2048): x is string => typeof x === 'string' && x.length <= max;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isKey = (x: unknown): x is string => isStr(x, 200) && /^web:(?:ffn|ao3):\d{1,12}$/.test(x);
const isHttpUrl = (x: unknown): x is string => isStr(x) && /^https?:\/\//.test(x);

export function isProgressRecord(x: unknown): x is ProgressRecord {
  if (!isObj(x) || !isStr(x.key, 200) || !isNum(x.percent) || !isNum(x.updatedAt)) return false;
  if (!(x.finishedAt === null || isNum(x.finishedAt))) return false;
  const p = x.position;
  return isObj(p) && [p.section, p.paragraph, p.n].every((v) => Number.isInteger(v) && (v as number) >= 0) && isNum(p.offset);
}

export function isWebStoryRecord(x: unknown): x is WebStoryRecord {
  if (!isObj(x) || !isKey(x.key) || (x.site !== 'ffn' && x.site !== 'ao3') || !isStr(x.storyId, 12)) return false;
  if (x.key !== webKey(x.site, x.storyId) || !isHttpUrl(x.storyUrl) || !isStr(x.title, 1000) || !isNum(x.updatedAt)) return false;
  const strings = (v: unknown) => Array.isArray(v) && v.length <= 100 && v.every((s) => isStr(s, 500));
  if (!strings(x.authors) || !strings(x.fandoms)) return false;
  if (!(x.chapterCount === null || isNum(x.chapterCount)) || !(x.words === null || isNum(x.words))) return false;
  const c = x.chapter;
  return isObj(c) && Number.isInteger(c.number) && (c.title === null || isStr(c.title, 1000)) && isHttpUrl(c.url);
}

export function isRequest(x: unknown): x is Request {
  if (!isObj(x)) return false;
  if (x.type === 'web-progress') {
    return isWebStoryRecord(x.story) && isProgressRecord(x.progress) && x.progress.key === x.story.key;
  }
  if (x.type === 'web-position') return isKey(x.key);
  return x.type === 'load-readability';
}
