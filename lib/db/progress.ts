import type { IDBPDatabase } from 'idb';
import type { FicwellDB, ProgressRecord } from './schema';

export interface ProgressStore {
  get(key: string): Promise<ProgressRecord | undefined>;
  /** Every record, most recently read first. */
  all(): Promise<ProgressRecord[]>;
  /**
   * Saves a position unless a newer one is already stored (a stale view never moves a story back).
   * Resolves to the record that is stored afterwards.
   */
  save(record: ProgressRecord): Promise<ProgressRecord>;
}

/** Keys: bundled stories are `seed:<id>`. */
export const seedKey = (id: string) => `seed:${id}`;

/**
 * Progress records over one database connection, opened lazily and reopened after another view's upgrade
 * closed it. `open` is a parameter so tests pass a database of their own.
 */
export function createProgressStore(open: (onVersionChange: () => void) => Promise<IDBPDatabase<FicwellDB>>): ProgressStore {
  let db: Promise<IDBPDatabase<FicwellDB>> | null = null;
  const connection = () => {
    db ??= open(() => (db = null)).catch((e: unknown) => {
      db = null; // try again next time: a failure may be passing (a blocked upgrade)
      throw e;
    });
    return db;
  };
  return {
    async get(key) {
      return (await connection()).get('progress', key);
    },
    async all() {
      const records = await (await connection()).getAllFromIndex('progress', 'by-updated');
      return records.reverse();
    },
    async save(record) {
      const tx = (await connection()).transaction('progress', 'readwrite');
      // Only IndexedDB work inside the transaction: awaiting anything else would let it close.
      const existing = await tx.store.get(record.key);
      let stored = record;
      if (existing && existing.updatedAt > record.updatedAt) stored = existing;
      else if (existing?.finishedAt) stored = { ...record, finishedAt: existing.finishedAt };
      if (stored !== existing) await tx.store.put(stored);
      await tx.done;
      return stored;
    },
  };
}
