import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page as PwPage } from 'playwright-core';
import {
  afterFrames,
  BROWSERS,
  evaluate,
  launch,
  poll,
  pollText,
  TOP_PARAGRAPH,
  waitForReady,
  type AnyPage,
  type Harness,
} from './support/harness';
import { recordExpr, storedParagraphExpr, storedRecords } from './support/db';
import { importFile, statusText } from './support/backup';
import { BIG_WORK, BIG_WORK_URL, startBigStoryServer } from './support/big-story';
import { GENERATED_STORY } from './support/pages';
import { inView, pollView, READER_SHOWN, readViewTo, VIEW_TOP_PARAGRAPH, viewAtParagraph } from './support/view';

const api = `(globalThis.browser ?? globalThis.chrome)`;
const close = (p: AnyPage) => (p as unknown as { close(): Promise<void> }).close();
const DAY = 86_400_000;

/** The view is a closed shadow root: tests reach it from an extension page `ext` (support/view.ts). */
const restyled = (ext: AnyPage, url: string) => pollView(ext, url, READER_SHOWN, 10_000, 'the restyled view');

describe.each(BROWSERS)('what the store keeps is true, in %s', (name) => {
  let h: Harness;
  let server: Awaited<ReturnType<typeof startBigStoryServer>>;
  beforeAll(async () => {
    server = await startBigStoryServer();
    h = await launch(name, { sitePort: server.port });
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it.each([
    ['the old single ui object', { ui: { lastStory: null, frontMatterOpen: null, endNotesOpen: null, sort: 'recent' } }],
    ['the per-field items', { 'ui.frontMatterOpen': null, 'ui.endNotesOpen': null, 'ui.sort': 42 }],
  ])('junk view state in storage (%s holding null) does not leave the reader blank', async (_, junk) => {
    const page = await h.openExtensionPage('/popup.html');
    await evaluate(page, `${api}.storage.local.clear().then(() => ${api}.storage.local.set(${JSON.stringify(junk)}))`);
    const reader = await h.openExtensionPage('/sidepanel.html#story=never-alone');
    await pollText(reader, '[data-p="0"]', '"Take care of her for me, will ya?"', 5000, 'the story text');
    await close(reader);
    await close(page);
  });

  it('a backup position dated in the future, with junk fields and huge numbers, is stored within range, and reading later wins', async () => {
    const lib = await h.openExtensionPage('/sidepanel.html#library');
    const future = {
      key: 'seed:glass-hearts',
      // In the shape of releases 1-3 (backup format 1): converted on the way in.
      position: { section: 2, paragraph: 4, n: 70, offset: 0 },
      percent: 1e308,
      updatedAt: Date.now() + 30 * DAY,
      finishedAt: 8.64e15,
      junk: 'x'.repeat(10_000),
    };
    const backup = {
      format: 'ficwell-backup',
      version: 1,
      exportedAt: '',
      settings: {},
      webStories: [],
      progress: [future],
      extra: 'y'.repeat(10_000),
    };
    await importFile(lib, JSON.stringify(backup));
    await poll(lib, `/Imported 1 reading positions/.test(${statusText})`, 5000, 'the import');
    const got = (await storedRecords<Record<string, unknown>>(lib, 'progress'))['seed:glass-hearts'];
    expect(Object.keys(got ?? {}).sort()).toEqual(['finishedAt', 'key', 'percent', 'position', 'updatedAt']);
    expect(got?.percent).toBe(100);
    expect(got?.updatedAt as number).toBeLessThanOrEqual(Date.now());
    expect(got?.finishedAt as number).toBeLessThanOrEqual(Date.now());
    await close(lib);

    const popup = await h.openExtensionPage('/popup.html');
    await pollText(popup, '[data-story="glass-hearts"] .row-percent', '100%', 5000, 'a percent within range');
    expect(await evaluate<string>(popup, `document.querySelector('[data-story="glass-hearts"]').textContent`)).not.toMatch(/e\+|271822/);
    await close(popup);

    // Reading the story now moves it: the imported date did not freeze it.
    const reader = await h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    await poll(reader, `document.documentElement.dataset.complete === 'true'`, 5000, 'the story');
    await evaluate(reader, `window.scrollTo(0, 600)`);
    await afterFrames(reader);
    const top = await evaluate<number>(reader, `(${TOP_PARAGRAPH})(window)`);
    expect(top).not.toBe(future.position.n);
    await poll(
      reader,
      `${storedParagraphExpr('glass-hearts')}.then((n) => n === ${top})`,
      5000,
      `the read position (paragraph ${top}) stored`,
    );
    await close(reader);
  });

  it('a work with 120 fandoms (one of 600 characters), 101 co-creators and a 13-digit id is stored, trimmed', async () => {
    const popup = await h.openExtensionPage('/popup.html');
    const page = await h.openPage(BIG_WORK_URL);
    await restyled(popup, BIG_WORK_URL);
    const key = `web:ao3:${BIG_WORK.id}`;
    // Opening the chapter records it: wait until both records are in the store before closing the tab.
    await poll(popup, `${recordExpr('progress', key)}.then((r) => !!r?.position && !!r.story)`, 10_000, 'the work stored');
    await close(page);
    await evaluate(popup, `location.reload()`).catch(() => {});
    await waitForReady(popup);
    await poll(popup, `!!document.querySelector('[data-story="${key}"]')`, 5000, 'the work in the library');
    const story = (await storedRecords<{ fandoms: string[]; authors: string[] }>(popup, 'webStories'))[key];
    expect(story?.fandoms).toHaveLength(100);
    expect(story?.fandoms[0]).toHaveLength(500);
    expect(story?.authors).toHaveLength(100);
    expect((await storedRecords<unknown>(popup, 'progress'))[key]).toBeDefined();
    await close(popup);
  });
});

describe('when IndexedDB is full, in chromium (quota through CDP)', () => {
  let h: Harness;
  let server: Awaited<ReturnType<typeof startBigStoryServer>>;
  beforeAll(async () => {
    server = await startBigStoryServer();
    h = await launch('chromium', { sitePort: server.port });
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });
  const chapter = `http://www.fanfiction.net/s/${GENERATED_STORY.id}/2/${GENERATED_STORY.slug}`;
  /** The paragraph at the top of the restyled view (a closed shadow root, reached from `ext`: support/view.ts). */
  const topOfView = (ext: AnyPage) => inView<number>(ext, chapter, VIEW_TOP_PARAGRAPH);

  it('the background answers quota, and the chapter still reopens at its paragraph in the same background lifetime', async () => {
    const ext = await h.openExtensionPage('/popup.html'); // opens (and creates) the database first
    const cdp = await (ext as PwPage).context().newCDPSession(ext as PwPage);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: h.origin, quotaSize: 1 });

    // The reply a content script gets for a position that could not be stored.
    const story = {
      key: 'web:ffn:55555555',
      site: 'ffn',
      storyId: '55555555',
      storyUrl: 'https://www.fanfiction.net/s/55555555/1/',
      title: 'Q',
      authors: [],
      fandoms: [],
      chapterCount: 2,
      words: null,
      chapter: { number: 1, title: null, url: 'https://www.fanfiction.net/s/55555555/1/' },
      updatedAt: Date.now(),
    };
    const progress = {
      key: story.key,
      position: { part: 0, paragraph: 5, offset: 0 },
      percent: 10,
      updatedAt: Date.now(),
      finishedAt: null,
    };
    expect(await evaluate(ext, `${api}.runtime.sendMessage(${JSON.stringify({ type: 'web-progress', story, progress })})`)).toEqual({
      ok: false,
      reason: 'quota',
    });

    // Reading a chapter: nothing reaches IndexedDB, yet reopening it lands on the paragraph read.
    const page = await h.openPage(chapter);
    await restyled(ext, chapter);
    // The view took (and so reported) the new position; the background refused to store it: "not saved".
    await readViewTo(ext, chapter, 40);
    expect(await topOfView(ext)).toBe(40);
    await pollView(ext, chapter, `(root) => !!root.querySelector('.save-notice')`, 5000, 'the not-saved notice');
    await close(page);
    expect((await storedRecords<unknown>(ext, 'progress'))[`web:ffn:${GENERATED_STORY.id}`]).toBeUndefined();

    await h.openPage(chapter);
    await restyled(ext, chapter);
    // The view restores its anchor as it lays out: wait until it settles on the paragraph.
    await viewAtParagraph(ext, chapter, 40, 10_000, 'paragraph 40 at the top again');
    expect(await topOfView(ext)).toBe(40);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: h.origin });
    await close(ext);
  });
});
