import type { ProgressRecord, WebStoryRecord } from '../lib/db/schema';
import { sites, type SiteId } from '../lib/sites/registry';
import type { Tab } from './browsers';
import { mulberry32 } from '../lib/story/generate';

/**
 * Ficwell's IndexedDB ('ficwell', lib/db/schema.ts) written and read from an extension page of the bench build,
 * the way the extension's own pages see it. The database must exist already (any Ficwell page opened it);
 * the benchmark never creates or upgrades it, so the schema stays the app's alone.
 */
const OPEN = `new Promise((resolve, reject) => {
  const r = indexedDB.open('ficwell');
  r.onupgradeneeded = () => r.transaction.abort(); // no database yet: never create one with the wrong schema
  r.onsuccess = () => {
    const db = r.result;
    if (!db.objectStoreNames.contains('progress')) {
      db.close();
      reject(new Error('The ficwell database has no progress store yet: open a Ficwell page first.'));
    } else resolve(db);
  };
  r.onerror = () => reject(new Error('The ficwell database does not exist yet: open a Ficwell page first.'));
})`;

/** Runs `body` (an expression using `db`) against the database and closes it. */
function withDb<T>(tab: Tab, body: string): Promise<T> {
  return tab.eval<T>(`(async () => {
    const db = await ${OPEN};
    const done = (tx) => new Promise((res, rej) => { tx.oncomplete = () => res(); tx.onerror = tx.onabort = () => rej(tx.error); });
    const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    try { return await (${body}); } finally { db.close(); }
  })()`);
}

/** `count` stories read on AO3 and FFN, each with a progress record, as the library would hold them. */
export function generatedLibrary(count: number, now = Date.now()): { stories: WebStoryRecord[]; progress: ProgressRecord[] } {
  const rnd = mulberry32(2000);
  const stories: WebStoryRecord[] = [];
  const progress: ProgressRecord[] = [];
  for (let i = 0; i < count; i++) {
    const site: SiteId = i % 3 === 0 ? 'ffn' : 'ao3';
    const storyId = String(10_000_000 + i);
    const key = `web:${site}:${storyId}`;
    const chapters = 1 + Math.floor(rnd() * 40);
    const chapter = 1 + Math.floor(rnd() * chapters);
    const updatedAt = now - Math.floor(rnd() * 400 * 86_400_000);
    const percent = Math.min(100, Math.round(rnd() * 1000) / 10);
    const storyUrl = sites.site(site).chapterUrl(storyId, 1, '');
    stories.push({
      key,
      site,
      storyId,
      storyUrl,
      title: `Generated story ${i + 1}: the lantern road and the river`,
      authors: [`author${i % 97}`],
      fandoms: [i % 2 ? 'Puella Magi Madoka Magica' : 'Original Work'],
      chapterCount: chapters,
      words: 1000 + Math.floor(rnd() * 300_000),
      chapter: {
        number: chapter,
        title: `Chapter ${chapter}`,
        url: sites.site(site).chapterUrl(storyId, chapter, String(20_000_000 + chapter)),
      },
      updatedAt,
    });
    const n = Math.floor(rnd() * 200);
    progress.push({
      key,
      position: { part: 0, paragraph: n, offset: 0 },
      percent,
      updatedAt,
      finishedAt: percent >= 100 ? updatedAt : null,
    });
  }
  return { stories, progress };
}

export async function addLibrary(tab: Tab, library: ReturnType<typeof generatedLibrary>): Promise<void> {
  await withDb(
    tab,
    `(async () => {
    const tx = db.transaction('progress', 'readwrite');
    // As the store keeps them (lib/db/schema.ts StoredRecord): each story in its position's record.
    const stories = new Map(${JSON.stringify(library.stories)}.map((s) => [s.key, s]));
    for (const p of ${JSON.stringify(library.progress)}) tx.objectStore('progress').put({ ...p, story: stories.get(p.key) });
    await done(tx);
  })()`,
  );
}

/**
 * The floor of an import: a backup file's text parsed and its records put bare, in one transaction, with no
 * reading, checking or counting, each story joined to its position as the store keeps them (one record
 * per story). The time from the text to the commit, in the page, in ms.
 */
export function bareImport(tab: Tab, fileExpr: string): Promise<number> {
  return withDb<number>(
    tab,
    `(async () => {
    const start = performance.now();
    const file = JSON.parse(${fileExpr});
    const tx = db.transaction('progress', 'readwrite');
    const stories = new Map(file.webStories.map((s) => [s.key, s]));
    for (const p of file.progress) {
      const story = stories.get(p.key);
      stories.delete(p.key);
      tx.objectStore('progress').put(story ? { ...p, story } : p);
    }
    for (const story of stories.values()) tx.objectStore('progress').put({ key: story.key, story });
    await done(tx);
    return performance.now() - start;
  })()`,
  );
}

/** Empties the progress store (positions and web stories): every section starts from a library with no progress. */
export async function clearAll(tab: Tab): Promise<void> {
  await withDb(
    tab,
    `(async () => {
    const tx = db.transaction('progress', 'readwrite');
    tx.objectStore('progress').clear();
    await done(tx);
  })()`,
  );
}

/**
 * Sets (a record) or removes (null) the position of `key`, keeping the web story its record holds, as the
 * store does: since version 6 a web story lives in its position's record (lib/db/schema.ts StoredRecord).
 */
async function writePosition(tab: Tab, key: string, record: ProgressRecord | null): Promise<void> {
  await withDb(
    tab,
    `(async () => {
    const tx = db.transaction('progress', 'readwrite');
    const store = tx.objectStore('progress');
    const story = (await req(store.get(${JSON.stringify(key)})))?.story;
    const record = ${JSON.stringify(record)};
    if (record) store.put(story ? { ...record, story } : record);
    else if (story) store.put({ key: ${JSON.stringify(key)}, story });
    else store.delete(${JSON.stringify(key)});
    await done(tx);
  })()`,
  );
}

export function putProgress(tab: Tab, record: ProgressRecord): Promise<void> {
  return writePosition(tab, record.key, record);
}

export function deleteProgress(tab: Tab, key: string): Promise<void> {
  return writePosition(tab, key, null);
}

export function getProgress(tab: Tab, key: string): Promise<ProgressRecord | null> {
  const position = `(r) => (r && 'updatedAt' in r ? (({ story, ...p }) => p)(r) : null)`;
  return withDb(tab, `req(db.transaction('progress').objectStore('progress').get(${JSON.stringify(key)})).then(${position})`);
}

/** Source of a function that opens the database; for code that must poll it inside one evaluation. */
export const OPEN_DB_SOURCE = `() => ${OPEN}`;

/** Deletes a web story's saved copy (its chapters and outline) and its position, as if it was never read. */
export async function removeSaved(tab: Tab, key: string): Promise<void> {
  const k = JSON.stringify(key);
  await withDb(
    tab,
    `(async () => {
    const tx = db.transaction(['savedChapters', 'savedStories', 'progress'], 'readwrite');
    tx.objectStore('savedChapters').delete(IDBKeyRange.bound([${k}, 0], [${k}, Number.MAX_SAFE_INTEGER]));
    tx.objectStore('savedStories').delete(${k});
    tx.objectStore('progress').delete(${k});
    await done(tx);
  })()`,
  );
}

/** What a saved copy holds: its chapters' paragraph counts in order, and its records' size as UTF-8 JSON. */
export function savedShape(tab: Tab, key: string): Promise<{ paragraphs: number[]; jsonBytes: number } | null> {
  const k = JSON.stringify(key);
  return withDb(
    tab,
    `(async () => {
    const tx = db.transaction(['savedChapters', 'savedStories']);
    const story = await req(tx.objectStore('savedStories').get(${k}));
    if (!story) return null;
    const chapters = await req(tx.objectStore('savedChapters').getAll(IDBKeyRange.bound([${k}, 0], [${k}, Number.MAX_SAFE_INTEGER])));
    const size = (r) => new TextEncoder().encode(JSON.stringify(r)).length;
    const jsonBytes = chapters.reduce((n, c) => n + size(c), size(story));
    const paragraphs = [...story.chapters].sort((a, b) => a.number - b.number).map((c) => c.paragraphWords.length);
    return { paragraphs, jsonBytes };
  })()`,
  );
}
