import { describe, expect, it } from 'vitest';
import { createSyncEngine, FLUSH_INTERVAL_MS, type SyncEngineOptions } from '../../../lib/sync/engine';
import type { SyncEntry } from '../../../lib/sync/entry';
import { FakeSyncArea, MAX_WRITE_OPERATIONS_PER_HOUR } from '../../support/fake-sync-area';
import { manualClock } from '../../support/clock';
import { MemorySyncStore } from '../../support/memory-sync-store';
import { paragraphAt, progressRecord, webChapter, webStory } from '../../support/records';

const T0 = Date.UTC(2026, 11, 1, 12);

const clock = () => manualClock(T0);

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
};

const at = (key: string, paragraph: number, updatedAt: number, section = 0) =>
  progressRecord(key, updatedAt, { position: paragraphAt(paragraph, { part: section, offset: 0.5 }), percent: paragraph / 2 });

const ffnWork = (id: string, chapter: number, updatedAt: number) =>
  webStory(id, updatedAt, {
    site: 'ffn',
    title: 'Homura Keeps Trying',
    authors: ['a'],
    fandoms: ['Madoka'],
    chapterCount: 20,
    words: 100_000,
    chapter: webChapter('ffn', id, chapter),
  });

function device(id: string, c = clock(), extra: Partial<SyncEngineOptions> = {}) {
  const area = new FakeSyncArea(c.now);
  const store = new MemorySyncStore();
  const remote: SyncEntry[] = [];
  const engine = createSyncEngine({ area, store, device: id, ...c, onRemote: (e) => remote.push(e), ...extra });
  return { area, store, engine, remote, clock: c };
}

/** What the browser's sync engine does: carries every item of one area into another. */
async function carry(from: FakeSyncArea, to: FakeSyncArea) {
  to.deliver(await from.get());
  await settle();
}

/** Another device, started after `from` wrote: it has taken in everything in `from`'s area. */
async function deviceAfter(id: string, from: ReturnType<typeof device>) {
  const d = device(id, from.clock);
  await d.engine.start();
  await carry(from.area, d.area);
  return d;
}

describe('the sync engine', () => {
  it('carries a place read on one device to another, with what its library needs for a web story', async () => {
    const a = device('aaaa');
    const b = device('bbbb', a.clock);
    a.store.save(at('seed:just-you-and-i', 12, T0 - 5000, 1));
    a.store.save(at('web:ffn:1234567', 30, T0 - 4000, 6), ffnWork('1234567', 7, T0 - 4000));
    await a.engine.start();
    await b.engine.start();
    await carry(a.area, b.area);
    expect(b.store.progress.get('seed:just-you-and-i')).toEqual(a.store.progress.get('seed:just-you-and-i'));
    expect(b.store.progress.get('web:ffn:1234567')?.position).toEqual({ part: 6, paragraph: 30, offset: 0.5 });
    expect(b.store.stories.get('web:ffn:1234567')).toMatchObject({
      title: 'Homura Keeps Trying',
      chapter: { number: 7, url: 'https://www.fanfiction.net/s/1234567/7/' },
    });
    expect(b.remote.map((e) => e.key).sort()).toEqual(['seed:just-you-and-i', 'web:ffn:1234567']);
  });

  it('never moves a device back: an older place from another device is not taken', async () => {
    const a = device('aaaa');
    const b = device('bbbb', a.clock);
    a.store.save(at('seed:x', 3, T0 - 9000));
    b.store.save(at('seed:x', 40, T0 - 1000));
    await a.engine.start();
    await b.engine.start();
    await carry(a.area, b.area);
    expect(b.store.progress.get('seed:x')?.position.paragraph).toBe(40);
    expect(b.remote).toEqual([]);
    // …and b writes its newer place back over the older one it was sent.
    await b.clock.advance(FLUSH_INTERVAL_MS);
    await carry(b.area, a.area);
    expect(a.store.progress.get('seed:x')?.position.paragraph).toBe(40);
  });

  it('writes ten minutes of reading in one operation a minute at most, and the last place in the end', async () => {
    const a = device('aaaa');
    await a.engine.start();
    const before = a.area.writes.length;
    for (let i = 1; i <= 120; i++) {
      a.store.save(at('seed:x', i, a.clock.now()));
      a.engine.changed();
      await a.clock.advance(5000);
    }
    expect(a.area.writes.length - before).toBeLessThanOrEqual(11);
    await a.clock.advance(FLUSH_INTERVAL_MS);
    const fresh = await deviceAfter('cccc', a);
    expect(fresh.store.progress.get('seed:x')?.position.paragraph).toBe(120);
  });

  it('stays far below Chrome’s hourly write limit through an hour of reading and chapter changes', async () => {
    const a = device('aaaa');
    await a.engine.start();
    for (let s = 0; s < 3600; s += 10) {
      a.store.save(at('web:ffn:1', s, a.clock.now(), Math.floor(s / 300)), ffnWork('1', Math.floor(s / 300) + 1, a.clock.now()));
      a.engine.changed();
      if (s % 300 === 0) a.engine.soon(); // a chapter change every five minutes
      await a.clock.advance(10_000);
    }
    expect(a.area.writes.length).toBeLessThan(MAX_WRITE_OPERATIONS_PER_HOUR / 10);
    expect(a.engine.status().error).toBeNull();
  });

  it('keeps the place when a write fails, says why, and writes it on a later try', async () => {
    const a = device('aaaa');
    await a.engine.start();
    const set = a.area.set.bind(a.area);
    a.area.set = async () => {
      throw new Error('Resource::kQuotaBytes quota exceeded');
    };
    a.store.save(at('seed:x', 9, a.clock.now()));
    a.engine.changed();
    await a.clock.advance(FLUSH_INTERVAL_MS);
    expect(a.engine.status().error).toBe('quota');
    expect(a.store.progress.get('seed:x')?.position.paragraph).toBe(9);
    a.area.set = set;
    await a.clock.advance(FLUSH_INTERVAL_MS);
    expect(a.engine.status().error).toBeNull();
    const b = await deviceAfter('bbbb', a);
    expect(b.store.progress.get('seed:x')?.position.paragraph).toBe(9);
  });

  it('does not take keys the sync engine deleted as stories the reader deleted, and writes them back', async () => {
    const a = device('aaaa');
    a.store.save(at('seed:x', 5, T0 - 100));
    await a.engine.start();
    const keys = [...a.area.items.keys()];
    a.area.removeByEngine(keys);
    await settle();
    expect(a.store.progress.get('seed:x')?.position.paragraph).toBe(5);
    await a.clock.advance(FLUSH_INTERVAL_MS);
    expect([...a.area.items.keys()]).toEqual(keys);
  });

  it('takes a place dated in the future as now, so real reading after it wins', async () => {
    const a = device('aaaa');
    const b = device('bbbb', a.clock);
    await b.engine.start();
    a.store.save(at('seed:x', 2, T0 + 30 * 86_400_000));
    await a.engine.start();
    await carry(a.area, b.area);
    expect(b.store.progress.get('seed:x')?.updatedAt).toBe(T0);
    await b.clock.advance(1000);
    b.store.save(at('seed:x', 7, b.clock.now()));
    expect(b.store.progress.get('seed:x')?.position.paragraph).toBe(7);
  });
});
