import { type AnyPage, evaluate } from './harness';

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

/** One record of Ficwell's IndexedDB, read straight from an extension page. */
export const storedRecord = <T>(ext: AnyPage, store: Store, key: string) => evaluate<T | null>(ext, recordExpr(store, key));
