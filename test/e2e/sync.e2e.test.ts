import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  click,
  drawnAtParagraph,
  evaluate,
  launch,
  poll,
  pollText,
  TOP_PARAGRAPH,
  type AnyPage,
  type Harness,
} from './support/harness';
import { recordExpr, storedParagraphExpr } from './support/db';
import { startSiteServer, type SiteServer } from './support/server';

/**
 * Two profiles of the same browser stand for two devices. The browser's sync engine is not there (no
 * account, no network), so the test does its part: it carries the sync area's items from one profile to the
 * other, as Chrome Sync or Firefox Sync would, and everything else is Ficwell's own code in each profile.
 */
const STORY = 'just-you-and-i';
const FFN_CHAPTER = 'http://www.fanfiction.net/s/1234567/2/The-Lantern-Road';
const api = `(globalThis.browser ?? globalThis.chrome)`;

async function turnOnSync(h: Harness): Promise<AnyPage> {
  const library = await h.openExtensionPage('/sidepanel.html#library');
  await poll(library, `!!document.querySelector('.sync-toggle input')`, 10_000, 'the sync switch');
  expect(await evaluate<string>(library, `document.querySelector('.sync').textContent`)).toMatch(
    /browser's own sync.*Nothing is sent to Ficwell/,
  );
  await click(library, '.sync-toggle input');
  await poll(library, `!!document.querySelector('.sync-status')`, 5000, 'sync turned on');
  return library;
}

/** "Sync now", and the background's answer: a sync later than the click. */
async function syncNow(library: AnyPage): Promise<void> {
  const asked = await evaluate<number>(library, `Date.now()`);
  await click(library, '.sync .bar-button');
  await poll(library, `Number(document.querySelector('.sync-status')?.dataset.lastSync) >= ${asked}`, 10_000, 'a sync after the click');
  expect(await evaluate<string>(library, `document.querySelector('.sync-status').textContent`)).toMatch(/Last synced just now/);
}

/** What the browser's sync engine does: every item of one profile's sync area into the other's. */
async function carry(from: AnyPage, to: AnyPage): Promise<number> {
  const items = await evaluate<Record<string, unknown>>(from, `${api}.storage.sync.get(null)`);
  await evaluate(to, `${api}.storage.sync.set(${JSON.stringify(items)})`);
  return Object.keys(items).length;
}

const stored = (page: AnyPage, key: string) =>
  evaluate<{ position: { part: number; paragraph: number }; percent: number } | null>(page, recordExpr('progress', key));

/** Scrolls a reader tab to a fraction of the story and waits until that place is stored. */
async function readTo(tab: AnyPage, fraction: number): Promise<number> {
  await poll(tab, `document.documentElement.dataset.complete === 'true'`, 15_000, 'the story drawn');
  await evaluate(tab, `window.scrollTo(0, document.documentElement.scrollHeight * ${fraction})`);
  await poll(tab, `(${TOP_PARAGRAPH})(window) > 0`, 5000, 'a paragraph under the reading line');
  // The stored place is the one on screen (read again at each poll: a late reflow may still settle the view).
  await poll(tab, `${storedParagraphExpr(STORY)}.then((n) => n === (${TOP_PARAGRAPH})(window))`, 5000, 'the place stored');
  const top = await evaluate<number>(tab, `(${TOP_PARAGRAPH})(window)`);
  return top;
}

describe.each(BROWSERS)('your place on another device, in %s', (name) => {
  let server: SiteServer;
  let first: Harness;
  let second: Harness;
  let firstLibrary: AnyPage;
  let secondLibrary: AnyPage;
  let middle = -1;

  beforeAll(async () => {
    server = await startSiteServer();
    first = await launch(name, { sitePort: server.port });
    second = await launch(name, { sitePort: server.port });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await server?.close();
  });

  it('sync is off until the reader turns it on, and nothing is written to the sync area before', async () => {
    const tab = await first.openExtensionPage(`/sidepanel.html#story=${STORY}`);
    await readTo(tab, 0.2);
    const library = await first.openExtensionPage('/sidepanel.html#library');
    expect(await evaluate<boolean>(library, `document.querySelector('.sync-toggle input').checked`)).toBe(false);
    const popup = await first.openExtensionPage('/popup.html');
    expect(await evaluate<boolean>(popup, `!!document.querySelector('.sync-line')`)).toBe(false);
    expect(await evaluate<number>(library, `${api}.storage.sync.get(null).then((all) => Object.keys(all).length)`)).toBe(0);
    firstLibrary = await turnOnSync(first);
    secondLibrary = await turnOnSync(second);
  });

  it('a story read to the middle on one device opens at the same paragraph and percent on the other', async () => {
    const tab = await first.openExtensionPage(`/sidepanel.html#story=${STORY}`);
    middle = await readTo(tab, 0.5);
    await syncNow(firstLibrary);
    // The popup says when the last sync happened and whether it works.
    const firstPopup = await first.openExtensionPage('/popup.html');
    await poll(
      firstPopup,
      `/Last synced just now/.test(document.querySelector('.sync-line')?.textContent ?? '')`,
      5000,
      'the sync line in the popup',
    );
    const place = await stored(tab, `seed:${STORY}`);
    expect(await carry(firstLibrary, secondLibrary)).toBeGreaterThan(0);

    const popup = await second.openExtensionPage('/popup.html');
    const percent = `${Math.floor(place?.percent ?? -1)}%`;
    await pollText(popup, `[data-story="${STORY}"] .row-percent`, `${percent}`, 10_000, `the percent ${percent} on the other device`);
    const reader = await second.openExtensionPage(`/sidepanel.html#story=${STORY}`);
    await poll(reader, drawnAtParagraph(middle), 10_000, 'the same paragraph');
  });

  it('a web story read only on one device is listed on the other with its title, and Continue goes to its chapter', async () => {
    const page = await first.openPage(FFN_CHAPTER);
    await poll(firstLibrary, `${recordExpr('webStories', 'web:ffn:1234567')}.then((r) => !!r)`, 10_000, 'the chapter recorded');
    await (page as { close(): Promise<void> }).close();
    await syncNow(firstLibrary);
    await carry(firstLibrary, secondLibrary);

    const popup = await second.openExtensionPage('/popup.html');
    const row = '[data-story="web:ffn:1234567"]';
    await poll(popup, `!!document.querySelector('${row}')`, 10_000, 'the web story on the other device');
    expect(await evaluate<string>(popup, `document.querySelector('${row}').textContent`)).toContain('The Lantern Road');
    await click(popup, `${row} button`);
    // The chapter it was read at, on the site itself (the test's site server speaks only http, so the tab's
    // load fails here; the tab and its address are what Continue is for). Host permissions show its URL.
    await poll(
      secondLibrary,
      `${api}.tabs.query({}).then((tabs) => tabs.some((t) => (t.pendingUrl || t.url || '').startsWith('https://www.fanfiction.net/s/1234567/2/')))`,
      10_000,
      'a tab on the chapter read on the other device',
    );
  });

  it('an open reader behind the other device is offered the newer place, never moved under the reader', async () => {
    const behind = await second.openExtensionPage(`/sidepanel.html#story=${STORY}`);
    await poll(behind, drawnAtParagraph(middle), 10_000, 'the synced place');

    const tab = await first.openExtensionPage(`/sidepanel.html#story=${STORY}`);
    const further = await readTo(tab, 0.8);
    expect(further).toBeGreaterThan(middle);
    await syncNow(firstLibrary);
    await carry(firstLibrary, secondLibrary);

    await poll(behind, `!!document.querySelector('.remote-offer')`, 10_000, 'the offer');
    expect(await evaluate<string>(behind, `document.querySelector('.remote-offer').textContent`)).toMatch(
      /On another device you were at .*(just now|min ago)/,
    );
    expect(await evaluate<number>(behind, `(${TOP_PARAGRAPH})(window)`)).toBe(middle);
    await click(behind, '.remote-offer .bar-button');
    await poll(
      behind,
      `!document.querySelector('.remote-offer') && (${TOP_PARAGRAPH})(window) === ${further}`,
      10_000,
      'the other device’s place',
    );
  });
});
