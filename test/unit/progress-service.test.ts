import { describe, expect, it } from 'vitest';
import type { ProgressStore } from '../../lib/db/progress';
import type { ProgressRecord } from '../../lib/db/schema';
import { createProgressService } from '../../platform/progress';

const rec = (key: string, updatedAt: number): ProgressRecord => ({
  key, position: { section: 0, paragraph: 1, n: 1, offset: 0 }, percent: 5, updatedAt, finishedAt: null,
});

/** A store whose IndexedDB has failed, e.g. quota exceeded or unavailable in a private window. */
const failing: ProgressStore = {
  get: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
  all: () => Promise.reject(new DOMException('unavailable', 'InvalidStateError')),
  save: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
  saveWeb: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
  webStories: () => Promise.reject(new DOMException('unavailable', 'InvalidStateError')),
  recent: () => Promise.reject(new DOMException('unavailable', 'InvalidStateError')),
};

describe('progress service when IndexedDB fails', () => {
  it('keeps reading going: saves land in memory, reads return them, and availability is reported', async () => {
    const service = createProgressService(failing);
    const seen: boolean[] = [];
    service.onAvailability((ok) => seen.push(ok));
    await expect(service.save(rec('seed:a', 1))).resolves.toBeUndefined();
    expect(seen).toEqual([false]);
    expect(await service.get('seed:a')).toEqual(rec('seed:a', 1));
    expect(await service.all()).toEqual([rec('seed:a', 1)]);
    await service.save(rec('seed:b', 3));
    expect(await service.recent(1)).toEqual({ progress: [rec('seed:b', 3)], stories: [], storyCount: 0 });
  });

  it('reports recovery when the store works again, and a newer in-memory position wins over an older stored one', async () => {
    let broken = true;
    const stored = new Map<string, ProgressRecord>([['seed:a', rec('seed:a', 1)]]);
    const flaky: ProgressStore = {
      ...failing,
      get: async (k) => (broken ? failing.get(k) : stored.get(k)),
      all: async () => [...stored.values()],
      save: async (r) => {
        if (broken) return failing.save(r);
        stored.set(r.key, r);
        return r;
      },
    };
    const service = createProgressService(flaky);
    const seen: boolean[] = [];
    service.onAvailability((ok) => seen.push(ok));
    await service.save(rec('seed:a', 5));
    broken = false;
    expect((await service.get('seed:a'))?.updatedAt).toBe(5);
    expect(seen).toEqual([false, true]);
  });

  it('announces saved positions to other views', async () => {
    const stored = new Map<string, ProgressRecord>();
    const store: ProgressStore = { ...failing, get: async (k) => stored.get(k), all: async () => [], save: async (r) => (stored.set(r.key, r), r) };
    const writer = createProgressService(store);
    const reader = createProgressService(store);
    const got = new Promise<ProgressRecord>((resolve) => reader.onChange((c) => resolve(c.progress)));
    await writer.save(rec('seed:b', 9));
    expect(await got).toEqual(rec('seed:b', 9));
  });
});
