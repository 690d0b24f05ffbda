import { describe, expect, it } from 'vitest';
import {
  afterFrames,
  BROWSERS,
  click,
  closePanel,
  drawnAtParagraph,
  evaluate,
  inPanel,
  poll,
  pollText,
  pollPanel,
  PROGRESS_FILL,
  setViewport,
  TOP_PARAGRAPH,
  type AnyPage,
} from './support/harness';
import { useBrowser } from './support/site';

const STORY = 'just-you-and-i';

/** Waits until the panel shows the story, fully drawn. */
async function panelShows(page: AnyPage, id: string) {
  await poll(
    page,
    `(globalThis.browser ?? globalThis.chrome).extension.getViews().some((v) =>
    v.location.pathname === '/sidepanel.html' && v.location.hash === '#story=${id}' && v.document.documentElement.dataset.complete === 'true')`,
    15_000,
    `the panel to show ${id}`,
  );
}
/** The panel's reader has taken a new position since its progress fill read `before`. */
const fillOf = (page: AnyPage) => inPanel<string>(page, PROGRESS_FILL);
const readerMoved = (page: AnyPage, before: string) =>
  pollPanel(page, `(v) => (${PROGRESS_FILL})(v) !== ${JSON.stringify(before)}`, 5000, 'the reader to take the new position');
const percentInPopup = (page: AnyPage, id: string) =>
  evaluate<string | null>(page, `document.querySelector('[data-story="${id}"] .row-percent')?.textContent ?? null`);

describe.each(BROWSERS)('reading with progress in %s', (name) => {
  const b = useBrowser(name, '/popup.html');

  let middle = -1; // the paragraph at the top when the reader stopped
  let panelPercent = 0;

  it('the popup shows the five stories with their details; search and sort work', async () => {
    const rows = await evaluate<string[]>(b.ext, `[...document.querySelectorAll('.story-row')].map((r) => r.textContent)`);
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.includes('Never Alone'))).toMatch(/880 words.*4 min/);
    expect(rows.find((r) => r.includes('Glass Hearts'))).toMatch(/display title.*Warning: Spoilers/);

    await click(b.ext, '#library-search');
    await (b.ext as { keyboard: { type(t: string): Promise<void> } }).keyboard.type('sayaka');
    await poll(b.ext, `document.querySelectorAll('.story-row').length === 2`, 5000, 'search results');
    const found = await evaluate<string[]>(b.ext, `[...document.querySelectorAll('.story-row')].map((r) => r.dataset.story)`);
    expect(found.sort()).toEqual(['glass-hearts', 'never-alone']);

    await (b.ext as { keyboard: { type(t: string): Promise<void> } }).keyboard.type('zzz');
    await poll(b.ext, `!!document.querySelector('.empty')`, 5000, 'the empty state');
    expect(await evaluate<string>(b.ext, `document.querySelector('.empty').textContent`)).toMatch(/No story matches “sayakazzz”/);
    await click(b.ext, '.empty button');

    await evaluate(
      b.ext,
      `(() => { const s = document.querySelector('#library-sort'); s.value = 'length'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`,
    );
    await poll(b.ext, `document.querySelector('.story-row')?.dataset.story === 'her-outstretched-hand'`, 5000, 'sorted by length');
    const order = await evaluate<string[]>(b.ext, `[...document.querySelectorAll('.story-row')].map((r) => r.dataset.story)`);
    expect(order).toEqual(['her-outstretched-hand', 'never-alone', 'the-dessert-shop', 'glass-hearts', 'just-you-and-i']);
  });

  it('scroll to the middle, close the panel, reopen from the popup: the same paragraph is at the top', async () => {
    await click(b.ext, `[data-story="${STORY}"] button`);
    await panelShows(b.ext, STORY);
    const start = await fillOf(b.ext);
    await inPanel(b.ext, `(w) => w.scrollTo(0, w.document.documentElement.scrollHeight / 2)`);
    await readerMoved(b.ext, start);
    middle = (await inPanel<number>(b.ext, TOP_PARAGRAPH)) ?? -1;
    expect(middle).toBeGreaterThan(200);
    panelPercent = Number(
      (await inPanel<string>(b.ext, `(w) => w.document.querySelector('[role=progressbar]').getAttribute('aria-valuenow')`)) ?? NaN,
    );
    expect(panelPercent).toBeGreaterThan(30);
    expect(panelPercent).toBeLessThan(70);

    await closePanel(b.h, b.ext);
    // The b.ext, open all along, already shows the new percent (its progress came over the broadcast).
    await pollText(b.ext, `[data-story="${STORY}"] .row-percent`, `${panelPercent}%`, 5000, 'the popup to show the percent');

    await click(b.ext, `[data-story="${STORY}"] button`);
    await panelShows(b.ext, STORY);
    await pollPanel(b.ext, `(v) => (${TOP_PARAGRAPH})(v) === ${middle}`, 5000, 'the saved paragraph at the top');
    expect(await inPanel<number>(b.ext, TOP_PARAGRAPH)).toBe(middle);
    await closePanel(b.h, b.ext);
  });

  it('closing the panel within 100 ms of the last scroll still keeps that position', async () => {
    await click(b.ext, `[data-story="${STORY}"] button`);
    await panelShows(b.ext, STORY);
    // Two scrolls, each taken by the reader as soon as it can: the first is written at once, the second
    // waits behind the throttle (half a second)...
    const opened = await fillOf(b.ext);
    await inPanel(b.ext, `(w) => w.scrollBy(0, 600)`);
    await readerMoved(b.ext, opened);
    const first = await fillOf(b.ext);
    await inPanel(b.ext, `(w) => w.scrollBy(0, 900)`);
    await readerMoved(b.ext, first);
    const last = await inPanel<number>(b.ext, TOP_PARAGRAPH);
    expect(last).toBeGreaterThan(middle);
    await closePanel(b.h, b.ext); // ...and the panel closes before the throttle would have written it.
    await click(b.ext, `[data-story="${STORY}"] button`);
    await panelShows(b.ext, STORY);
    await pollPanel(b.ext, `(v) => (${TOP_PARAGRAPH})(v) === ${last}`, 5000, 'the last position');
    // Back to the middle for the tests that follow (closing the panel writes the position it took).
    const atLast = await fillOf(b.ext);
    await inPanel(b.ext, `(w) => w.document.querySelector('[data-p="${middle}"]').scrollIntoView()`);
    await inPanel(b.ext, `(w) => w.scrollBy(0, -w.document.querySelector('.reader-bar').getBoundingClientRect().bottom - 8)`);
    await readerMoved(b.ext, atLast);
    expect(await inPanel<number>(b.ext, TOP_PARAGRAPH)).toBe(middle);
    await closePanel(b.h, b.ext);
  });

  it('a different width and a larger font keep the same paragraph at the top', async () => {
    const tab = await b.h.openExtensionPage(`/sidepanel.html#story=${STORY}`);
    await setViewport(tab, 360, 700);
    await poll(tab, drawnAtParagraph(middle), 5000, 'the saved paragraph');
    await setViewport(tab, 720, 700);
    await poll(tab, `innerWidth === 720`, 5000, 'the wider window');
    await afterFrames(tab); // laid out again, and the anchor re-applied
    expect(await evaluate<number>(tab, `(${TOP_PARAGRAPH})(window)`)).toBe(middle);
    // The text-size buttons are in the settings sheet, which opens over the text without moving it.
    await click(tab, '[aria-controls="reading-settings"]');
    await afterFrames(tab);
    expect(await evaluate<number>(tab, `(${TOP_PARAGRAPH})(window)`)).toBe(middle);
    await click(tab, '[data-action=larger]');
    await click(tab, '[data-action=larger]');
    await poll(tab, `getComputedStyle(document.querySelector('.story')).fontSize === '20px'`, 5000, 'the larger text');
    await afterFrames(tab);
    expect(await evaluate<number>(tab, `(${TOP_PARAGRAPH})(window)`)).toBe(middle);
    await click(tab, '[data-action=smaller]');
    await click(tab, '[data-action=smaller]');
    await click(tab, '[aria-controls="reading-settings"]');
    await (tab as { close(): Promise<void> }).close();
  });

  it('after a browser restart with the same profile the position is still there', async () => {
    const before = await percentInPopup(b.ext, STORY);
    expect(before).toMatch(/^\d+%$/);
    await b.h.restart();
    b.ext = await b.h.openExtensionPage('/popup.html');
    expect(await percentInPopup(b.ext, STORY)).toBe(before);
    await click(b.ext, `[data-story="${STORY}"] button`);
    await panelShows(b.ext, STORY);
    await pollPanel(b.ext, `(v) => (${TOP_PARAGRAPH})(v) === ${middle}`, 5000, 'the saved paragraph after restart');
    await closePanel(b.h, b.ext);
  });

  it('the Library button goes back to the list, and the panel then reopens on the list', async () => {
    const tab = await b.h.openExtensionPage('/sidepanel.html#story=never-alone');
    await click(tab, '.reader-bar button');
    await poll(tab, `document.querySelectorAll('.story-row').length === 5`, 5000, 'the library in the panel');
    const again = await b.h.openExtensionPage('/sidepanel.html');
    expect(await evaluate<number>(again, `document.querySelectorAll('.story-row').length`)).toBe(5);
    await click(again, '[data-story="never-alone"] button');
    await pollText(again, 'h1', 'Never Alone', 5000, 'the story from the panel library');
    const third = await b.h.openExtensionPage('/sidepanel.html');
    expect(await evaluate<string>(third, `document.querySelector('h1').textContent`)).toBe('Never Alone'); // remembered
  });

  it('reading to the end of the shortest story marks it finished in the library', async () => {
    const tab = await b.h.openExtensionPage('/sidepanel.html#story=her-outstretched-hand');
    await evaluate(tab, `window.scrollTo(0, document.documentElement.scrollHeight)`);
    await poll(tab, `document.querySelector('[role=progressbar]').getAttribute('aria-valuenow') === '100'`, 5000, '100%');
    await poll(
      b.ext,
      `document.querySelector('[data-story="her-outstretched-hand"]')?.dataset.finished === 'true'`,
      5000,
      'the story marked finished',
    );
    expect(await evaluate<string>(b.ext, `document.querySelector('[data-story="her-outstretched-hand"]').textContent`)).toMatch(
      /Finished.*100%.*finished just now/,
    );
  });
});
