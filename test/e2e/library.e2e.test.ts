import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, evaluate, launch, poll, setViewport, type AnyPage, type Harness } from './support/harness';
import { writeRecords } from './support/db';

/**
 * A library bigger than the popup's first screen: the popup reads only the most recent records first and the
 * rest after that screen is painted. What a reader sees must not depend on that: the count, the order, and
 * every story reachable by scrolling.
 */
const WEB = 60;
const NOW = Date.UTC(2026, 10, 20, 12);

function library() {
  const stories = [];
  const progress = [];
  for (let i = 0; i < WEB; i++) {
    const key = `web:ao3:${7_000_000 + i}`;
    // Read times interleaved with the key order, so "recent" is not the order they were written in.
    const updatedAt = NOW - ((i * 37) % WEB) * 3_600_000;
    stories.push({
      key,
      site: 'ao3',
      storyId: String(7_000_000 + i),
      storyUrl: `https://archiveofourown.org/works/${7_000_000 + i}`,
      title: `Work ${i}`,
      authors: ['someone'],
      fandoms: ['Puella Magi Madoka Magica'],
      chapterCount: 3,
      words: 3000,
      chapter: { number: 2, title: null, url: `https://archiveofourown.org/works/${7_000_000 + i}/chapters/${8_000_000 + i}` },
      updatedAt,
    });
    progress.push({ key, position: { part: 0, paragraph: 3, offset: 0 }, percent: 40, updatedAt, finishedAt: null });
  }
  // A bundled story read long before all of them: it belongs after every web story, before the unread seeds.
  progress.push({
    key: 'seed:never-alone',
    position: { part: 0, paragraph: 2, offset: 0 },
    percent: 10,
    updatedAt: NOW - 400 * 86_400_000,
    finishedAt: null,
  });
  return { stories, progress };
}

const rowIds = (page: AnyPage) => evaluate<string[]>(page, `[...document.querySelectorAll('.story-row')].map((r) => r.dataset.story)`);

describe.each(BROWSERS)('a large library in the popup, in %s', (name) => {
  let h: Harness;
  let setup: AnyPage;
  const { stories, progress } = library();
  const expected = [
    ...[...progress].sort((a, b) => b.updatedAt - a.updatedAt).map((p) => (p.key.startsWith('seed:') ? p.key.slice(5) : p.key)),
    // The unread bundled stories keep their catalog order after every story with progress.
    'her-outstretched-hand',
    'just-you-and-i',
    'glass-hearts',
    'the-dessert-shop',
  ];

  beforeAll(async () => {
    h = await launch(name);
    setup = await h.openExtensionPage('/popup.html'); // creates the database at its current version
    await writeRecords(
      setup,
      `for (const s of ${JSON.stringify(stories)}) put('webStories', s);
      for (const p of ${JSON.stringify(progress)}) put('progress', p);`,
    );
  });
  afterAll(async () => h?.close());

  it('shows the newest first from its first rows, counts every story, and reaches all of them by scrolling', async () => {
    const catalogOrder = await evaluate<string[]>(
      setup,
      `fetch('/data/catalog.json').then((r) => r.json()).then((c) => c.map((e) => e.id))`,
    );
    expect(expected.slice(WEB + 1)).toEqual(catalogOrder.filter((id) => id !== 'never-alone'));

    const popup = await h.openExtensionPage('/popup.html');
    // The first rows seen are the right ones. (The rest of the library is usually read by the time the test
    // looks; test/unit/library.test.ts proves the first screen's rows equal the whole library's for any library.)
    await poll(popup, `document.querySelectorAll('.story-row').length > 0`, 10_000, 'the first rows');
    const first = await rowIds(popup);
    expect(first).toEqual(expected.slice(0, first.length));
    expect(await evaluate<string>(popup, `document.querySelector('.popup-header .row-meta').textContent`)).toBe(`${WEB + 5} stories`);

    await poll(popup, `document.documentElement.dataset.ready === 'true'`, 10_000, 'the whole library');
    // The first paint's copy of the rows (entrypoints/popup-first.tsx) is gone: every row is the popup's own.
    expect(await evaluate<boolean>(popup, `!document.getElementById('first') && !document.querySelector('.story-row:not(#app *)')`)).toBe(
      true,
    );
    // Scrolling to the last row drawn draws the next page of rows, until all are there.
    for (let shown = (await rowIds(popup)).length; shown < expected.length; ) {
      await evaluate(popup, `[...document.querySelectorAll('.story-row')].at(-1).scrollIntoView()`);
      await poll(popup, `document.querySelectorAll('.story-row').length > ${shown}`, 5000, `more rows than ${shown}`);
      shown = (await rowIds(popup)).length;
    }
    expect(await rowIds(popup)).toEqual(expected);
  });

  it('another order waits for the whole library, then is complete', async () => {
    await evaluate(
      setup,
      `(() => { const s = document.querySelector('#library-sort'); s.value = 'title'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`,
    );
    await poll(setup, `document.querySelector('.story-row')?.dataset.story === 'glass-hearts'`, 5000, 'sorted by title');
    const popup = await h.openExtensionPage('/popup.html');
    await poll(popup, `document.querySelectorAll('.story-row').length > 0`, 10_000, 'the first rows');
    // Titles: "Glass Hearts", "Her Outstretched Hand", "Just You and I", "Never Alone", "The Dessert Shop",
    // then "Work 0", "Work 1", "Work 10"... by locale order.
    const titles = [...stories.map((s) => s.title)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    const first = await rowIds(popup);
    expect(first.slice(0, 5)).toEqual(['glass-hearts', 'her-outstretched-hand', 'just-you-and-i', 'never-alone', 'the-dessert-shop']);
    expect(first.slice(5)).toEqual(titles.slice(0, first.length - 5).map((t) => stories.find((s) => s.title === t)?.key));
  });

  it("draws the first paint from the snapshot exactly as the popup's own render draws it", async () => {
    // The first-paint script (built with components/first-paint, not Preact) is run again in a popup whose own
    // rows are drawn: its #app renamed, so the script does not see them, and a fresh #first to draw into.
    const popup = await h.openExtensionPage('/popup.html');
    await poll(popup, `document.documentElement.dataset.ready === 'true'`, 10_000, 'the library read');
    await poll(popup, `!!localStorage.getItem('ficwell:library-snapshot')`, 5000, 'the snapshot kept');
    const drawn = await evaluate<{ own: string; first: string; rows: number }>(
      popup,
      `new Promise((resolve, reject) => {
        const own = document.getElementById('app');
        own.id = 'app-drawn';
        const first = document.createElement('div');
        first.id = 'first';
        document.body.prepend(first);
        const script = document.createElement('script');
        script.src = '/popup-first.js';
        script.onerror = () => reject(new Error('popup-first.js did not load'));
        // The popup's own list may have drawn more rows by now than the snapshot's twelve: those are compared.
        const screen = (root) => ['.popup-header', '.library-tools', ...Array.from({ length: 12 }, (_, i) => \`.story-row:nth-child(\${i + 1})\`)]
          .map((s) => root.querySelector(s)?.outerHTML ?? s + ' missing').join('\\n');
        script.onload = () => resolve({ own: screen(own), first: screen(first), rows: first.querySelectorAll('.story-row').length });
        document.body.append(script);
      })`,
    );
    expect(drawn.rows).toBe(12);
    expect(drawn.first).toBe(drawn.own);
  });
});

/**
 * Issue 18: with 20,000 stories, the panel's library scrolled to its end (where Export and Import are) kept
 * drawing rows by itself, the scroll following the end. It must draw what is near the view and then stop.
 */
const HUGE = 20_000;

describe.each(BROWSERS)('a library of %i stories scrolled to its end, in %s'.replace('%i', String(HUGE)), (name) => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch(name);
    const setup = await h.openExtensionPage('/popup.html');
    await writeRecords(
      setup,
      `const now = ${NOW};
        for (let i = 0; i < ${HUGE}; i++) {
          const key = 'web:ao3:' + (9000000 + i);
          const updatedAt = now - i * 60000;
          put('webStories', { key, site: 'ao3', storyId: String(9000000 + i), storyUrl: 'https://archiveofourown.org/works/' + (9000000 + i),
            title: 'Work ' + i, authors: ['someone'], fandoms: ['Puella Magi Madoka Magica'], chapterCount: 3, words: 3000,
            chapter: { number: 2, title: null, url: 'https://archiveofourown.org/works/' + (9000000 + i) + '/chapters/1' }, updatedAt });
          put('progress', { key, position: { part: 0, paragraph: 3, offset: 0 }, percent: 40, updatedAt, finishedAt: null });
        }`,
    );
  });
  afterAll(async () => h?.close());

  it('draws the rows near the view and then stops', async () => {
    const panel = await h.openExtensionPage('/sidepanel.html#library');
    await setViewport(panel, 400, 800);
    const rows = () => evaluate<number>(panel, `document.querySelectorAll('.story-row').length`);
    const first = await rows();
    const top = await evaluate<number>(
      panel,
      `(() => { const s = document.scrollingElement; s.scrollTop = s.scrollHeight; return s.scrollTop; })()`,
    );
    expect(top).toBeGreaterThan(0);
    // The positive signal: the end of the list came near the view and more rows were drawn.
    await poll(panel, `document.querySelectorAll('.story-row').length > ${first}`, 10_000, 'more rows near the end');
    // Then, over the next couple of seconds of frames, the count must settle and stay put.
    const counts = await evaluate<number[]>(
      panel,
      `new Promise((resolve) => {
      const seen = [];
      const start = performance.now();
      const frame = () => {
        seen.push(document.querySelectorAll('.story-row').length);
        if (performance.now() - start < 2000 || seen.length < 10) requestAnimationFrame(frame);
        else resolve(seen);
      };
      requestAnimationFrame(frame);
    })`,
    );
    const settled = counts.slice(-5);
    expect(new Set(settled).size, `rows drawn frame by frame: ${counts.join(' ')}`).toBe(1);
    expect(Math.max(...counts)).toBeLessThan(300);
    // The view stayed where the reader left it: the new rows went in below it, and the scroll did not follow.
    expect(await evaluate<number>(panel, `document.scrollingElement.scrollTop`)).toBe(top);
  });
});
