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
    if (!db.objectStoreNames.contains('progress') || !db.objectStoreNames.contains('webStories')) {
      db.close();
      reject(new Error('The ficwell database has no progress/webStories stores yet: open a Ficwell page first.'));
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
    const tx = db.transaction(['webStories', 'progress'], 'readwrite');
    for (const s of ${JSON.stringify(library.stories)}) tx.objectStore('webStories').put(s);
    for (const p of ${JSON.stringify(library.progress)}) tx.objectStore('progress').put(p);
    await done(tx);
  })()`,
  );
}

/**
 * The floor of an import: a backup file's text parsed and its records put bare, in one transaction, with no
 * reading, checking or counting. The time from the text to the commit, in the page, in ms.
 */
export function bareImport(tab: Tab, fileExpr: string): Promise<number> {
  return withDb<number>(
    tab,
    `(async () => {
    const start = performance.now();
    const file = JSON.parse(${fileExpr});
    const tx = db.transaction(['webStories', 'progress'], 'readwrite');
    for (const s of file.webStories) tx.objectStore('webStories').put(s);
    for (const p of file.progress) tx.objectStore('progress').put(p);
    await done(tx);
    return performance.now() - start;
  })()`,
  );
}

/** Empties both stores: every section starts from a library with no progress. */
export async function clearAll(tab: Tab): Promise<void> {
  await withDb(
    tab,
    `(async () => {
    const tx = db.transaction(['webStories', 'progress'], 'readwrite');
    tx.objectStore('webStories').clear();
    tx.objectStore('progress').clear();
    await done(tx);
  })()`,
  );
}

/** Runs `call` (source of a call on the store, e.g. `put(…)`) on the progress store and waits for it to commit. */
async function writeProgress(tab: Tab, call: string): Promise<void> {
  await withDb(
    tab,
    `(async () => {
    const tx = db.transaction('progress', 'readwrite');
    tx.objectStore('progress').${call};
    await done(tx);
  })()`,
  );
}

export function putProgress(tab: Tab, record: ProgressRecord): Promise<void> {
  return writeProgress(tab, `put(${JSON.stringify(record)})`);
}

export function deleteProgress(tab: Tab, key: string): Promise<void> {
  return writeProgress(tab, `delete(${JSON.stringify(key)})`);
}

export function getProgress(tab: Tab, key: string): Promise<ProgressRecord | null> {
  return withDb(tab, `req(db.transaction('progress').objectStore('progress').get(${JSON.stringify(key)})).then((r) => r ?? null)`);
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
