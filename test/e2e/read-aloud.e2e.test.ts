import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lowContrast, seriousViolations } from './support/a11y';
import { fakeSpeechSource } from './support/fake-speech-page';
import {
  afterFrames,
  BROWSERS,
  click,
  evaluate,
  front,
  launch,
  poll,
  press,
  setSettings,
  setViewport,
  TOP_PARAGRAPH,
  type AnyPage,
  type Harness,
} from './support/harness';

const STORY = '/sidepanel.html#story=just-you-and-i';
const SHOTS = '/tmp/shots-speech';

interface Said {
  text: string;
  p: number | null;
  inView: boolean;
}
const said = (page: AnyPage) => evaluate<Said[]>(page, `window.__speech`);
/** The paragraphs read, in order, each once. */
const paragraphsRead = (log: Said[]) => log.map((s) => s.p).filter((p, i, all) => p !== all[i - 1]);
const complete = (page: AnyPage) => poll(page, `document.documentElement.dataset.complete === 'true'`, 15_000, 'the story drawn');

/** Scrolls the reader so that paragraph n is at its reading line, and waits until the reader has taken it. */
async function scrollToParagraph(page: AnyPage, n: number) {
  await evaluate(
    page,
    `(() => {
    const el = document.querySelector('[data-p="${n}"]');
    const line = document.querySelector('.reader-bar').getBoundingClientRect().bottom + 8;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - line + 2);
  })()`,
  );
  await afterFrames(page);
  await poll(page, `(${TOP_PARAGRAPH})(window) === ${n}`, 5000, `paragraph ${n} at the reading line`);
  await afterFrames(page);
}

describe.each(BROWSERS)('read aloud in %s', (name) => {
  let h: Harness;
  let reader: AnyPage;
  let middle = -1;

  beforeAll(async () => {
    h = await launch(name);
    reader = await h.openExtensionPage(STORY);
    await complete(reader);
  });
  afterAll(async () => h?.close());

  it('from the middle: three paragraphs read in order with the view following; paused, closed and reopened at the paragraph being read', async () => {
    const count = await evaluate<number>(reader, `document.querySelectorAll('[data-p]').length`);
    middle = Math.floor(count / 2);
    await scrollToParagraph(reader, middle);
    expect(await evaluate<boolean>(reader, fakeSpeechSource())).toBe(true);
    await click(reader, '.read-aloud');
    await poll(
      reader,
      `(() => { const ps = window.__speech.map((s) => s.p); return new Set(ps).size >= 4; })()`,
      20_000,
      'three paragraphs read',
    );
    const log = await said(reader);
    expect(paragraphsRead(log).slice(0, 4)).toEqual([middle, middle + 1, middle + 2, middle + 3]);
    expect(log.every((s) => s.inView)).toBe(true);
    // What was said is each paragraph's text, whole, in order.
    for (const n of [middle, middle + 1, middle + 2]) {
      const text = await evaluate<string>(reader, `document.querySelector('[data-p="${n}"]').textContent`);
      expect(
        log
          .filter((s) => s.p === n)
          .map((s) => s.text)
          .join(' ')
          .replace(/\s+/g, ' '),
      ).toBe(text.replace(/\s+/g, ' ').trim());
    }
    await click(reader, '.read-aloud'); // pause
    const reading = await evaluate<number>(reader, `Number(document.querySelector('.reading-aloud').dataset.p)`);
    expect(reading).toBeGreaterThanOrEqual(middle + 3);
    expect(await evaluate<string>(reader, `document.querySelector('.read-aloud').textContent`)).toMatch(/Resume/);
    const before = (await said(reader)).length;
    await new Promise((r) => setTimeout(r, 800));
    expect((await said(reader)).length).toBe(before); // paused: nothing more is said
    expect(await evaluate<number>(reader, `(${TOP_PARAGRAPH})(window)`)).toBe(reading);

    await (reader as { close(): Promise<void> }).close();
    reader = await h.openExtensionPage(STORY);
    await complete(reader);
    await afterFrames(reader);
    expect(await evaluate<number>(reader, `(${TOP_PARAGRAPH})(window)`)).toBe(reading);
  });

  it('the control is reachable by keyboard and s starts and pauses; axe finds nothing serious and the marked paragraph keeps 4.5:1 in every theme', async () => {
    await front(reader);
    expect(await evaluate<boolean>(reader, fakeSpeechSource(400))).toBe(true);
    await evaluate(reader, `document.activeElement?.blur()`);
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await press(reader, 'Tab');
      reached = await evaluate<boolean>(reader, `document.activeElement?.classList.contains('read-aloud') ?? false`);
    }
    expect(reached).toBe(true);
    expect(await evaluate<string>(reader, `getComputedStyle(document.activeElement).outlineStyle`)).not.toBe('none');
    await press(reader, 'Enter');
    await poll(
      reader,
      `!!document.querySelector('.reading-aloud') && document.querySelector('.read-aloud').getAttribute('aria-pressed') === 'true'`,
      5000,
      'reading from the keyboard',
    );
    await press(reader, 's');
    await poll(reader, `document.querySelector('.read-aloud').getAttribute('aria-pressed') === 'false'`, 5000, 's pauses');
    await click(reader, '[aria-controls="reading-settings"]');
    await poll(reader, `!!document.querySelector('.read-aloud-settings select')`, 5000, 'the read-aloud settings');
    for (const theme of ['light', 'sepia', 'dark', 'contrast'] as const) {
      await setSettings(reader, { theme });
      await poll(reader, `document.documentElement.dataset.theme === '${theme}'`, 5000, theme);
      expect(await seriousViolations(reader)).toEqual([]);
      expect(
        await lowContrast(
          reader,
          'document',
          '.reading-aloud, .read-aloud, .read-aloud span, .read-aloud-settings span, .read-aloud-settings option, .read-aloud-settings legend',
        ),
      ).toEqual([]);
      // The marked paragraph stands out from the text around it.
      const [marked, plain] = await evaluate<[string, string]>(
        reader,
        `(() => {
        const m = document.querySelector('.reading-aloud');
        const o = m.nextElementSibling ?? m.previousElementSibling;
        const s = (e) => { const c = getComputedStyle(e); return c.backgroundColor + c.boxShadow; };
        return [s(m), s(o)];
      })()`,
      );
      expect(marked).not.toBe(plain);
    }
    await setSettings(reader, {});
  });

  it('the bar with the control at 360 px and 252 px, light and dark: every button inside the bar and at least 24 px, the bar one line', async () => {
    await click(reader, '.settings .settings-actions button:last-child'); // Done
    await poll(reader, `!document.querySelector('.settings')`, 5000, 'the settings closed');
    for (const theme of ['light', 'dark'] as const) {
      await setSettings(reader, { theme });
      await poll(reader, `document.documentElement.dataset.theme === '${theme}'`, 5000, theme);
      for (const width of [360, 252]) {
        await setViewport(reader, width, 640);
        await afterFrames(reader);
        const fits = await evaluate<{ inside: boolean; barHeight: number; buttons: number }>(
          reader,
          `(() => {
          const bar = document.querySelector('.reader-bar');
          const b = bar.getBoundingClientRect();
          const buttons = [...bar.querySelectorAll('button')];
          return { inside: buttons.every((x) => { const r = x.getBoundingClientRect(); return r.left >= b.left && r.right <= b.right + 0.5 && r.width >= 24 && r.height >= 24; }), barHeight: b.height, buttons: buttons.length };
        })()`,
        );
        expect(fits.inside).toBe(true);
        expect(fits.buttons).toBe(3); // back, read aloud, settings (a story of one section has no contents button)
        expect(fits.barHeight).toBeLessThan(56);
        await (reader as { screenshot(o: { path: string }): Promise<unknown> }).screenshot({
          path: `${SHOTS}/${name}-${width}-${theme}.png`,
        });
      }
    }
    await setSettings(reader, {});
  });
});
