import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, type BackgroundDeps } from '../../lib/background';
import type { ProgressStore } from '../../lib/db/progress';
import type { ProgressRecord } from '../../lib/db/schema';
import { createProgressService, createSavedService } from '../../platform/progress';
import { createSavedStore, type ChaptersToSave, type SavedStore } from '../../lib/saved/store';
import { openFicwellDB } from '../../lib/db/schema';
import { ao3Work, paragraphAt, progressRecord } from '../support/records';

const NOW = Date.UTC(2026, 11, 1);
const story = ao3Work(NOW - 1000);
const progress = progressRecord(story.key, NOW - 1000, { position: paragraphAt(3, { part: 1, offset: 0.5 }), percent: 30 });

/** A store in memory that can be made to fail like IndexedDB does. */
function memoryStore(fail: { write?: DOMException } = {}): ProgressStore & { records: Map<string, ProgressRecord> } {
  const records = new Map<string, ProgressRecord>();
  const write = async (r: ProgressRecord) => {
    if (fail.write) throw fail.write;
    records.set(r.key, r);
    return { stored: r, wrote: true };
  };
  return {
    records,
    get: async (k) => records.get(k),
    all: async () => [...records.values()],
    save: write,
    saveWeb: (_s, r) => write(r),
    importRecords: async () => ({ positions: 0, stories: 0, error: null }),
    snapshot: async () => ({ progress: [...records.values()], stories: [] }),
    webStories: async () => [],
    webStory: async () => undefined,
    recent: async () => ({ progress: [], stories: [], storyCount: 0, next: null }),
  };
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('background handlers', () => {
  let deps: BackgroundDeps;
  let store: ReturnType<typeof memoryStore>;
  const tabSender = { id: fakeBrowser.runtime.id, tab: { id: 7 }, frameId: 2 };

  const sync = { changed: vi.fn(), soon: vi.fn(), syncNow: vi.fn(async () => ({ lastSyncAt: NOW, error: null, stories: 3 })) };
  const ORIGIN = 'chrome-extension://ficwell-test/';

  let savedStore: SavedStore;
  let dbs = 0;
  function wire(failWrite?: DOMException, failCopy?: DOMException) {
    store = memoryStore({ write: failWrite });
    const name = `ficwell-background-${++dbs}`;
    const real = createSavedStore((onVersionChange) => openFicwellDB({ name, onVersionChange }));
    savedStore = failCopy ? { ...real, save: async () => Promise.reject(failCopy) } : real;
    for (const f of Object.values(sync)) f.mockClear();
    deps = {
      extensionId: fakeBrowser.runtime.id,
      extensionOrigin: ORIGIN,
      sync,
      progress: createProgressService(store),
      saved: createSavedService(savedStore, () => NOW),
      injectReadability: vi.fn(async () => undefined),
      toggleReader: vi.fn(async () => undefined),
      openPanel: vi.fn(async () => undefined),
      persist: vi.fn(async () => true),
      now: () => NOW,
    };
    const bg = createBackground(deps);
    fakeBrowser.runtime.onMessage.addListener((m: unknown, sender) => bg.onMessage(m, sender as never));
    return bg;
  }
  /** Delivers a message as the browser would, and resolves to the one listener's reply. */
  const deliver = async (message: unknown, sender: object = tabSender) =>
    (await fakeBrowser.runtime.onMessage.trigger(message, sender, () => {}))[0];

  beforeEach(() => fakeBrowser.reset());

  it('web-progress: stores the position and its story, and answers ok', async () => {
    wire();
    expect(await deliver({ type: 'web-progress', story, progress })).toEqual({ ok: true });
    expect(store.records.get(story.key)).toEqual(progress);
  });

  it('web-progress: a message that still cannot be stored is answered invalid', async () => {
    wire();
    const longId = '1234567890123456';
    const bad = { ...story, key: `web:ao3:${longId}`, storyId: longId };
    expect(await deliver({ type: 'web-progress', story: bad, progress: { ...progress, key: bad.key } })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(store.records.size).toBe(0);
  });

  it('web-progress: a story with too many fandoms and co-creators and a 13-digit id is trimmed and stored', async () => {
    wire();
    const id = '1234567890123';
    const big = {
      ...story,
      key: `web:ffn:${id}`,
      site: 'ffn',
      storyId: id,
      storyUrl: `https://www.fanfiction.net/s/${id}/1/`,
      fandoms: ['f'.repeat(600), ...Array.from({ length: 119 }, (_, i) => `F${i}`)],
      authors: Array.from({ length: 101 }, (_, i) => `A${i}`),
    };
    expect(await deliver({ type: 'web-progress', story: big, progress: { ...progress, key: big.key } })).toEqual({ ok: true });
    expect(store.records.get(big.key)?.position).toEqual(progress.position);
  });

  it('web-progress: a full disk is answered quota, and the position still answers web-position afterwards', async () => {
    wire(quota());
    expect(await deliver({ type: 'web-progress', story, progress })).toEqual({ ok: false, reason: 'quota' });
    expect(await deliver({ type: 'web-position', key: story.key })).toEqual(progress);
  });

  it('web-progress: a position dated 30 days ahead is stored as now', async () => {
    wire();
    await deliver({ type: 'web-progress', story, progress: { ...progress, updatedAt: NOW + 30 * 86_400_000 } });
    expect(store.records.get(story.key)?.updatedAt).toBe(NOW);
  });

  const chapters = (over: Partial<ChaptersToSave['chapters'][number]> = {}): ChaptersToSave => ({
    key: story.key,
    chapterCount: 3,
    posted: 3,
    index: [],
    notes: [],
    chapters: [
      {
        number: 2,
        title: 'Two',
        url: 'https://archiveofourown.org/works/1/chapters/2',
        notes: [],
        blocks: [{ kind: 'paragraph', p: 0, role: 'text', spans: [{ kind: 'text', text: 'Hello there.' }] }],
        paragraphWords: [2],
        words: 2,
        ...over,
      },
    ],
  });

  it('save-chapters: stores the chapters a page shows, and answers ok', async () => {
    wire();
    expect(await deliver({ type: 'save-chapters', ...chapters() })).toEqual({ ok: true });
    expect((await savedStore.chapter(story.key, 2))?.blocks).toEqual(chapters().chapters[0]?.blocks);
    expect((await savedStore.story(story.key))?.chapters.map((c) => c.number)).toEqual([2]);
  });

  it('save-chapters: a full disk is answered quota, and the position sent beside it is stored', async () => {
    wire(undefined, quota());
    expect(await deliver({ type: 'save-chapters', ...chapters() })).toEqual({ ok: false, reason: 'quota' });
    expect(await deliver({ type: 'web-progress', story, progress })).toEqual({ ok: true });
    expect(store.records.get(story.key)).toEqual(progress);
  });

  it('save-chapters: the first copy stored asks for persistent storage, once, without waiting for the answer', async () => {
    wire(undefined, quota());
    await deliver({ type: 'save-chapters', ...chapters() });
    expect(deps.persist).not.toHaveBeenCalled(); // nothing stored: nothing to keep
    wire();
    // The browser may never answer (Firefox asks the person): the reply does not wait for it.
    deps.persist = vi.fn(() => new Promise<boolean>(() => {}));
    const bg = createBackground(deps);
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener((m: unknown, sender) => bg.onMessage(m, sender as never));
    expect(await deliver({ type: 'save-chapters', ...chapters() })).toEqual({ ok: true });
    expect(await deliver({ type: 'save-chapters', ...chapters({ number: 2 }) })).toEqual({ ok: true });
    expect(deps.persist).toHaveBeenCalledTimes(1);
  });

  it('save-chapters: a script, a javascript: link or markup in place of the model is refused and nothing is stored', async () => {
    wire();
    const hostile: unknown[] = [
      [{ kind: 'html', html: '<img src=x onerror=alert(1)>' }],
      [{ kind: 'paragraph', p: 0, role: 'text', spans: [{ kind: 'link', href: 'javascript:alert(1)', spans: [] }] }],
      [{ kind: 'paragraph', p: 0, role: 'text', spans: [{ kind: 'image', src: 'http://tracker.example/x.gif', alt: '' }] }],
      '<p>text</p>',
    ];
    for (const blocks of hostile)
      expect(await deliver({ type: 'save-chapters', ...chapters({ blocks: blocks as never }) })).toEqual({ ok: false, reason: 'invalid' });
    expect(await savedStore.story(story.key)).toBeUndefined();
  });

  it('saved-chapters: answers the numbers saved of a story, ascending; none for another story or a bad key', async () => {
    wire();
    const three = chapters({ number: 3, url: 'https://archiveofourown.org/works/1/chapters/3' });
    expect(await deliver({ type: 'save-chapters', ...three })).toEqual({ ok: true });
    expect(await deliver({ type: 'save-chapters', ...chapters() })).toEqual({ ok: true });
    expect(await deliver({ type: 'saved-chapters', key: story.key })).toEqual([2, 3]);
    expect(await deliver({ type: 'saved-chapters', key: 'web:ao3:999' })).toEqual([]);
    expect(await deliver({ type: 'saved-chapters', key: '../etc' })).toEqual([]);
  });

  it('web-position: answers the stored position, or null', async () => {
    wire();
    store.records.set(story.key, progress);
    expect(await deliver({ type: 'web-position', key: story.key })).toEqual(progress);
    expect(await deliver({ type: 'web-position', key: 'web:ffn:1' })).toBeNull();
    expect(await deliver({ type: 'web-position', key: 'seed:never-alone' })).toBeNull();
  });

  it('load-readability: injects into the frame that asked, and only into a tab', async () => {
    wire();
    expect(await deliver({ type: 'load-readability' })).toBe(true);
    expect(deps.injectReadability).toHaveBeenCalledWith(7, 2);
    expect(await deliver({ type: 'load-readability' }, { id: fakeBrowser.runtime.id })).toBe(false);
    expect(deps.injectReadability).toHaveBeenCalledTimes(1);
  });

  it('ignores messages of other extensions and of no known type', async () => {
    wire();
    expect(await deliver({ type: 'web-progress', story, progress }, { ...tabSender, id: 'someone-else' })).toBeUndefined();
    expect(await deliver({ type: 'drop-database' })).toBeUndefined();
    expect(store.records.size).toBe(0);
  });

  it('a port report is saved by kind, normalized, and its failure reported', async () => {
    const bg = wire();
    expect(await bg.savePortReport({ kind: 'seed', progress: { ...progress, key: 'seed:never-alone' } })).toEqual({ ok: true });
    expect(await bg.savePortReport({ kind: 'web', story, progress })).toEqual({ ok: true });
    expect([...store.records.keys()].sort()).toEqual(['seed:never-alone', story.key]);
    const full = wire(quota());
    expect(await full.savePortReport({ kind: 'web', story, progress })).toEqual({ ok: false, reason: 'quota' });
  });

  it('sync-now: runs for an extension page (a tab or the panel), never for a content script', async () => {
    wire();
    const page = { id: fakeBrowser.runtime.id, url: `${ORIGIN}sidepanel.html#library`, tab: { id: 3 } };
    expect(await deliver({ type: 'sync-now' }, page)).toEqual({ lastSyncAt: NOW, error: null, stories: 3 });
    expect(await deliver({ type: 'sync-now' }, { ...tabSender, url: 'https://archiveofourown.org/works/1' })).toBeNull();
    expect(sync.syncNow).toHaveBeenCalledTimes(1);
  });

  it('site-access: an extension page turns an optional site on or off; a content script or an unknown site is refused', async () => {
    wire();
    const set = vi.fn(async (site: string, on: boolean) => [{ id: site, on }]);
    // The wired background's listener replaced by one with the site switch.
    fakeBrowser.reset();
    const bg = createBackground({ ...deps, siteAccess: { set } });
    fakeBrowser.runtime.onMessage.addListener((m: unknown, sender) => bg.onMessage(m, sender as never));
    const page = { id: fakeBrowser.runtime.id, url: `${ORIGIN}popup.html` };
    expect(await deliver({ type: 'site-access', site: 'fp', on: true }, page)).toEqual([{ id: 'fp', on: true }]);
    expect(set).toHaveBeenCalledWith('fp', true);
    // A content script (any web page) hears the refusal, and nothing changes.
    expect(
      await deliver({ type: 'site-access', site: 'fp', on: false }, { ...tabSender, url: 'https://www.fictionpress.com/s/1/1/' }),
    ).toEqual([]);
    // A site on by default, or one not registered, is not the reader's to switch.
    expect(await deliver({ type: 'site-access', site: 'ffn', on: false }, page)).toEqual([]);
    expect(await deliver({ type: 'site-access', site: 'nowhere', on: true }, page)).toEqual([]);
    expect(await deliver({ type: 'site-access', site: 'fp', on: 'yes' }, page)).toEqual([]);
    expect(set).toHaveBeenCalledTimes(1);
  });

  it('sync: a stored position goes out with the next batch, a closed view makes it sooner, a refused one not at all', async () => {
    const bg = wire();
    await deliver({ type: 'web-progress', story, progress });
    expect(sync.changed).toHaveBeenCalledTimes(1);
    await bg.savePortReport({ kind: 'web', story, progress: { ...progress, updatedAt: progress.updatedAt + 1 } });
    expect(sync.soon).toHaveBeenCalledTimes(1);
    fakeBrowser.reset();
    wire(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await deliver({ type: 'web-progress', story, progress });
    expect(sync.changed).not.toHaveBeenCalled();
  });

  it('commands: toggle the reader in the tab, open the panel in the window', async () => {
    const bg = wire();
    await bg.onCommand('toggle-reader', { id: 3 });
    expect(deps.toggleReader).toHaveBeenCalledWith(3);
    await bg.onCommand('open-reader', { windowId: 5 });
    expect(deps.openPanel).toHaveBeenCalledWith(5);
    expect(bg.onCommand('something-else', { id: 3 })).toBeUndefined();
  });
});
