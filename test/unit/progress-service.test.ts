import { describe, expect, it } from 'vitest';
import type { ProgressStore } from '../../lib/db/progress';
import type { ProgressRecord } from '../../lib/db/schema';
import { createProgressService } from '../../platform/progress';
import { paragraphAt, progressRecord, webChapter, webStory } from '../support/records';

const rec = (key: string, updatedAt: number) => progressRecord(key, updatedAt, { position: paragraphAt(1), percent: 5 });
const story = webStory('42', 7, { title: 'T', chapterCount: 3, words: 10, chapter: webChapter('ao3', '42', 2) });
const quota = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
const unavailable = () => Promise.reject(new DOMException('unavailable', 'InvalidStateError'));

/** A store whose IndexedDB has failed: writes for lack of space, reads because it cannot be opened. */
const failing: ProgressStore = {
  get: unavailable,
  all: unavailable,
  save: quota,
  saveWeb: quota,
  importRecords: quota,
  snapshot: unavailable,
  webStories: unavailable,
  webStory: unavailable,
  recent: unavailable,
};

describe('progress service when IndexedDB fails', () => {
  it('keeps reading going: saves land in memory, reads return them, and availability is reported', async () => {
    const service = createProgressService(failing);
    const seen: boolean[] = [];
    service.onAvailability((ok) => seen.push(ok));
    expect(await service.save(rec('seed:a', 1))).toEqual({ ok: false, reason: 'quota' });
    expect(seen).toEqual([false]);
    expect(await service.get('seed:a')).toEqual(rec('seed:a', 1));
    expect(await service.all()).toEqual([rec('seed:a', 1)]);
    await service.save(rec('seed:b', 3));
    expect(await service.recent(1)).toEqual({ progress: [rec('seed:b', 3)], stories: [], storyCount: 0, next: null });
  });

  it('tells a view that subscribes after the failure at once (its first reads ran before it rendered)', async () => {
    const service = createProgressService(failing);
    await service.get('seed:a');
    const seen: boolean[] = [];
    service.onAvailability((ok) => seen.push(ok));
    expect(seen).toEqual([false]);
  });

  it('tells a full disk from a database that cannot be used', async () => {
    const service = createProgressService({ ...failing, saveWeb: unavailable });
    expect(await service.saveWeb(story, rec(story.key, 9))).toEqual({ ok: false, reason: 'unavailable' });
    expect(await createProgressService(failing).saveWeb(story, rec(story.key, 9))).toEqual({ ok: false, reason: 'quota' });
  });

  it('a web position IndexedDB did not take (quota) still answers reads, over the older stored one', async () => {
    const readable: ProgressStore = { ...failing, get: async () => rec(story.key, 1) };
    const service = createProgressService(readable);
    expect(await service.saveWeb(story, rec(story.key, 9))).toEqual({ ok: false, reason: 'quota' });
    expect(await service.get(story.key)).toEqual(rec(story.key, 9));
    expect(await service.webStories()).toEqual([story]);
  });

  it('a stale save does not replace the newer position kept in memory', async () => {
    const service = createProgressService(failing);
    await service.save(rec('seed:a', 9));
    await service.save(rec('seed:a', 4));
    expect((await service.get('seed:a'))?.updatedAt).toBe(9);
  });

  it('an export of a library that cannot be read fails instead of returning what memory holds', async () => {
    const service = createProgressService(failing);
    await service.save(rec('seed:a', 1));
    expect(await service.snapshot()).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('an import that cannot write reports the failure and nothing written', async () => {
    expect(await createProgressService(failing).importRecords([rec('seed:a', 1)], [])).toEqual({
      positions: 0,
      stories: 0,
      failure: 'quota',
    });
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
        return { stored: r, wrote: true };
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
});

describe('progress service announcements', () => {
  const working = (): ProgressStore => {
    const stored = new Map<string, ProgressRecord>();
    return {
      ...failing,
      get: async (k) => stored.get(k),
      all: async () => [...stored.values()],
      save: async (r) => {
        const old = stored.get(r.key);
        if (old && old.updatedAt > r.updatedAt) return { stored: old, wrote: false };
        stored.set(r.key, r);
        return { stored: r, wrote: true };
      },
      importRecords: async (ps) => ({ positions: ps.length, stories: 0, error: null }),
    };
  };

  it('announces saved positions to other views, and says whether the save wrote', async () => {
    const store = working();
    const writer = createProgressService(store);
    const reader = createProgressService(store);
    const got = new Promise<ProgressRecord>((resolve) => reader.onChange((c) => resolve(c.progress)));
    expect(await writer.save(rec('seed:b', 9))).toEqual({ ok: true, wrote: true, stored: rec('seed:b', 9) });
    expect(await got).toEqual(rec('seed:b', 9));
    expect(await writer.save(rec('seed:b', 2))).toEqual({ ok: true, wrote: false, stored: rec('seed:b', 9) });
  });

  it('an import is announced once, as a reload, not as one change per record', async () => {
    const store = working();
    const writer = createProgressService(store);
    const reader = createProgressService(store);
    let changes = 0;
    reader.onChange(() => changes++);
    const reloaded = new Promise<void>((resolve) => reader.onReload(resolve));
    expect(await writer.importRecords([rec('seed:a', 1), rec('seed:b', 2)], [])).toEqual({ positions: 2, stories: 0, failure: null });
    await reloaded;
    expect(changes).toBe(0);
  });
});
