import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { localItem } from '../../platform/storage-item';

const count = () => localItem('count', (raw) => (typeof raw === 'number' && raw >= 0 ? raw : 0));
const note = () => localItem<string | null>('note', (raw) => (typeof raw === 'string' ? raw : null));

describe('a storage item', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads what is stored through its normalizer: junk and absence read as the normalizer makes them', async () => {
    expect(await count().get()).toBe(0);
    await fakeBrowser.storage.local.set({ count: 'seven' });
    expect(await count().get()).toBe(0);
    await fakeBrowser.storage.local.set({ count: 7 });
    expect(await count().get()).toBe(7);
  });

  it('stores the value under its key alone, as WXT items of version 1 did, and null as no value', async () => {
    await note().set('kept');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ note: 'kept' });
    await note().set(null);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('tells a watcher of changes to its own key in local storage, normalized, and of nothing else', async () => {
    const seen = vi.fn();
    const stop = count().watch(seen);
    await fakeBrowser.storage.local.set({ count: 3 });
    await fakeBrowser.storage.local.set({ other: 4 });
    await fakeBrowser.storage.sync.set({ count: 5 });
    await fakeBrowser.storage.local.set({ count: -1 });
    expect(seen.mock.calls).toEqual([[3], [0]]);
    stop();
    await fakeBrowser.storage.local.set({ count: 9 });
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('reads as the normalizer makes of nothing when storage cannot be read', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('storage is gone'));
    expect(await count().get()).toBe(0);
  });
});
