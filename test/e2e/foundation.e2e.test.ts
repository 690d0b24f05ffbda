import { describe, expect, it } from 'vitest';
import { BROWSERS, click, evaluate, inPanel, poll } from './support/harness';
import { useBrowser } from './support/site';

describe.each(BROWSERS)('foundation in %s', (name) => {
  const b = useBrowser(name, '/popup.html');

  it('the popup lists the five bundled stories', async () => {
    const titles = await evaluate<string[]>(b.ext, `[...document.querySelectorAll('.row-title')].map((e) => e.textContent)`);
    expect(titles).toEqual(['Her Outstretched Hand', 'just you and I', 'Glass Hearts', 'The Dessert Shop', 'Never Alone']);
  });

  it('choosing a story opens the real side panel on its first paragraph', async () => {
    await click(b.ext, '[data-story="just-you-and-i"] button');
    await poll(
      b.ext,
      `(() => {
      const api = globalThis.browser ?? globalThis.chrome;
      return api.extension.getViews().some((v) => v.location.pathname === '/sidepanel.html' && v.document.querySelector('[data-p="0"]'));
    })()`,
      15_000,
      'the side panel to show the story',
    );
    const shown = await inPanel<{ title: string; first: string; hash: string }>(
      b.ext,
      `(w) => ({
      title: w.document.querySelector('h1').textContent,
      first: w.document.querySelector('[data-p="0"]').textContent,
      hash: w.location.hash,
    })`,
    );
    expect(shown.title).toBe('just you and I');
    expect(shown.first).toBe(
      "It's been building for a while now; maybe back in the first desert, where they had trekked through endless sand.",
    );
    expect(shown.hash).toBe('#story=just-you-and-i');
  });

  it('an unknown story id gives a clear message and the library', async () => {
    const tab = await b.h.openExtensionPage('/sidepanel.html#story=no-such-story');
    expect(await evaluate<string>(tab, `document.querySelector('[role=alert]').textContent`)).toBe(
      'There is no story “no-such-story” in the library. Choose one below.',
    );
    expect(await evaluate<number>(tab, `document.querySelectorAll('.story-row').length`)).toBe(5);
  });
});
