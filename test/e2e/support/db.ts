import { type AnyPage, evaluate, PARAGRAPH_NUMBER } from './harness';

/**
 * What the helpers read: a store of Ficwell's IndexedDB, or `webStories`, the web stories, which since
 * version 6 are kept in their positions' records in `progress` (`story`, lib/db/schema.ts `StoredRecord`).
 * `progress` gives the records that hold a position (with their `story`, if any), not a story alone.
 */
type Store = 'progress' | 'webStories' | 'savedStories';

/** The real store a helper's store name reads, and the source of a function from its record to the helper's. */
const access = (store: Store): [string, string] =>
  store === 'webStories'
    ? ['progress', '(r) => r?.story ?? null']
    : store === 'progress'
      ? ['progress', "(r) => (r && ('updatedAt' in r || !('story' in r)) ? r : null)"]
      : [store, '(r) => r ?? null'];

/** Source of an expression that reads one record of Ficwell's IndexedDB in an extension page (null when absent). */
export const recordExpr = (store: Store, key: string) => {
  const [real, pick] = access(store);
  return `new Promise((resolve, reject) => {
  const q = indexedDB.open('ficwell');
  q.onsuccess = () => {
    const r = q.result.transaction('${real}').objectStore('${real}').get(${JSON.stringify(key)});
    r.onsuccess = () => { q.result.close(); resolve((${pick})(r.result)); };
    r.onerror = () => reject(r.error);
  };
  q.onerror = () => reject(q.error);
})`;
};

/**
 * Source of an expression for the paragraph number, across bundled story `id`, of its stored position
 * (undefined when none is stored): what TOP_PARAGRAPH reads from the reader when it stands there.
 */
export const storedParagraphExpr = (id: string) =>
  `${recordExpr('progress', `seed:${id}`)}.then((r) => (${PARAGRAPH_NUMBER})(${JSON.stringify(id)}, r?.position))`;

/** Every record of one store of Ficwell's IndexedDB, keyed by record key, read straight from an extension page. */
export const storedRecords = <T>(ext: AnyPage, store: Store) => {
  const [real, pick] = access(store);
  return evaluate<Record<string, T>>(
    ext,
    `new Promise((resolve, reject) => {
  const q = indexedDB.open('ficwell');
  q.onsuccess = () => {
    const all = q.result.transaction('${real}').objectStore('${real}').getAll();
    all.onsuccess = () => {
      q.result.close();
      resolve(Object.fromEntries(all.result.flatMap((r) => { const v = (${pick})(r); return v ? [[r.key, v]] : []; })));
    };
    all.onerror = () => reject(all.error);
  };
  q.onerror = () => reject(q.error);
})`,
  );
};

/** One record of Ficwell's IndexedDB, read straight from an extension page. */
export const storedRecord = <T>(ext: AnyPage, store: Store, key: string) => evaluate<T | null>(ext, recordExpr(store, key));

/**
 * Writes records into Ficwell's IndexedDB from an extension page, in one transaction: `fill` is the source
 * of statements run in the page with `put(store, record)` in scope, `store` being 'progress' or
 * 'webStories' (see `Store`). What is put for a key is merged into its stored record: a position put keeps
 * the key's story, a story put keeps its position, as when they were two stores.
 */
export const writeRecords = (ext: AnyPage, fill: string) =>
  evaluate(
    ext,
    `new Promise((resolve, reject) => {
  const q = indexedDB.open('ficwell');
  q.onsuccess = () => {
    const tx = q.result.transaction('progress', 'readwrite');
    const store = tx.objectStore('progress');
    const puts = new Map();
    const put = (name, record) => {
      const was = puts.get(record.key) ?? {};
      puts.set(record.key, name === 'webStories' ? { ...was, story: record } : { ...was, ...record });
    };
    ${fill}
    for (const [key, record] of puts) {
      const r = store.get(key);
      r.onsuccess = () => {
        const { story, ...position } = record;
        const merged = { ...(r.result ?? { key }), ...position, ...(story ? { story } : {}) };
        store.put(merged);
      };
    }
    tx.oncomplete = () => { q.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
  q.onerror = () => reject(q.error);
})`,
  );
