import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawScreen, takeScreen } from '../../components/screen';
import { parseScreens } from '../../lib/screen-snapshot';
import { DEFAULT_SETTINGS } from '../../lib/settings';

/**
 * A reader's screen taken and drawn again (components/screen.ts). jsdom lays nothing out, so each element's
 * box is given by hand: `box(el, top, height)` in view pixels, with the window 600 px high.
 */
const HEIGHT = 600;
const boxes = new WeakMap<Element, { top: number; height: number }>();
function box(el: Element | null, top: number, height: number) {
  if (el) boxes.set(el, { top, height });
}
vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
  const b = boxes.get(this) ?? { top: 0, height: 0 };
  return { top: b.top, bottom: b.top + b.height, height: b.height, left: 0, right: 300, width: 300, x: 0, y: b.top } as DOMRect;
});

// The reader's bar is sticky by its stylesheet (components/reader.css), which jsdom does not cascade.
const computed = window.getComputedStyle.bind(window);
vi.spyOn(window, 'getComputedStyle').mockImplementation((el: Element) =>
  el.classList.contains('reader-bar') ? ({ position: 'sticky' } as CSSStyleDeclaration) : computed(el),
);

/** A reader scrolled into its text: paragraphs 0-99, 100 px each, paragraph 40 52 px down the view (39 ends there). */
function reader(): HTMLElement {
  document.body.innerHTML = `<div id="app"><div class="reader">
    <header class="reader-bar"><button type="button" class="bar-button" aria-expanded="false">Aa</button>
      <div class="sheet"><input type="range"></div></header>
    <p class="notice" role="status">Progress could not be saved.</p>
    <main><article class="story"><header class="story-header"><h1 id="story-title">Title</h1></header>
      <div class="chunk"></div><div class="chunk-placeholder" style="height: 812px;"></div></article></main></div></div>`;
  const chunk = document.querySelector('.chunk') as HTMLElement;
  for (let p = 0; p < 100; p++) {
    const el = document.createElement('p');
    el.dataset.p = String(p);
    el.append(`Paragraph ${p} `, Object.assign(document.createElement('em'), { textContent: '<b>kept as text</b>' }));
    chunk.append(el);
    box(el, (p - 40) * 100 + 52, 100);
  }
  const root = document.querySelector('.reader') as HTMLElement;
  box(root, -4000, 10_000);
  box(root.querySelector('.reader-bar'), 0, 44);
  box(root.querySelector('main'), -4000, 10_000);
  box(root.querySelector('article'), -4000, 10_000);
  box(root.querySelector('.story-header'), -4000, 80);
  box(chunk, -4000, 10_000);
  return root;
}
const leave = (el: Element) => el.classList.contains('sheet') || el.getAttribute('role') === 'status';

afterEach(() => {
  document.body.replaceChildren();
});

describe('a screen of the reader', () => {
  it('holds the bar and the text within a screen of the view, without what is left out, marked at the first paragraph in view', () => {
    const taken = takeScreen(reader(), HEIGHT, leave);
    expect(taken).not.toBeNull();
    const json = JSON.stringify(taken?.root);
    // Paragraphs from one screen above the view (-600 px: 33 ends at -548) to two below (1200 px: 52 starts at 1252).
    const kept = [...json.matchAll(/"data-p":"(\d+)"/g)].map((m) => Number(m[1]));
    expect(kept).toEqual(Array.from({ length: 52 - 33 }, (_, i) => 33 + i));
    expect(json).not.toContain('story-title'); // 4000 px above
    expect(json).not.toContain('sheet');
    expect(json).not.toContain('could not be saved');
    // Paragraph 39, the first to reach into the view (-48 to 52 px): the bar, also in view, stays put as the page scrolls.
    expect(taken?.markTop).toBe(-48);
    expect(taken?.scrollY).toBe(0);
  });

  it('is marked inside a paragraph taller than the view, above the view when that paragraph starts there', () => {
    const root = reader();
    box(root.querySelector('[data-p="39"]'), -2300, 2000);
    box(root.querySelector('[data-p="40"]'), -300, 2000);
    for (let p = 41; p < 100; p++) box(root.querySelector(`[data-p="${p}"]`), 1700 + (p - 41) * 100, 100);
    const taken = takeScreen(root, HEIGHT, leave);
    expect(taken?.markTop).toBe(-300);
    const json = JSON.stringify(taken?.root);
    expect(json).toContain('"data-p":"40"');
  });

  it('keeps a checkbox as it stands, and draws it so', () => {
    const root = reader();
    const label = document.createElement('label');
    label.innerHTML = '<input type="checkbox"><span>Story only</span>';
    (label.querySelector('input') as HTMLInputElement).checked = true;
    root.querySelector('main')?.append(label);
    box(label, 300, 30);
    const taken = takeScreen(root, HEIGHT, leave);
    if (!taken) throw new Error('not taken');
    vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    document.body.innerHTML = '<div id="first"></div>';
    drawScreen(taken, document.getElementById('first') as HTMLElement);
    expect(document.querySelector<HTMLInputElement>('#first label input')?.checked).toBe(true);
  });

  it('is not taken when it holds anything the first paint may not draw', () => {
    const root = reader();
    const p41 = root.querySelector('[data-p="41"]') as HTMLElement;
    for (const [name, value] of [
      ['onclick', 'alert(1)'],
      ['id', 'app'], // would stand in for the page's own #app
      ['name', 'getElementById'], // an image's name is a property of the document
      ['style', 'position: fixed; inset: 0'],
      ['referrerpolicy', 'unsafe-url'],
    ]) {
      p41.setAttribute(name as string, value as string);
      expect(takeScreen(root, HEIGHT, leave), name).toBeNull();
      p41.removeAttribute(name as string);
    }
    expect(takeScreen(root, HEIGHT, leave)).not.toBeNull();
    const other = reader();
    other.querySelector('main')?.append(document.createElement('iframe'));
    box(other.querySelector('iframe'), 100, 100);
    expect(takeScreen(other, HEIGHT, leave)).toBeNull();
  });

  it('is drawn again as elements and text, and scrolled so that its mark stands where it stood', () => {
    const taken = takeScreen(reader(), HEIGHT, leave);
    if (!taken) throw new Error('not taken');
    const stored = parseScreens(JSON.stringify({ v: 1, last: 's', screens: [{ story: 's', settings: DEFAULT_SETTINGS, ...taken }] }));
    const screen = stored?.screens[0];
    if (!screen) throw new Error('not read back');
    document.body.innerHTML = '<div id="first"></div>';
    const first = document.getElementById('first') as HTMLElement;
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    // Drawn, the mark (paragraph 39) is laid out 650 px down the page: the view moves to put its top 48 px above.
    let measured: Element | undefined;
    vi.mocked(Element.prototype.getBoundingClientRect).mockImplementationOnce(function (this: Element) {
      measured = this;
      return { top: 650 } as DOMRect;
    });
    drawScreen(screen, first);
    expect(measured?.getAttribute('data-p')).toBe('39');
    expect(scrollTo).toHaveBeenCalledWith(0, 698);
    expect(first.querySelectorAll('[data-p]')).toHaveLength(52 - 33);
    expect(first.querySelector('em')?.textContent).toBe('<b>kept as text</b>');
    expect(first.querySelector('b')).toBeNull();
    expect(first.querySelector('.reader-bar button')?.getAttribute('aria-expanded')).toBe('false');
    expect(first.querySelector('[data-p="40"]')?.textContent).toBe('Paragraph 40 <b>kept as text</b>');
  });
});
