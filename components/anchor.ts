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
    const el = hit && finder.of(hit);
    if (el && container.contains(el)) return hitOf(el, line);
  }
  // Nothing near the line (a heading, a break, a wide gap): the last paragraph that starts above it.
  const all = finder.all();
  let lo = 0;
  let hi = all.length - 1;
  let best: HTMLElement | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const el = all[mid] as HTMLElement;
    if (el.getBoundingClientRect().top <= line) {
      best = el;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const el = best ?? all[0];
  return el ? hitOf(el, line) : null;
}

/** The window scroll that puts `offset` (0..1) of `el` under the reading line. */
export function scrollTargetFor(el: HTMLElement, offset: number, line: number): number {
  const r = el.getBoundingClientRect();
  return window.scrollY + r.top + r.height * offset - line;
}
