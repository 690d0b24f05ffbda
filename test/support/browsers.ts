import type { Page as PpPage } from 'puppeteer-core';
import { sites } from '../../lib/sites/registry';

/**
 * What the end-to-end harness (test/e2e/support/harness.ts) and the benchmark (bench/browsers.ts) both need
 * to drive the two browsers: one copy of each launch flag, preference and workaround.
 */

export const GECKO_ID = 'ficwell@ficwell.invalid';

/** The hosts the local site server answers for: every registered site's (lib/sites/registry.ts), and the hostile pages' beacon. */
export const SITE_HOSTS = [...sites.hosts, 'beacon.test'];

/** Chromium's flags for a headless run with only this extension loaded; `sitePort` maps the fiction hosts to the local server. */
export function chromiumArgs(ext: string, sitePort?: number): string[] {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
  ];
  if (sitePort) args.push(`--host-resolver-rules=${SITE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${sitePort}`).join(', ')}`);
  return args;
}

/** Firefox's preferences: the extension's moz-extension:// UUID pinned, and the fiction hosts through the local server as a proxy. */
export function firefoxPrefs(uuid: string, sitePort?: number): Record<string, unknown> {
  const prefs: Record<string, unknown> = { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) };
  if (sitePort) {
    Object.assign(prefs, {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': sitePort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    });
  }
  return prefs;
}

/** Firefox's BiDi sends no load event for moz-extension:// documents: navigate without waiting for one. */
export function navigateFirefox(page: PpPage, url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void> {
  const frame = page.mainFrame() as unknown as { browsingContext: { navigate(u: string, w?: string): Promise<void> } };
  return frame.browsingContext.navigate(url, wait);
}

/** Evaluates `expr` until it is truthy; errors while the document navigates count as not yet. */
export async function pollUntil(
  evaluate: (expr: string) => Promise<unknown>,
  expr: string,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await evaluate(expr)) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
