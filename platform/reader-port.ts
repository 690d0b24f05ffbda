import { browser, type Browser } from 'wxt/browser';
import type { ProgressRecord, WebStoryRecord } from '../lib/db/schema';
import { isSeedKey, normalizeProgressRecord, normalizeWebStoryRecord } from '../lib/records';

/** What a reader view posts: a bundled story's position, or a web story's position with its library record. */
export type PortReport = SeedPortReport | WebPortReport;
export interface SeedPortReport {
  kind: 'seed';
  progress: ProgressRecord;
}
export interface WebPortReport {
  kind: 'web';
  story: WebStoryRecord;
  progress: ProgressRecord;
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
      last = parsePortReport(message, Date.now()) ?? last;
    });
    port.onDisconnect.addListener(() => {
      if (last) void save(last);
    });
  });
}

/** A report from a port, normalized like any record that comes in (future times taken as now), or null. */
export function parsePortReport(x: unknown, now: number): PortReport | null {
  if (typeof x !== 'object' || x === null) return null;
  const r = x as Record<string, unknown>;
  const progress = normalizeProgressRecord(r.progress, now);
  if (!progress) return null;
  if (r.kind === 'seed') return isSeedKey(progress.key) ? { kind: 'seed', progress } : null;
  if (r.kind !== 'web') return null;
  const story = normalizeWebStoryRecord(r.story, now);
  return story && story.key === progress.key ? { kind: 'web', story, progress } : null;
}
