import { describe, expect, it } from 'vitest';
import { createPositionReporter, type ReportPort } from '../../platform/position-reporter';
import type { SaveReply } from '../../lib/messages';
import { manualClock, settle } from '../support/clock';

/** A view's window and document, as event targets whose visibility the test sets. */
function view() {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  return {
    win,
    doc,
    hide() {
      doc.visibilityState = 'hidden';
      doc.dispatchEvent(new Event('visibilitychange'));
    },
    show() {
      doc.visibilityState = 'visible';
      doc.dispatchEvent(new Event('visibilitychange'));
    },
    pagehide: () => win.dispatchEvent(new Event('pagehide')),
  };
}

function setup<R = void>(answer: (n: number) => R = () => undefined as R) {
  const clock = manualClock();
  const v = view();
  const written: number[] = [];
  const posted: number[] = [];
  const results: R[] = [];
  let closes = 0;
  const port: ReportPort<number> = { post: (n) => posted.push(n), close: () => closes++ };
  const reporter = createPositionReporter<number, R>({
    write: async (n) => {
      written.push(n);
      return answer(n);
    },
    port,
    onResult: (r) => results.push(r),
    window: v.win,
    document: v.doc,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  });
  return { clock, v, written, posted, results, reporter, closes: () => closes };
}

describe('position reporter', () => {
  it('posts every report to the port and writes them throttled', async () => {
    const { clock, written, posted, reporter } = setup();
    for (let n = 1; n <= 5; n++) {
      reporter.report(n);
      await clock.advance(50);
    }
    expect(posted).toEqual([1, 2, 3, 4, 5]);
    expect(written).toEqual([1]); // the first at once, the rest wait for the interval or a still moment
    await clock.advance(500);
    expect(written).toEqual([1, 5]);
  });

  it('writes the pending report when the view is hidden, and not on becoming visible', async () => {
    const { v, written, reporter } = setup();
    reporter.report(1);
    reporter.report(2);
    await settle();
    expect(written).toEqual([1]);
    v.show();
    await settle();
    expect(written).toEqual([1]);
    v.hide();
    await settle();
    expect(written).toEqual([1, 2]);
  });

  it('on pagehide writes the pending report and closes the port; a later report reconnects through it', async () => {
    const { v, written, posted, reporter, closes } = setup();
    reporter.report(1);
    reporter.report(2);
    v.pagehide();
    await settle();
    expect(written).toEqual([1, 2]);
    expect(closes()).toBe(1);
    reporter.report(3); // shown again from the back-forward cache
    expect(posted).toEqual([1, 2, 3]);
  });

  it('hands each write result to onResult', async () => {
    const { clock, results, reporter } = setup<SaveReply>((n) => (n === 2 ? { ok: false, reason: 'quota' } : { ok: true }));
    reporter.report(1);
    reporter.report(2);
    await clock.advance(1000);
    expect(results).toEqual([{ ok: true }, { ok: false, reason: 'quota' }]);
  });

  it('dispose writes what is pending, closes the port and stops listening', async () => {
    const { v, written, reporter, closes } = setup();
    reporter.report(1);
    reporter.report(2);
    await reporter.dispose();
    expect(written).toEqual([1, 2]);
    expect(closes()).toBe(1);
    v.pagehide();
    v.hide();
    await settle();
    expect(closes()).toBe(1);
  });

  it('a failed write reaches onError, not onResult, and later writes go on', async () => {
    const errors: unknown[] = [];
    const results: string[] = [];
    const v = view();
    const reporter = createPositionReporter<number, string>({
      write: (n) => (n === 1 ? Promise.reject(new Error('closed')) : Promise.resolve(`ok ${n}`)),
      onResult: (r) => results.push(r),
      onError: (e) => errors.push(e),
      window: v.win,
      document: v.doc,
    });
    reporter.report(1);
    await reporter.flush();
    reporter.report(2);
    await reporter.flush();
    expect(errors).toHaveLength(1);
    expect(results).toEqual(['ok 2']);
    await reporter.dispose();
  });
});
