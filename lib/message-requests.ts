import { isWebKey, normalizeProgressRecord, normalizeWebStoryRecord } from './records';
import { normalizeChaptersToSave } from './saved/store-message';
import { sites } from './sites/registry';
import { has, isObj, type Message, type MessageType, type RequestOf } from './messages';

/**
 * How the background checks each message type's request: normalized, or null when refused. Only the
 * background receives these; the senders' side (the replies) is lib/messages.ts.
 */
export const REQUESTS: { [K in MessageType]: (x: Record<string, unknown>, now: number) => RequestOf<K> | null } = {
  'web-progress'(x, now) {
    const story = normalizeWebStoryRecord(x.story, now);
    const progress = normalizeProgressRecord(x.progress, now);
    return story && progress && progress.key === story.key ? { story, progress } : null;
  },
  'web-position': (x) => (isWebKey(x.key) ? { key: x.key } : null),
  'save-chapters': normalizeChaptersToSave,
  'saved-chapters': (x) => (isWebKey(x.key) ? { key: x.key } : null),
  'load-readability': () => ({}),
  'sync-now': () => ({}),
  'site-access': (x) => (sites.isOptionalId(x.site) && typeof x.on === 'boolean' ? { site: x.site, on: x.on } : null),
};

/** A message for the background, its request normalized; `refused` when the type is known but the request is bad. */
export function parseMessage(x: unknown, now: number): Message | { type: MessageType; refused: true } | null {
  if (!isObj(x) || !has(REQUESTS, x.type)) return null;
  const type = x.type;
  const request = (REQUESTS[type] as (x: Record<string, unknown>, now: number) => object | null)(x, now);
  return request ? ({ ...request, type } as Message) : { type, refused: true };
}
