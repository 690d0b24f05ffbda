import { createSaver, type SaverOptions } from '../lib/saver';

/** A reader view's line to the background (platform/reader-port.ts), or anything that takes every report. */
export interface ReportPort<T> {
  post(report: T): void;
  close(): void;
}

export interface PositionReporterOptions<T, R> extends Omit<SaverOptions<T>, 'write'> {
  /** Stores one report (IndexedDB in an extension page, a message to the background in a content script). */
  write: (report: T) => Promise<R>;
  /** Hears every report at once, so the background can store the last one when the view goes away. */
  port?: ReportPort<T>;
  /** Each write's answer, e.g. the background's `SaveReply`. */
  onResult?: (result: R) => void;
  /** Where `pagehide` and `visibilitychange` are heard; the view's own window and document by default. */
  window?: EventTarget;
  document?: EventTarget & { visibilityState: DocumentVisibilityState };
}

export interface PositionReporter<T> {
  /** The reader reached a new position: posted to the port now, written throttled (lib/saver.ts). */
  report(value: T): void;
  /** Writes the pending report now, if any. */
  flush(): Promise<void>;
  /** Writes the pending report, stops listening and closes the port: the view is done with this story. */
  dispose(): Promise<void>;
}

/**
 * Reports reading positions for any view (the side panel, a restyled page): throttled writes, every report
 * posted to the port, and the pending one written at once when the view is hidden (`visibilitychange`) or
 * goes away (`pagehide`, which also closes the port so the background stores the last report). A view shown
 * again from the back-forward cache reconnects on its next report.
 */
export function createPositionReporter<T, R = unknown>(options: PositionReporterOptions<T, R>): PositionReporter<T> {
  const { write, port, onResult, window: win = globalThis, document: doc = globalThis.document, ...timing } = options;
  const saver = createSaver<T>({
    ...timing,
    write: async (value) => {
      const result = await write(value);
      onResult?.(result);
    },
  });
  const onHidden = () => {
    if (doc.visibilityState === 'hidden') void saver.flush();
  };
  const onPageHide = () => {
    void saver.flush();
    port?.close();
  };
  win.addEventListener('pagehide', onPageHide);
  doc.addEventListener('visibilitychange', onHidden);
  return {
    report(value) {
      saver.update(value);
      port?.post(value);
    },
    flush: () => saver.flush(),
    dispose() {
      win.removeEventListener('pagehide', onPageHide);
      doc.removeEventListener('visibilitychange', onHidden);
      const done = saver.flush();
      port?.close();
      return done;
    },
  };
}
