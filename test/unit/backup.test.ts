import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exportResultText, importResultText } from '../../components/BackupControls';
import { buildBackup, parseBackup } from '../../lib/backup';
import { createProgressStore } from '../../lib/db/progress';
import { openFicwellDB } from '../../lib/db/schema';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { importLibrary } from '../../platform/backup';
import { createProgressService } from '../../platform/progress';
import { ffnStory, paragraphAt, progressRecord } from '../support/records';

const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;
const rec = (key: string, updatedAt: number, n = 1) => progressRecord(key, updatedAt, { position: paragraphAt(n), percent: n });
const story = ffnStory(NOW - 3 * DAY);

describe('backup files', () => {
  const good = buildBackup(
    [rec('seed:never-alone', NOW - 5 * DAY), rec('web:ffn:42', NOW - 3 * DAY)],
    [story],
    { ...DEFAULT_SETTINGS, theme: 'sepia' },
    new Date(NOW),
  );

  it('round-trips through JSON', () => {
    expect(parseBackup(JSON.stringify(good), NOW)).toEqual({ ok: true, backup: good });
  });

  it('a file of version 1 (positions as releases 1-3 wrote them) still imports, its positions converted', () => {
    const old = {
      ...good,
      version: 1,
      progress: good.progress.map(({ position: p, ...r }) => ({
        ...r,
        position: { section: p.part, paragraph: p.paragraph, n: 40, offset: p.offset },
      })),
    };
    expect(parseBackup(JSON.stringify(old), NOW)).toEqual({ ok: true, backup: good });
  });

  it.each([
    ['not JSON', 'hello', { code: 'not-json' }],
    [
      'a version-2 file with a position of the old shape',
      JSON.stringify({ ...good, progress: [{ ...rec('seed:x', NOW), position: { section: 0, paragraph: 1, n: 1, offset: 0 } }] }),
      { code: 'bad-position', index: 1 },
    ],
    ['another JSON file', '{"name":"package"}', { code: 'not-backup' }],
    ['a future version', JSON.stringify({ ...good, version: 3 }), { code: 'version', version: '3' }],
    ['a damaged position', JSON.stringify({ ...good, progress: [{ key: 'seed:x', percent: 'lots' }] }), { code: 'bad-position', index: 1 }],
    [
      'a position for an unknown kind of story',
      JSON.stringify({ ...good, progress: [rec('evil:1', NOW)] }),
      { code: 'bad-position', index: 1 },
    ],
    [
      'a story with a javascript: URL',
      JSON.stringify({ ...good, webStories: [{ ...story, storyUrl: 'javascript:alert(1)' }] }),
      { code: 'bad-story', index: 1 },
    ],
  ])('refuses %s, saying why', (_, text, error) => {
    expect(parseBackup(text, NOW)).toEqual({ ok: false, error });
  });

  it('keeps only the format fields, within their ranges: no junk, no 1e+308%, no year 271822', () => {
    const junk = 'x'.repeat(100_000);
    const text = JSON.stringify({
      ...good,
      junk,
      progress: [{ ...rec('seed:never-alone', 8.64e15), percent: 1e308, finishedAt: 8.64e15, junk }],
      webStories: [{ ...story, junk, chapter: { ...story.chapter, junk } }],
    });
    const parsed = parseBackup(text, NOW);
    if (!parsed.ok) throw new Error('refused');
    expect(parsed.backup.progress).toEqual([{ ...rec('seed:never-alone', NOW), percent: 100, finishedAt: NOW }]);
    expect(parsed.backup.webStories).toEqual([story]);
    expect(JSON.stringify(parsed.backup)).not.toContain('junk');
  });
});

describe('importing a backup', () => {
  let n = 0;
  let name = '';
  beforeEach(() => {
    fakeBrowser.reset();
    name = `ficwell-backup-test-${++n}`;
  });
  afterEach(() => deleteDB(name));
  const service = () => createProgressService(createProgressStore((onVersionChange) => openFicwellDB({ name, onVersionChange })));
  const file = (progress: unknown[], webStories: unknown[] = []) =>
    JSON.stringify({ ...buildBackup([], [], DEFAULT_SETTINGS, new Date(NOW)), progress, webStories });

  it('counts what was written: two copies of one position are one import', async () => {
    const progress = service();
    const r = await importLibrary(progress, file([rec('seed:a', NOW - 2 * DAY, 1), rec('seed:a', NOW - DAY, 2)]), NOW);
    expect(r).toEqual({ ok: true, positions: 1, stories: 0, failure: null });
    expect(importResultText(r)).toBe('Imported 1 reading positions and 0 web stories. Newer positions already here were kept.');
    expect((await progress.get('seed:a'))?.position.paragraph).toBe(2);
  });

  it('an older position is not taken, and not counted', async () => {
    const progress = service();
    await progress.save(rec('seed:a', NOW - DAY, 9));
    expect(await importLibrary(progress, file([rec('seed:a', NOW - 2 * DAY, 1), rec('seed:b', NOW - DAY)], [story]), NOW)).toEqual({
      ok: true,
      positions: 1,
      stories: 1,
      failure: null,
    });
    expect((await progress.get('seed:a'))?.position.paragraph).toBe(9);
  });

  it('a position from the future does not freeze the story: it is taken as now, and later reading wins', async () => {
    const progress = service();
    await importLibrary(progress, file([rec('seed:a', NOW + 30 * DAY, 5)]), NOW);
    expect((await progress.get('seed:a'))?.updatedAt).toBe(NOW);
    expect(await progress.save(rec('seed:a', NOW + 1000, 6))).toMatchObject({ ok: true, wrote: true });
    expect((await progress.get('seed:a'))?.position.paragraph).toBe(6);
  });

  it('a database that cannot be used: nothing was imported, and the message says so', async () => {
    // A database left by a newer release cannot be opened by this one.
    const newer = await openFicwellDB({ name, version: 9 });
    newer.close();
    const r = await importLibrary(service(), file([rec('seed:a', NOW - DAY)]), NOW);
    expect(r).toEqual({ ok: true, positions: 0, stories: 0, failure: 'unavailable' });
    expect(importResultText(r)).toBe('Nothing was imported: the library cannot be written right now.');
  });

  it('an import stopped part way says how much it wrote and why it stopped', () => {
    expect(importResultText({ ok: true, positions: 500, stories: 20, failure: 'quota' })).toBe(
      "Imported 500 reading positions and 20 web stories, then stopped: the browser's storage for Ficwell is full.",
    );
    expect(exportResultText({ ok: false, reason: 'unavailable' })).toBe(
      'Nothing was exported: the library cannot be read right now, so no file was saved.',
    );
  });
});
