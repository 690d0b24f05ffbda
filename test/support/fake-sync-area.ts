import type { SyncArea } from '../../lib/sync/engine';

/**
 * One device's `storage.sync` as Chrome documents it: 102,400 bytes in all (each value's JSON plus its key),
 * 8,192 bytes an item, 512 items, 120 write operations a minute and 1,800 an hour (one `set` is one
 * operation, whatever it holds); past a limit the call fails at once and nothing is written. `onChanged`
 * fires for local writes and for what the sync engine delivers from other devices.
 */
export const QUOTA_BYTES = 102_400;
export const QUOTA_BYTES_PER_ITEM = 8_192;
export const MAX_ITEMS = 512;
export const MAX_WRITE_OPERATIONS_PER_MINUTE = 120;
export const MAX_WRITE_OPERATIONS_PER_HOUR = 1_800;

type Changes = Record<string, { newValue?: unknown; oldValue?: unknown }>;

export class FakeSyncArea implements SyncArea {
  readonly items = new Map<string, string>();
  readonly writes: number[] = [];
  private listeners = new Set<(c: Changes) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  static bytes(key: string, value: unknown): number {
    return key.length + JSON.stringify(value).length;
  }

  bytesInUse(): number {
    let n = 0;
    for (const [k, v] of this.items) n += k.length + v.length;
    return n;
  }

  async get(): Promise<Record<string, unknown>> {
    return Object.fromEntries([...this.items].map(([k, v]) => [k, JSON.parse(v) as unknown]));
  }

  async set(items: Record<string, unknown>): Promise<void> {
    const t = this.now();
    if (this.writes.filter((w) => w > t - 60_000).length >= MAX_WRITE_OPERATIONS_PER_MINUTE) {
      throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    }
    if (this.writes.filter((w) => w > t - 3_600_000).length >= MAX_WRITE_OPERATIONS_PER_HOUR) {
      throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.');
    }
    const next = new Map(this.items);
    for (const [k, v] of Object.entries(items)) {
      if (FakeSyncArea.bytes(k, v) > QUOTA_BYTES_PER_ITEM) throw new Error('Resource::kQuotaBytesPerItem quota exceeded');
      next.set(k, JSON.stringify(v));
    }
    if (next.size > MAX_ITEMS) throw new Error('Resource::kMaxItems quota exceeded');
    let total = 0;
    for (const [k, v] of next) total += k.length + v.length;
    if (total > QUOTA_BYTES) throw new Error('Resource::kQuotaBytes quota exceeded');
    this.writes.push(t);
    this.apply(items);
  }

  /** What the sync engine does with another device's values: no quota counted, onChanged fired. */
  deliver(items: Record<string, unknown>): void {
    this.apply(items);
  }

  /** The sync engine removing keys (e.g. on first connection to an account that has data). */
  removeByEngine(keys: string[]): void {
    const changes: Changes = {};
    for (const k of keys) {
      const old = this.items.get(k);
      if (old === undefined) continue;
      this.items.delete(k);
      changes[k] = { oldValue: JSON.parse(old) as unknown };
    }
    if (Object.keys(changes).length) for (const l of this.listeners) l(changes);
  }

  onChanged(listener: (c: Changes) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private apply(items: Record<string, unknown>) {
    const changes: Changes = {};
    for (const [k, v] of Object.entries(items)) {
      const old = this.items.get(k);
      const text = JSON.stringify(v);
      if (old === text) continue;
      this.items.set(k, text);
      changes[k] = { newValue: JSON.parse(text) as unknown, ...(old === undefined ? {} : { oldValue: JSON.parse(old) as unknown }) };
    }
    if (Object.keys(changes).length) for (const l of this.listeners) l(changes);
  }
}
