import { type AnyPage, evaluate, PARAGRAPH_NUMBER } from './harness';

type Store = 'progress' | 'webStories' | 'savedStories';

/** Source of an expression that reads one record of Ficwell's IndexedDB in an extension page (null when absent). */
export const recordExpr = (store: Store, key: string) => `new Promise((resolve, reject) => {
  const q = indexedDB.open('ficwell');
  q.onsuccess = () => {
    const r = q.result.transaction('${store}').objectStore('${store}').get(${JSON.stringify(key)});
    r.onsuccess = () => { q.result.close(); resolve(r.result ?? null); };
    r.onerror = () => reject(r.error);
  };
  q.onerror = () => reject(q.error);
})`;

/**
 * Source of an expression for the paragraph number, across bundled story `id`, of its stored position
 * (undefined when none is stored): what TOP_PARAGRAPH reads from the reader when it stands there.
 */
export const storedParagraphExpr = (id: string) =>
  `${recordExpr('progress', `seed:${id}`)}.then((r) => (${PARAGRAPH_NUMBER})(${JSON.stringify(id)}, r?.position))`;

/** Every record of one store of Ficwell's IndexedDB, keyed by record key, read straight from an extension page. */
export const storedRecords = <T>(ext: AnyPage, store: Store) =>
  evaluate<Record<string, T>>(
    ext,
    `new Promise((resolve, reject) => {
  const q = indexedDB.open('ficwell');
  q.onsuccess = () => {
    const all = q.result.transaction('${store}').objectStore('${store}').getAll();
    all.onsuccess = () => { q.result.close(); resolve(Object.fromEntries(all.result.map((r) => [r.key, r]))); };
    all.onerror = () => reject(all.error);
  };
  q.onerror = () => reject(q.error);
})`,
  );

/** One record of Ficwell's IndexedDB, read straight from an extension page. */
export const storedRecord = <T>(ext: AnyPage, store: Store, key: string) => evaluate<T | null>(ext, recordExpr(store, key));

/**
 * Writes records into Ficwell's IndexedDB from an extension page, in one transaction: `fill` is the source
 * of statements run in the page with `put(store, record)` in scope.
 */
export const writeRecords = (ext: AnyPage, fill: string) =>
  evaluate(
    ext,
    `new Promise((resolve, reject) => {
  const q = indexedDB.open('ficwell');
  q.onsuccess = () => {
    const tx = q.result.transaction(['webStories', 'progress'], 'readwrite');
    const put = (store, record) => tx.objectStore(store).put(record);
    ${fill}
    tx.oncomplete = () => { q.result.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
  q.onerror = () => reject(q.error);
})`,
  );
