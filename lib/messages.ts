import type { ProgressRecord, WebStoryRecord } from './db/schema';
import { normalizeProgressRecord, RECORD_LIMITS } from './records';
import type { ChaptersToSave } from './saved/store';
import type { SiteState } from './sites/access';
import { sites } from './sites/registry';
import type { SyncStatus } from './sync/engine';
import { normalizeSyncStatus } from './sync/status';

/**
 * The messages between Ficwell's parts, in one typed map. Content scripts ask the background, which owns
 * the extension's IndexedDB (a content script's IndexedDB would be the web page's); the background asks a
 * tab's content script. Everything arriving is validated on receipt, requests and replies alike: a message
 * is data from a tab, and a reply may come from an older or newer copy of the extension. The replies' checks
 * are here, for every sender; the requests' checks are in lib/message-requests.ts, for the background alone
 * (so a view that only sends carries none of them).
 */

/**
 * The background's answer to a position a view hands over: stored, or why not. `invalid`: the message was
 * refused by validation; `quota`: the browser's storage is full; `unavailable`: IndexedDB could not be used.
 */
export type SaveReply = { ok: true } | { ok: false; reason: 'invalid' | 'quota' | 'unavailable' };

export interface ReaderState {
  available: boolean;
  showing: boolean;
}

/** Content script to background: each message type's request (beside `type`) and its reply. */
export interface Protocol {
  'web-progress': { request: { story: WebStoryRecord; progress: ProgressRecord }; reply: SaveReply };
  'web-position': { request: { key: string }; reply: ProgressRecord | null };
  /** The chapters a restyled page shows, kept for reading anywhere (lib/saved). */
  'save-chapters': { request: ChaptersToSave; reply: SaveReply };
  /** Which chapters of a web story are saved (their numbers, ascending): what "Save whole work" still has to get. */
  'saved-chapters': { request: { key: string }; reply: number[] };
  /** The page needs the Readability fallback: inject it into the sender's frame. */
  'load-readability': { request: Record<never, never>; reply: boolean };
  /** An extension page's "Sync now": write the places now; the status after it, null while sync is off. */
  'sync-now': { request: Record<never, never>; reply: SyncStatus | null };
  /**
   * An extension page's site switch: turn an optional site on (the page has already asked the browser for
   * its permission, in the reader's click) or off. Every optional site's state after it.
   */
  'site-access': { request: { site: string; on: boolean }; reply: SiteState[] };
}

/** Background to a tab's content script. */
export interface TabProtocol {
  'toggle-reader': { request: Record<never, never>; reply: ReaderState };
  'reader-state': { request: Record<never, never>; reply: ReaderState };
}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type Reply<K extends MessageType> = Protocol[K]['reply'];
/** A message as sent: its type and its request's fields. */
export type Message<K extends MessageType = MessageType> = { [P in K]: { type: P } & RequestOf<P> }[K];

export type TabMessageType = keyof TabProtocol;
export type TabReply<K extends TabMessageType> = TabProtocol[K]['reply'];
export type TabMessage<K extends TabMessageType = TabMessageType> = { [P in K]: { type: P } & TabProtocol[P]['request'] }[K];

/** How one message type's reply is checked, and the reply to a refusal. */
export interface ReplyCheck<Rep> {
  reply(x: unknown): x is Rep;
  /** What the sender hears when its request is refused, or when the reply that came back is malformed. */
  refused: Rep;
}

export const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const SAVE_REASONS: readonly unknown[] = ['invalid', 'quota', 'unavailable'];

export function isSaveReply(x: unknown): x is SaveReply {
  if (!isObj(x)) return false;
  return x.ok === true || (x.ok === false && SAVE_REASONS.includes(x.reason));
}

export function isReaderState(x: unknown): x is ReaderState {
  return isObj(x) && typeof x.available === 'boolean' && typeof x.showing === 'boolean';
}

/** Chapter numbers as the background lists them: positive integers within the record limits, ascending. */
export function isChapterNumbers(x: unknown): x is number[] {
  if (!Array.isArray(x) || x.length > RECORD_LIMITS.sections) return false;
  return x.every((n, i) => Number.isInteger(n) && n >= 1 && n <= RECORD_LIMITS.sections && (i === 0 || n > x[i - 1]));
}

/** Optional sites' states as the background lists them: each a registered optional site, once. */
export function isSiteStates(x: unknown): x is SiteState[] {
  if (!Array.isArray(x) || x.length > sites.optionalIds.length) return false;
  const ids = x.map((s: unknown) => (isObj(s) && typeof s.on === 'boolean' ? s.id : undefined));
  return ids.every((id) => sites.isOptionalId(id)) && new Set(ids).size === ids.length;
}

export const REPLIES: { [K in MessageType]: ReplyCheck<Reply<K>> } = {
  'web-progress': { reply: isSaveReply, refused: { ok: false, reason: 'invalid' } },
  'web-position': {
    // Validated as any progress record, with the clock of the receiver: it comes from the background.
    reply: (x): x is ProgressRecord | null => x === null || normalizeProgressRecord(x, Date.now()) !== null,
    refused: null,
  },
  'save-chapters': { reply: isSaveReply, refused: { ok: false, reason: 'invalid' } },
  // Refused or unreadable: nothing known to be saved, so "Save whole work" stays offered.
  'saved-chapters': { reply: isChapterNumbers, refused: [] },
  'load-readability': { reply: (x): x is boolean => typeof x === 'boolean', refused: false },
  'sync-now': {
    reply: (x): x is SyncStatus | null => x === null || normalizeSyncStatus(x) !== null,
    refused: null,
  },
  // Refused or unreadable: nothing is known to be on.
  'site-access': { reply: isSiteStates, refused: [] },
};

export const TAB_PROTOCOL: { [K in TabMessageType]: ReplyCheck<TabReply<K>> } = {
  'toggle-reader': { reply: isReaderState, refused: { available: false, showing: false } },
  'reader-state': { reply: isReaderState, refused: { available: false, showing: false } },
};

export const has = <T extends object>(map: T, key: unknown): key is keyof T => typeof key === 'string' && Object.hasOwn(map, key);

/** A message for a tab's content script, or null. */
export function parseTabMessage(x: unknown): TabMessage | null {
  if (!isObj(x) || !has(TAB_PROTOCOL, x.type)) return null;
  return { type: x.type };
}

/** The name the content script's listener knows a tab message by. */
export type TabRequest = TabMessage;
