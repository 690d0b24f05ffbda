import { readFileSync } from 'node:fs';
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { DB_VERSION, migrations, openFicwellDB, type ProgressRecord } from '../../../lib/db/schema';
import { createProgressStore, IMPORT_BATCH } from '../../../lib/db/progress';
import { ffnStory, paragraphAt, progressRecord, webStory } from '../../support/records';

let n = 0;
const fresh = () => `ficwell-test-${++n}`;
const record = (key: string, updatedAt: number, nPara = 3, finishedAt: number | null = null) =>
  progressRecord(key, updatedAt, { position: paragraphAt(nPara, { offset: 0.25 }), percent: 10, finishedAt });

afterEach(async () => {
  for (let i = 1; i <= n; i++) await deleteDB(`ficwell-test-${i}`);
});

describe('schema and migrations', () => {
  it('a new database runs every migration and ends at the current version', async () => {
    const db = await openFicwellDB({ name: fresh() });
    expect(db.version).toBe(migrations.length);
    expect([...db.objectStoreNames].sort()).toEqual(['progress', 'webStories']);
    db.close();
  });

  it('the release-2 fixture (test/fixtures/db/v2.json) upgrades to the current version with every position kept', async () => {
    const fixture = JSON.parse(readFileSync(new URL('../../fixtures/db/v2.json', import.meta.url), 'utf8')) as {
      version: number;
      progress: ProgressRecord[];
    };
    const name = fresh();
    const old = await openFicwellDB({ name, version: fixture.version });
    for (const r of fixture.progress) await old.put('progress', r);
    old.close();
    const db = await openFicwellDB({ name });
    expect(db.version).toBe(DB_VERSION);
    const byKey = (rs: ProgressRecord[]) => [...rs].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey(await db.getAll('progress'))).toEqual(byKey(fixture.progress));
    db.close();
  });

  it('a database written by version 1 upgrades with every record kept and the new index filled', async () => {
    const name = fresh();
    // Written exactly as release 1 did: its own migration only, records of its shape.
    const v1 = await openFicwellDB({ name, version: 1 });
    expect([...v1.objectStoreNames]).toEqual(['progress']);
    expect([...v1.transaction('progress').store.indexNames]).toEqual([]);
    const old = [record('seed:a', 100), record('seed:b', 300, 7, 250), record('seed:c', 200)];
    for (const r of old) await v1.put('progress', r);
    v1.close();

    const db = await openFicwellDB({ name });
    expect(db.version).toBe(DB_VERSION);
    expect(await db.getAll('progress')).toEqual(old);
    const byTime = await db.getAllFromIndex('progress', 'by-updated');
    expect(byTime.map((r) => r.key)).toEqual(['seed:a', 'seed:c', 'seed:b']);
    db.close();
  });

  it('a database written by version 2 upgrades to 3 with its records and an empty web-story store', async () => {
    const name = fresh();
    const v2 = await openFicwellDB({ name, version: 2 });
    expect([...v2.objectStoreNames]).toEqual(['progress']);
    const old = [record('seed:a', 100), record('seed:b', 300, 7, 250)];
    for (const r of old) await v2.put('progress', r);
    v2.close();

    const db = await openFicwellDB({ name });
    expect([...db.objectStoreNames].sort()).toEqual(['progress', 'webStories']);
    expect(await db.getAll('progress')).toEqual(old);
    expect(await db.getAllFromIndex('progress', 'by-updated')).toHaveLength(2);
    expect(await db.count('webStories')).toBe(0);
    db.close();
  });

  it('an old open view lets go of its connection so an upgrade is not blocked', async () => {
    const name = fresh();
    let released = false;
    const old = await openFicwellDB({ name, version: 1, onVersionChange: () => (released = true) });
    await old.put('progress', record('seed:kept', 1));
    const db = await openFicwellDB({ name, blockedTimeoutMs: 2000 });
    expect(released).toBe(true);
    expect(await db.get('progress', 'seed:kept')).toEqual(record('seed:kept', 1));
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
    expectTypeOf<ProgressRecord['position']['n']>().toEqualTypeOf<number>();
  });
});

describe('progress store', () => {
  const storeFor = (name: string) => createProgressStore((onVersionChange) => openFicwellDB({ name, onVersionChange }));

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
    expect((await store.get('seed:a'))?.position.n).toBe(50);
    await store.save(record('seed:a', 300, 60));
    expect((await store.get('seed:a'))?.position.n).toBe(60);
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
    expect(later.stored.position.n).toBe(2);
  });

  it('records a web story with its position in one go; an older report changes neither', async () => {
    const store = storeFor(fresh());
    const story = (updatedAt: number, chapter: number) => ffnStory(updatedAt, chapter, { chapterCount: 12, words: 1000 });
    await store.saveWeb(story(200, 7), record('web:ffn:42', 200, 30));
    await store.saveWeb(story(100, 2), record('web:ffn:42', 100, 3));
    expect((await store.webStories()).map((s) => s.chapter.number)).toEqual([7]);
    expect((await store.get('web:ffn:42'))?.position.n).toBe(30);
  });

  it('reads the first screen alone: the most recent records, their web stories, and the count of all', async () => {
    const store = storeFor(fresh());
    const story = (id: string, updatedAt: number) => webStory(id, updatedAt);
    for (let i = 1; i <= 30; i++) await store.saveWeb(story(String(i), i * 10), record(`web:ao3:${i}`, i * 10));
    await store.save(record('seed:a', 295)); // between web stories 29 and 30
    await store.save(record('seed:b', 5)); // older than all of them

    const first = await store.recent(4);
    expect(first.progress.map((r) => r.key)).toEqual(['web:ao3:30', 'seed:a', 'web:ao3:29', 'web:ao3:28']);
    expect(first.stories.map((s) => s.key)).toEqual(['web:ao3:30', 'web:ao3:29', 'web:ao3:28']);
    expect(first.storyCount).toBe(30);
    // The same rows, in the same order, as the head of everything read.
    expect(first.progress).toEqual((await store.all()).slice(0, 4));
    expect((await store.recent(100)).progress).toHaveLength(32);
    expect(await storeFor(fresh()).recent(12)).toEqual({ progress: [], stories: [], storyCount: 0 });
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
    expect((await store.get('seed:b'))?.position.n).toBe(3);
    expect((await store.get('seed:a'))?.position.n).toBe(9);
  });

  it('imports thousands of records in a few transactions, all of them stored', async () => {
    const store = storeFor(fresh());
    const many = Array.from({ length: IMPORT_BATCH * 2 + 7 }, (_, i) => record(`seed:s${i}`, 1000 + i));
    expect(await store.importRecords(many, [])).toEqual({ positions: many.length, stories: 0, error: null });
    expect(await store.all()).toHaveLength(many.length);
    expect(await store.importRecords(many, [])).toEqual({ positions: 0, stories: 0, error: null });
  });

  it('20,000 stories are imported in batched transactions, not one per story', async () => {
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
    const count = 20_000;
    const stories = Array.from({ length: count }, (_, i) => webStory(String(i + 1), 1000 + i));
    const done = await store.importRecords(
      stories.map((s) => record(s.key, s.updatedAt)),
      stories,
    );
    expect(done).toEqual({ positions: count, stories: count, error: null });
    expect(transactions).toBe(Math.ceil(count / IMPORT_BATCH));
    expect((await store.recent(1)).storyCount).toBe(count);
  }, 30_000);

  it('reads everything in one snapshot', async () => {
    const store = storeFor(fresh());
    await store.save(record('seed:a', 10));
    expect(await store.snapshot()).toEqual({ progress: [record('seed:a', 10)], stories: [] });
  });
});
