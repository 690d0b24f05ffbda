import { decodeEntry, encodeEntry, type SyncEntry } from './entry';

/**
 * How entries sit in the sync area. Chrome's `storage.sync` allows 102,400 bytes in all (the JSON of each
 * value plus its key), 8,192 bytes an item and 512 items; Firefox the same sizes. Keys propagate one by one,
 * so each bucket is complete on its own: a story always lives in the same bucket (by a hash of its key), and
 * a bucket that arrives before or after the others still parses and merges.
 */
export const BUCKETS = 64;
export const BUCKET_PREFIX = 'p.';
/** Bytes the buckets may take together: a tenth of Chrome's 102,400 stays free for settings and slack. */
export const SYNC_BUDGET = 92_000;
export const ITEM_LIMIT = 8_192;
const FORMAT = 1;

export const bucketKey = (i: number) => `${BUCKET_PREFIX}${i.toString(36)}`;
export const isBucketKey = (k: string) => k.startsWith(BUCKET_PREFIX);

/** FNV-1a over the key: stable across devices and releases (changing it would move every story). */
export function bucketOf(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return bucketKey(h % BUCKETS);
}

/** The bytes Chrome counts for one item. */
export const itemBytes = (key: string, value: unknown) => key.length + JSON.stringify(value).length;

export type BucketValue = [typeof FORMAT, ...ReturnType<typeof encodeEntry>[]];

/**
 * The buckets for these entries: the most recently read first, as many as fit the budget and the item limit.
 * Entries that do not fit stay in IndexedDB (and the backup file) only.
 */
export function layout(entries: readonly SyncEntry[], budget = SYNC_BUDGET): { buckets: Map<string, BucketValue>; kept: SyncEntry[] } {
  const sorted = [...entries].sort((a, b) => b.updatedAt - a.updatedAt || (a.key < b.key ? -1 : 1));
  const buckets = new Map<string, BucketValue>();
  const sizes = new Map<string, number>();
  let total = 0;
  const kept: SyncEntry[] = [];
  for (const e of sorted) {
    const key = bucketOf(e.key);
    const tuple = encodeEntry(e);
    const size = sizes.get(key) ?? itemBytes(key, [FORMAT]);
    const grow = JSON.stringify(tuple).length + 1; // the tuple and its comma
    const added = sizes.has(key) ? grow : size + grow;
    if (size + grow > ITEM_LIMIT || total + added > budget) continue;
    total += added;
    sizes.set(key, size + grow);
    const bucket = buckets.get(key) ?? [FORMAT];
    bucket.push(tuple);
    buckets.set(key, bucket);
    kept.push(e);
  }
  return { buckets, kept };
}

/** The entries of one bucket as it arrived; malformed tuples are skipped, a malformed bucket gives none. */
export function readBucket(value: unknown, now: number): SyncEntry[] {
  if (!Array.isArray(value) || value[0] !== FORMAT) return [];
  const out: SyncEntry[] = [];
  for (let i = 1; i < value.length; i++) {
    const e = decodeEntry(value[i], now);
    if (e) out.push(e);
  }
  return out;
}
