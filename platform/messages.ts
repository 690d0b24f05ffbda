import { browser } from 'wxt/browser';
import type { ProgressRecord, WebStoryRecord } from '../lib/db/schema';
import type { ReaderState, Request, SaveReply, TabRequest } from '../lib/messages';

/** Typed calls from a content script to the background (the one place that writes IndexedDB for it). */
export const backgroundApi = {
  saveWebProgress(story: WebStoryRecord, progress: ProgressRecord): Promise<SaveReply> {
    return browser.runtime.sendMessage({ type: 'web-progress', story, progress } satisfies Request) as Promise<SaveReply>;
  },
  /** Has the background inject Readability into this frame's content-script world. */
  loadReadability(): Promise<unknown> {
    return browser.runtime.sendMessage({ type: 'load-readability' } satisfies Request);
  },
  async webPosition(key: string): Promise<ProgressRecord | null> {
    return ((await browser.runtime.sendMessage({ type: 'web-position', key } satisfies Request)) as ProgressRecord | null) ?? null;
  },
};

/** Typed calls to the content script of a tab; undefined when the tab has none (not a supported page). */
export async function askTab(tabId: number, request: TabRequest): Promise<ReaderState | undefined> {
  try {
    return (await browser.tabs.sendMessage(tabId, request)) as ReaderState | undefined;
  } catch {
    return undefined;
  }
}
