import { describe, expect, it } from 'vitest';
import { isSaved } from '../../lib/save-reply';
import { createPositionReporter } from '../../platform/position-reporter';

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

  it('a restyled page\'s reporter says "not saved" on a refusal or a rejection, and clears it on the next yes', async () => {
    const replies: (() => Promise<unknown>)[] = [
      () => Promise.resolve({ ok: false, reason: 'quota' }),
      () => Promise.resolve({ ok: true }),
      () => Promise.reject(new Error('no background')),
      () => Promise.resolve(true),
    ];
    const notSaved: boolean[] = [];
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    // Wired as entrypoints/restyle/index.tsx wires it.
    const reporter = createPositionReporter<number, unknown>({
      write: () => (replies.shift() as () => Promise<unknown>)(),
      onResult: (reply) => notSaved.push(!isSaved(reply)),
      onError: () => notSaved.push(true),
      window: new EventTarget(),
      document: page,
      intervalMs: 0,
      stillMs: 0,
    });
    for (let i = 0; i < 4; i++) {
      reporter.report(i);
      await reporter.flush();
    }
    expect(notSaved).toEqual([true, false, true, false]);
  });
});
