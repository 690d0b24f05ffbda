import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations, viewViolations } from './support/a11y';
import {
  afterFrames,
  BROWSERS,
  click,
  evaluate,
  poll,
  setSettings,
  setViewport,
  steady,
  TOP_PARAGRAPH,
  type AnyPage,
} from './support/harness';
import { useSiteBrowser } from './support/site';
import { inView, pollView } from './support/view';
import { GENERATED_STORY } from './support/pages';

/**
 * The widths the reader is really opened at: Firefox's sidebar (252 px, about 240 usable), Chrome's side
 * panel (360 px), and the steps between and above them. At each: nothing overflows sideways, every control of
 * the bar and the settings sits inside the window with its words whole, the bar is one line, settings opened
 * mid-story show where the reader is without moving the text, and a contents jump lands the heading below
 * the bar.
 */
const WIDTHS = [252, 320, 360, 400, 480];
const THEMES = ['light', 'sepia', 'dark', 'contrast'] as const;
const FFN = `http://www.fanfiction.net/s/${GENERATED_STORY.id}/2/${GENERATED_STORY.slug}`;

/**
 * Source of a function (root) => what does not fit in the window: controls (buttons, inputs, labels, legends,
 * outputs, links, selects) of the bar and the open sheet that stick out of the window sideways or whose text
 * is cut, and whether the document scrolls sideways. Runs in the document or in the restyled view's root.
 */
const MISFITS = `(root) => {
  const doc = root.ownerDocument ?? root;
  const w = doc.documentElement.clientWidth;
  const out = [];
  if (doc.documentElement.scrollWidth > w + 1) out.push('the page scrolls sideways: ' + doc.documentElement.scrollWidth + ' > ' + w);
  const controls = root.querySelectorAll('.reader-bar button, .reader-bar a, .sheet button, .sheet label, .sheet legend, .sheet output, .sheet select, .sheet a, .sheet input[type=range]');
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue; // a visually hidden radio or checkbox
    const name = (el.textContent || el.getAttribute('aria-label') || el.localName).trim().slice(0, 30);
    if (r.left < -0.5 || r.right > w + 0.5) out.push(name + ': outside the window (' + Math.round(r.left) + '..' + Math.round(r.right) + ')');
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(name + ': text cut');
    for (const t of el.querySelectorAll('span')) {
      const s = t.getBoundingClientRect();
      if (s.width > 1 && (s.left < r.left - 0.5 || s.right > r.right + 0.5)) out.push(name + ': words outside their control');
    }
  }
  return out;
}`;

/** Source of (root) => the bar's height and whether its controls share one line. */
const BAR_LINE = `(root) => {
  const bar = root.querySelector('.reader-bar');
  const b = bar.getBoundingClientRect();
  const tops = [...bar.querySelectorAll(':scope > button, :scope > .progress')].map((e) => e.getBoundingClientRect().top);
  return { height: b.height, oneLine: Math.max(...tops) - Math.min(...tops) < 8 };
}`;

describe.each(BROWSERS)('the reader at the widths it opens at, in %s', (name) => {
  const site = useSiteBrowser(name);
  let reader: AnyPage;
  beforeAll(async () => {
    reader = await site.h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    await poll(reader, `document.documentElement.dataset.complete === 'true'`, 15_000, 'the story drawn');
  });

  it.each(WIDTHS)('%i px: the bar is one line, nothing overflows, settings open where the reader is and move nothing', async (width) => {
    await setViewport(reader, width, 700);
    await poll(reader, `innerWidth === ${width}`, 5000, `${width} px`);
    await evaluate(reader, `window.scrollTo(0, document.documentElement.scrollHeight * 0.45)`);
    await afterFrames(reader);
    const bar = await evaluate<{ height: number; oneLine: boolean }>(reader, `(${BAR_LINE})(document)`);
    expect(bar.oneLine).toBe(true);
    expect(bar.height).toBeLessThan(56);
    expect(await evaluate<string[]>(reader, `(${MISFITS})(document)`)).toEqual([]);

    const before = await evaluate<{ p: number; y: number }>(reader, `({ p: (${TOP_PARAGRAPH})(window), y: scrollY })`);
    expect(before.p).toBeGreaterThan(0);
    await click(reader, '[aria-controls="reading-settings"]');
    await poll(reader, `!!document.querySelector('.sheet .settings')`, 5000, 'the settings');
    await afterFrames(reader);
    const sheet = await evaluate<{ top: number; bottom: number; focusInside: boolean }>(
      reader,
      `(() => { const r = document.querySelector('.sheet').getBoundingClientRect(); return { top: r.top, bottom: r.bottom, focusInside: document.querySelector('.sheet').contains(document.activeElement) }; })()`,
    );
    expect(sheet.top).toBeGreaterThanOrEqual(0);
    expect(sheet.top).toBeLessThan(80); // right under the bar, where the reader is, not at the top of the story
    expect(sheet.bottom).toBeLessThanOrEqual(700);
    expect(sheet.focusInside).toBe(true);
    expect(await evaluate<string[]>(reader, `(${MISFITS})(document)`)).toEqual([]);
    expect(await evaluate<{ p: number; y: number }>(reader, `({ p: (${TOP_PARAGRAPH})(window), y: scrollY })`)).toEqual(before);
    // Closed from the keyboard (a driver's click on Done would first scroll the window to line it up).
    await (reader as unknown as { keyboard: { press(k: string): Promise<void> } }).keyboard.press('Escape');
    await poll(reader, `!document.querySelector('.sheet')`, 5000, 'the settings closed');
    expect(await evaluate<{ p: number; y: number }>(reader, `({ p: (${TOP_PARAGRAPH})(window), y: scrollY })`)).toEqual(before);
    expect(await evaluate<boolean>(reader, `document.activeElement?.getAttribute('aria-controls') === 'reading-settings'`)).toBe(true);
  });

  it.each(WIDTHS)('%i px: a jump from the contents puts the heading fully below the bar, and the bar names it', async (width) => {
    await setViewport(reader, width, 700);
    await poll(reader, `innerWidth === ${width}`, 5000, `${width} px`);
    await evaluate(reader, `window.scrollTo(0, 0)`);
    await click(reader, '[aria-controls="reading-contents"]');
    await poll(reader, `!!document.querySelector('#reading-contents')`, 5000, 'the contents');
    expect(await evaluate<string[]>(reader, `(${MISFITS})(document)`)).toEqual([]);
    await click(reader, '#reading-contents li:nth-child(4) .contents-link');
    const heading = `document.getElementById('s3')`;
    await poll(
      reader,
      `(() => { const h = ${heading}.getBoundingClientRect(); const bar = document.querySelector('.reader-bar').getBoundingClientRect(); return h.top >= bar.bottom && h.bottom < innerHeight / 2; })()`,
      5000,
      'section IV under the bar',
    );
    expect(await evaluate<string>(reader, `document.querySelector('.reader-bar .where').textContent`)).toBe('IV');
    // The place stays put when nothing moves: the heading is still there a moment later, not scrolled away.
    await afterFrames(reader);
    expect(
      await evaluate<boolean>(
        reader,
        `${heading}.getBoundingClientRect().top >= document.querySelector('.reader-bar').getBoundingClientRect().bottom`,
      ),
    ).toBe(true);
  });

  it.each([252, 360])(
    '%i px: folding the notes before the story leaves the fold where it was clicked, not under the bar',
    async (width) => {
      await setViewport(reader, width, 700);
      await poll(reader, `innerWidth === ${width}`, 5000, `${width} px`);
      // The resize's own re-anchoring first: a scroll made before it has run is taken back to the anchor.
      await afterFrames(reader);
      await poll(reader, `document.querySelector('.front-matter').open`, 5000, 'the notes before the story open');
      // The fold just below the bar, its notes filling the screen under it: the case that used to jump.
      await evaluate(
        reader,
        `(() => { const s = document.querySelector('.front-matter summary'); window.scrollTo(0, s.getBoundingClientRect().top + scrollY - document.querySelector('.reader-bar').getBoundingClientRect().bottom - 30); })()`,
      );
      await afterFrames(reader);
      const fold = `(() => { const b = document.querySelector('.front-matter summary').getBoundingClientRect(); return { x: b.left + 20, y: b.top + b.height / 2, top: b.top }; })()`;
      const before = await steady<{ x: number; y: number; top: number }>(reader, fold, 5000, 'the fold to stand still');
      const mouse = (reader as unknown as { mouse: { click(x: number, y: number): Promise<void> } }).mouse;
      await mouse.click(before.x, before.y);
      await poll(reader, `!document.querySelector('.front-matter').open`, 5000, 'the notes folded');
      await afterFrames(reader);
      await afterFrames(reader);
      expect((await evaluate<{ top: number }>(reader, fold)).top).toBeCloseTo(before.top, 0);
      // And open again from the same place: the fold stays, its notes unfold below it.
      await mouse.click(before.x, before.y);
      await poll(reader, `document.querySelector('.front-matter').open`, 5000, 'the notes open again');
      await afterFrames(reader);
      await afterFrames(reader);
      expect((await evaluate<{ top: number }>(reader, fold)).top).toBeCloseTo(before.top, 0);
    },
  );

  it('the text size scales everything around the story too: its details, notes and contents', async () => {
    await setViewport(reader, 360, 700);
    const sizes = `(() => {
      const px = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
      return { text: px('.story p[data-p]'), meta: px('.story-meta'), notes: px('.notes'), note: px('.note p'), contents: px('.contents-link') };
    })()`;
    await click(reader, '[aria-controls="reading-contents"]');
    await poll(reader, `!!document.querySelector('#reading-contents')`, 5000, 'the contents');
    const small = await evaluate<Record<string, number>>(reader, sizes);
    await setSettings(reader, { fontSize: 27 });
    await poll(reader, `parseFloat(getComputedStyle(document.querySelector('.story p[data-p]')).fontSize) === 27`, 5000, 'the larger text');
    const large = await evaluate<Record<string, number>>(reader, sizes);
    expect(small.text).toBe(18);
    for (const k of ['meta', 'notes', 'note', 'contents'])
      expect({ k, ratio: (large[k] ?? 0) / (small[k] ?? 1) }).toEqual({ k, ratio: expect.closeTo(1.5, 1) });
    await setSettings(reader, {});
    await click(reader, '[aria-controls="reading-contents"]');
  });

  it('the library at every width: nothing overflows sideways and its search box is in view', async () => {
    const library = await site.h.openExtensionPage('/sidepanel.html#library');
    for (const width of WIDTHS) {
      await setViewport(library, width, 700);
      await poll(library, `innerWidth === ${width}`, 5000, `${width} px`);
      expect(
        await evaluate<number>(library, `document.documentElement.scrollWidth - document.documentElement.clientWidth`),
      ).toBeLessThanOrEqual(0);
      const search = await evaluate<{ left: number; right: number; top: number }>(
        library,
        `(() => { const r = document.getElementById('library-search').getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top }; })()`,
      );
      expect(search.left).toBeGreaterThanOrEqual(0);
      expect(search.right).toBeLessThanOrEqual(width);
      expect(search.top).toBeGreaterThanOrEqual(0);
    }
    await (library as { close(): Promise<void> }).close();
    // Back from the middle of a story: the library opens at its top, its search box in view.
    await setViewport(reader, 252, 700);
    await evaluate(reader, `window.scrollTo(0, document.documentElement.scrollHeight / 2)`);
    await click(reader, '.reader-bar .back');
    await poll(reader, `!!document.getElementById('library-search')`, 5000, 'the library');
    expect(await evaluate<number>(reader, `document.getElementById('library-search').getBoundingClientRect().top`)).toBeGreaterThanOrEqual(
      0,
    );
    expect(await evaluate<number>(reader, `document.getElementById('library-search').getBoundingClientRect().bottom`)).toBeLessThanOrEqual(
      700,
    );
    await evaluate(reader, `location.hash = '#story=glass-hearts'`);
    await poll(
      reader,
      `document.documentElement.dataset.complete === 'true' && !!document.querySelector('.reader-bar')`,
      15_000,
      'the story again',
    );
  });

  it('axe finds nothing serious or critical, settings open, in every theme at 252 px and at 1280 px', async () => {
    await click(reader, '[aria-controls="reading-settings"]');
    await poll(reader, `!!document.querySelector('.sheet .settings')`, 5000, 'the settings');
    for (const width of [252, 1280]) {
      await setViewport(reader, width, 700);
      for (const theme of THEMES) {
        await setSettings(reader, { theme });
        await poll(reader, `document.documentElement.dataset.theme === '${theme}'`, 5000, theme);
        expect({ width, theme, violations: await seriousViolations(reader) }).toEqual({ width, theme, violations: [] });
      }
    }
    await setSettings(reader, {});
    await click(reader, '[aria-controls="reading-settings"]');
  });

  it('a restyled chapter at 252 and 360 px: the same one-line bar, nothing overflows, axe finds nothing serious', async () => {
    const ext = await site.h.openExtensionPage('/popup.html');
    const page = await site.h.openPage(FFN);
    await pollView(ext, FFN, `(root) => !!root?.querySelector('.restyled h1')`, 15_000, 'the restyled chapter');
    for (const width of [252, 360]) {
      await setViewport(page, width, 700);
      await poll(page, `innerWidth === ${width}`, 5000, `${width} px`);
      const bar = await inView<{ height: number; oneLine: boolean }>(ext, FFN, BAR_LINE);
      expect(bar.oneLine).toBe(true);
      expect(bar.height).toBeLessThan(56);
      expect(await inView<string[]>(ext, FFN, MISFITS)).toEqual([]);
    }
    const { violations, coverage } = await viewViolations(ext, FFN);
    expect(coverage.checked).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await (page as { close(): Promise<void> }).close();
    await (ext as { close(): Promise<void> }).close();
  });
});
