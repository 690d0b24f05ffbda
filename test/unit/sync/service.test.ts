import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../lib/sync/engine';
import { createSyncService } from '../../../lib/sync/service';
import { FakeSyncArea } from '../../support/fake-sync-area';
import { MemorySyncStore } from '../../support/memory-sync-store';

function setup(initially: boolean) {
  const area = Object.assign(new FakeSyncArea(), {
    async clear(this: FakeSyncArea) {
      this.removeByEngine([...this.items.keys()]);
    },
  });
  const store = new MemorySyncStore();
  let on = initially;
  const listeners = new Set<(on: boolean) => void>();
  const statuses: (SyncStatus | null)[] = [];
  const service = createSyncService({
    enabled: {
      get: async () => on,
      watch: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    area,
    store,
    deviceId: async () => 'devaa',
    saveStatus: async (s) => void statuses.push(s),
  });
  const toggle = (value: boolean) => {
    on = value;
    for (const l of listeners) l(value);
  };
  return { area, store, service, statuses, toggle };
}

const place = (paragraph: number) => ({
  key: 'seed:never-alone',
  position: { part: 0, paragraph, offset: 0 },
  percent: paragraph,
  updatedAt: Date.now(),
  finishedAt: null,
});

describe('the sync service', () => {
  it('writes nothing while sync is off, not even on "sync now"', async () => {
    const { area, store, service } = setup(false);
    await service.ready;
    store.save(place(4));
    service.changed();
    expect(await service.syncNow()).toBeNull();
    expect(area.writes).toEqual([]);
  });

  it('starts when turned on, writes on "sync now", reports how it went, and stops when turned off', async () => {
    const { area, store, service, statuses, toggle } = setup(false);
    await service.ready;
    store.save(place(4));
    toggle(true);
    const status = await service.syncNow();
    expect(status).toMatchObject({ error: null, stories: 1 });
    expect(area.items.size).toBe(1);
    expect(statuses.at(-1)).toMatchObject({ stories: 1 });
    toggle(false);
    await service.syncNow();
    expect(statuses.at(-1)).toBeNull();
    const writes = area.writes.length;
    store.save(place(9));
    service.changed();
    service.soon();
    expect(await service.syncNow()).toBeNull();
    expect(area.writes.length).toBe(writes);
  });

  it('empties the sync area on "remove synced places" (offered while off) and keeps every local place', async () => {
    const { area, store, service, toggle } = setup(true);
    store.save(place(4));
    await service.ready;
    await service.syncNow();
    toggle(false);
    await service.clear();
    await new Promise((r) => setTimeout(r, 10));
    expect(area.items.size).toBe(0);
    expect(store.progress.get('seed:never-alone')?.position.paragraph).toBe(4);
  });
});
