import { describe, expect, it } from 'vitest';
import { BROWSERS, click, evaluate, poll } from './support/harness';
import { useSiteBrowser } from './support/site';

/**
 * "Download EPUB" at the end of a bundled story, in the real side panel page: the zip code loads on the click,
 * and the browser is handed a file through a Blob URL on an `<a download>` (caught here before it is saved).
 */
describe.each(BROWSERS)('EPUB download, in %s', (name) => {
  const site = useSiteBrowser(name, '/popup.html');

  it('the end of a story offers the EPUB; a click hands the browser the book, named after the story', async () => {
    const reader = await site.h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    await poll(reader, `document.documentElement.dataset.complete === 'true'`, 15_000, 'the story drawn');
    await evaluate(
      reader,
      `(() => {
      window.__epub = new Promise((resolve) => {
        HTMLAnchorElement.prototype.click = function () {
          const name = this.download;
          fetch(this.href).then((r) => r.arrayBuffer()).then((b) => {
            const bytes = new Uint8Array(b);
            resolve({ name, size: bytes.length, head: String.fromCharCode(...bytes.subarray(0, 58)) });
          });
        };
      });
    })()`,
    );
    await evaluate(reader, `window.scrollTo(0, document.documentElement.scrollHeight)`);
    await click(reader, '.epub-download button');
    const got = await evaluate<{ name: string; size: number; head: string }>(reader, `window.__epub`);
    expect(got.name).toBe('Glass Hearts.epub');
    // A zip whose first entry is `mimetype`, stored: its name and then its text, uncompressed, at the start.
    expect(got.head.slice(0, 4)).toBe('PK\u0003\u0004');
    expect(got.head.slice(30)).toBe('mimetypeapplication/epub+zip');
    expect(got.size).toBeGreaterThan(5000);
    await (reader as { close(): Promise<void> }).close();
  });
});
