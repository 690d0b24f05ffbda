/**
 * What a page can do to the restyled view, and see of it (issue 12, the page-facing half), in real browsers:
 * drive settings and navigation by script, tear the view down with a forged message, detect Ficwell, preempt
 * its element name, stall it with a huge chapter, and move a story back from a background tab.
 */

import { mkdirSync } from 'node:fs';
import { normalizeSettings } from '../../lib/settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterFrames, BROWSERS, evaluate, GECKO_ID, launch, poll, setViewport, type AnyPage, type Harness } from './support/harness';
import { recordExpr } from './support/db';
import { hugeFfnPage, startFrontServer } from './support/front';
import { GENERATED_STORY } from './support/pages';
import type { SiteServer } from './support/server';
import { clickInView, inView, pollView, READER_SHOWN, scrollViewTo, storedSettings, viewAtParagraph } from './support/view';

const chapterUrl = (n: number) => `http://www.fanfiction.net/s/${GENERATED_STORY.id}/${n}/${GENERATED_STORY.slug}`;
const HUGE_ID = '7999001';
const HUGE_PARAGRAPHS = 67_000;
const HUGE_URL = `http://www.fanfiction.net/s/${HUGE_ID}/1/Huge-Chapter`;
const SHOTS = '/tmp/shots-sec';

/** Before the page's own scripts: records every message posted to the window and the longest gap in its task loop. */
const WATCHER = `(() => {
  const seen = { messages: [], longest: 0 };
  Object.defineProperty(window, '__watch', { value: seen });
  addEventListener('message', (e) => seen.messages.push(JSON.stringify(e.data)), true);
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    seen.longest = Math.max(seen.longest, now - last);
    last = now;
    setTimeout(tick, 10);
  };
  setTimeout(tick, 10);
})();`;

/**
 * Before the page's own scripts: counts the animation frames, until the restyled view is there, in which the
 * original page's body is laid out and holds something (a frame that would show the original first).
 */
const FLASH_WATCHER = `(() => {
  const seen = { frames: 0, flashes: 0 };
  Object.defineProperty(window, '__flash', { value: seen });
  // The view's host: a plain div after <body> (the hiding style beside it is no view).
  const view = () => [...document.documentElement.children].some((el) => el.localName === 'div');
  const frame = () => {
    seen.frames++;
    const body = document.body;
    if (body && body.firstElementChild) {
      const cs = getComputedStyle(body);
      if (cs.display !== 'none' && cs.visibility !== 'hidden') seen.flashes++;
    }
    if (!view() || seen.frames < 3) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

const close = (page: AnyPage) => (page as { close(): Promise<void> }).close();

/** Resizes the page and waits until it has the new width and has drawn two frames at it (laid out). */
async function resize(page: AnyPage, width: number) {
  await setViewport(page, width, 720);
  await poll(page, `innerWidth === ${width}`, 5000, `the page at ${width} px`);
  await afterFrames(page);
}

describe.each(BROWSERS)('the page and the view in %s', (name) => {
  let h: Harness;
  let server: SiteServer;
  let ext: AnyPage;
  let extId: string;
  beforeAll(async () => {
    server = await startFrontServer((url) =>
      url.pathname === `/s/${HUGE_ID}/1/Huge-Chapter` ? hugeFfnPage(HUGE_ID, HUGE_PARAGRAPHS) : undefined,
    );
    h = await launch(name, { sitePort: server.port });
    ext = await h.openExtensionPage('/popup.html');
    extId = name === 'firefox' ? GECKO_ID : new URL(h.origin).host;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  const setTheme = (theme: string) =>
    evaluate(
      ext,
      `(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const { settings } = await api.storage.local.get('settings');
      await api.storage.local.set({ settings: { ...(settings ?? {}), theme: '${theme}' } });
    })()`,
    );

  it('a page sees no message, no name, no mark, no attribute and no shadow root of Ficwell, in any theme', async () => {
    const url = chapterUrl(1);
    const page = await h.openPage(url, { initScript: WATCHER });
    await pollView(ext, url, READER_SHOWN);
    await setTheme('light');
    await pollView(ext, url, `(root) => root.querySelector('.view')?.dataset.theme === 'light'`, 5000, 'the light theme');
    const seen = await evaluate<{
      messages: string[];
      html: string;
      htmlAttrs: string[];
      marks: number;
      extra: { name: string; attrs: string[]; shadow: boolean }[];
      styles: string[];
    }>(
      page,
      `({
      messages: window.__watch.messages,
      html: document.documentElement.outerHTML,
      htmlAttrs: document.documentElement.getAttributeNames(),
      marks: performance.getEntriesByType('mark').length + performance.getEntriesByType('measure').length,
      extra: [...document.documentElement.children].filter((el) => el !== document.head && el !== document.body)
        .map((el) => ({ name: el.localName, attrs: el.getAttributeNames(), shadow: el.shadowRoot !== null })),
      styles: [...document.querySelectorAll('style')].map((s) => s.textContent),
    })`,
    );
    // WXT's context posted {type: "<extension id>:restyle:wxt:content-script-started", ...} here.
    expect(seen.messages).toEqual([]);
    expect(seen.html).not.toMatch(/ficwell/i);
    expect(seen.html).not.toContain(extId);
    expect(seen.htmlAttrs).toEqual([]);
    expect(seen.marks).toBe(0);
    expect(seen.extra).toEqual([{ name: 'div', attrs: [], shadow: false }]);
    for (const css of seen.styles) expect(css).not.toMatch(/ficwell|data-theme|data-mode/i);

    // The host's computed style is the same whatever the theme (pure CSS cannot read the theme either).
    const hostStyle = `(() => { const host = [...document.documentElement.children].find((el) => el.localName === 'div');
      const cs = getComputedStyle(host); return [...cs].map((p) => p + ':' + cs.getPropertyValue(p)).join(';'); })()`;
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [360, 252]) {
      await resize(page, width);
      await (page as { screenshot(o: { path: string }): Promise<unknown> }).screenshot({ path: `${SHOTS}/${name}-${width}-light.png` });
    }
    await resize(page, 360);
    const light = await evaluate<string>(page, hostStyle);
    await setTheme('dark');
    await pollView(ext, url, `(root) => root.querySelector('.view')?.dataset.theme === 'dark'`, 5000, 'the dark theme');
    for (const width of [252, 360]) {
      await resize(page, width);
      await (page as { screenshot(o: { path: string }): Promise<unknown> }).screenshot({ path: `${SHOTS}/${name}-${width}-dark.png` });
    }
    expect(await evaluate<string>(page, hostStyle)).toBe(light);
    expect(await evaluate<boolean>(page, `!!document.querySelector(':has([data-theme]), [data-theme], [style*="--bg"]')`)).toBe(false);
    await setTheme('system');
    await close(page);
  });

  it('a page script cannot change the settings, navigate or tear the view down (keys, clicks, a forged WXT message)', async () => {
    const url = chapterUrl(2);
    const page = await h.openPage(url);
    await pollView(ext, url, READER_SHOWN);
    const before = await storedSettings(ext);
    const beforeSize = await inView<string>(ext, url, `(root) => getComputedStyle(root.querySelector('.chapter-text p')).fontSize`);
    // From the page's own world: the host has no shadowRoot for it, so all it can do is dispatch at what it sees.
    const reach = await evaluate<boolean>(
      page,
      `(() => {
      const host = [...document.documentElement.children].find((el) => el.localName === 'div');
      for (const target of [window, document, document.documentElement, host]) {
        for (const key of ['+', '=', '+', 'n', 'p', '-']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      }
      host.click();
      const type = ${JSON.stringify(`${extId}:restyle:wxt:content-script-started`)};
      for (const t of [type, 'wxt:content-script-started']) {
        window.postMessage({ type: t, contentScriptName: 'restyle', messageId: 'forged' }, '*');
        document.dispatchEvent(new CustomEvent(t, { detail: { contentScriptName: 'restyle', messageId: 'forged' } }));
      }
      return host.shadowRoot !== null;
    })()`,
    );
    expect(reach).toBe(false);
    // From the content-script world, where the view's elements can be reached: script clicks are not the reader's.
    await clickInView(ext, page, url, '.reader-bar [aria-controls="reading-settings"]'); // a real click opens the panel
    await pollView(ext, url, `(root) => !!root.querySelector('#reading-settings')`, 5000, 'the settings panel');
    await inView(
      ext,
      url,
      `(root) => {
      root.querySelector('[data-action="larger"]').click();
      root.querySelector('input[name="theme"][value="dark"]').click();
      for (const box of root.querySelectorAll('#reading-settings input[type="checkbox"]')) box.click();
      root.querySelector('.settings-actions .bar-button').click();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: '+' }));
    }`,
    );
    // No sleep to prove that nothing happened: the reader's own click goes the same way as the script's (the
    // view's click handler, then a settings write to storage). Once its write is stored, the script's clicks,
    // handled before it by the same view, would have been too: the stored settings must differ from what they
    // were by that one step alone (no dark theme, no box toggled, no reset, no second or third step larger).
    const base = normalizeSettings(before);
    const sizeIs = (size: number) =>
      poll(
        ext,
        `(globalThis.browser ?? globalThis.chrome).storage.local.get('settings').then((r) => r.settings?.fontSize === ${size})`,
        5000,
        `the size ${size}`,
      );
    await clickInView(ext, page, url, '[data-action="larger"]');
    await sizeIs(base.fontSize + 1);
    expect(await storedSettings(ext)).toEqual({ ...base, fontSize: base.fontSize + 1 });
    await clickInView(ext, page, url, '[data-action="smaller"]');
    await sizeIs(base.fontSize);
    expect(await storedSettings(ext)).toEqual(base);
    await pollView(
      ext,
      url,
      `(root) => getComputedStyle(root.querySelector('.chapter-text p')).fontSize === ${JSON.stringify(beforeSize)}`,
      5000,
      'the text at its first size',
    );
    expect(await evaluate<string>(page, `location.href`)).toBe(url);
    // The view is still there, and the tab still answers the popup.
    expect(await inView<boolean>(ext, url, READER_SHOWN)).toBe(true);
    const state = await evaluate<unknown>(
      ext,
      `(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const tab = (await api.tabs.query({})).filter((t) => t.url === ${JSON.stringify(url)}).at(-1);
      return api.tabs.sendMessage(tab.id, { type: 'reader-state' });
    })()`,
    );
    expect(state).toEqual({ available: true, showing: true });
    await close(page);
  });

  it('a page that defines custom elements (ficwell-reader among them) before the script runs still gets the reader', async () => {
    const url = chapterUrl(3);
    const page = await h.openPage(url, {
      initScript: `(() => {
        for (const n of ['ficwell-reader', 'ficwell-view', 'x-reader']) customElements.define(n, class extends HTMLElement { constructor() { super(); throw new Error('preempted'); } });
      })()`,
    });
    await pollView(ext, url, READER_SHOWN);
    expect(await evaluate<string>(page, `getComputedStyle(document.body).display`)).toBe('none');
    await close(page);
  });

  it(`a 9 MB chapter (${HUGE_PARAGRAPHS.toLocaleString('en')} top-level paragraphs) shows its start at once, reads the rest in short tasks, and reopens deep in it`, async () => {
    const key = `web:ffn:${HUGE_ID}`;
    const t0 = Date.now();
    const page = await h.openPage(HUGE_URL, { initScript: WATCHER });
    await pollView(ext, HUGE_URL, READER_SHOWN, 60_000, 'the reader on the huge chapter');
    const shownMs = Date.now() - t0;
    const firstLongest = await evaluate<number>(page, `window.__watch.longest`);
    const count = `(root) => root.querySelectorAll('.chapter-text [data-p]').length`;
    const state = `(root) => root.querySelector('.reading-rest') ? 'reading' : root.querySelector('.story-end') ? 'whole' : 'neither'`;
    // Shown from its first run, the rest still being read: no end of chapter is claimed, nothing is recorded.
    const bar = `(root) => root.querySelector('.reader-bar .progress').textContent`;
    expect(await inView<string>(ext, HUGE_URL, state)).toBe('reading');
    // How far through the chapter the reader is cannot be said yet: no percent.
    expect(await inView<string>(ext, HUGE_URL, bar)).toMatch(/reading…/);
    expect(await inView<string>(ext, HUGE_URL, bar)).not.toMatch(/%/);
    expect(await evaluate(ext, recordExpr('progress', key))).toBeNull();
    const first = await inView<number>(ext, HUGE_URL, count);
    expect(first).toBeGreaterThan(0);
    const firstText = await inView<string>(ext, HUGE_URL, `(root) => root.querySelector('.chapter-text [data-p]').textContent`);
    expect(firstText).toMatch(/^Paragraph 1 of a very long chapter/);

    // Read whole: the chapter's end and its navigation are drawn, and opening it is recorded.
    await pollView(ext, HUGE_URL, `(root) => (${state})(root) === 'whole'`, 60_000, 'the whole chapter read');
    const wholeMs = Date.now() - t0;
    await poll(ext, `${recordExpr('progress', key)}.then((r) => r?.position.paragraph === 0)`, 10_000, 'the chapter recorded at its start');
    expect(await inView<string>(ext, HUGE_URL, bar)).toMatch(/\d+%/);
    const longest = await evaluate<number>(page, `window.__watch.longest`);
    // Far beyond the first run (about 200 paragraphs), which is only there once the page is read whole.
    const deep = 5000;
    await scrollViewTo(ext, HUGE_URL, deep);
    await poll(
      ext,
      `${recordExpr('progress', key)}.then((r) => Math.abs(r.position.paragraph - ${deep}) <= 3)`,
      10_000,
      `the place near paragraph ${deep} saved`,
    );
    const saved = await evaluate<{ position: { paragraph: number } }>(ext, recordExpr('progress', key));
    await close(page);

    const again = await h.openPage(HUGE_URL, { initScript: FLASH_WATCHER });
    await pollView(ext, HUGE_URL, READER_SHOWN, 60_000, 'the reader on the huge chapter, reopened');
    // Read whole before the first paint (seconds in Firefox), the page stayed hidden all along: no frame
    // showed the original before the reader.
    const flash = await evaluate<{ frames: number; flashes: number }>(again, 'window.__flash');
    expect(flash.frames).toBeGreaterThan(0);
    expect(flash.flashes).toBe(0);
    await viewAtParagraph(ext, HUGE_URL, saved.position.paragraph, 30_000, `the reopened chapter at paragraph ${saved.position.paragraph}`);
    // The page read whole before the first paint, so it shows its end at once.
    expect(await inView<string>(ext, HUGE_URL, state)).toBe('whole');
    console.info(
      `${name}: huge chapter: reader shown ${shownMs} ms after opening (longest task until then ${Math.round(firstLongest)} ms; ${first} paragraphs drawn), read whole after ${wholeMs} ms (longest task by then ${Math.round(longest)} ms)`,
    );
    expect(shownMs).toBeLessThan(30_000);
    await close(again);
  }, 240_000);

  it('a chapter opened in a background tab records nothing, and opening an earlier chapter never moves the story back', async () => {
    const row = `[data-story="web:ffn:${GENERATED_STORY.id}"]`;
    const libraryText = async () => {
      const popup = await h.openExtensionPage('/popup.html');
      await poll(popup, `!!document.querySelector('${row}')`, 5000, 'the story in the library');
      const text = await evaluate<string>(popup, `document.querySelector('${row}').textContent`);
      await close(popup);
      return text;
    };
    const key = `web:ffn:${GENERATED_STORY.id}`;
    /** Waits until the stored record of the story says `test` (source of a function of progress and story records). */
    const storedIs = (test: string, what: string) =>
      poll(
        ext,
        `Promise.all([${recordExpr('progress', key)}, ${recordExpr('webStories', key)}]).then(([p, s]) => (${test})(p, s))`,
        10_000,
        what,
      );
    /**
     * For the checks that a tab records nothing: a positive sign that what it would have recorded is stored by
     * now. A settings change must reach the view's element, which the view's effects do; Preact runs a
     * component's pending effects before it renders again, so the effect that records a chapter on opening
     * it (entrypoints/restyle, App) has run, and its report, written at once (lib/saver.ts writes the first
     * one without waiting), was sent to the background. Then a question from the same tab's content-script
     * world, on the same channel, comes back: what the background had stored for the story by then.
     */
    let themes = 0;
    const afterViewReported = async (url: string) => {
      const theme = ++themes % 2 ? 'sepia' : 'light';
      await setTheme(theme);
      await pollView(ext, url, `(root) => root.querySelector('.view')?.dataset.theme === '${theme}'`, 10_000, `the ${theme} theme`);
      return inView<{ percent: number } | null>(
        ext,
        url,
        `() => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'web-position', key: ${JSON.stringify(key)} })`,
      );
    };
    const url3 = chapterUrl(3);
    const page3 = await h.openPage(url3);
    await pollView(ext, url3, READER_SHOWN);
    await scrollViewTo(ext, url3, 60);
    await storedIs('(p, s) => s?.chapter.number === 3 && p?.percent >= 80', 'chapter 3 stored, read past 80%');
    const reading = await libraryText();
    expect(reading).toMatch(/Chapter 3 of 3, (8\d|9\d)%/);

    // Chapter 1 in a tab that is never looked at.
    const url1 = chapterUrl(1);
    const tabId = await evaluate<number>(
      ext,
      `(globalThis.browser ?? globalThis.chrome).tabs.create({ url: ${JSON.stringify(url1)}, active: false }).then((t) => t.id)`,
    );
    await pollView(ext, url1, READER_SHOWN);
    expect((await afterViewReported(url1))?.percent).toBeGreaterThanOrEqual(80);
    // (Headless Chromium reports every tab visible, so there only the second rule is what holds the story.)
    console.info(`${name}: a tab opened in the background is ${await inView<string>(ext, url1, `() => document.visibilityState`)}`);
    expect(await libraryText()).toContain(reading.match(/Chapter 3 of 3, \d+%/)?.[0]);

    // Looked at now: opening it still does not move the story back to its top.
    await evaluate(ext, `(globalThis.browser ?? globalThis.chrome).tabs.update(${tabId}, { active: true })`);
    await poll(
      ext,
      `(async () => (await (globalThis.browser ?? globalThis.chrome).tabs.get(${tabId})).active)()`,
      5000,
      'the tab in front',
    );
    await pollView(ext, url1, `() => document.visibilityState === 'visible'`, 5000, 'the tab seen');
    expect((await afterViewReported(url1))?.percent).toBeGreaterThanOrEqual(80);
    expect(await libraryText()).toContain(reading.match(/Chapter 3 of 3, \d+%/)?.[0]);

    // Reading it (the reader's own scrolling) is what moves the story.
    const page1 = await h.waitForTab(url1);
    await inView(ext, url1, `() => window.scrollTo(0, 0)`);
    const box = await inView<{ x: number; y: number }>(
      ext,
      url1,
      `() => ({ x: Math.round(innerWidth / 2), y: Math.round(innerHeight / 2) })`,
    );
    const mouse = (
      page1 as unknown as { mouse: { move(x: number, y: number): Promise<void>; wheel(a: unknown, b?: unknown): Promise<void> } }
    ).mouse;
    await mouse.move(box.x, box.y);
    if (name === 'chromium') await mouse.wheel(0, 3000);
    else await mouse.wheel({ deltaY: 3000 });
    await storedIs('(p, s) => s?.chapter.number === 1', 'chapter 1 stored');
    expect(await libraryText()).toMatch(/Chapter 1 of 3/);
    await setTheme('system');
    await close(page1);
    await close(page3);
  });
});
