import { describe, expect, it } from 'vitest';
import { SCREENS_KEY } from '../../lib/screen-snapshot';
import { afterFrames, BROWSERS, evaluate, poll, setSettings, setViewport, TOP_PARAGRAPH, type AnyPage } from './support/harness';
import { useBrowser } from './support/site';

const STORY = 'just-you-and-i';

/**
 * The side panel's first paint alone (entrypoints/panel-first.ts): sidepanel.html as built, its first-paint
 * script not told which module to start (modules/first-paint.ts names it there), in a frame of an extension
 * page (same origin, same localStorage), so what the classic script draws is what stays. Opened with no story
 * named, it draws the story the panel showed last.
 */
const FIRST_PAINT_ONLY = `(async () => {
  const html = await (await fetch('/sidepanel.html')).text();
  const bare = html.replace(/ data-module="[^"]*"/g, '').replace(/<link rel="modulepreload"[^>]*>/g, '');
  if (bare.includes('type="module"')) throw new Error('the built page loads its module by itself');
  document.getElementById('first-paint-only')?.remove();
  const f = document.createElement('iframe');
  f.id = 'first-paint-only';
  f.style = 'position:fixed;inset:0;width:360px;height:700px;border:0;z-index:99';
  f.srcdoc = bare;
  document.body.append(f);
  await new Promise((r) => f.addEventListener('load', r, { once: true }));
  return true;
})()`;
const FRAME = `document.getElementById('first-paint-only').contentWindow`;

/** Waits until `story` is the last one shown and its kept screen holds `text` (in its JSON). */
async function kept(tab: AnyPage, story: string, text: string) {
  await poll(
    tab,
    `(() => { const s = JSON.parse(localStorage.getItem('${SCREENS_KEY}') ?? 'null');
      return s?.last === '${story}' && JSON.stringify(s.screens[0].root).includes(${JSON.stringify(text)}); })()`,
    5000,
    `the screen of ${story} kept`,
  );
}

describe.each(BROWSERS)('the side panel first paint in %s', (name) => {
  const b = useBrowser(name, '/popup.html');

  it('draws the story where the reader left it, in the reader’s theme, before the panel’s module runs', async () => {
    await setSettings(b.ext, { theme: 'dark' });
    const tab = await b.h.openExtensionPage(`/sidepanel.html#story=${STORY}`);
    await setViewport(tab, 360, 700);
    await poll(tab, `document.documentElement.dataset.complete === 'true'`, 10_000, 'the story drawn');
    await evaluate(tab, `window.scrollTo(0, document.documentElement.scrollHeight / 3)`);
    await afterFrames(tab);
    const top = await evaluate<number>(tab, `(${TOP_PARAGRAPH})(window)`);
    expect(top).toBeGreaterThan(100);
    await kept(tab, STORY, `"data-p":"${top}"`);

    await evaluate(b.ext, FIRST_PAINT_ONLY);
    await poll(b.ext, `!!${FRAME}.document.querySelector('#first .reader [data-p]')`, 5000, 'the first paint');
    const first = await evaluate<{ top: number; theme: string; app: boolean; title: string }>(
      b.ext,
      `(() => { const w = ${FRAME}; return { top: (${TOP_PARAGRAPH})(w), theme: w.document.documentElement.dataset.theme,
        app: !!w.document.getElementById('app').firstChild, title: w.document.querySelector('#first .reader-bar .where')?.textContent ?? '' }; })()`,
    );
    expect(first).toEqual({
      top,
      theme: 'dark',
      app: false, // the module never ran: this is the classic script's drawing
      title: await evaluate<string>(tab, `document.querySelector('.reader-bar .where')?.textContent ?? ''`),
    });
    // Its text is the reader's, paragraph for paragraph.
    const text = (w: string) => `${w}.document.querySelector('[data-p="${top}"]').textContent`;
    expect(await evaluate<string>(b.ext, text(FRAME))).toBe(await evaluate<string>(tab, text('window')));
    await (tab as { close(): Promise<void> }).close();

    // The whole page: the module takes over from the first paint, which leaves nothing behind.
    const again = await b.h.openExtensionPage(`/sidepanel.html#story=${STORY}`);
    await setViewport(again, 360, 700);
    await poll(again, `document.documentElement.dataset.complete === 'true'`, 10_000, 'the story drawn again');
    expect(await evaluate<unknown>(again, `[!!document.getElementById('first'), document.querySelectorAll('.reader').length]`)).toEqual([
      false,
      1,
    ]);
    await poll(again, `(${TOP_PARAGRAPH})(window) === ${top}`, 5000, 'the same paragraph at the reading line');
    await (again as { close(): Promise<void> }).close();
  });

  it('keeps the end of a story too, with its actions as they stood', async () => {
    const end = 'her-outstretched-hand';
    const tab = await b.h.openExtensionPage(`/sidepanel.html#story=${end}`);
    await poll(tab, `document.documentElement.dataset.complete === 'true'`, 10_000, 'the story drawn');
    await evaluate(tab, `window.scrollTo(0, document.documentElement.scrollHeight)`);
    await kept(tab, end, 'epub-download');
    await evaluate(b.ext, FIRST_PAINT_ONLY);
    await poll(b.ext, `!!${FRAME}.document.querySelector('#first .epub-download input[type=checkbox]')`, 5000, 'the end drawn first');
    const last = (w: string) => `${w}.document.querySelector('.story-end')?.textContent ?? ''`;
    expect(await evaluate<string>(b.ext, last(FRAME))).toBe(await evaluate<string>(tab, last('window')));
    await (tab as { close(): Promise<void> }).close();
  });

  it('the panel opened on the library draws nothing first, and a screen that is not Ficwell’s is dropped unread', async () => {
    const tab = await b.h.openExtensionPage('/sidepanel.html#library');
    await poll(tab, `JSON.parse(localStorage.getItem('${SCREENS_KEY}')).last === null`, 5000, 'the last story forgotten');
    await evaluate(b.ext, FIRST_PAINT_ONLY);
    expect(await evaluate<number>(b.ext, `${FRAME}.document.getElementById('first').childElementCount`)).toBe(0);

    const hostile = {
      v: 1,
      last: STORY,
      screens: [{ story: STORY, settings: {}, mark: -1, markTop: 0, scrollY: 0, root: { t: 'script', c: ['parent.hit = 1'] } }],
    };
    await evaluate(tab, `localStorage.setItem('${SCREENS_KEY}', ${JSON.stringify(JSON.stringify(hostile))})`);
    await evaluate(b.ext, FIRST_PAINT_ONLY);
    expect(await evaluate<number>(b.ext, `${FRAME}.document.getElementById('first').childElementCount`)).toBe(0);
    expect(await evaluate<unknown>(b.ext, `window.hit ?? null`)).toBeNull();
    expect(await evaluate<string | null>(b.ext, `localStorage.getItem('${SCREENS_KEY}')`)).toBeNull();
    await (tab as { close(): Promise<void> }).close();
  });
});
