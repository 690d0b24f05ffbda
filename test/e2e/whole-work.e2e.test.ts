import { describe, expect, it } from 'vitest';
import { BROWSERS, click, closePanel, evaluate, inPanel, poll, type AnyPage } from './support/harness';
import { GENERATED_STORY } from './support/pages';
import { pollUntil } from '../support/browsers';
import { useSiteBrowser } from './support/site';
import { pageIcon } from './support/server';
import { clickInView, inView, pollView } from './support/view';

/**
 * "Save whole work" on a restyled chapter (issue 15): nothing is asked of the site until the reader's own
 * click; AO3 answers with one request for the full view, FFN chapter by chapter at least 5 s apart, and a
 * challenge stops the run with its message and nothing more asked.
 */
const AO3_MIDDLE = 'http://archiveofourown.org/works/4242424/chapters/10000002';
const AO3_FULL = 'http://archiveofourown.org/works/4242424?view_full_work=true';
const AO3_KEY = 'web:ao3:4242424';
const LANTERN = (n: number) => `http://www.fanfiction.net/s/1234567/${n}/The-Lantern-Road`;
const LANTERN_KEY = 'web:ffn:1234567';
const GENERATED = (n: number) => `http://www.fanfiction.net/s/${GENERATED_STORY.id}/${n}/${GENERATED_STORY.slug}`;

const CONTROL = '.story-end .whole-work';
const SAVE = `${CONTROL} button`;

/** The chapter numbers IndexedDB holds for `key`, read from an extension page. */
const savedNumbers = (ext: AnyPage, key: string) =>
  evaluate<number[]>(
    ext,
    `new Promise((resolve, reject) => { const q = indexedDB.open('ficwell'); q.onerror = () => reject(q.error); q.onsuccess = () => { const r = q.result.transaction('savedStories').objectStore('savedStories').get(${JSON.stringify(key)}); r.onsuccess = () => { q.result.close(); resolve((r.result?.chapters ?? []).map((c) => c.number)); }; }; })`,
  );

const close = (page: AnyPage) => (page as { close(): Promise<void> }).close();

describe.each(BROWSERS)('save whole work, in %s', (name) => {
  const site = useSiteBrowser(name, '/popup.html');
  /** The requests since log entry `from`, but the page icons the browser asks for by itself. */
  const askedSince = (from: number) => site.server.log.slice(from).filter((r) => !pageIcon(r.url));
  const controlText = (url: string) =>
    inView<string>(site.ext, url, `(root) => root.querySelector(${JSON.stringify(CONTROL)})?.textContent ?? ''`);

  it('AO3: one request for the full view, on the reader’s click only; every chapter is stored, with the progress shown', async () => {
    // The full view answers after a moment, so the run's progress can be seen while it waits.
    site.server.answer(AO3_FULL, { fixture: 'ao3/full-work', delayMs: 1500 });
    const page = await site.h.openPage(AO3_MIDDLE);
    await pollView(site.ext, AO3_MIDDLE, `(root) => !!root?.querySelector(${JSON.stringify(SAVE)})`, 15_000, 'Save whole work offered');
    // The chapter shown was saved as it was opened; the control is offered for the other two.
    await pollUntil(async () => (await savedNumbers(site.ext, AO3_KEY)).includes(2), '', 5000, 'chapter 2 saved');
    const before = site.server.log.length;

    // A script's click (the page's, or anyone's but the reader's) starts nothing.
    await inView(site.ext, AO3_MIDDLE, `(root) => root.querySelector(${JSON.stringify(SAVE)}).click()`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(askedSince(before)).toEqual([]);

    // The reader's session: a cookie the site set goes with the request, as with the site's own links.
    await evaluate(page, `document.cookie = 'reader_session=abc123; path=/'`);
    await clickInView(site.ext, page, AO3_MIDDLE, SAVE);
    await pollView(site.ext, AO3_MIDDLE, `(root) => !!root?.querySelector('${CONTROL} progress')`, 5000, 'the progress bar');
    expect(await controlText(AO3_MIDDLE)).toMatch(/1 of 3 chapters saved/);
    expect(await inView<string>(site.ext, AO3_MIDDLE, `(root) => root.querySelector('${CONTROL} button').textContent`)).toBe('Cancel');
    await pollView(
      site.ext,
      AO3_MIDDLE,
      `(root) => /Whole work saved: 3 chapters/.test(root?.querySelector(${JSON.stringify(CONTROL)})?.textContent ?? '')`,
      15_000,
      'the run done',
    );
    // Done: no button left to press, and the one request was the full view's.
    expect(await inView<number>(site.ext, AO3_MIDDLE, `(root) => root.querySelectorAll('${CONTROL} button').length`)).toBe(0);
    expect(askedSince(before).map((r) => r.url)).toEqual([AO3_FULL]);
    expect(site.server.log.at(-1)?.cookie).toContain('reader_session=abc123');
    expect(await savedNumbers(site.ext, AO3_KEY)).toEqual([1, 2, 3]);
    await close(page);

    // The library counts them (of the 5 the work plans), and the side panel reads them all: chapter 1 at the
    // top, chapter 3 at the end, each from the saved copy.
    const popup = await site.h.openExtensionPage('/popup.html');
    const row = `[data-story="${AO3_KEY}"]`;
    await poll(
      popup,
      `/3 of 5 chapters saved/.test(document.querySelector('${row} .row-saved')?.textContent ?? '')`,
      5000,
      'the library row',
    );
    await click(popup, `${row} button`);
    await poll(popup, `!!document.querySelector('.saved-choice')`, 5000, 'the choice');
    await click(popup, '.saved-choice button'); // "Read in the side panel"
    for (const [chapter, to] of [
      [1, 0],
      [3, 'w.document.documentElement.scrollHeight'],
    ] as const) {
      await pollUntil(
        () =>
          inPanel<boolean>(
            popup,
            `(w) => { w.scrollTo(0, ${to}); return [...w.document.querySelectorAll('[data-p]')].some((p) => p.textContent === 'Placeholder paragraph 1 of chapter ${chapter}.'); }`,
          ),
        '',
        15_000,
        `chapter ${chapter} in the side panel`,
      );
    }
    await closePanel(site.h, popup);
    await close(popup);

    // Every chapter saved: a chapter page of the work offers nothing more to save.
    const again = await site.h.openPage(AO3_MIDDLE);
    await pollView(site.ext, AO3_MIDDLE, `(root) => !!root?.querySelector('.story-end')`, 15_000, 'the view');
    await new Promise((r) => setTimeout(r, 1000)); // the background's answer about what is saved
    expect(await inView<boolean>(site.ext, AO3_MIDDLE, `(root) => !!root.querySelector(${JSON.stringify(CONTROL)})`)).toBe(false);
    await close(again);
  });

  it('FFN: chapters are asked for one at a time, at least 5 s apart', async () => {
    const page = await site.h.openPage(LANTERN(2));
    await pollView(site.ext, LANTERN(2), `(root) => !!root?.querySelector(${JSON.stringify(SAVE)})`, 15_000, 'Save whole work offered');
    const before = site.server.log.length;
    await clickInView(site.ext, page, LANTERN(2), SAVE);
    // Chapter 1 comes first; chapter 3 waits for the gap, the progress showing meanwhile.
    await pollView(
      site.ext,
      LANTERN(2),
      `(root) => /2 of 3 chapters saved/.test(root?.querySelector(${JSON.stringify(CONTROL)})?.textContent ?? '')`,
      10_000,
      'chapter 1 saved',
    );
    expect(await inView<boolean>(site.ext, LANTERN(2), `(root) => !!root.querySelector('${CONTROL} progress')`)).toBe(true);
    await pollView(
      site.ext,
      LANTERN(2),
      `(root) => /Whole work saved: 3 chapters/.test(root?.querySelector(${JSON.stringify(CONTROL)})?.textContent ?? '')`,
      20_000,
      'the run done',
    );
    const asked = askedSince(before);
    expect(asked.map((r) => r.url)).toEqual([LANTERN(1), LANTERN(3)]);
    const gap = (asked[1]?.at ?? 0) - (asked[0]?.at ?? 0);
    console.log(`${name}: FFN requests ${gap} ms apart`);
    expect(gap).toBeGreaterThanOrEqual(5000);
    expect(await savedNumbers(site.ext, LANTERN_KEY)).toEqual([1, 2, 3]);
    await close(page);
  });

  it('FFN: a challenge stops the run with its message, and nothing more is asked', async () => {
    // Cloudflare answers a check with 403 and `cf-mitigated: challenge`.
    site.server.answer(GENERATED(2), { fixture: 'ffn/cloudflare-challenge', status: 403, headers: { 'cf-mitigated': 'challenge' } });
    const page = await site.h.openPage(GENERATED(1));
    await pollView(site.ext, GENERATED(1), `(root) => !!root?.querySelector(${JSON.stringify(SAVE)})`, 15_000, 'Save whole work offered');
    const before = site.server.log.length;
    await clickInView(site.ext, page, GENERATED(1), SAVE);
    await pollView(site.ext, GENERATED(1), `(root) => !!root?.querySelector('${CONTROL} [role=alert]')`, 10_000, 'the failure');
    expect(await inView<string>(site.ext, GENERATED(1), `(root) => root.querySelector('${CONTROL} [role=alert]').textContent`)).toMatch(
      /checking that you are a person/,
    );
    expect(await controlText(GENERATED(1))).toMatch(/1 of 3 chapters saved/);
    // Longer than the gap the next request would have waited: chapter 3 is never asked for.
    await new Promise((r) => setTimeout(r, 6000));
    expect(askedSince(before).map((r) => r.url)).toEqual([GENERATED(2)]);
    expect(await savedNumbers(site.ext, `web:ffn:${GENERATED_STORY.id}`)).toEqual([1]);
    await close(page);
  });
});
