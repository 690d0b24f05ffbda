import type { PanelRoute } from './route';
import { normalizeSettings, type Settings } from './settings';

/**
 * The side panel's reading screen as it was last drawn, for the panel's first paint (entrypoints/panel-first.ts):
 * the panel's module starts 40-60 ms after its page, and a classic script can draw this at once, from
 * `localStorage` (synchronous, the extension's own origin), before the module reads the story from the package
 * and IndexedDB and draws it again. The module's own render replaces it (entrypoints/sidepanel/main.tsx).
 *
 * A screen is the reader's elements as drawn (its bar and the text within a screen of the view), as data: tags,
 * attributes and text. Only the tags the reader draws are kept, and attributes by name with the values it
 * writes (its ids, its inline styles, links and images of the sanitizer's kind); the whole stored value is
 * checked when it is written and when it is read back, and a screen with anything else is dropped. It is drawn
 * as elements and text nodes, never as markup.
 */
export const SCREENS_KEY = 'ficwell:panel-screens';
export const SCREENS_VERSION = 1;
/** Stories whose last screen is kept, the latest first. */
export const SCREENS_KEPT = 4;
/** Far above what a screen of the reader needs (a screen is some 2-20 kB); a bigger value is not ours. */
export const SCREEN_LIMITS = { nodes: 6000, chars: 200_000, depth: 40, total: 800_000 } as const;

/** An element: its tag, its attributes, its children (text as strings). */
export interface ScreenElement {
  t: string;
  a?: Record<string, string>;
  c?: ScreenNode[];
}
export type ScreenNode = string | ScreenElement;

export interface ReaderScreen {
  /** The story shown, as the panel's address names it (`#story=<id>`). */
  story: string;
  /** The reading settings the screen was drawn with: applied to the page before it is drawn. */
  settings: Settings;
  /** The reader's element, its parts more than a screen away from the view left out. */
  root: ScreenElement;
  /** The element (by its place in a depth-first walk of `root`'s elements) whose top stood at `markTop` in the view, or -1. */
  mark: number;
  markTop: number;
  /** The page's scroll, for a screen with no mark (nothing above the view was left out). */
  scrollY: number;
}

export interface PanelScreens {
  v: typeof SCREENS_VERSION;
  /** The story the panel showed last, or null when it last showed the library. */
  last: string | null;
  screens: ReaderScreen[];
}

export const TAGS: ReadonlySet<string> = new Set(
  (
    'div header footer main article section aside nav button span p h1 h2 h3 h4 h5 h6 details summary ul ol li a ' +
    'em strong i b u s sup sub code small blockquote hr br img table thead tbody tfoot tr td th caption pre figure figcaption ' +
    'label input progress'
  ).split(' '),
);
/** Attributes whose value is free text or a number: none of them loads, runs or names anything. */
const PLAIN_ATTRS: ReadonlySet<string> = new Set(
  'class role lang dir align start colspan rowspan title alt open hidden tabindex width height disabled checked for value max data-p data-part'.split(
    ' ',
  ),
);
/** Attributes the reader writes with one value, or a few. */
const FIXED_ATTRS: Readonly<Record<string, readonly string[]>> = {
  type: ['button', 'checkbox'],
  rel: ['noopener noreferrer', 'next'],
  referrerpolicy: ['no-referrer'],
  loading: ['lazy'],
};
/**
 * The ids the reader gives: its title, its sections (`s0`), a saved work's chapters (`c1`, `chapter-1`), a
 * control's label, and the sanitizer's `user-content-` ids. No other: an element named `app` or `first` would
 * stand in for the page's own in a lookup made while the first paint is shown.
 */
const ID = /^(?:story-title|whole-work-count|[sc]\d{1,6}|chapter-\d{1,6}|user-content-[^\s]{1,500})$/;
/** The reader's inline styles: a placeholder's height, the progress bar's scale, a deferred part's size. */
const STYLE = /^(?:\s*(?:height: \d+(?:\.\d+)?px|transform: scaleX\([\d.e+-]+\)|contain-intrinsic-size: auto \d+(?:\.\d+)?px);)+$/;
const HTTP = /^https?:\/\/[^\s]+$/i;

/** Whether `name="value"` is one the reader draws and the first paint may set. */
export function isScreenAttr(name: string, value: string): boolean {
  if (value.length > 2000) return false;
  if (PLAIN_ATTRS.has(name) || /^aria-[a-z]+$/.test(name)) return true;
  if (Object.hasOwn(FIXED_ATTRS, name)) return FIXED_ATTRS[name]?.includes(value) ?? false;
  if (name === 'id') return ID.test(value);
  if (name === 'href') return HTTP.test(value) || /^#[^\s]*$/.test(value);
  if (name === 'src') return HTTP.test(value);
  if (name === 'style') return STYLE.test(value);
  return false;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** `x` as a screen element if it is exactly one within the limits; null otherwise. */
export function checkScreenElement(x: unknown): ScreenElement | null {
  let nodes = 0;
  let chars = 0;
  const ok = (n: unknown, depth: number): boolean => {
    if (++nodes > SCREEN_LIMITS.nodes || depth > SCREEN_LIMITS.depth) return false;
    if (typeof n === 'string') {
      chars += n.length;
      return chars <= SCREEN_LIMITS.chars;
    }
    if (!isObj(n) || typeof n.t !== 'string' || !TAGS.has(n.t)) return false;
    for (const k of Object.keys(n)) if (k !== 't' && k !== 'a' && k !== 'c') return false;
    if (n.a !== undefined) {
      if (!isObj(n.a)) return false;
      for (const [name, value] of Object.entries(n.a)) {
        if (typeof value !== 'string' || !isScreenAttr(name, value)) return false;
        chars += value.length;
      }
      if (chars > SCREEN_LIMITS.chars) return false;
    }
    if (n.c === undefined) return true;
    return Array.isArray(n.c) && n.c.every((c) => ok(c, depth + 1));
  };
  if (typeof x === 'string' || !ok(x, 0)) return null;
  return x as ScreenElement;
}

function checkScreen(x: unknown): ReaderScreen | null {
  if (!isObj(x) || typeof x.story !== 'string' || !x.story || x.story.length > 300) return null;
  const { mark, markTop, scrollY } = x;
  if (!Number.isSafeInteger(mark) || (mark as number) < -1 || !isNumber(markTop) || !isNumber(scrollY) || scrollY < 0) return null;
  const root = checkScreenElement(x.root);
  if (!root || !isObj(x.settings)) return null;
  return { story: x.story, settings: normalizeSettings(x.settings), root, mark: mark as number, markTop, scrollY };
}

/** The stored screens, or null when there are none or they are not exactly what Ficwell writes. */
export function parseScreens(text: string | null | undefined): PanelScreens | null {
  if (typeof text !== 'string' || text.length > SCREEN_LIMITS.total) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObj(raw) || raw.v !== SCREENS_VERSION || !Array.isArray(raw.screens) || raw.screens.length > SCREENS_KEPT) return null;
  if (!(raw.last === null || (typeof raw.last === 'string' && raw.last.length <= 300))) return null;
  const screens: ReaderScreen[] = [];
  for (const s of raw.screens) {
    const screen = checkScreen(s);
    if (!screen || screens.some((x) => x.story === screen.story)) return null;
    screens.push(screen);
  }
  return { v: SCREENS_VERSION, last: raw.last, screens };
}

/** Where the screens are kept: `localStorage` of the extension's origin in the panel, a fake in tests. */
export interface ScreenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function read(store: ScreenStorage): PanelScreens | null {
  const text = store.getItem(SCREENS_KEY);
  const s = parseScreens(text);
  if (!s && text !== null) store.removeItem(SCREENS_KEY);
  return s;
}

/**
 * The screen the panel's address opens on: the story it names, or with no story named, the story the panel
 * showed last (none when it last showed the library). Null when there is none kept. Never throws.
 */
export function screenFor(store: ScreenStorage | undefined, route: PanelRoute): ReaderScreen | null {
  try {
    const all = store && read(store);
    const id = route.kind === 'story' ? route.id : route.kind === 'last' ? all?.last : null;
    return (id && all?.screens.find((s) => s.story === id)) || null;
  } catch {
    return null;
  }
}

/** Keeps `screen` as its story's latest (the story shown last); true when it wrote. Never throws. */
export function keepScreen(store: ScreenStorage | undefined, screen: ReaderScreen): boolean {
  try {
    if (!store || !checkScreen(screen)) return false; // a screen read back as broken would drop all the others
    const old = read(store);
    const others = (old?.screens ?? []).filter((s) => s.story !== screen.story);
    // The oldest go first when the whole would be over the limit.
    for (let kept = SCREENS_KEPT - 1; kept >= 0; kept--) {
      const text = JSON.stringify({ v: SCREENS_VERSION, last: screen.story, screens: [screen, ...others.slice(0, kept)] });
      if (text.length > SCREEN_LIMITS.total) continue;
      if (store.getItem(SCREENS_KEY) === text) return false;
      store.setItem(SCREENS_KEY, text);
      return true;
    }
    return false;
  } catch {
    // Storage full or turned off: the story's older screen is not drawn either; the module draws it alone.
    forgetScreen(store, screen.story);
    return false;
  }
}

/**
 * The panel shows `story`: opened with no story named, it opens on that story's screen, or on none when none
 * is kept for it. Never throws.
 */
export function markShown(store: ScreenStorage | undefined, story: string): void {
  try {
    const old = store && read(store);
    if (!store || !old) return;
    const last = old.screens.some((s) => s.story === story) ? story : null;
    if (old.last !== last) store.setItem(SCREENS_KEY, JSON.stringify({ ...old, last }));
  } catch {
    // as in keepScreen
  }
}

/** The panel could not open `story` (its saved copy deleted, its text gone): its screen is not drawn again. Never throws. */
export function forgetScreen(store: ScreenStorage | undefined, story: string): void {
  try {
    const old = store && read(store);
    if (!store || !old?.screens.some((s) => s.story === story)) return;
    const screens = old.screens.filter((s) => s.story !== story);
    store.setItem(SCREENS_KEY, JSON.stringify({ ...old, last: old.last === story ? null : old.last, screens }));
  } catch {
    // as in keepScreen
  }
}

/** The panel shows the library: opened with no story named, it opens there, not on the last story. Never throws. */
export function forgetLast(store: ScreenStorage | undefined): void {
  try {
    const old = store && read(store);
    if (store && old && old.last !== null) store.setItem(SCREENS_KEY, JSON.stringify({ ...old, last: null }));
  } catch {
    // as in keepScreen
  }
}
