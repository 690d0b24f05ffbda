import { afterAll, beforeAll } from 'vitest';
import { launch, type AnyPage, type BrowserName, type Harness } from './harness';
import { startSiteServer, type SiteServer } from './server';

/** What useSiteBrowser's beforeAll fills in: read it inside tests and hooks, never at collection time. */
export interface SiteBrowser {
  server: SiteServer;
  h: Harness;
  /** The extension page asked for, opened once the browser is up. */
  ext: AnyPage;
}

/** What useBrowser's beforeAll fills in: read it inside tests and hooks, never at collection time. */
export type ExtensionBrowser = Omit<SiteBrowser, 'server'>;

/**
 * useSiteBrowser without a site: a browser with Ficwell (and `extensionPage` opened when given), closed after
 * the block's tests.
 */
export function useBrowser(name: BrowserName, extensionPage?: string): ExtensionBrowser {
  const b = {} as ExtensionBrowser;
  beforeAll(async () => {
    b.h = await launch(name);
    if (extensionPage) b.ext = await b.h.openExtensionPage(extensionPage);
  });
  afterAll(async () => b.h?.close());
  return b;
}

/**
 * Registers, in the describe block it is called in, a beforeAll that starts the local site server and a
 * browser routed to it (and opens `extensionPage` when given), and an afterAll that closes the browser, then
 * the server. Hooks registered after it run after it, so they can use what it filled in.
 */
export function useSiteBrowser(name: BrowserName, extensionPage?: string): SiteBrowser {
  const site = {} as SiteBrowser;
  beforeAll(async () => {
    site.server = await startSiteServer();
    site.h = await launch(name, { sitePort: site.server.port });
    if (extensionPage) site.ext = await site.h.openExtensionPage(extensionPage);
  });
  afterAll(async () => {
    await site.h?.close();
    await site.server?.close();
  });
  return site;
}
