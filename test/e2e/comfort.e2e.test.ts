import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ThemeChoice } from '../../lib/settings';
import { lowContrast, seriousViolations } from './support/a11y';
import { BROWSERS, click, clickAt, evaluate, launch, poll, SHADOW, TOP_PARAGRAPH, type AnyPage, type Harness } from './support/harness';
import { GENERATED_STORY } from './support/pages';
import { startSiteServer, type SiteServer } from './support/server';

const FFN = `http://www.fanfiction.net/s/${GENERATED_STORY.id}/1/${GENERATED_STORY.slug}`;
const AO3 = 'http://archiveofourown.org/works/4242424/chapters/10000002';
const THEMES: ThemeChoice[] = ['light', 'sepia', 'dark', 'contrast', 'system'];
const TEXT = 'p, li, span, a, button, label, legend, summary, dt, dd, h1, h2, output, option';

type Keyboard = { keyboard: { press(k: string): Promise<void>; type(t: string): Promise<void> } };
const press = (page: AnyPage, key: string) => (page as unknown as Keyboard).keyboard.press(key);
/** Keyboard focus belongs to the tab in front (Firefox shows no focus ring in a background tab). */
const front = (page: AnyPage) => (page as unknown as { bringToFront(): Promise<void> }).bringToFront();
const setSettings = (page: AnyPage, patch: object) =>
  evaluate(page, `(globalThis.browser ?? globalThis.chrome).storage.local.set({ settings: ${JSON.stringify({ ...DEFAULT_SETTINGS, ...patch })} })`);
const restyled = (page: AnyPage) => poll(page, `${SHADOW}?.querySelector('h1') && document.querySelector('ficwell-reader').dataset.mode === 'reader'`, 10_000, 'the restyled view');

describe.each(BROWSERS)('reading comfort in %s', (name) => {
  let h: Harness;
  let server: SiteServer;
  let popup: AnyPage;
  let reader: AnyPage;
  let ffn: AnyPage;
  let ao3: AnyPage;

  beforeAll(async () => {
    server = await startSiteServer();
    h = await launch(name, { sitePort: server.port });
    popup = await h.openExtensionPage('/popup.html');
    reader = await h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    ffn = await h.openPage(FFN);
    ao3 = await h.openPage(AO3);
    await restyled(ffn);
    await restyled(ao3);
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it.each(THEMES)('theme %s: axe finds nothing serious and all text keeps 4.5:1 in every view', async (theme) => {
    await setSettings(popup, { theme });
    const expected = theme === 'system' ? 'light' : theme; // headless browsers report a light colour scheme
    for (const page of [popup, reader]) await poll(page, `document.documentElement.dataset.theme === '${expected}'`, 5000, `the ${theme} theme`);
    for (const page of [ffn, ao3]) await poll(page, `document.querySelector('ficwell-reader').dataset.theme === '${expected}'`, 5000, `the ${theme} theme`);
    // Open the settings panel in the reader so its controls are checked too.
    if (!(await evaluate<boolean>(reader, `!!document.querySelector('.settings')`))) await click(reader, '[aria-controls="reading-settings"]');

    expect(await seriousViolations(popup)).toEqual([]);
    expect(await seriousViolations(reader)).toEqual([]);
    expect(await seriousViolations(ffn, 'ficwell-reader')).toEqual([]);
    expect(await seriousViolations(ao3, 'ficwell-reader')).toEqual([]);
    expect(await lowContrast(popup, 'document', TEXT)).toEqual([]);
    expect(await lowContrast(reader, 'document', TEXT)).toEqual([]);
    expect(await lowContrast(ffn, SHADOW, TEXT)).toEqual([]);
    expect(await lowContrast(ao3, SHADOW, TEXT)).toEqual([]);
  });

  it('a change in the panel shows at once in a restyled page and the popup, and survives a restart', async () => {
    await setSettings(popup, { theme: 'light' });
    await poll(ffn, `document.querySelector('ficwell-reader').dataset.theme === 'light'`, 5000, 'light');
    if (!(await evaluate<boolean>(reader, `!!document.querySelector('.settings')`))) await click(reader, '[aria-controls="reading-settings"]');
    await clickAt(reader, `document.querySelector('input[name=theme][value=sepia]')`);
    await click(reader, '[data-action=larger]');
    await click(reader, '[data-action=larger]');
    await poll(ffn, `document.querySelector('ficwell-reader').dataset.theme === 'sepia'`, 5000, 'sepia on the restyled page');
    await poll(ffn, `getComputedStyle(${SHADOW}.querySelector('.chapter-text p')).fontSize === '20px'`, 5000, 'the larger text on the restyled page');
    await poll(popup, `document.documentElement.dataset.theme === 'sepia'`, 5000, 'sepia in the popup');

    await h.restart();
    popup = await h.openExtensionPage('/popup.html');
    await poll(popup, `document.documentElement.dataset.theme === 'sepia'`, 5000, 'sepia after a restart');
    reader = await h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    expect(await evaluate<string>(reader, `getComputedStyle(document.querySelector('.story')).fontSize`)).toBe('20px');
    ffn = await h.openPage(FFN);
    await restyled(ffn);
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
    await poll(popup, `(globalThis.browser ?? globalThis.chrome).extension.getViews().some((v) => v.location.pathname === '/sidepanel.html' && v.location.hash === '#story=glass-hearts')`, 10_000, 'the panel');

    // The reader (here in a tab, which a test's keyboard can reach): next section, larger text.
    await front(reader);
    await evaluate(reader, `window.scrollTo(0, 0)`);
    await evaluate(reader, `document.activeElement?.blur()`);
    await press(reader, 'n');
    await poll(reader, `(() => { const n = (${TOP_PARAGRAPH})(window); const h = document.getElementById('s1'); return n >= 0 && h.getBoundingClientRect().top < innerHeight / 2; })()`, 5000, 'section II');
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
    await restyled(ffn);

    // A restyled page back to the original: Tab reaches the view's first control.
    await front(ffn);
    await evaluate(ffn, `document.activeElement?.blur()`);
    await press(ffn, 'Tab');
    expect(await evaluate<string>(ffn, `${SHADOW}.activeElement?.textContent`)).toBe('Original page');
    await press(ffn, 'Enter');
    await poll(ffn, `getComputedStyle(document.body).display !== 'none'`, 5000, 'the original page');
  });
});
