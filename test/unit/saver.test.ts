import { describe, expect, it } from 'vitest';
import { createSaver } from '../../lib/saver';
import { manualClock } from '../support/clock';

const clock = () => manualClock();

describe('position saver', () => {
  it('writes at most twice a second while scrolling steadily, and the last position at the end', async () => {
    const c = clock();
    const written: number[] = [];
    const saver = createSaver<number>({ write: async (v) => void written.push(v), intervalMs: 500, ...c });
    for (let i = 1; i <= 50; i++) {
      saver.update(i); // every 20 ms for a second
      await c.advance(20);
    }
    await c.advance(600);
    expect(written.length).toBeLessThanOrEqual(3);
    expect(written.at(-1)).toBe(50);
  });

  it('writes the last position 100 ms after the reader stops, not at the end of the interval', async () => {
    const c = clock();
    const written: [number, number][] = [];
    const saver = createSaver<number>({ write: async (v) => void written.push([v, c.now()]), ...c });
    saver.update(1); // written at once (t = 0)
    await c.advance(50);
    saver.update(2); // throttled...
    await c.advance(150);
    // ...and written once the reader had been still for 100 ms, well before the 500 ms interval ends.
    expect(written.map(([v]) => v)).toEqual([1, 2]);
    expect(written[1]?.[1]).toBe(150);
  });

  it('writes nothing while the reader is still', async () => {
    const c = clock();
    const written: number[] = [];
    const saver = createSaver<number>({ write: async (v) => void written.push(v), ...c });
    saver.update(1);
    await c.advance(5000);
    expect(written).toEqual([1]);
  });

  it('flush writes the pending position at once', async () => {
    const c = clock();
    const written: number[] = [];
    const saver = createSaver<number>({ write: async (v) => void written.push(v), ...c });
    saver.update(1);
    saver.update(2); // throttled behind the first write
    await saver.flush();
    expect(written).toEqual([1, 2]);
  });

  it('a failing write is reported and does not stop later writes', async () => {
    const c = clock();
    const errors: unknown[] = [];
    const written: number[] = [];
    let fail = true;
    const saver = createSaver<number>({
      write: async (v) => {
        if (fail) throw new Error('quota');
        written.push(v);
      },
      onError: (e) => errors.push(e),
      ...c,
    });
    saver.update(1);
    await saver.flush();
    fail = false;
    await c.advance(600);
    saver.update(2);
    await saver.flush();
    expect(errors).toHaveLength(1);
    expect(written).toEqual([2]);
  });
});
