import { readFileSync } from 'node:fs';
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { fixtureStory } from '../../support/fixtures';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { DB_VERSION, migrations, openFicwellDB, START, type ProgressRecord, type WebStoryRecord } from '../../../lib/db/schema';
import { indexOutline, paragraphOf, readPosition, type LegacyPosition } from '../../../lib/position';
import type { StoryPage } from '../../../lib/sites/types';
import { outlineOf } from '../../../lib/story/outline';
import { parseStory } from '../../../lib/story/parse';
import { anchorOnPage } from '../../../lib/web-progress';
import { createProgressStore, IMPORT_BATCH } from '../../../lib/db/progress';

let n = 0;
const fresh = () => `ficwell-test-${++n}`;
const storeFor = (name: string) => createProgressStore((onVersionChange) => openFicwellDB({ name, onVersionChange }));
/** A progress record as releases 1-3 stored it. */
type Legacy = Omit<ProgressRecord, 'position'> & { position: LegacyPosition };
const legacy = (key: string, updatedAt: number, nPara = 3, finishedAt: number | null = null): Legacy => ({
  key,
  position: { section: 0, paragraph: nPara, n: nPara, offset: 0.25 },
  percent: 10,
  updatedAt,
  finishedAt,
});
/** What migration 4 makes of a record of releases 1-3. */
const converted = ({ position: { section, paragraph, offset }, ...rest }: Legacy): ProgressRecord => ({
  ...rest,
  position: { part: section, paragraph, offset },
});
/** A database as an older release had it, untyped: versions 3 to 5 have a store (webStories) this release's schema does not name. */
const untyped = (db: unknown) => db as IDBPDatabase;
const byKey = <T extends { key: string }>(rs: T[]) => [...rs].sort((a, b) => a.key.localeCompare(b.key));
const catalog = JSON.parse(readFileSync(new URL('../../../seeds/catalog.json', import.meta.url), 'utf8')) as {
  stories: { id: string; file: string }[];
};
/** This release's index of bundled story `id`. */
function indexOf(id: string) {
  const file = catalog.stories.find((s) => s.id === id)?.file ?? '';
  const parsed = parseStory(readFileSync(new URL(`../../../seeds/${file}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return indexOutline(outlineOf(parsed.story));
}
const record = (key: string, updatedAt: number, nPara = 3, finishedAt: number | null = null): ProgressRecord => ({
  key,
  position: { part: 0, paragraph: nPara, offset: 0.25 },
  percent: 10,
  updatedAt,
  finishedAt,
});

afterEach(async () => {
  for (let i = 1; i <= n; i++) await deleteDB(`ficwell-test-${i}`);
});

describe('schema and migrations', () => {
  it('a new database runs every migration and ends at the current version', async () => {
    const db = await openFicwellDB({ name: fresh() });
    expect(db.version).toBe(migrations.length);
    expect([...db.objectStoreNames].sort()).toEqual(['progress', 'savedChapters', 'savedStories']);
    expect([...db.transaction('progress').store.indexNames].sort()).toEqual(['by-story-updated', 'by-updated']);
    db.close();
  });

  it('the release-2 fixture (test/fixtures/db/v2.json) upgrades to the current version with every position converted', async () => {
    const fixture = JSON.parse(readFileSync(new URL('../../fixtures/db/v2.json', import.meta.url), 'utf8')) as {
      version: number;
      progress: Legacy[];
    };
    const name = fresh();
    const old = await openFicwellDB({ name, version: fixture.version });
    for (const r of fixture.progress) await old.put('progress', r);
    old.close();
    const db = await openFicwellDB({ name });
    expect(db.version).toBe(DB_VERSION);
    expect(byKey(await db.getAll('progress'))).toEqual(byKey(fixture.progress.map(converted)));
    db.close();
  });

  it('a database written by version 1 upgrades with every record kept and the new index filled', async () => {
    const name = fresh();
    // Written exactly as release 1 did: its own migration only, records of its shape.
    const v1 = await openFicwellDB({ name, version: 1 });
    expect([...v1.objectStoreNames]).toEqual(['progress']);
    expect([...v1.transaction('progress').store.indexNames]).toEqual([]);
    const old = [legacy('seed:a', 100), legacy('seed:b', 300, 7, 250), legacy('seed:c', 200)];
    for (const r of old) await v1.put('progress', r);
    v1.close();

    const db = await openFicwellDB({ name });
    expect(db.version).toBe(DB_VERSION);
    expect(await db.getAll('progress')).toEqual(old.map(converted));
    const byTime = await db.getAllFromIndex('progress', 'by-updated');
    expect(byTime.map((r) => r.key)).toEqual(['seed:a', 'seed:c', 'seed:b']);
    db.close();
  });

  it('a database written by version 2 upgrades to 3 with its records and an empty web-story store', async () => {
    const name = fresh();
    const v2 = await openFicwellDB({ name, version: 2 });
    expect([...v2.objectStoreNames]).toEqual(['progress']);
    const old = [legacy('seed:a', 100), legacy('seed:b', 300, 7, 250)];
    for (const r of old) await v2.put('progress', r);
    v2.close();

    const db = await openFicwellDB({ name, version: 3 });
    expect([...db.objectStoreNames].sort()).toEqual(['progress', 'webStories']);
    expect(await db.getAll('progress')).toEqual(old);
    expect(await db.getAllFromIndex('progress', 'by-updated')).toHaveLength(2);
    expect(await untyped(db).count('webStories')).toBe(0);
    db.close();
  });

  describe('migration 4: one position shape', () => {
    const v3 = JSON.parse(readFileSync(new URL('../../fixtures/db/v3.json', import.meta.url), 'utf8')) as {
      version: number;
      progress: Legacy[];
      webStories: WebStoryRecord[];
    };
    /** A database written as release 3 wrote it: its own three migrations, its records as they are in the fixture. */
    async function release3(name: string, extra: unknown[] = []) {
      const db = await openFicwellDB({ name, version: v3.version });
      for (const r of [...v3.progress, ...extra]) await db.put('progress', r as ProgressRecord);
      for (const s of v3.webStories) await untyped(db).put('webStories', s);
      db.close();
    }

    it('the release-3 fixture (test/fixtures/db/v3.json) upgrades with every position converted and every story kept', async () => {
      const name = fresh();
      await release3(name);
      const db = await openFicwellDB({ name });
      expect(db.version).toBe(DB_VERSION);
      const got = byKey(await db.getAll('progress'));
      expect(got).toHaveLength(v3.progress.length);
      // Each web story in its position's record (migration 6).
      const stories = new Map(v3.webStories.map((s) => [s.key, s]));
      expect(got).toEqual(
        byKey(v3.progress.map((r) => ({ ...converted(r), ...(stories.has(r.key) ? { story: stories.get(r.key) } : {}) }))),
      );
      for (const r of got) expect(Object.keys((r as ProgressRecord).position).sort()).toEqual(['offset', 'paragraph', 'part']);
      expect(byKey(await storeFor(name).webStories())).toEqual(byKey(v3.webStories));
      // The time index still orders them as before.
      expect((await db.getAllFromIndex('progress', 'by-updated')).map((r) => r.key)).toEqual(
        [...v3.progress].sort((a, b) => a.updatedAt - b.updatedAt).map((r) => r.key),
      );
      db.close();
    });

    it('every converted bundled position names the paragraph release 3 stored as n', async () => {
      const name = fresh();
      await release3(name);
      const store = storeFor(name);
      for (const old of v3.progress.filter((r) => r.key.startsWith('seed:'))) {
        const index = indexOf(old.key.slice('seed:'.length));
        const now = await store.get(old.key);
        expect(now && paragraphOf(index, now.position)).toBe(old.position.n);
      }
    });

    it('every converted web position lands on its chapter, whether the page shows one chapter or the whole work', async () => {
      const name = fresh();
      await release3(name);
      const store = storeFor(name);
      const pages: [string, StoryPage, number][] = [
        ['web:ffn:1234567', fixtureStory('ffn/middle-chapter'), 0],
        ['web:ao3:4242424', fixtureStory('ao3/full-work'), 1],
      ];
      for (const [key, page, part] of pages) {
        const old = v3.progress.find((r) => r.key === key) as Legacy;
        const now = (await store.get(key)) as ProgressRecord;
        expect(page.parts[part]?.number).toBe(now.position.part + 1);
        expect(anchorOnPage(page, now)).toEqual({ part, p: old.position.paragraph, offset: old.position.offset });
      }
    });

    it('a record whose position cannot be read is kept as it was; it reads at the start with its percent and dates', async () => {
      const name = fresh();
      const damaged = [
        {
          key: 'seed:the-dessert-shop',
          position: { section: -1, paragraph: 2, n: 2, offset: 0 },
          percent: 40,
          updatedAt: 1764000500000,
          finishedAt: null,
        },
        { key: 'web:ao3:5', position: 'somewhere', percent: 12, updatedAt: 1764000600000, finishedAt: 1764000600000 },
        { key: 'web:ffn:6', percent: 3, updatedAt: 1764000700000, finishedAt: null },
      ];
      await release3(name, damaged);
      const db = await openFicwellDB({ name });
      for (const d of damaged) expect(await db.get('progress', d.key)).toEqual(d);
      expect(await db.count('progress')).toBe(v3.progress.length + damaged.length);
      db.close();

      const store = storeFor(name);
      for (const d of damaged) {
        expect(await store.get(d.key)).toEqual({ ...d, position: START });
      }
      expect((await store.all()).map((r) => r.position)).toContainEqual(START);
      expect((await store.snapshot()).progress).toHaveLength(v3.progress.length + damaged.length);
      expect((await store.recent(3)).progress.map((r) => r.key)).toEqual(['web:ffn:6', 'web:ao3:5', 'seed:the-dessert-shop']);
      // Reading on replaces it; an older report does not.
      expect((await store.save(record('seed:the-dessert-shop', 1764000400000, 9))).wrote).toBe(false);
      const later = record('seed:the-dessert-shop', 1764000900000, 9);
      expect(await store.save(later)).toEqual({ stored: later, wrote: true });
    });

    it('reads a position of either shape, and nothing else', () => {
      expect(readPosition({ section: 2, paragraph: 6, n: 89, offset: 0.4 })).toEqual({ part: 2, paragraph: 6, offset: 0.4 });
      expect(readPosition({ part: 2, paragraph: 6, offset: 1.5 })).toEqual({ part: 2, paragraph: 6, offset: 1 });
      for (const bad of [
        null,
        'x',
        {},
        { section: 1.5, paragraph: 0, n: 0, offset: 0 },
        { part: 0, paragraph: -1, offset: 0 },
        { part: 0, paragraph: 0, offset: Number.NaN },
      ])
        expect(readPosition(bad)).toBeNull();
    });
  });

  describe("migration 6: a web story in its position's record", () => {
    const story = (id: string, updatedAt: number, chapter = 2): WebStoryRecord => ({
      key: `web:ao3:${id}`,
      site: 'ao3',
      storyId: id,
      storyUrl: `https://archiveofourown.org/works/${id}`,
      title: `Work ${id}`,
      authors: ['someone'],
      fandoms: ['Puella Magi Madoka Magica'],
      chapterCount: 5,
      words: 12000,
      chapter: { number: chapter, title: null, url: `https://archiveofourown.org/works/${id}/chapters/${chapter}` },
      updatedAt,
    });
    // Release 5's records: a bundled position, two web stories with positions (one damaged past reading),
    // and a story with no position (a backup can bring one).
    const positions = [
      record('seed:a', 100),
      record('web:ao3:1', 300, 8),
      { key: 'web:ao3:2', position: 'somewhere', percent: 7, updatedAt: 200, finishedAt: null },
    ];
    const stories = [story('1', 300), story('2', 200), story('3', 50)];
    async function release5(name: string) {
      const db = untyped(await openFicwellDB({ name, version: 5 }));
      for (const r of positions) await db.put('progress', r);
      for (const s of stories) await db.put('webStories', s);
      db.close();
    }

    it('every story joins its position, untouched; one without a position is kept alone; the old store goes', async () => {
      const name = fresh();
      await release5(name);
      const db = await openFicwellDB({ name });
      expect(db.version).toBe(6);
      expect([...db.objectStoreNames].sort()).toEqual(['progress', 'savedChapters', 'savedStories']);
      expect(byKey(await db.getAll('progress'))).toEqual([
        record('seed:a', 100),
        { ...record('web:ao3:1', 300, 8), story: stories[0] },
        { ...positions[2], story: stories[1] },
        { key: 'web:ao3:3', story: stories[2] },
      ]);
      // The time index holds the positions only; the story index every story.
      expect((await db.getAllFromIndex('progress', 'by-updated')).map((r) => r.key)).toEqual(['seed:a', 'web:ao3:2', 'web:ao3:1']);
      expect(await db.countFromIndex('progress', 'by-story-updated')).toBe(3);
      db.close();
    });

    it('the store reads the upgraded records as release 5 did', async () => {
      const name = fresh();
      await release5(name);
      const store = storeFor(name);
      expect((await store.all()).map((r) => r.key)).toEqual(['web:ao3:1', 'web:ao3:2', 'seed:a']);
      expect(await store.get('web:ao3:1')).toEqual(record('web:ao3:1', 300, 8));
      expect(await store.get('web:ao3:2')).toEqual({ ...positions[2], position: START });
      expect(await store.get('web:ao3:3')).toBeUndefined();
      expect((await store.webStories()).map((s) => s.key)).toEqual(['web:ao3:1', 'web:ao3:2', 'web:ao3:3']);
      expect(await store.webStory('web:ao3:3')).toEqual(stories[2]);
      const first = await store.recent(10);
      expect(first.progress.map((r) => r.key)).toEqual(['web:ao3:1', 'web:ao3:2', 'seed:a']);
      expect(first.stories).toEqual([stories[0], stories[1]]);
      expect(first.storyCount).toBe(3);
      const snapshot = await store.snapshot();
      expect(byKey(snapshot.progress)).toEqual([record('seed:a', 100), record('web:ao3:1', 300, 8), { ...positions[2], position: START }]);
      expect(byKey(snapshot.stories)).toEqual(stories);
    });

    it('a save keeps the story in the record; a newer page of the story keeps a damaged position as it was', async () => {
      const name = fresh();
      await release5(name);
      const store = storeFor(name);
      expect((await store.save(record('web:ao3:1', 400, 9))).wrote).toBe(true);
      expect(await store.webStory('web:ao3:1')).toEqual(stories[0]);
      // Only the story is newer (the position reported is older than the stored one): the story is written,
      // the unreadable position stays in the store as it was.
      expect((await store.saveWeb(story('2', 250, 3), record('web:ao3:2', 150, 1))).wrote).toBe(true);
      const db = await openFicwellDB({ name });
      expect(await db.get('progress', 'web:ao3:2')).toEqual({ ...positions[2], story: story('2', 250, 3) });
      // A first position for the story that had none.
      expect((await store.saveWeb(story('3', 60), record('web:ao3:3', 60, 4))).wrote).toBe(true);
      expect(await db.get('progress', 'web:ao3:3')).toEqual({ ...record('web:ao3:3', 60, 4), story: story('3', 60) });
      db.close();
    });
  });

  it('an old open view lets go of its connection so an upgrade is not blocked', async () => {
    const name = fresh();
    let released = false;
    const old = await openFicwellDB({ name, version: 1, onVersionChange: () => (released = true) });
    await old.put('progress', legacy('seed:kept', 1) as never);
    const db = await openFicwellDB({ name, blockedTimeoutMs: 2000 });
    expect(released).toBe(true);
    expect(await db.get('progress', 'seed:kept')).toEqual(converted(legacy('seed:kept', 1)));
    db.close();
  });

  it('an upgrade blocked by a view that does not let go fails with a clear message', async () => {
    const name = fresh();
    // A raw connection without a versionchange handler stands for a stuck old view.
    const stuck = await openDB(name, 1, { upgrade: (d) => void d.createObjectStore('progress', { keyPath: 'key' }) });
    await expect(openFicwellDB({ name, blockedTimeoutMs: 100 })).rejects.toThrow(/blocked by an older Ficwell view/);
    stuck.close();
  });

  it('types records from the schema', () => {
    expectTypeOf<ProgressRecord['position']>().toEqualTypeOf<{ part: number; paragraph: number; offset: number }>();
  });
});

describe('progress store', () => {
  it('saves and reads back, newest first', async () => {
    const store = storeFor(fresh());
    await store.save(record('seed:a', 10));
    await store.save(record('seed:b', 20));
    expect(await store.get('seed:a')).toEqual(record('seed:a', 10));
    expect((await store.all()).map((r) => r.key)).toEqual(['seed:b', 'seed:a']);
  });

  it('a stale view never moves a story back to an older position', async () => {
    const store = storeFor(fresh());
    await store.save(record('seed:a', 200, 50));
    const kept = await store.save(record('seed:a', 100, 5));
    expect(kept).toEqual({ stored: record('seed:a', 200, 50), wrote: false });
    expect((await store.get('seed:a'))?.position.paragraph).toBe(50);
    await store.save(record('seed:a', 300, 60));
    expect((await store.get('seed:a'))?.position.paragraph).toBe(60);
  });

  it('a position stored with a date in the future (before times were clamped) no longer freezes the story', async () => {
    const name = fresh();
    const db = await openFicwellDB({ name });
    await db.put('progress', record('seed:a', 1e300, 50));
    db.close();
    const store = storeFor(name);
    const now = Date.now();
    expect(await store.save(record('seed:a', now, 7))).toEqual({ stored: record('seed:a', now, 7), wrote: true });
    // And once replaced, the ordinary rule holds again: an older position does not move it back.
    expect((await store.save(record('seed:a', now - 1000, 2))).wrote).toBe(false);
  });

  it('once finished, a story keeps its first finishing date', async () => {
    const store = storeFor(fresh());
    await store.save(record('seed:a', 100, 9, 100));
    const later = await store.save(record('seed:a', 200, 2));
    expect(later.wrote).toBe(true);
    expect(later.stored.finishedAt).toBe(100);
    expect(later.stored.position.paragraph).toBe(2);
  });

  it('records a web story with its position in one go; an older report changes neither', async () => {
    const store = storeFor(fresh());
    const story = (updatedAt: number, chapter: number) => ({
      key: 'web:ffn:42',
      site: 'ffn' as const,
      storyId: '42',
      storyUrl: 'https://www.fanfiction.net/s/42/1/',
      title: 'T',
      authors: ['A'],
      fandoms: ['F'],
      chapterCount: 12,
      words: 1000,
      chapter: { number: chapter, title: null, url: `https://www.fanfiction.net/s/42/${chapter}/` },
      updatedAt,
    });
    await store.saveWeb(story(200, 7), record('web:ffn:42', 200, 30));
    await store.saveWeb(story(100, 2), record('web:ffn:42', 100, 3));
    expect((await store.webStories()).map((s) => s.chapter.number)).toEqual([7]);
    expect((await store.get('web:ffn:42'))?.position.paragraph).toBe(30);
  });

  it('reads the first screen alone: the most recent records, their web stories, and the count of all', async () => {
    const store = storeFor(fresh());
    const story = (id: string, updatedAt: number) => ({
      key: `web:ao3:${id}`,
      site: 'ao3' as const,
      storyId: id,
      storyUrl: `https://archiveofourown.org/works/${id}`,
      title: `W${id}`,
      authors: [],
      fandoms: [],
      chapterCount: 1,
      words: 10,
      chapter: { number: 1, title: null, url: `https://archiveofourown.org/works/${id}` },
      updatedAt,
    });
    for (let i = 1; i <= 30; i++) await store.saveWeb(story(String(i), i * 10), record(`web:ao3:${i}`, i * 10));
    await store.save(record('seed:a', 295)); // between web stories 29 and 30
    await store.save(record('seed:b', 5)); // older than all of them

    const first = await store.recent(4);
    expect(first.progress.map((r) => r.key)).toEqual(['web:ao3:30', 'seed:a', 'web:ao3:29', 'web:ao3:28']);
    expect(first.stories.map((s) => s.key)).toEqual(['web:ao3:30', 'web:ao3:29', 'web:ao3:28']);
    expect(first.storyCount).toBe(30);
    // The same rows, in the same order, as the head of everything read.
    expect(first.progress).toEqual((await store.all()).slice(0, 4));
    expect(first.next).toEqual({ key: 'web:ao3:28', updatedAt: 280 });
    expect((await store.recent(100)).progress).toHaveLength(32);
    expect((await store.recent(100)).next).toBeNull();
    // Page after page from where the last ended, to the end: every record once, in the order of `all`.
    const pages = [first.progress];
    for (let next = first.next; next; ) {
      const page = await store.recent(7, next);
      pages.push(page.progress);
      next = page.next;
    }
    expect(pages.map((p) => p.length)).toEqual([4, 7, 7, 7, 7]);
    expect(pages.flat()).toEqual(await store.all());
    // Ties in read time across a page's end: equal times come by key, from the greatest.
    await store.save(record('seed:c', 280));
    await store.save(record('seed:d', 280));
    const tie = await store.recent(2, { key: 'seed:d', updatedAt: 280 });
    expect(tie.progress.map((r) => r.key)).toEqual(['seed:c', 'web:ao3:27']);
    expect(await storeFor(fresh()).recent(12)).toEqual({ progress: [], stories: [], storyCount: 0, next: null });
  });

  it('lets go of its connection for an upgrade and reconnects on the next call', async () => {
    const name = fresh();
    let version: number | undefined = 1; // this view was opened by the previous release
    const store = createProgressStore((onVersionChange) => openFicwellDB({ name, version, onVersionChange }));
    await store.get('seed:x');
    const newer = await openFicwellDB({ name, blockedTimeoutMs: 2000 }); // not blocked: the store let go
    await newer.put('progress', record('seed:x', 5));
    newer.close();
    version = undefined; // the view reloads as the new release
    expect(await store.get('seed:x')).toEqual(record('seed:x', 5));
  });

  it('an import counts only what it wrote: an older copy, or a second copy of one key, is not counted', async () => {
    const store = storeFor(fresh());
    await store.save(record('seed:a', 500, 9));
    const done = await store.importRecords([record('seed:a', 100, 1), record('seed:b', 200, 2), record('seed:b', 300, 3)], []);
    expect(done).toEqual({ positions: 1, stories: 0, error: null });
    // seed:b was written twice in one batch; the newer copy is the one stored.
    expect((await store.get('seed:b'))?.position.paragraph).toBe(3);
    expect((await store.get('seed:a'))?.position.paragraph).toBe(9);
  });

  it('imports thousands of records in a few transactions, all of them stored', async () => {
    const store = storeFor(fresh());
    const many = Array.from({ length: IMPORT_BATCH * 2 + 7 }, (_, i) => record(`seed:s${i}`, 1000 + i));
    expect(await store.importRecords(many, [])).toEqual({ positions: many.length, stories: 0, error: null });
    expect(await store.all()).toHaveLength(many.length);
    expect(await store.importRecords(many, [])).toEqual({ positions: 0, stories: 0, error: null });
  });

  it('an import in any order keeps the newer stored copies and leaves the records it does not name alone', async () => {
    const store = storeFor(fresh());
    // Stored: a newer copy of one imported key, and keys between the imported ones that the file lacks.
    await store.save(record('seed:s1200', 9000, 7));
    await store.save(record('seed:s1200x', 10, 4));
    await store.save(record('seed:s3999x', 10, 5));
    const many = Array.from({ length: IMPORT_BATCH * 2 }, (_, i) => record(`seed:s${i}`, 1000 + i)).reverse();
    expect(await store.importRecords(many, [])).toEqual({ positions: many.length - 1, stories: 0, error: null });
    expect((await store.get('seed:s1200'))?.position.paragraph).toBe(7);
    expect((await store.get('seed:s1200x'))?.position.paragraph).toBe(4);
    expect((await store.get('seed:s3999x'))?.position.paragraph).toBe(5);
    expect(await store.all()).toHaveLength(many.length + 2);
  });

  it('a backup of thousands of stories is imported in batched transactions, not one per story', async () => {
    const name = fresh();
    let transactions = 0;
    const store = createProgressStore(async (onVersionChange) => {
      const db = await openFicwellDB({ name, onVersionChange });
      const open = db.transaction.bind(db);
      db.transaction = ((...args: Parameters<typeof open>) => {
        transactions++;
        return open(...args);
      }) as typeof db.transaction;
      return db;
    });
    // Two full batches and a partial one: the count of transactions tells batches from one per story.
    const count = 2 * IMPORT_BATCH + 7;
    const stories = Array.from({ length: count }, (_, i) => ({
      key: `web:ao3:${i + 1}`,
      site: 'ao3' as const,
      storyId: String(i + 1),
      storyUrl: `https://archiveofourown.org/works/${i + 1}`,
      title: `W${i}`,
      authors: [],
      fandoms: [],
      chapterCount: 1,
      words: 10,
      chapter: { number: 1, title: null, url: `https://archiveofourown.org/works/${i + 1}` },
      updatedAt: 1000 + i,
    }));
    const done = await store.importRecords(
      stories.map((s) => record(s.key, s.updatedAt)),
      stories,
    );
    expect(done).toEqual({ positions: count, stories: count, error: null });
    expect(transactions).toBe(Math.ceil(count / IMPORT_BATCH));
    expect((await store.recent(1)).storyCount).toBe(count);
    // A story and its position are one record.
    const db = await openFicwellDB({ name });
    expect(await db.count('progress')).toBe(count);
    db.close();
  });

  it('an import brings a story without a position, a position without a story, and joins them later', async () => {
    const store = storeFor(fresh());
    const story = (updatedAt: number, title: string): WebStoryRecord => ({
      key: 'web:ffn:7',
      site: 'ffn',
      storyId: '7',
      storyUrl: 'https://www.fanfiction.net/s/7/1/',
      title,
      authors: ['A'],
      fandoms: ['F'],
      chapterCount: 3,
      words: 900,
      chapter: { number: 1, title: null, url: 'https://www.fanfiction.net/s/7/1/' },
      updatedAt,
    });
    expect(await store.importRecords([record('web:ao3:8', 50, 2)], [story(100, 'First')])).toEqual({
      positions: 1,
      stories: 1,
      error: null,
    });
    // Listed as a story (the library shows it unread), not as a position.
    expect((await store.all()).map((r) => r.key)).toEqual(['web:ao3:8']);
    expect((await store.webStories()).map((s) => s.title)).toEqual(['First']);
    expect(await store.get('web:ffn:7')).toBeUndefined();
    expect((await store.recent(5)).storyCount).toBe(1);
    // A later backup has its position and a newer copy of the story; an older copy changes nothing.
    expect(await store.importRecords([record('web:ffn:7', 150, 6)], [story(150, 'Second'), story(90, 'Old')])).toEqual({
      positions: 1,
      stories: 1,
      error: null,
    });
    expect(await store.get('web:ffn:7')).toEqual(record('web:ffn:7', 150, 6));
    expect(await store.webStory('web:ffn:7')).toEqual(story(150, 'Second'));
    expect((await store.recent(5)).stories.map((s) => s.title)).toEqual(['Second']);
    expect(await store.snapshot()).toEqual({
      progress: [record('web:ao3:8', 50, 2), record('web:ffn:7', 150, 6)],
      stories: [story(150, 'Second')],
    });
  });

  it('reads everything in one snapshot', async () => {
    const store = storeFor(fresh());
    await store.save(record('seed:a', 10));
    expect(await store.snapshot()).toEqual({ progress: [record('seed:a', 10)], stories: [] });
  });
});
