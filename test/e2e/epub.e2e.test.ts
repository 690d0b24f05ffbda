import { describe, expect, it } from 'vitest';
import { BROWSERS, click, evaluate, poll } from './support/harness';
import { catchDownload, caughtDownload } from './support/download';
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
    await catchDownload(reader);
    await evaluate(reader, `window.scrollTo(0, document.documentElement.scrollHeight)`);
    await click(reader, '.epub-download button');
    const got = await caughtDownload(reader);
    const head = Buffer.from(got.bytes.subarray(0, 58)).toString('latin1');
    expect(got.name).toBe('Glass Hearts.epub');
    // A zip whose first entry is `mimetype`, stored: its name and then its text, uncompressed, at the start.
    expect(head.slice(0, 4)).toBe('PK\u0003\u0004');
    expect(head.slice(30)).toBe('mimetypeapplication/epub+zip');
    expect(got.bytes.length).toBeGreaterThan(5000);
    await (reader as { close(): Promise<void> }).close();
  });
});
