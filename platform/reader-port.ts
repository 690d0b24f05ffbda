import { browser, type Browser } from 'wxt/browser';
import type { ProgressRecord, WebStoryRecord } from '../lib/db/schema';
import { isProgressRecord, isWebStoryRecord } from '../lib/messages';

/** What a reader view posts: its position, and for a page on a site, the story it belongs to. */
export interface PortReport {
  progress: ProgressRecord;
  story?: WebStoryRecord;
}

export const READER_PORT = 'ficwell:reader';

/**
 * A reader view's line to the background. Every position the view reaches is posted (cheap, no I/O); when the
 * view goes away the port disconnects and the background writes the last one. That covers a panel closed
 * between two throttled writes, when the closing document itself may not finish an IndexedDB transaction.
 */
export function connectReaderPort(): { post(report: PortReport): void; close(): void } {
  let port: Browser.runtime.Port | null = null;
  const connect = () => {
    port = browser.runtime.connect({ name: READER_PORT });
    port.onDisconnect.addListener(() => (port = null)); // the background was stopped; reconnect on next post
    return port;
  };
  return {
    post(report) {
      try {
        (port ?? connect()).postMessage(report);
      } catch {
        port = null; // the extension was reloaded under this view: the view's own saves still run
      }
    },
    close() {
      port?.disconnect();
      port = null;
    },
  };
}

/** Background side: keeps the last position of each connected view and saves it when the view disconnects. */
export function listenForReaders(save: (report: PortReport) => Promise<unknown>): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== READER_PORT || port.sender?.id !== browser.runtime.id) return;
    let last: PortReport | null = null;
    port.onMessage.addListener((message) => {
      if (isPortReport(message)) last = message;
    });
    port.onDisconnect.addListener(() => {
      if (last) void save(last);
    });
  });
}

function isPortReport(x: unknown): x is PortReport {
  const r = x as PortReport;
  if (typeof r !== 'object' || r === null || !isProgressRecord(r.progress)) return false;
  return r.story === undefined || (isWebStoryRecord(r.story) && r.story.key === r.progress.key);
}
