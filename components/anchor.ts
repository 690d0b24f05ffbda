/**
 * Finding the paragraph under a reading line and putting it back there: the DOM side of paragraph anchoring
 * (the arithmetic is in lib/position.ts). `root` is the document, or the shadow root of a restyled page.
 */

export interface Hit {
  el: HTMLElement;
  offset: number;
}

function hitOf(el: HTMLElement, line: number): Hit {
  const r = el.getBoundingClientRect();
  return { el, offset: r.height > 0 ? Math.min(1, Math.max(0, (line - r.top) / r.height)) : 0 };
}

/** How a view tells its paragraphs: by default the `[data-p]` elements it drew. */
export interface ParagraphFinder {
  /** The paragraph element `el` is in (or is), or null. */
  of(el: Element): HTMLElement | null;
  /** Every drawn paragraph, in document order. */
  all(): ArrayLike<HTMLElement>;
}

const byAttribute = (container: HTMLElement): ParagraphFinder => ({
  of: (el) => el.closest<HTMLElement>('[data-p]'),
  all: () => container.querySelectorAll<HTMLElement>('[data-p]'),
});

/** The paragraph under the reading line, probing a little lower when the line falls between two. */
export function paragraphAt(
  root: Document | ShadowRoot,
  container: HTMLElement,
  line: number,
  finder: ParagraphFinder = byAttribute(container),
): Hit | null {
  const box = container.getBoundingClientRect();
  const x = box.left + box.width / 2;
  for (let dy = 0; dy <= 64; dy += 8) {
    const hit = root.elementFromPoint(x, line + dy);
    // A section heading belongs to the paragraph it introduces: a jump puts the heading at the line.
    if (dy === 0 && hit?.closest(HEADING) && container.contains(hit)) {
      const all = finder.all();
      const next = all[firstBelow(all, hit.getBoundingClientRect().bottom)];
      if (next) return { el: next, offset: 0 };
    }
    const el = hit && finder.of(hit);
    if (el && container.contains(el)) return hitOf(el, line);
  }
  // Nothing near the line (a break, a wide gap, notes): the last paragraph that starts above it.
  const all = finder.all();
  const el = all[firstBelow(all, line, true) - 1] ?? all[0];
  return el ? hitOf(el, line) : null;
}

/** The headings that open a section or chapter in both views. */
const HEADING = '.section-heading';

/**
 * The index of the first paragraph (in document order) whose top is below `y` (strictly, with `strict`), or
 * `all.length` when none is: a binary search, so a hit test reads a few boxes however much is drawn.
 */
function firstBelow(all: ArrayLike<HTMLElement>, y: number, strict = false): number {
  let lo = 0;
  let hi = all.length - 1;
  let found = all.length;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const top = (all[mid] as HTMLElement).getBoundingClientRect().top;
    if (strict ? top > y : top >= y) {
      found = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

/**
 * The section heading right before paragraph `el` (nothing but other non-paragraph elements between them),
 * within `container`: a place at the very start of a section shows its heading below the bar.
 */
export function headingBefore(
  el: HTMLElement,
  container: HTMLElement,
  finder: ParagraphFinder = byAttribute(container),
): HTMLElement | null {
  let node: Element | null = el;
  while (node && node !== container) {
    let sib: Element | null = node.previousElementSibling;
    while (sib) {
      if (sib.matches(HEADING)) return sib as HTMLElement;
      if (finder.of(sib) || sib.querySelector('[data-p]')) return null;
      sib = sib.previousElementSibling;
    }
    node = node.parentElement;
  }
  return null;
}

/** The window scroll that puts `offset` (0..1) of `el` under the reading line. */
export function scrollTargetFor(el: HTMLElement, offset: number, line: number): number {
  const r = el.getBoundingClientRect();
  return window.scrollY + r.top + r.height * offset - line;
}
