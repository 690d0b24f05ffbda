/**
 * Marks for reading aloud: a class on the paragraph being read, and the word being said as a CSS Custom
 * Highlight where the browser has them (elsewhere the word is not marked; the paragraph still is).
 */
let marked: HTMLElement | null = null;
const WORD = 'ficwell-word';

export function markReading(el: HTMLElement | null): void {
  if (marked === el) return;
  marked?.classList.remove('reading-aloud');
  marked = el;
  el?.classList.add('reading-aloud');
  markWord(null, 0, 0);
}

type Highlights = { set(name: string, h: unknown): void; delete(name: string): void };
const highlights = (): Highlights | null =>
  typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined'
    ? (CSS as unknown as { highlights: Highlights }).highlights
    : null;

/** Highlights `length` characters from `start` of the element's text (its text nodes in order), or clears it. */
export function markWord(el: HTMLElement | null, start: number, length: number): void {
  const hl = highlights();
  if (!hl) return;
  if (!el || length <= 0) return void hl.delete(WORD);
  const range = rangeAt(el, start, length);
  if (range) hl.set(WORD, new Highlight(range));
}

function rangeAt(el: HTMLElement, start: number, length: number): Range | null {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = el.ownerDocument.createRange();
  let at = 0;
  let begun = false;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const len = node.data.length;
    if (!begun && start < at + len) {
      range.setStart(node, start - at);
      begun = true;
    }
    if (begun && start + length <= at + len) {
      range.setEnd(node, start + length - at);
      return range;
    }
    at += len;
  }
  return null;
}
