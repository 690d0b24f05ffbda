import { browser } from 'wxt/browser';
import type { ProgressRecord, WebStoryRecord } from '../lib/db/schema';
import {
  REPLIES,
  TAB_PROTOCOL,
  type MessageType,
  type Reply,
  type RequestOf,
  type SaveReply,
  type TabMessage,
  type TabMessageType,
  type TabReply,
} from '../lib/messages';

/**
 * Sends one message of the protocol to the background: the request's shape and the reply's type follow
 * from `type`. A reply that is not of the protocol's shape (an older background, a listener that answered
 * nothing) is taken as the protocol's refusal. Rejects when the background cannot be reached.
 */
export async function send<K extends MessageType>(type: K, request: RequestOf<K>): Promise<Reply<K>> {
  const reply: unknown = await browser.runtime.sendMessage({ ...request, type });
  const entry = REPLIES[type];
  return entry.reply(reply) ? reply : entry.refused;
}

/** Typed calls from a content script to the background (the one place that writes IndexedDB for it). */
export const backgroundApi = {
  /** Whether the position was stored, or why not; a background that cannot be reached is `unavailable`. */
  saveWebProgress(story: WebStoryRecord, progress: ProgressRecord): Promise<SaveReply> {
    return send('web-progress', { story, progress }).catch((): SaveReply => ({ ok: false, reason: 'unavailable' }));
  },
  /** Has the background keep the chapters a page shows; whether it did, or why not. */
  saveChapters(request: RequestOf<'save-chapters'>): Promise<SaveReply> {
    return send('save-chapters', request).catch((): SaveReply => ({ ok: false, reason: 'unavailable' }));
  },
  /** Has the background inject Readability into this frame's content-script world. */
  loadReadability(): Promise<boolean> {
    return send('load-readability', {});
  },
  webPosition(key: string): Promise<ProgressRecord | null> {
    return send('web-position', { key });
  },
};

/**
 * Asks the content script of a tab; undefined when the tab has none (not a supported page) or its answer
 * is not of the protocol's shape.
 */
export async function askTab<K extends TabMessageType>(tabId: number, message: TabMessage<K>): Promise<TabReply<K> | undefined> {
  try {
    const reply: unknown = await browser.tabs.sendMessage(tabId, message);
    return TAB_PROTOCOL[message.type].reply(reply) ? (reply as TabReply<K>) : undefined;
  } catch {
    return undefined;
  }
}
