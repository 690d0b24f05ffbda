import { beforeAll, describe, expect, it } from 'vitest';
import type { ThemeChoice } from '../../lib/settings';
import { lowContrast, lowContrastInView, seriousViolations, viewViolations } from './support/a11y';
import { BROWSERS, click, clickAt, evaluate, front, poll, press, setSettings, TOP_PARAGRAPH, type AnyPage } from './support/harness';
import { GENERATED_STORY } from './support/pages';
import { useSiteBrowser } from './support/site';
import { inView, pollView, READER_SHOWN } from './support/view';

const FFN = `http://www.fanfiction.net/s/${GENERATED_STORY.id}/1/${GENERATED_STORY.slug}`;
const FFN_2 = `http://www.fanfiction.net/s/${GENERATED_STORY.id}/2/${GENERATED_STORY.slug}`;
const AO3 = 'http://archiveofourown.org/works/4242424/chapters/10000002';
const THEMES: ThemeChoice[] = ['light', 'sepia', 'dark', 'contrast', 'system'];
const TEXT = 'p, li, span, a, button, label, legend, summary, dt, dd, h1, h2, output, option';

type Keyboard = { keyboard: { type(t: string): Promise<void> } };
/** The view is a closed shadow root: the tests reach it from an extension page (support/view.ts). */
const restyled = (ext: AnyPage, url: string) => pollView(ext, url, READER_SHOWN, 10_000, `the restyled view at ${url}`);
/** The theme the restyled view shows: its settings sit on the inner `.view` element, never on the host. */
const viewTheme = (ext: AnyPage, url: string, theme: string, what: string) =>
  pollView(ext, url, `(root) => root?.querySelector('.view')?.dataset.theme === '${theme}'`, 5000, what);

describe.each(BROWSERS)('reading comfort in %s', (name) => {
  const site = useSiteBrowser(name);
  let popup: AnyPage;
  let reader: AnyPage;
  let ffn: AnyPage;
  let _ao3: AnyPage;

  beforeAll(async () => {
    popup = await site.h.openExtensionPage('/popup.html');
    reader = await site.h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    ffn = await site.h.openPage(FFN);
    _ao3 = await site.h.openPage(AO3);
    await restyled(popup, FFN);
    await restyled(popup, AO3);
  });

  it.each(THEMES)('theme %s: axe finds nothing serious and all text keeps 4.5:1 in every view', async (theme) => {
    await setSettings(popup, { theme });
    const expected = theme === 'system' ? 'light' : theme; // headless browsers report a light colour scheme
    for (const page of [popup, reader])
      await poll(page, `document.documentElement.dataset.theme === '${expected}'`, 5000, `the ${theme} theme`);
    for (const url of [FFN, AO3]) await viewTheme(popup, url, expected, `the ${theme} theme at ${url}`);
    // Open the settings panel in the reader so its controls are checked too.
    if (!(await evaluate<boolean>(reader, `!!document.querySelector('.settings')`)))
      await click(reader, '[aria-controls="reading-settings"]');

    expect(await seriousViolations(popup)).toEqual([]);
    expect(await seriousViolations(reader)).toEqual([]);
    for (const url of [FFN, AO3]) {
      const { violations, coverage } = await viewViolations(popup, url);
      expect(violations).toEqual([]);
      // axe really looked at the view's content, not an empty tree: many elements, and the contrast rule
      // passed on the story's paragraphs.
      expect(coverage.checked).toBeGreaterThan(20);
      expect(coverage.passes['color-contrast'] ?? 0).toBeGreaterThan(10);
    }
    expect(await lowContrast(popup, 'document', TEXT)).toEqual([]);
    expect(await lowContrast(reader, 'document', TEXT)).toEqual([]);
    for (const url of [FFN, AO3]) {
      const { low, checked } = await lowContrastInView(popup, url, TEXT);
      expect(low).toEqual([]);
      expect(checked).toBeGreaterThan(10);
    }
  });

  it('the axe run on the view does catch what it checks for (a control planted in a throwaway view)', async () => {
    const url = `http://www.fanfiction.net/s/${GENERATED_STORY.id}/3/${GENERATED_STORY.slug}`;
    const page = await site.h.openPage(url);
    await restyled(popup, url);
    expect((await viewViolations(popup, url)).violations).toEqual([]);
    // A nameless button and faint text, drawn into the view from the content script's world.
    await inView(
      popup,
      url,
      `(root) => {
      const text = root.querySelector('.chapter-text');
      const faint = document.createElement('p');
      faint.textContent = 'Faint words nobody can read';
      faint.style.color = 'rgb(200, 200, 200)';
      faint.style.background = 'rgb(255, 255, 255)';
      text.prepend(faint, document.createElement('button'));
    }`,
    );
    const ids = (await viewViolations(popup, url)).violations.map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['button-name', 'color-contrast']));
    await (page as unknown as { close(): Promise<void> }).close();
  });

  it('a change in the panel shows at once in a restyled page and the popup, and survives a restart', async () => {
    await setSettings(popup, { theme: 'light' });
    await viewTheme(popup, FFN, 'light', 'light');
    if (!(await evaluate<boolean>(reader, `!!document.querySelector('.settings')`)))
      await click(reader, '[aria-controls="reading-settings"]');
    await clickAt(reader, `document.querySelector('input[name=theme][value=sepia]')`);
    await click(reader, '[data-action=larger]');
    await click(reader, '[data-action=larger]');
    await viewTheme(popup, FFN, 'sepia', 'sepia on the restyled page');
    await pollView(
      popup,
      FFN,
      `(root) => getComputedStyle(root.querySelector('.chapter-text p')).fontSize === '20px'`,
      5000,
      'the larger text on the restyled page',
    );
    await poll(popup, `document.documentElement.dataset.theme === 'sepia'`, 5000, 'sepia in the popup');

    await site.h.restart();
    popup = await site.h.openExtensionPage('/popup.html');
    await poll(popup, `document.documentElement.dataset.theme === 'sepia'`, 5000, 'sepia after a restart');
    reader = await site.h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    expect(await evaluate<string>(reader, `getComputedStyle(document.querySelector('.story')).fontSize`)).toBe('20px');
    ffn = await site.h.openPage(FFN);
    await restyled(popup, FFN);
    await setSettings(popup, {});
  });

  it('keyboard only: library, a story in the panel, sections, larger text, and a page back to the original', async () => {
    // Library: search, then the first result, all from the keyboard; Enter opens the real panel.
    await front(popup);
    await evaluate(popup, `document.activeElement?.blur()`);
    await press(popup, 'Tab');
    expect(await evaluate<string>(popup, `document.activeElement.id`)).toBe('library-search');
    await (popup as unknown as Keyboard).keyboard.type('glass');
    await press(popup, 'Tab'); // sort
    await press(popup, 'Tab'); // the one story left
    expect(await evaluate<string>(popup, `document.activeElement.closest('.story-row').dataset.story`)).toBe('glass-hearts');
    await press(popup, 'Enter');
    await poll(
      popup,
      `(globalThis.browser ?? globalThis.chrome).extension.getViews().some((v) => v.location.pathname === '/sidepanel.html' && v.location.hash === '#story=glass-hearts')`,
      10_000,
      'the panel',
    );

    // The reader (here in a tab, which a test's keyboard can reach): next section, larger text.
    await front(reader);
    await evaluate(reader, `window.scrollTo(0, 0)`);
    await evaluate(reader, `document.activeElement?.blur()`);
    await press(reader, 'n');
    await poll(
      reader,
      `(() => { const n = (${TOP_PARAGRAPH})(window); const h = document.getElementById('s1'); return n >= 0 && h.getBoundingClientRect().top < innerHeight / 2; })()`,
      5000,
      'section II',
    );
    const before = await evaluate<string>(reader, `getComputedStyle(document.querySelector('.story')).fontSize`);
    await press(reader, '+');
    await poll(reader, `getComputedStyle(document.querySelector('.story')).fontSize !== '${before}'`, 5000, 'larger text');
    // Every control is reachable by Tab, with a visible focus ring.
    await evaluate(reader, `document.activeElement?.blur()`);
    await press(reader, 'Tab');
    expect(await evaluate<string>(reader, `document.activeElement.textContent`)).toMatch(/Library/);
    expect(await evaluate<string>(reader, `getComputedStyle(document.activeElement).outlineStyle`)).not.toBe('none');

    // On a restyled page the same keys work: n goes to the next chapter.
    await front(ffn);
    await press(ffn, 'n');
    await poll(ffn, `location.pathname.startsWith('/s/${GENERATED_STORY.id}/2/')`, 10_000, 'chapter 2 by keyboard');
    await restyled(popup, FFN_2);

    // A restyled page back to the original: Tab reaches the view's first control.
    await front(ffn);
    await evaluate(ffn, `document.activeElement?.blur()`);
    await press(ffn, 'Tab');
    expect(await inView<string | null>(popup, FFN_2, `(root) => root.activeElement?.textContent ?? null`)).toMatch(/Original page$/);
    await press(ffn, 'Enter');
    await poll(ffn, `getComputedStyle(document.body).display !== 'none'`, 5000, 'the original page');
  });
});
