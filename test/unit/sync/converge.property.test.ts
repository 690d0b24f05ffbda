import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProgressRecord } from '../../../lib/db/schema';
import { createSyncEngine, type SyncEngine } from '../../../lib/sync/engine';
import { FakeSyncArea } from '../../support/fake-sync-area';
import { MemorySyncStore } from '../../support/memory-sync-store';

/**
 * Several devices read the same few stories while a model of the browser's sync engine carries keys between
 * them one at a time, in any order, sometimes only some keys of a change (half-delivered buckets), and
 * sometimes as a first connection that overwrites a device's area and deletes its local-only keys. However
 * it interleaves, once everything is delivered every device holds the same, newest place of every story,
 * and no device ever ends behind a place it had stored itself.
 */

const T0 = Date.UTC(2026, 11, 1, 12);
const STORIES = ['seed:a', 'seed:b', 'web:ffn:11', 'web:ao3:22'];

type Step =
  | { kind: 'read'; device: number; story: number; paragraph: number; dt: number }
  | { kind: 'flush'; device: number }
  | { kind: 'upload'; device: number; pick: number }
  | { kind: 'deliver'; device: number; pick: number }
  | { kind: 'first-connection'; device: number };

const step = (devices: number): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('read' as const),
      device: fc.nat(devices - 1),
      story: fc.nat(STORIES.length - 1),
      paragraph: fc.nat(500),
      dt: fc.integer({ min: 0, max: 40_000 }), // 0: two devices at the same millisecond (a tie)
    }),
    fc.record({ kind: fc.constant('flush' as const), device: fc.nat(devices - 1) }),
    fc.record({ kind: fc.constant('upload' as const), device: fc.nat(devices - 1), pick: fc.nat() }),
    fc.record({ kind: fc.constant('deliver' as const), device: fc.nat(devices - 1), pick: fc.nat() }),
    fc.record({ kind: fc.constant('first-connection' as const), device: fc.nat(devices - 1) }),
  );

interface Device {
  id: string;
  area: FakeSyncArea;
  store: MemorySyncStore;
  engine: SyncEngine;
  /** Keys written on this device that the server has not taken yet. */
  outbox: Set<string>;
  /** Keys the server has for this device that it has not delivered yet. */
  inbox: Set<string>;
  /** The newest time this device ever stored for each story. */
  best: Map<string, number>;
}

const settle = async () => {
  for (let i = 0; i < 30; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
};

async function run(devices: number, steps: Step[]) {
  let now = T0;
  const server = new Map<string, unknown>();
  const all: Device[] = [];
  for (let d = 0; d < devices; d++) {
    const id = `dev${d}`;
    const area = new FakeSyncArea(() => now);
    const store = new MemorySyncStore();
    const original = store.save.bind(store);
    const dev: Device = { id, area, store, engine: null as unknown as SyncEngine, outbox: new Set(), inbox: new Set(), best: new Map() };
    store.save = (r: ProgressRecord, s) => {
      original(r, s);
      const kept = store.progress.get(r.key) as ProgressRecord;
      dev.best.set(r.key, Math.max(dev.best.get(r.key) ?? 0, kept.updatedAt));
    };
    const set = area.set.bind(area);
    area.set = async (items) => {
      await set(items);
      for (const k of Object.keys(items)) dev.outbox.add(k);
    };
    // Timers never fire on their own: the steps decide when a device writes.
    dev.engine = createSyncEngine({ area, store, device: id, now: () => now, setTimer: () => null, clearTimer: () => {} });
    all.push(dev);
  }
  for (const d of all) await d.engine.start();

  const upload = (d: Device, keys: string[]) => {
    for (const k of keys) {
      d.outbox.delete(k);
      const value = d.area.items.get(k);
      if (value === undefined) continue;
      server.set(k, JSON.parse(value));
      for (const other of all) if (other !== d) other.inbox.add(k);
    }
  };
  const deliver = async (d: Device, keys: string[]) => {
    const items: Record<string, unknown> = {};
    for (const k of keys) {
      d.inbox.delete(k);
      items[k] = server.get(k);
    }
    d.area.deliver(items);
    await settle();
  };
  const some = (keys: Set<string>, pick: number) => [...keys].filter((_, i) => (pick >> (i % 30)) & 1);

  for (const s of steps) {
    const d = all[s.device] as Device;
    if (s.kind === 'read') {
      now += s.dt;
      const key = STORIES[s.story] as string;
      const web = /^web:(ffn|ao3):(\d+)$/.exec(key);
      const story = web && {
        key,
        site: web[1] as 'ffn' | 'ao3',
        storyId: web[2] as string,
        storyUrl: `https://example.invalid/${web[2]}`,
        title: `Story ${web[2]}`,
        authors: [],
        fandoms: [],
        chapterCount: null,
        words: null,
        chapter: { number: 1, title: null, url: `https://example.invalid/${web[2]}` },
        updatedAt: now,
      };
      const place = { part: 0, paragraph: s.paragraph, offset: 0 };
      d.store.save({ key, position: place, percent: s.paragraph / 5, updatedAt: now, finishedAt: null }, story ?? undefined);
      d.engine.changed();
    } else if (s.kind === 'flush') {
      now += 1000;
      await d.engine.flush();
    } else if (s.kind === 'upload') upload(d, some(d.outbox, s.pick));
    else if (s.kind === 'deliver') await deliver(d, some(d.inbox, s.pick));
    else {
      // First connection to an account that has data: its values replace ours, our local-only keys go.
      const local = [...d.area.items.keys()].filter((k) => !server.has(k));
      await deliver(d, [...server.keys()]);
      d.area.removeByEngine(local);
      d.outbox.clear();
      await settle();
    }
  }

  // Let the sync engine finish: every write uploaded, every upload delivered, until nothing moves.
  for (let round = 0; round < 12; round++) {
    now += 61_000;
    for (const d of all) await d.engine.flush();
    const quiet = all.every((d) => d.outbox.size === 0 && d.inbox.size === 0);
    for (const d of all) upload(d, [...d.outbox]);
    for (const d of all) await deliver(d, [...d.inbox]);
    if (quiet) break;
  }
  return all;
}

describe('sync between devices', () => {
  it('always converges to the newest place of every story and never loses a local one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }).chain((n) => fc.tuple(fc.constant(n), fc.array(step(n), { minLength: 1, maxLength: 40 }))),
        async ([n, steps]) => {
          const devices = await run(n, steps);
          for (const key of STORIES) {
            const places = devices.map((d) => d.store.progress.get(key));
            const stored = places.filter((p) => p !== undefined);
            if (stored.length === 0) continue;
            // Everyone has it, and the same place of it.
            expect(stored.length).toBe(n);
            const first = stored[0] as ProgressRecord;
            for (const p of stored) {
              expect(p.updatedAt).toBe(first.updatedAt);
              expect(p.position).toEqual(first.position);
            }
            // It is the newest any device ever stored, so no device lost its own.
            const newest = Math.max(...devices.map((d) => d.best.get(key) ?? 0));
            expect(first.updatedAt).toBe(newest);
          }
        },
      ),
      { numRuns: 150, seed: 20261201 },
    );
  });
});
