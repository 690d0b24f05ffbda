import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../support/memory-storage';
import {
  forgetLast,
  forgetScreen,
  keepScreen,
  markShown,
  parseScreens,
  SCREEN_LIMITS,
  SCREENS_KEPT,
  SCREENS_KEY,
  screenFor,
  type ReaderScreen,
  type ScreenElement,
  type ScreenStorage,
} from '../../lib/screen-snapshot';
import { DEFAULT_SETTINGS } from '../../lib/settings';

const memory = memoryStorage;

const root: ScreenElement = {
  t: 'div',
  a: { class: 'reader' },
  c: [
    { t: 'header', a: { class: 'reader-bar' }, c: [{ t: 'button', a: { type: 'button', 'aria-expanded': 'false' }, c: ['Aa'] }] },
    {
      t: 'main',
      c: [
        { t: 'p', a: { 'data-p': '7' }, c: ['She said ', { t: 'em', c: ['<img src=x onerror=alert(1)>'] }] },
        { t: 'a', a: { href: 'https://archiveofourown.org/works/1' }, c: ['the work'] },
        { t: 'div', a: { class: 'chunk-placeholder', style: 'height: 812px;' } },
      ],
    },
  ],
};
const screen = (story: string, over: Partial<ReaderScreen> = {}): ReaderScreen => ({
  story,
  settings: { ...DEFAULT_SETTINGS, theme: 'dark' },
  root,
  mark: 3,
  markTop: 52,
  scrollY: 4000,
  ...over,
});
const stored = (screens: unknown[], last: unknown = null, v: unknown = 1) => JSON.stringify({ v, last, screens });

describe('the side panel kept screens', () => {
  it('gives back the screen kept for the story the address names, and for no story named the last one shown', () => {
    const store = memory();
    expect(keepScreen(store, screen('a'))).toBe(true);
    expect(keepScreen(store, screen('b', { markTop: 10 }))).toBe(true);
    expect(screenFor(store, { kind: 'story', id: 'a' })).toEqual(screen('a'));
    expect(screenFor(store, { kind: 'last' })).toEqual(screen('b', { markTop: 10 }));
    expect(screenFor(store, { kind: 'story', id: 'c' })).toBeNull();
    expect(screenFor(store, { kind: 'library' })).toBeNull();
  });

  it('opens on nothing with no story named once the library was shown, and still on a story named', () => {
    const store = memory();
    keepScreen(store, screen('a'));
    forgetLast(store);
    expect(screenFor(store, { kind: 'last' })).toBeNull();
    expect(screenFor(store, { kind: 'story', id: 'a' })?.story).toBe('a');
  });

  it(`keeps the ${SCREENS_KEPT} stories read last, the latest first, and writes nothing when nothing changed`, () => {
    const store = memory();
    for (const id of ['a', 'b', 'c', 'd', 'e']) keepScreen(store, screen(id));
    keepScreen(store, screen('c'));
    expect(parseScreens(store.data.get(SCREENS_KEY))?.screens.map((s) => s.story)).toEqual(['c', 'e', 'd', 'b']);
    const writes = store.writes;
    expect(keepScreen(store, screen('c'))).toBe(false);
    expect(store.writes).toBe(writes);
  });

  it('drops the oldest screens when all of them would be over the size kept', () => {
    const store = memory();
    const big = (id: string) => screen(id, { root: { t: 'p', c: ['x'.repeat(SCREEN_LIMITS.chars - 10)] } });
    for (const id of ['a', 'b', 'c', 'd', 'e']) keepScreen(store, big(id));
    const kept = parseScreens(store.data.get(SCREENS_KEY));
    expect(kept?.screens.map((s) => s.story)).toEqual(['e', 'd', 'c']);
    expect(store.data.get(SCREENS_KEY)?.length).toBeLessThanOrEqual(SCREEN_LIMITS.total);
  });

  it('reads the settings back as settings: a value no version wrote becomes its default', () => {
    const store = memory({ [SCREENS_KEY]: stored([{ ...screen('a'), settings: { theme: 'neon', fontSize: 'huge' } }], 'a') });
    const s = screenFor(store, { kind: 'last' });
    expect(s?.settings.theme).toBe(DEFAULT_SETTINGS.theme);
    expect(s?.settings.fontSize).toBe(DEFAULT_SETTINGS.fontSize);
  });

  const el = (x: unknown) => stored([{ ...screen('a'), root: x }], 'a');
  const deep = (d: number): unknown => (d === 0 ? 'x' : { t: 'div', c: [deep(d - 1)] });
  it.each([
    ['a script element', el({ t: 'script', c: ['alert(1)'] })],
    ['an svg element', el({ t: 'svg' })],
    ['an event handler', el({ t: 'p', a: { onclick: 'alert(1)' } })],
    ['a javascript: link', el({ t: 'a', a: { href: 'javascript:alert(1)' } })],
    ['a data: image', el({ t: 'img', a: { src: 'data:image/png;base64,AA' } })],
    ['a style that loads something', el({ t: 'div', a: { style: 'background: url(https://x.example/a.png)' } })],
    ['an element named as the page’s own root', el({ t: 'div', a: { id: 'app' } })],
    ['an image named as a property of the document', el({ t: 'img', a: { name: 'getElementById', src: 'https://x.example/a.png' } })],
    ['a style the reader does not write', el({ t: 'div', a: { style: 'position: fixed; inset: 0; z-index: 9' } })],
    ['a referrer sent in full', el({ t: 'img', a: { src: 'https://x.example/a.png', referrerpolicy: 'unsafe-url' } })],
    ['an input that is an image', el({ t: 'input', a: { type: 'image', src: 'https://x.example/a.png' } })],
    ['a field no element has', el({ t: 'p', html: '<b>x</b>' })],
    ['markup as the root', el('<p>hello</p>')],
    ['a nesting over the limit', el(deep(SCREEN_LIMITS.depth + 2))],
    ['two screens of one story', stored([screen('a'), screen('a')], 'a')],
    ['a mark that is no index', stored([{ ...screen('a'), mark: 1.5 }], 'a')],
    ['another version', stored([screen('a')], 'a', 2)],
    [
      'more screens than are kept',
      stored(
        ['a', 'b', 'c', 'd', 'e'].map((id) => screen(id)),
        'a',
      ),
    ],
    ['no JSON', '{"v":1,'],
  ])('drops a stored value holding %s, and removes it', (_what, text) => {
    const store = memory({ [SCREENS_KEY]: text });
    expect(parseScreens(text)).toBeNull();
    expect(screenFor(store, { kind: 'story', id: 'a' })).toBeNull();
    expect(store.data.has(SCREENS_KEY)).toBe(false);
  });

  it('takes the nesting the reader draws', () => {
    expect(parseScreens(el(deep(SCREEN_LIMITS.depth - 1)))).not.toBeNull();
  });

  it('never throws when storage does: the panel then draws from its module alone', () => {
    const broken: ScreenStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(screenFor(broken, { kind: 'last' })).toBeNull();
    expect(keepScreen(broken, screen('a'))).toBe(false);
    expect(() => forgetLast(broken)).not.toThrow();
    const full = memory();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(keepScreen(full, screen('a'))).toBe(false);
    expect(screenFor(undefined, { kind: 'last' })).toBeNull();
  });
});

describe('what is written', () => {
  it('is never a screen that would read back as broken: the others stay', () => {
    const store = memory();
    keepScreen(store, screen('a'));
    const huge = screen('b', { root: { t: 'p', c: ['x'.repeat(SCREEN_LIMITS.chars + 1)] } });
    expect(keepScreen(store, huge)).toBe(false);
    expect(screenFor(store, { kind: 'story', id: 'a' })?.story).toBe('a');
  });

  it('forgets the story’s older screen when the new one cannot be stored', () => {
    const store = memory();
    keepScreen(store, screen('a'));
    keepScreen(store, screen('b'));
    const set = store.setItem;
    store.setItem = (k, v) => {
      if (v.includes('"markTop":99')) throw new Error('QuotaExceededError');
      set(k, v);
    };
    expect(keepScreen(store, screen('a', { markTop: 99 }))).toBe(false);
    expect(screenFor(store, { kind: 'story', id: 'a' })).toBeNull();
    expect(screenFor(store, { kind: 'story', id: 'b' })?.story).toBe('b');
  });

  it('opens with no story named on the story shown last, or on nothing when none is kept for it', () => {
    const store = memory();
    keepScreen(store, screen('a'));
    keepScreen(store, screen('b'));
    markShown(store, 'a');
    expect(screenFor(store, { kind: 'last' })?.story).toBe('a');
    markShown(store, 'c'); // shown, but no screen kept yet: not b's either
    expect(screenFor(store, { kind: 'last' })).toBeNull();
  });
});

describe('a screen forgotten', () => {
  it('is not drawn again, and the others stay', () => {
    const store = memory();
    keepScreen(store, screen('a'));
    keepScreen(store, screen('b'));
    forgetScreen(store, 'b');
    expect(screenFor(store, { kind: 'story', id: 'b' })).toBeNull();
    expect(screenFor(store, { kind: 'last' })).toBeNull(); // b was the last shown
    expect(screenFor(store, { kind: 'story', id: 'a' })?.story).toBe('a');
  });
});
