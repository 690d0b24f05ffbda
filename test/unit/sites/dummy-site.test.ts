/**
 * A site added to the registry reaches every way a record comes in and goes out, with nothing else
 * changed: the registry module is swapped for one with a dummy site (the seam: everything reads the sites
 * through `sites`, derived from `SITES`), and the real modules are imported fresh on it. The adapter
 * registry is the one place that must be told of a site by hand; it refuses to load without one.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Registry from '../../../lib/sites/registry';
import type { SiteDefinition } from '../../../lib/sites/site';

const NOW = Date.UTC(2026, 11, 1);
const REGISTRY = '../../../lib/sites/registry';

const dummy: SiteDefinition<'dummy'> = {
  id: 'dummy',
  name: 'Dummy Fiction',
  label: 'siteFfn',
  hosts: ['www.dummy.test'],
  storyPaths: ['/story/*'],
  onByDefault: true,
  chapterRef: (url) => /\/c(\d+)$/.exec(url)?.[1] ?? '',
  chapterUrl: (id, _chapter, ref) => `https://www.dummy.test/story/${id}${ref ? `/c${ref}` : ''}`,
};

const story = {
  key: 'web:dummy:42',
  site: 'dummy',
  storyId: '42',
  storyUrl: 'https://www.dummy.test/story/42',
  title: 'A dummy story',
  authors: ['A'],
  fandoms: ['F'],
  chapterCount: 3,
  words: 900,
  chapter: { number: 2, title: null, url: 'https://www.dummy.test/story/42/c77' },
  updatedAt: NOW - 1000,
};
const progress = {
  key: 'web:dummy:42',
  position: { part: 1, paragraph: 4, offset: 0.5 },
  percent: 40,
  updatedAt: NOW - 1000,
  finishedAt: null,
};

beforeAll(() => {
  vi.resetModules();
  vi.doMock(REGISTRY, async (importOriginal) => {
    const real = await importOriginal<typeof Registry>();
    const SITES = [...real.SITES, dummy];
    return { ...real, SITES, sites: real.deriveSites<string>(SITES) };
  });
});

afterAll(() => {
  vi.doUnmock(REGISTRY);
  vi.resetModules();
});

describe('a dummy site registered in lib/sites/registry.ts', () => {
  it('its progress reports pass the background’s validation', async () => {
    const { parseMessage } = await import('../../../lib/message-requests');
    expect(parseMessage({ type: 'web-progress', story, progress }, NOW)).toEqual({ type: 'web-progress', story, progress });
    expect(parseMessage({ type: 'web-position', key: 'web:dummy:42' }, NOW)).toEqual({ type: 'web-position', key: 'web:dummy:42' });
  });

  it('a backup holding its story imports', async () => {
    const { buildBackup, parseBackup } = await import('../../../lib/backup');
    const { DEFAULT_SETTINGS } = await import('../../../lib/settings');
    const parsed = parseBackup(JSON.stringify(buildBackup([progress], [story as never], DEFAULT_SETTINGS, new Date(NOW))), NOW);
    expect(parsed).toMatchObject({ ok: true, backup: { webStories: [story], progress: [progress] } });
  });

  it('its library row survives the popup’s snapshot', async () => {
    const { webItems } = await import('../../../lib/library');
    const { parseSnapshot, serializeSnapshot, takeSnapshot } = await import('../../../lib/library-snapshot');
    const rows = webItems([story as never], new Map([[progress.key, progress]]));
    expect(parseSnapshot(serializeSnapshot(takeSnapshot(rows, 'recent', 1)))?.items[0]).toMatchObject({
      id: 'web:dummy:42',
      site: 'dummy',
    });
  });

  it('its place travels through sync with its own chapter address', async () => {
    const { decodeEntry, encodeEntry, entryFrom } = await import('../../../lib/sync/entry');
    const entry = entryFrom(progress, story as never, 'dev1');
    const tuple = encodeEntry(entry);
    expect(tuple[0]).toBe('dummy:42');
    expect(tuple[10]).toBe('77');
    expect(decodeEntry(tuple, NOW)?.web).toEqual({ title: 'A dummy story', chapter: 2, url: 'https://www.dummy.test/story/42/c77' });
  });

  it('the manifest’s match patterns and the test browsers’ hosts reach it', async () => {
    const { storyMatchPatterns } = await import('../../../lib/sites/matches');
    const { SITE_HOSTS } = await import('../../support/browsers');
    expect(storyMatchPatterns()).toContain('*://www.dummy.test/story/*');
    expect(SITE_HOSTS).toContain('www.dummy.test');
  });

  it('without an adapter of its own, the site adapters refuse to load (half-registered)', async () => {
    await expect(import('../../../lib/sites/read')).rejects.toThrow('site dummy is registered without an adapter');
  });

  it('without a fuzz generator of its own, the registry test names it', async () => {
    const { GENERATORS } = await import('../../fuzz/cases');
    const { sites } = await import(REGISTRY);
    expect(sites.ids.filter((id: string) => !Object.hasOwn(GENERATORS, id))).toEqual(['dummy']);
  });
});
