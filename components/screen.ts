import { SCREEN_LIMITS, TAGS, isScreenAttr, type ScreenElement, type ScreenNode } from '../lib/screen-snapshot';

/**
 * A view's screen taken as data (lib/screen-snapshot.ts) and drawn again: the side panel takes its reader as it
 * stands, and its first-paint script (entrypoints/panel-first.ts) draws it before the panel's module has loaded.
 */
export interface TakenScreen {
  root: ScreenElement;
  /**
   * The first element, in a depth-first walk, taken whole and reaching into the view (not one that stays put as
   * the page scrolls), or -1; `markTop` is where its top stood in the view, above it when negative.
   */
  mark: number;
  markTop: number;
  /** The page's scroll when taken: what a screen with no mark is drawn at. */
  scrollY: number;
}

/** Elements taken apart when only some of them is near the view; any other is taken whole or left out. */
const CONTAINERS: ReadonlySet<string> = new Set('div section article main header footer aside nav details blockquote ul ol'.split(' '));

class NotTaken extends Error {}

/**
 * `root` and what it holds within a screen's height above and below the view (`height`, the window's), without
 * the elements `leave` names (a sheet over the text, a notice about that moment). Null when it holds anything
 * the first paint may not draw or is over the limits: then no screen is kept.
 */
export function takeScreen(root: Element, height: number, leave: (el: Element) => boolean): TakenScreen | null {
  const win = root.ownerDocument.defaultView;
  let order = -1;
  let mark = -1;
  let markTop = 0;
  let nodes = 0;
  const text = (n: Node): string | null => {
    if (n.nodeType !== 3) return null; // comments and the like are not drawn
    if (++nodes > SCREEN_LIMITS.nodes) throw new NotTaken();
    return (n as Text).data;
  };
  const element = (el: Element, measure: boolean): ScreenElement | null => {
    if (leave(el)) return null;
    const tag = el.localName;
    if (!TAGS.has(tag) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') throw new NotTaken();
    let whole = !measure;
    let candidate = false;
    let top = 0;
    if (measure) {
      const r = el.getBoundingClientRect();
      if (r.bottom < -height || r.top > 2 * height) return null;
      whole = !CONTAINERS.has(tag) || (r.top >= -height && r.bottom <= 2 * height);
      top = r.top;
      // Reaching into the view, and laid out (an element not shown has an empty box at the top).
      candidate = whole && r.bottom > 0 && (r.width > 0 || r.height > 0);
    }
    if (++nodes > SCREEN_LIMITS.nodes) throw new NotTaken();
    const index = ++order;
    if (candidate && mark < 0) {
      const position = win?.getComputedStyle(el).position;
      if (position !== 'sticky' && position !== 'fixed') {
        mark = index;
        markTop = top;
      }
    }
    const out: ScreenElement = { t: tag };
    const attrs: Record<string, string> = {};
    let any = false;
    for (const a of Array.from(el.attributes)) {
      if (!isScreenAttr(a.name, a.value)) throw new NotTaken();
      attrs[a.name] = a.value;
      any = true;
    }
    // A checkbox's state is its property (Preact sets `checked`, not the attribute).
    if (el instanceof HTMLInputElement && el.checked) {
      attrs.checked = '';
      any = true;
    }
    if (any) out.a = attrs;
    const children: ScreenNode[] = [];
    for (const c of Array.from(el.childNodes)) {
      const n = c.nodeType === 1 ? element(c as Element, !whole) : text(c);
      if (n !== null) children.push(n);
    }
    if (children.length) out.c = children;
    return out;
  };
  try {
    const taken = element(root, true);
    return taken && { root: taken, mark, markTop, scrollY: win?.scrollY ?? 0 };
  } catch (e) {
    if (e instanceof NotTaken) return null;
    throw e;
  }
}

/**
 * Draws a screen checked by lib/screen-snapshot.ts into `parent`, as elements and text nodes, and scrolls the
 * page so that its mark stands where it stood.
 */
export function drawScreen(screen: TakenScreen, parent: Element): void {
  const doc = parent.ownerDocument;
  const elements: Element[] = [];
  const make = (n: ScreenNode): Node => {
    if (typeof n === 'string') return doc.createTextNode(n);
    const el = doc.createElement(n.t);
    elements.push(el);
    for (const [name, value] of Object.entries(n.a ?? {})) if (isScreenAttr(name, value)) el.setAttribute(name, value);
    for (const c of n.c ?? []) el.append(make(c));
    return el;
  };
  parent.append(make(screen.root));
  const win = doc.defaultView;
  if (!win) return;
  const mark = screen.mark >= 0 ? elements[screen.mark] : undefined;
  win.scrollTo(0, mark ? win.scrollY + mark.getBoundingClientRect().top - screen.markTop : screen.scrollY);
}
