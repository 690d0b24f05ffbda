import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '../../lib/db/schema';
import { BROWSERS, click, evaluate, poll, pollText, PROGRESS_FILL, TOP_PARAGRAPH, type AnyPage, type Harness } from './support/harness';
import { storedParagraphExpr, storedRecords } from './support/db';
import { catchDownload, importFile, statusText } from './support/backup';
import { useSiteBrowser } from './support/site';
import { pollView, READER_SHOWN, VIEW_TOP_PARAGRAPH } from './support/view';

const v2 = JSON.parse(readFileSync(new URL('../fixtures/db/v2.json', import.meta.url), 'utf8')) as {
  progress: { key: string; percent: number }[];
};
/** Release 3's database (scripts/db-fixture-v3.ts): positions as {section, paragraph, n, offset}. */
const v3 = JSON.parse(readFileSync(new URL('../fixtures/db/v3.json', import.meta.url), 'utf8')) as {
  progress: { key: string; percent: number; position: { section: number; paragraph: number; n: number; offset: number } }[];
  webStories: { key: string; chapter: { number: number; url: string } }[];
};

/**
 * Replaces the extension's database with one at `version` 2 or 3, its stores made as that release's
 * migrations made them (lib/db/schema.ts 1-3), holding `progress` and `webStories` as they are.
 */
const installRelease = (page: AnyPage, version: 2 | 3, progress: unknown[], webStories: unknown[] = []) =>
  evaluate(
    page,
    `new Promise((resolve, reject) => {
      indexedDB.deleteDatabase('ficwell').onsuccess = () => {
        const req = indexedDB.open('ficwell', ${version});
        req.onupgradeneeded = () => {
          req.result.createObjectStore('progress', { keyPath: 'key' }).createIndex('by-updated', 'updatedAt');
          if (${version} >= 3) req.result.createObjectStore('webStories', { keyPath: 'key' }).createIndex('by-updated', 'updatedAt');
        };
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction([...db.objectStoreNames], 'readwrite');
          for (const r of ${JSON.stringify(progress)}) tx.objectStore('progress').put(r);
          for (const s of ${JSON.stringify(webStories)}) tx.objectStore('webStories').put(s);
          tx.oncomplete = () => { db.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
        };
      };
    })`,
  );

/** The database's version, as the browser reports it. */
const dbVersion = (page: AnyPage) =>
  evaluate<number>(
    page,
    `new Promise((r) => { const q = indexedDB.open('ficwell'); q.onsuccess = () => { r(q.result.version); q.result.close(); }; })`,
  );
const api = `(globalThis.browser ?? globalThis.chrome)`;
const close = (p: AnyPage) => (p as unknown as { close(): Promise<void> }).close();

/** Every progress record, read straight from IndexedDB at whatever version the database is. */
const storedProgress = (page: AnyPage) =>
  storedRecords<{ percent: number; position: { part: number; paragraph: number }; updatedAt: number }>(page, 'progress');

/** Reopens a page of the extension after the extension itself restarted (reload or update). */
async function afterRestart(h: Harness): Promise<AnyPage> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await h.openExtensionPage('/popup.html');
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Waits until the reader in `page` shows a position other than `before`: it has taken (and reported) the new one. */
const tookPosition = (page: AnyPage, before: string) =>
  poll(
    page,
    `(() => { const now = (${PROGRESS_FILL})(window); return now !== '' && now !== ${JSON.stringify(before)}; })()`,
    5000,
    'the reader to take the new position',
  );

/** An expression for the stored paragraph number of Glass Hearts (undefined when there is none). */
const storedN = storedParagraphExpr('glass-hearts');

/**
 * A positive signal that the background has handled a view that just closed: the view is gone from the
 * extension's views, and a write the background makes after that (a marker record, in a readwrite transaction
 * on the same store: IndexedDB runs those in the order they were made) has been stored. Any write the closing
 * view's disconnect started came first.
 */
async function backgroundDone(page: AnyPage, tag: string): Promise<void> {
  await poll(
    page,
    `${api}.extension.getViews().filter((v) => v.location.pathname === '/sidepanel.html').length === 0`,
    5000,
    'the closed view to be gone',
  );
  const id = `9${String(Date.now()).slice(-7)}`;
  const now = Date.now();
  const story = {
    key: `web:ffn:${id}`,
    site: 'ffn',
    storyId: id,
    storyUrl: `https://www.fanfiction.net/s/${id}/1/`,
    title: `marker ${tag}`,
    authors: [],
    fandoms: [],
    chapterCount: 1,
    words: null,
    chapter: { number: 1, title: null, url: `https://www.fanfiction.net/s/${id}/1/` },
    updatedAt: now,
  };
  const progress = {
    key: story.key,
    position: { part: 0, paragraph: 0, offset: 0 },
    percent: 0,
    updatedAt: now,
    finishedAt: null,
  };
  expect(await evaluate(page, `${api}.runtime.sendMessage(${JSON.stringify({ type: 'web-progress', story, progress })})`)).toMatchObject({
    ok: true,
  });
}

describe.each(BROWSERS)('durability of progress in %s', (name) => {
  const site = useSiteBrowser(name);

  it('an update that upgrades the database from the previous schema keeps every record', async () => {
    // An older release's database, written the way release 2 wrote it.
    const page = await site.h.openExtensionPage('/popup.html');
    await installRelease(page, 2, v2.progress);
    // The update: the extension restarts with the new code, which upgrades the database to its version.
    await site.h.restartExtension(page);
    const popup = await afterRestart(site.h);
    for (const r of v2.progress) {
      const id = r.key.slice('seed:'.length);
      await pollText(popup, `[data-story="${id}"] .row-percent`, `${Math.floor(r.percent)}%`, 5000, `${id} at ${r.percent}%`);
    }
    // The code's own schema version, not a number copied here: the upgrade ran to the end.
    expect(await dbVersion(popup)).toBe(DB_VERSION);
    expect(await evaluate<string>(popup, `document.querySelector('[data-story="her-outstretched-hand"]').dataset.finished`)).toBe('true');
    await close(popup);
  });

  it('an update from release 3 converts every position; a bundled and a web story reopen at the same paragraphs', async () => {
    const page = await site.h.openExtensionPage('/popup.html');
    await installRelease(page, 3, v3.progress, v3.webStories);
    await site.h.restartExtension(page);
    const popup = await afterRestart(site.h);
    for (const r of v3.progress) {
      const id = r.key.startsWith('seed:') ? r.key.slice('seed:'.length) : r.key;
      await poll(
        popup,
        `document.querySelector('[data-story="${id}"]')?.textContent.includes('${Math.floor(r.percent)}%')`,
        5000,
        `${id} at ${r.percent}%`,
      );
    }
    expect(await dbVersion(popup)).toBe(DB_VERSION);
    // Every record is there, its position in the one shape: section became part, n is gone.
    const stored = await storedProgress(popup);
    expect(Object.keys(stored).sort()).toEqual(v3.progress.map((r) => r.key).sort());
    for (const r of v3.progress) {
      const { section, paragraph, offset } = r.position;
      expect(stored[r.key]?.position).toEqual({ part: section, paragraph, offset });
    }
    // Every web story is in its position's record (migration 6), as release 3 stored it.
    const stories = await storedRecords<unknown>(popup, 'webStories');
    expect(Object.keys(stories).sort()).toEqual(v3.webStories.map((s) => s.key).sort());
    for (const s of v3.webStories) expect(stories[s.key]).toEqual(s);
    await close(popup);

    // Glass Hearts was at its third section's seventh paragraph: paragraph n of the whole story.
    const hearts = v3.progress.find((r) => r.key === 'seed:glass-hearts');
    const reader = await site.h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    await poll(
      reader,
      `(${TOP_PARAGRAPH})(window) === ${hearts?.position.n}`,
      10_000,
      `paragraph ${hearts?.position.n} at the reading line`,
    );
    await close(reader);

    // Three Lanterns was at chapter 2, paragraph 40: its chapter page opens there.
    const lanterns = v3.progress.find((r) => r.key === 'web:ffn:7000001');
    const url = 'http://www.fanfiction.net/s/7000001/2/Three-Lanterns';
    const ext = await site.h.openExtensionPage('/popup.html');
    const tab = await site.h.openPage(url);
    await pollView(ext, url, READER_SHOWN, 10_000, 'the restyled view');
    await pollView(
      ext,
      url,
      `(root) => (${VIEW_TOP_PARAGRAPH})(root) === ${lanterns?.position.paragraph}`,
      10_000,
      `paragraph ${lanterns?.position.paragraph} at the top of the view`,
    );
    await close(tab);
    await close(ext);
  });

  it('an extension reload keeps a position read just before it', async () => {
    const reader = await site.h.openExtensionPage('/sidepanel.html#story=the-dessert-shop');
    await poll(reader, `document.documentElement.dataset.complete === 'true'`, 5000, 'the story');
    const start = await evaluate<string>(reader, `(${PROGRESS_FILL})(window)`);
    await evaluate(reader, `window.scrollTo(0, document.documentElement.scrollHeight / 3)`);
    await tookPosition(reader, start);
    const top = await evaluate<number>(reader, `(${TOP_PARAGRAPH})(window)`);
    expect(top).toBeGreaterThan(10);
    await site.h.restartExtension(reader);
    await afterRestart(site.h);
    const again = await site.h.openExtensionPage('/sidepanel.html#story=the-dessert-shop');
    await poll(again, `(${TOP_PARAGRAPH})(window) === ${top}`, 5000, `paragraph ${top} after the reload`);
    await close(again);
  });

  it('a stale view closing later never moves the story back', async () => {
    const stale = await site.h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    await poll(stale, `document.documentElement.dataset.complete === 'true'`, 5000, 'the story');
    const staleStart = await evaluate<string>(stale, `(${PROGRESS_FILL})(window)`);
    await evaluate(stale, `window.scrollTo(0, 800)`);
    await tookPosition(stale, staleStart);
    const current = await site.h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    await poll(current, `document.documentElement.dataset.complete === 'true'`, 5000, 'the story');
    const currentStart = await evaluate<string>(current, `(${PROGRESS_FILL})(window)`);
    await evaluate(current, `window.scrollTo(0, document.documentElement.scrollHeight * 0.8)`);
    await tookPosition(current, currentStart);
    const far = await evaluate<number>(current, `(${TOP_PARAGRAPH})(window)`);
    await close(current);
    const popup = await site.h.openExtensionPage('/popup.html');
    // The current view's position is stored (by its own saves or the background's write as it closed).
    await poll(popup, `${storedN}.then((n) => n === ${far})`, 5000, `paragraph ${far} stored`);
    // The stale view hands its last (older) position to the background as it closes.
    await close(stale);
    await backgroundDone(popup, 'stale');
    expect(await evaluate<number>(popup, storedN)).toBe(far);
    await close(popup);
  });

  it('export then import round-trips the library; a bad file changes nothing; an older backup never moves a story back', async () => {
    const lib = await site.h.openExtensionPage('/sidepanel.html#library');
    const saved = await catchDownload(lib);
    await click(lib, '.backup button');
    const text = await saved();
    const backup = JSON.parse(text) as { format: string; progress: { key: string; percent: number; updatedAt: number }[] };
    expect(backup.format).toBe('ficwell-backup');
    const before = await storedProgress(lib);
    expect(backup.progress.map((r) => r.key).sort()).toEqual(Object.keys(before).sort());

    const importText = (t: string) => importFile(lib, t);

    await importText('{"not": "a backup"}');
    await poll(lib, `/Nothing was imported/.test(${statusText})`, 5000, 'the refusal');
    expect(await storedProgress(lib)).toEqual(before);

    // Start from an empty library, import: everything is back.
    await evaluate(
      lib,
      `new Promise((resolve) => { const q = indexedDB.open('ficwell'); q.onsuccess = () => { const tx = q.result.transaction('progress', 'readwrite'); tx.objectStore('progress').clear(); tx.oncomplete = () => { q.result.close(); resolve(); }; }; })`,
    );
    await importText(text);
    await poll(lib, `/Imported ${backup.progress.length} reading positions/.test(${statusText})`, 5000, 'the import');
    expect(await storedProgress(lib)).toEqual(before);

    // An older copy of one position does not replace the newer one.
    const older = { ...backup, progress: backup.progress.map((r) => ({ ...r, percent: 1, updatedAt: r.updatedAt - 1000 })) };
    await importText(JSON.stringify(older));
    await poll(lib, `/Imported 0 reading positions/.test(${statusText})`, 5000, 'the no-op import');
    expect(await storedProgress(lib)).toEqual(before);
  });

  it('an upgrade is not blocked by an old open view; afterwards, when IndexedDB cannot be opened, a quiet notice shows, reading works, and saved data stays', async () => {
    // A database from a newer release (a version past this one's) cannot be opened by this one: a real failure mode.
    const page = await site.h.openExtensionPage('/popup.html');
    const before = await storedProgress(page);
    // The popup holds an open connection (it read the progress). The newer version's upgrade must not be
    // blocked by it: the old view lets go of its connection when asked.
    const blocked = await evaluate<boolean>(
      page,
      `new Promise((resolve) => {
      let blocked = false;
      const q = indexedDB.open('ficwell', ${DB_VERSION + 1});
      q.onblocked = () => { blocked = true; };
      q.onsuccess = () => { q.result.close(); resolve(blocked); };
    })`,
    );
    expect(blocked).toBe(false);
    const reader = await site.h.openExtensionPage('/sidepanel.html#story=never-alone');
    expect(await evaluate<string>(reader, `document.querySelector('[data-p="0"]').textContent`)).toBe(
      '"Take care of her for me, will ya?"',
    );
    await evaluate(reader, `window.scrollTo(0, 900)`);
    await poll(
      reader,
      `/Progress cannot be saved right now/.test(document.querySelector('.notice')?.textContent ?? '')`,
      5000,
      'the notice',
    );
    expect(await storedProgress(page)).toEqual(before);
    await close(reader);

    // Export and import say what happened: no file saved, nothing imported (they used to say "Saved" with
    // 0 positions, and "Imported 1" with nothing stored).
    const lib = await site.h.openExtensionPage('/sidepanel.html#library');
    const saved = await catchDownload(lib);
    await click(lib, '.backup button');
    await poll(lib, `/Nothing was exported/.test(${statusText})`, 5000, 'the export failure');
    expect(await saved.started()).toBe(false);
    const one = {
      format: 'ficwell-backup',
      version: 2,
      exportedAt: '',
      settings: {},
      webStories: [],
      progress: [
        {
          key: 'seed:never-alone',
          position: { part: 0, paragraph: 30, offset: 0 },
          percent: 60,
          updatedAt: Date.now() - 1000,
          finishedAt: null,
        },
      ],
    };
    await importFile(lib, JSON.stringify(one));
    await poll(lib, `/Nothing was imported: the library cannot be written/.test(${statusText})`, 5000, 'the import failure');
    expect(await storedProgress(page)).toEqual(before);
    await close(lib);
  });
});
