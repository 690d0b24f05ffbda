import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { chromiumArgs, firefoxPrefs, navigateFirefox, pollUntil } from '../test/support/browsers';
import { CHROMIUM_BIN, FIREFOX_BIN, requireBinary } from '../test/e2e/support/binaries';
import { PROBE_SOURCE } from './probe';

export type BrowserName = 'chromium' | 'firefox';

const root = resolve(import.meta.dirname, '..');
export const BENCH_BUILDS: Record<BrowserName, string> = {
  chromium: join(root, '.output/chrome-mv3-bench'),
  firefox: join(root, '.output/firefox-mv3-bench'),
};
const FIREFOX_UUID = '0b3c9a57-4e1d-4c2a-8f6e-b3ac00000001';

/** A blank extension page: the floor the popup is measured against. Only in the staged copy, never in a build. */
export const EMPTY_PAGE = '/bench-empty.html';
const EMPTY_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Empty</title></head><body></body></html>\n';
const PROBE_FILE = 'bench-probe.js';
/**
 * A blank page opened in the side panel / sidebar: the floor for a click in the popup to a story in the panel.
 * It carries the probe as a tag in both browsers, as sidepanel.html does in both (no driver runs an init
 * script in Chromium's side panel, which is not a page it attaches to).
 */
export const EMPTY_PANEL_PAGE = '/bench-empty-panel.html';
const PROBE_TAG = `<script src="/${PROBE_FILE}"></script>`;

/**
 * Copies the bench build to a temporary folder and adds the blank page next to it; in Chromium every other
 * file stays byte for byte the build's. Firefox's WebDriver BiDi runs no preload script in moz-extension://
 * documents, so in the Firefox copy only, the probe is a classic script at the top of <head> of the pages it
 * measures (the blank page included, so both sides of a ratio carry it).
 */
function stage(name: BrowserName): string {
  const dir = mkdtempSync(join(tmpdir(), `ficwell-bench-${name}-`));
  cpSync(BENCH_BUILDS[name], dir, { recursive: true });
  writeFileSync(join(dir, EMPTY_PAGE), EMPTY_HTML);
  writeFileSync(join(dir, PROBE_FILE), PROBE_SOURCE);
  writeFileSync(join(dir, EMPTY_PANEL_PAGE), EMPTY_HTML);
  // In Chromium the tag in sidepanel.html only matters in the side panel: in a tab the init script ran first
  // and the probe does nothing twice. The popup and its blank floor stay byte for byte the build's there.
  const tagged = name === 'firefox' ? ['popup.html', 'sidepanel.html', EMPTY_PAGE, EMPTY_PANEL_PAGE] : ['sidepanel.html', EMPTY_PANEL_PAGE];
  for (const page of tagged) {
    const file = join(dir, page);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/<head>/i, `<head>${PROBE_TAG}`));
  }
  return dir;
}

export interface Tab {
  /** Navigates and returns at once; measurements wait for the page's own markers. */
  goto(url: string): Promise<void>;
  eval<T>(expr: string): Promise<T>;
  waitFor(expr: string, timeoutMs?: number, what?: string): Promise<void>;
  /** Real wheel input at the middle of the viewport. */
  wheel(dy: number): Promise<void>;
  click(selector: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  addScript(content: string): Promise<void>;
  /** Chromium only: the page's V8 heap after a full garbage collection (CDP), in bytes. */
  heap?(): Promise<{ used: number; embedder: number }>;
  /** Chromium only: a full garbage collection in the page's renderer (every extension page shares it). */
  gc?(): Promise<void>;
  close(): Promise<void>;
}

export interface BenchBrowser {
  readonly name: BrowserName;
  /** chrome-extension://<id> or moz-extension://<uuid> */
  readonly origin: string;
  /** As the browser reports it, for results.json. */
  readonly version: string;
  /** A new tab; `initScript` runs in its web pages before their own scripts, after the probe. */
  newTab(options?: { initScript?: string }): Promise<Tab>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  sitePort: number;
}

export function launch(name: BrowserName, options: LaunchOptions): Promise<BenchBrowser> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}

/** What Playwright's and Puppeteer's pages both offer, called alike. */
interface DriverPage {
  evaluate(expr: string): Promise<unknown>;
  click(selector: string): Promise<void>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  close(): Promise<void>;
}

/** The part of a Tab that both drivers' pages do alike. */
function sharedTab(page: DriverPage): Pick<Tab, 'eval' | 'waitFor' | 'click' | 'addScript' | 'close'> {
  const evaluate = (expr: string) => page.evaluate(expr);
  return {
    eval: <T>(expr: string) => page.evaluate(expr) as Promise<T>,
    // Polled often: the benchmark times what it waits for.
    waitFor: (expr, timeoutMs = 15_000, what = expr) => pollUntil(evaluate, expr, timeoutMs, what, 25),
    click: (selector) => page.click(selector),
    async addScript(content) {
      await page.addScriptTag({ content });
    },
    close: () => page.close(),
  };
}

async function launchChromium({ sitePort: p }: LaunchOptions): Promise<BenchBrowser> {
  const ext = stage('chromium');
  const ctx: BrowserContext = await chromium.launchPersistentContext('', {
    executablePath: requireBinary(CHROMIUM_BIN, 'Chromium'),
    headless: true,
    args: chromiumArgs(ext, p),
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const origin = `chrome-extension://${new URL(sw.url()).host}`;
  // One blank tab stays open so closing a measured tab never closes the window (and its side panel).
  for (const page of ctx.pages()) await page.goto('about:blank');
  return {
    name: 'chromium',
    origin,
    version: execFileSync(CHROMIUM_BIN, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    async newTab(options) {
      const page: PwPage = await ctx.newPage();
      await page.addInitScript({ content: PROBE_SOURCE });
      if (options?.initScript) await page.addInitScript({ content: options.initScript });
      let cdp: CDPSession | null = null;
      return {
        ...sharedTab(page),
        async goto(url) {
          await page.goto(url, { waitUntil: 'commit' });
        },
        async wheel(dy) {
          const v = page.viewportSize() ?? { width: 800, height: 600 };
          await page.mouse.move(v.width / 2, v.height / 2);
          await page.mouse.wheel(0, dy);
        },
        setViewport: (width, height) => page.setViewportSize({ width, height }),
        async gc() {
          cdp ??= await ctx.newCDPSession(page);
          await cdp.send('HeapProfiler.collectGarbage');
        },
        async heap() {
          cdp ??= await ctx.newCDPSession(page);
          await cdp.send('HeapProfiler.collectGarbage');
          const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
          return { used: u.usedSize, embedder: u.embedderHeapUsedSize ?? 0 };
        },
      };
    },
    async close() {
      await ctx.close();
      rmSync(ext, { recursive: true, force: true });
    },
  };
}

async function launchFirefox({ sitePort: p }: LaunchOptions): Promise<BenchBrowser> {
  const ext = stage('firefox');
  const browser: PpBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: requireBinary(FIREFOX_BIN, 'Firefox ESR'),
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: firefoxPrefs(FIREFOX_UUID, p),
  });
  await browser.installExtension(ext);
  const origin = `moz-extension://${FIREFOX_UUID}`;
  return {
    name: 'firefox',
    origin,
    version: await browser.version(),
    async newTab(options) {
      const page: PpPage = await browser.newPage();
      await page.evaluateOnNewDocument(PROBE_SOURCE); // web pages; extension pages carry the staged tag
      if (options?.initScript) await page.evaluateOnNewDocument(options.initScript);
      return {
        ...sharedTab(page),
        async goto(url) {
          // BiDi sends no load event for moz-extension:// documents: do not wait for one.
          await navigateFirefox(page, url, 'none');
        },
        async wheel(dy) {
          const v = page.viewport() ?? { width: 800, height: 600 };
          await page.mouse.move(v.width / 2, v.height / 2);
          await page.mouse.wheel({ deltaY: dy });
        },
        setViewport: (width, height) => page.setViewport({ width, height }),
      };
    },
    async close() {
      await browser.close();
      rmSync(ext, { recursive: true, force: true });
    },
  };
}
