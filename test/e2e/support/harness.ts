import { mkdtempSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { chromiumArgs, firefoxPrefs, GECKO_ID, navigateFirefox, pollUntil } from '../../support/browsers';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { CHROMIUM_BIN, FIREFOX_BIN, requireBinary } from './binaries';

export { GECKO_ID };

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

/** Pinned so moz-extension:// URLs (and so the extension's IndexedDB origin) are stable across restarts. */
const FIREFOX_UUID = '6f1c2a9e-3b7d-4e58-9a0c-5d2e8f417b63';

/** The part of Playwright's and Puppeteer's Page that these tests use. */
export type AnyPage = PwPage | PpPage;

export interface Harness {
  readonly name: BrowserName;
  readonly origin: string;
  /** Opens an extension page in a new tab and waits for its readiness marker. */
  openExtensionPage(path: string): Promise<AnyPage>;
  /** Opens a web page (a fiction site, served by the local site server) in a new tab. */
  openPage(url: string, options?: { initScript?: string }): Promise<AnyPage>;
  /** Waits for a tab whose URL starts with `prefix` (one the extension opened). */
  waitForTab(prefix: string): Promise<AnyPage>;
  /** The browser profile's folder (it outlives restarts). */
  readonly profile: string;
  /** Closes the browser and starts it again on the same profile; `between` runs while it is closed. */
  restart(between?: () => void): Promise<void>;
  /**
   * Restarts the extension without the browser. Firefox: runtime.reload(), as an update does. Chromium:
   * runtime.reload() leaves an extension loaded with --load-extension unloaded in headless mode, so the
   * test closes every extension page and stops the service worker: the new code then starts from nothing.
   */
  restartExtension(page: AnyPage): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Port of the local site server (test/e2e/support/server.ts), when the test needs fan-fiction hosts. */
  sitePort?: number;
  /** Firefox preferences beside the harness's own (a small storage limit, say). */
  firefoxPrefs?: Record<string, unknown>;
}

const root = resolve(import.meta.dirname, '../../..');

export async function launch(name: BrowserName, options: LaunchOptions = {}): Promise<Harness> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}

async function launchChromium(options: LaunchOptions): Promise<Harness> {
  const ext = join(root, '.output/chrome-mv3');
  const profile = mkdtempSync(join(tmpdir(), 'ficwell-chromium-'));
  const start = async () => {
    const args = chromiumArgs(ext, options.sitePort);
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: requireBinary(CHROMIUM_BIN, 'Chromium'),
      headless: true,
      args,
      // Playwright passes --disable-extensions by default; a runtime.reload() would then leave ours off.
      ignoreDefaultArgs: ['--disable-extensions'],
    });
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
    return { ctx, id: new URL(sw.url()).host };
  };
  let { ctx, id } = await start();
  let current: BrowserContext = ctx;
  return {
    name: 'chromium',
    profile,
    get origin() {
      return `chrome-extension://${id}`;
    },
    async openExtensionPage(path) {
      const page = await current.newPage();
      await page.goto(`chrome-extension://${id}${path}`);
      await waitForReady(page);
      return page;
    },
    async openPage(url, options) {
      const page = await current.newPage();
      if (options?.initScript) await page.addInitScript(options.initScript);
      await page.goto(url);
      return page;
    },
    async waitForTab(prefix) {
      const found = current.pages().find((p) => p.url().startsWith(prefix));
      return found ?? current.waitForEvent('page', { predicate: (p) => p.url().startsWith(prefix), timeout: 15_000 });
    },
    async restart(between) {
      await current.close();
      between?.();
      ({ ctx, id } = await start());
      current = ctx;
    },
    async restartExtension() {
      for (const p of current.pages()) if (p.url().startsWith(`chrome-extension://${id}/`)) await p.close();
      const probe = await current.newPage();
      const cdp = await current.newCDPSession(probe);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await probe.close();
    },
    async close() {
      await current.close();
    },
  };
}

/**
 * Firefox loads the packed build as an installed (not temporary) add-on from the profile, so it survives a
 * restart like a real install. ESR honours xpinstall.signatures.required=false for unsigned add-ons.
 */
async function launchFirefox(options: LaunchOptions): Promise<Harness> {
  const profile = mkdtempSync(join(tmpdir(), 'ficwell-firefox-'));
  mkdirSync(join(profile, 'extensions'));
  const zip = readdirSync(join(root, '.output')).find((f) => f.endsWith('-firefox.zip'));
  if (!zip) throw new Error('No Firefox package in .output: run `npm run zip` first.');
  copyFileSync(join(root, '.output', zip), join(profile, 'extensions', `${GECKO_ID}.xpi`));
  const prefs: Record<string, unknown> = {
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 15,
    ...firefoxPrefs(FIREFOX_UUID, options.sitePort),
    // Mozilla's own test preference: permissions.request() grants without its doorhanger, which a headless
    // browser cannot show (test/e2e/optional-sites.e2e.test.ts).
    'extensions.webextOptionalPermissionPrompts': false,
    ...options.firefoxPrefs,
  };
  const start = () =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath: requireBinary(FIREFOX_BIN, 'Firefox ESR'),
      headless: true,
      userDataDir: profile,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: prefs,
    });
  let browser: PpBrowser = await start();
  const origin = `moz-extension://${FIREFOX_UUID}`;
  return {
    name: 'firefox',
    profile,
    origin,
    async openExtensionPage(path) {
      const page = await browser.newPage();
      await openFirefoxExtensionUrl(page, `${origin}${path}`);
      return page;
    },
    async openPage(url, options) {
      const page = await browser.newPage();
      // Fixture pages call alert() in scripts of their own; a modal would stop the page (Playwright
      // dismisses dialogs by itself, Puppeteer does not).
      page.on('dialog', (d) => void d.dismiss());
      if (options?.initScript) await page.evaluateOnNewDocument(options.initScript);
      await page.goto(url);
      return page;
    },
    async waitForTab(prefix) {
      // A miss names the tabs that are open (once it was a click that opened the story in the row above).
      const target = await browser
        .waitForTarget((t) => t.url().startsWith(prefix), { timeout: 15_000 })
        .catch(async (e: unknown) => {
          throw new Error(`No tab at ${prefix} (${String(e)}); open: ${(await browser.pages()).map((p) => p.url()).join(' ')}`);
        });
      const page = await target.page();
      if (!page) throw new Error(`No page for ${prefix}`);
      return page;
    },
    async restart(between) {
      await browser.close();
      between?.();
      browser = await start();
    },
    async restartExtension(page) {
      const pp = page as PpPage;
      await pp.evaluate(`browser.runtime.reload()`).catch(() => {}); // the page goes away with it
      // First the old extension is gone (its page closed or unreachable), then the new one serves pages.
      const gone = Date.now() + 10_000;
      while (
        !pp.isClosed() &&
        (await pp.evaluate('location.protocol').then(
          () => true,
          () => false,
        ))
      ) {
        if (Date.now() > gone) throw new Error('The extension page outlived runtime.reload()');
        await new Promise((r) => setTimeout(r, 50)); // a poll's interval
      }
      const probe = await browser.newPage();
      const deadline = Date.now() + 15_000;
      for (;;) {
        await navigateFirefox(probe, `${origin}/popup.html`, 'interactive').catch(() => {});
        const ready = await poll(probe, () => document.documentElement.dataset.ready === 'true', 2000, 'the reloaded extension').then(
          () => true,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline) throw new Error('The extension did not come back after runtime.reload()');
      }
      await probe.close();
    },
    async close() {
      await browser.close();
    },
  };
}

/** BiDi sends no load event for moz-extension:// documents: navigate, then wait for the page's own marker. */
async function openFirefoxExtensionUrl(page: PpPage, url: string): Promise<void> {
  await navigateFirefox(page, url, 'interactive').catch(() => {});
  await waitForReady(page);
}

export async function waitForReady(page: AnyPage, timeout = 15_000): Promise<void> {
  await poll(page, () => document.documentElement.dataset.ready === 'true', timeout, 'the page to be ready');
}

/** Polls a predicate in the page; Playwright and Puppeteer order waitForFunction's arguments differently. */
export async function poll(page: AnyPage, predicate: string | (() => unknown), timeout = 10_000, what = 'a condition'): Promise<void> {
  const expr = typeof predicate === 'string' ? predicate : `(${predicate.toString()})()`;
  await pollUntil((e) => (page as PpPage).evaluate(e), expr, timeout, what);
}

/** Waits until the first element that `selector` matches on `page` reads exactly `text`. */
export const pollText = (page: AnyPage, selector: string, text: string, timeout = 5000, what = `${selector} to read ${text}`) =>
  poll(page, `document.querySelector(${JSON.stringify(selector)})?.textContent === ${JSON.stringify(text)}`, timeout, what);

/**
 * Resolves after the page has drawn two more frames: by then a resize, scroll or font change has been laid
 * out and the scroll handlers that run in animation frames (the reader's anchoring) have run. `inPanel`
 * gives the side panel's window instead of the page's.
 */
export async function afterFrames(page: AnyPage, panel = false): Promise<void> {
  const frames = `(w) => new Promise((r) => w.requestAnimationFrame(() => w.requestAnimationFrame(() => r(true))))`;
  if (panel) await inPanel(page, frames);
  else await evaluate(page, `(${frames})(window)`);
}

/**
 * The value of `expr` once two looks 100 ms apart agree: what a person aims at has stopped moving (a resize's
 * or a draw's re-anchoring can still be under way on a loaded machine when the frames are drawn).
 */
export async function steady<T>(page: AnyPage, expr: string, timeout = 5000, what = 'the page to stand still'): Promise<T> {
  const deadline = Date.now() + timeout;
  let last = JSON.stringify(await evaluate<T>(page, expr));
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await evaluate<T>(page, expr);
    if (JSON.stringify(now) === last) return now;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    last = JSON.stringify(now);
  }
}

export async function evaluate<T>(page: AnyPage, expr: string): Promise<T> {
  return (await (page as PpPage).evaluate(expr)) as T;
}

/**
 * Runs `body` (source of a function taking the panel's window) inside the open side panel / sidebar, reached
 * from an extension page through extension.getViews(): the panel is not a tab that the drivers list.
 */
export function inPanel<T>(page: AnyPage, body: string): Promise<T> {
  return evaluate<T>(page, inPanelSource(body));
}

/** Polls `body` (as for inPanel) until it is truthy in the open side panel. */
export function pollPanel(page: AnyPage, body: string, timeout: number, what: string): Promise<void> {
  return poll(page, inPanelSource(body), timeout, what);
}

function inPanelSource(body: string): string {
  return `(() => {
      const api = globalThis.browser ?? globalThis.chrome;
      const panel = api.extension.getViews().find((v) => v.location.pathname === '/sidepanel.html' && v !== window);
      if (!panel) return null;
      return (${body})(panel);
    })()`;
}

export async function click(page: AnyPage, selector: string): Promise<void> {
  await (page as PpPage).click(selector);
}

type Keyboard = { keyboard: { press(key: string): Promise<void> } };

/** Presses a key with real input, in the page's focused element. */
export async function press(page: AnyPage, key: string): Promise<void> {
  await (page as unknown as Keyboard).keyboard.press(key);
}

/** Brings the tab in front: keyboard focus belongs to it (Firefox shows no focus ring in a background tab). */
export async function front(page: AnyPage): Promise<void> {
  await (page as unknown as { bringToFront(): Promise<void> }).bringToFront();
}

/** From an extension page: stores the default settings with `patch` over them, as the settings panel would. */
export async function setSettings(page: AnyPage, patch: object): Promise<void> {
  await evaluate(
    page,
    `(globalThis.browser ?? globalThis.chrome).storage.local.set({ settings: ${JSON.stringify({ ...DEFAULT_SETTINGS, ...patch })} })`,
  );
}

/**
 * Closes the side panel / sidebar as a person would. Chrome's sidePanel.close() needs no gesture; Firefox's
 * sidebarAction.close() does, so the test adds a button to the extension page and clicks it for real.
 */
export async function closePanel(h: Harness, page: AnyPage): Promise<void> {
  if (h.name === 'chromium') {
    await evaluate(page, `chrome.windows.getCurrent().then((w) => chrome.sidePanel.close({ windowId: w.id }))`);
  } else {
    await evaluate(
      page,
      `(() => {
      const b = document.createElement('button');
      b.id = 'test-close-sidebar';
      b.textContent = 'Close sidebar';
      b.style = 'position:fixed;top:0;left:0;z-index:99';
      b.addEventListener('click', () => { browser.sidebarAction.close(); b.remove(); });
      document.body.append(b);
    })()`,
    );
    await click(page, '#test-close-sidebar');
  }
  await poll(
    page,
    `!(globalThis.browser ?? globalThis.chrome).extension.getViews().some((v) => v.location.pathname === '/sidepanel.html')`,
    10_000,
    'the panel to close',
  );
}

/** Source of a function (window) => the reader's progress fill, unrounded: it changes with every position the reader takes. */
export const PROGRESS_FILL = `(w) => w.document.querySelector('.reader-bar .progress-fill')?.style.transform ?? ''`;

/** Source of a function (window) => the paragraph under the reader's reading line, measured independently. */
export const TOP_PARAGRAPH = `(w) => {
  const line = w.document.querySelector('.reader-bar').getBoundingClientRect().bottom + 8;
  for (const p of w.document.querySelectorAll('[data-p]')) {
    const r = p.getBoundingClientRect();
    if (r.bottom > line) return Number(p.dataset.p);
  }
  return -1;
}`;

/** Source of an expression: the reader has drawn its whole story and paragraph `n` is under its reading line. */
export const drawnAtParagraph = (n: number) =>
  `document.documentElement.dataset.complete === 'true' && (${TOP_PARAGRAPH})(window) === ${n}`;

/**
 * Source of an async function (id, position) => the paragraph number across bundled story `id` that a
 * stored position names (what TOP_PARAGRAPH reads from the reader), or undefined without a position.
 * Positions are stored as {part, paragraph, offset} (lib/position.ts): the number is derived from the
 * story's outline, as the reader derives it. Run it in an extension page.
 */
export const PARAGRAPH_NUMBER = `async (id, pos) => {
  if (!pos) return undefined;
  const { outline } = await (await fetch('/data/stories/' + id + '.json')).json();
  let n = 0;
  for (let s = 0; s < pos.part; s++) n += outline.sections[s].paragraphs;
  return n + pos.paragraph;
}`;

export async function setViewport(page: AnyPage, width: number, height: number): Promise<void> {
  if ('setViewportSize' in page) await page.setViewportSize({ width, height });
  else await page.setViewport({ width, height });
}

/** Clicks, with real input, the element an expression evaluates to (it may be inside a shadow root). */
export async function clickAt(page: AnyPage, elementExpr: string): Promise<void> {
  const box = await evaluate<{ x: number; y: number } | null>(
    page,
    `(() => {
    const el = ${elementExpr};
    if (!el) return null;
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  })()`,
  );
  if (!box) throw new Error(`Nothing to click: ${elementExpr}`);
  await (page as PpPage).mouse.click(box.x, box.y);
}
