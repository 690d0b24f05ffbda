import type { ProgressRecord, WebStoryRecord } from './db/schema';
import { isWebKey, normalizeProgressRecord, normalizeWebStoryRecord, RECORD_LIMITS } from './records';
import type { ChaptersToSave } from './saved/store';
import type { SiteState } from './sites/access';
import { sites } from './sites/registry';
import { normalizeChaptersToSave } from './saved/store-message';
import type { SyncStatus } from './sync/engine';
import { normalizeSyncStatus } from './sync/status';

/**
 * The messages between Ficwell's parts, in one typed map. Content scripts ask the background, which owns
 * the extension's IndexedDB (a content script's IndexedDB would be the web page's); the background asks a
 * tab's content script. Everything arriving is validated on receipt, requests and replies alike: a message
 * is data from a tab, and a reply may come from an older or newer copy of the extension.
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

/** How one message type is checked: its request (normalized, or null), its reply, and the reply to a refusal. */
interface Entry<Req, Rep> {
  request(x: Record<string, unknown>, now: number): Req | null;
  reply(x: unknown): x is Rep;
  /** What the sender hears when its request is refused, or when the reply that came back is malformed. */
  refused: Rep;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
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

export const PROTOCOL: { [K in MessageType]: Entry<RequestOf<K>, Reply<K>> } = {
  'web-progress': {
    request(x, now) {
      const story = normalizeWebStoryRecord(x.story, now);
      const progress = normalizeProgressRecord(x.progress, now);
      return story && progress && progress.key === story.key ? { story, progress } : null;
    },
    reply: isSaveReply,
    refused: { ok: false, reason: 'invalid' },
  },
  'web-position': {
    request: (x) => (isWebKey(x.key) ? { key: x.key } : null),
    // Validated as any progress record, with the clock of the receiver: it comes from the background.
    reply: (x): x is ProgressRecord | null => x === null || normalizeProgressRecord(x, Date.now()) !== null,
    refused: null,
  },
  'save-chapters': { request: normalizeChaptersToSave, reply: isSaveReply, refused: { ok: false, reason: 'invalid' } },
  // Refused or unreadable: nothing known to be saved, so "Save whole work" stays offered.
  'saved-chapters': { request: (x) => (isWebKey(x.key) ? { key: x.key } : null), reply: isChapterNumbers, refused: [] },
  'load-readability': {
    request: () => ({}),
    reply: (x): x is boolean => typeof x === 'boolean',
    refused: false,
  },
  'sync-now': {
    request: () => ({}),
    reply: (x): x is SyncStatus | null => x === null || normalizeSyncStatus(x) !== null,
    refused: null,
  },
  'site-access': {
    request: (x) => (sites.isOptionalId(x.site) && typeof x.on === 'boolean' ? { site: x.site, on: x.on } : null),
    reply: isSiteStates,
    // Refused or unreadable: nothing is known to be on.
    refused: [],
  },
};

export const TAB_PROTOCOL: { [K in TabMessageType]: Entry<TabProtocol[K]['request'], TabReply<K>> } = {
  'toggle-reader': { request: () => ({}), reply: isReaderState, refused: { available: false, showing: false } },
  'reader-state': { request: () => ({}), reply: isReaderState, refused: { available: false, showing: false } },
};

const has = <T extends object>(map: T, key: unknown): key is keyof T => typeof key === 'string' && Object.hasOwn(map, key);

/** A message for the background, its request normalized; `refused` when the type is known but the request is bad. */
export function parseMessage(x: unknown, now: number): Message | { type: MessageType; refused: true } | null {
  if (!isObj(x) || !has(PROTOCOL, x.type)) return null;
  const type = x.type;
  const request = (PROTOCOL[type] as Entry<object, unknown>).request(x, now);
  return request ? ({ ...request, type } as Message) : { type, refused: true };
}

/** A message for a tab's content script, or null. */
export function parseTabMessage(x: unknown): TabMessage | null {
  if (!isObj(x) || !has(TAB_PROTOCOL, x.type)) return null;
  return { type: x.type };
}

/** The name the content script's listener knows a tab message by. */
export type TabRequest = TabMessage;
