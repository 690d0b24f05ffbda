import { describe, expect, it } from 'vitest';
import { isSaved, writeReporting } from '../../lib/save-reply';
import { createSaver } from '../../lib/saver';

describe('the answer to a handed-over position', () => {
  it.each([
    [{ ok: true }, true],
    [true, true],
    [{ ok: false, reason: 'quota' }, false],
    [{ ok: false, reason: 'invalid' }, false],
    [{ ok: false, reason: 'unavailable' }, false],
    [undefined, false],
    [null, false],
    [false, false],
    [{ ok: 'true' }, false],
    [{}, false],
  ])('%j is saved: %s', (reply, saved) => {
    expect(isSaved(reply)).toBe(saved);
  });

  it('a saver writing through writeReporting says "not saved" on a refusal or a rejection, and clears it on the next yes', async () => {
    const replies: (() => Promise<unknown>)[] = [
      () => Promise.resolve({ ok: false, reason: 'quota' }),
      () => Promise.resolve({ ok: true }),
      () => Promise.reject(new Error('no background')),
      () => Promise.resolve(true),
    ];
    const states: boolean[] = [];
    const errors: unknown[] = [];
    const saver = createSaver<number>({
      write: writeReporting(() => (replies.shift() as () => Promise<unknown>)(), (ok) => states.push(ok)),
      onError: (e) => errors.push(e),
      intervalMs: 0,
      stillMs: 0,
    });
    for (let i = 0; i < 4; i++) {
      saver.update(i);
      await saver.flush();
    }
    expect(states).toEqual([false, true, false, true]);
    expect(errors).toHaveLength(2);
  });
});
