import { describe, expect, it } from 'vitest';
import { BROWSERS, launch } from './support/harness';

/**
 * The popup and the side panel start their modules from their first-paint scripts (platform/page-module.ts).
 * In Firefox a module preloaded and then imported from a classic script sometimes never ran: about one load in
 * 60 stayed a first paint with no module (modules/first-paint.ts preloads the module in Chromium only). Each
 * page here is opened 25 times in a row, and every time it becomes ready (the module's own marker).
 */
const PAGES = ['/popup.html', '/sidepanel.html#story=glass-hearts', '/sidepanel.html#library'];
const ROUNDS = 25;

describe.each(BROWSERS)('the pages start their modules in %s', (name) => {
  it(`every one of ${ROUNDS * PAGES.length} loads of the popup and the panel becomes ready`, async () => {
    const h = await launch(name);
    let ready = 0;
    try {
      for (let i = 0; i < ROUNDS; i++) {
        for (const url of PAGES) {
          const page = await h.openExtensionPage(url); // waits for the page's ready marker, or fails
          ready++;
          await (page as { close(): Promise<void> }).close();
        }
      }
    } finally {
      await h.close();
    }
    expect(ready).toBe(ROUNDS * PAGES.length);
  }, 300_000);
});
