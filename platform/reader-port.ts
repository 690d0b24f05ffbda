import { browser, type Browser } from 'wxt/browser';
import type { ProgressRecord } from '../lib/db/schema';

export const READER_PORT = 'ficwell:reader';

/**
 * A reader view's line to the background. Every position the view reaches is posted (cheap, no I/O); when the
 * view goes away the port disconnects and the background writes the last one. That covers a panel closed
 * between two throttled writes, when the closing document itself may not finish an IndexedDB transaction.
 */
export function connectReaderPort(): { post(record: ProgressRecord): void; close(): void } {
  let port: Browser.runtime.Port | null = null;
  const connect = () => {
    port = browser.runtime.connect({ name: READER_PORT });
    port.onDisconnect.addListener(() => (port = null)); // the background was stopped; reconnect on next post
    return port;
  };
  return {
    post(record) {
      try {
        (port ?? connect()).postMessage(record);
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
export function listenForReaders(save: (record: ProgressRecord) => Promise<unknown>): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== READER_PORT) return;
    let last: ProgressRecord | null = null;
    port.onMessage.addListener((message) => {
      if (isProgressRecord(message)) last = message;
    });
    port.onDisconnect.addListener(() => {
      if (last) void save(last);
    });
  });
}

function isProgressRecord(x: unknown): x is ProgressRecord {
  const r = x as ProgressRecord;
  return (
    typeof r === 'object' && r !== null && typeof r.key === 'string' && typeof r.updatedAt === 'number' &&
    typeof r.percent === 'number' && typeof r.position === 'object' && r.position !== null &&
    Number.isInteger(r.position.n) && typeof r.position.offset === 'number'
  );
}
