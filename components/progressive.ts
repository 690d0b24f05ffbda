import { h, render } from 'preact';
import type { Block } from '../lib/doc/model';
import { Blocks, type OnAnchor } from './Blocks';

/**
 * Draws document blocks into the reader in slices (components/Reader.tsx: a page's chapters, a bundled
 * story's chunks, the notes): what fits in a first budget at once (the top of the text, so the first screen
 * paints quickly), the rest in idle time, a few milliseconds at a time. A 10 MB chapter is tens of thousands
 * of blocks; drawn in one task it held the page for seconds.
 *
 * Each slice is drawn by the one renderer (components/Blocks.tsx) into a fragment, then appended: the target
 * keeps the blocks as its own children, as one render would have drawn them. Anchorable elements are handed
 * to `onAnchor` as they are drawn, so the view's record of its paragraphs never depends on reading an
 * attribute back.
 */
export interface DrawSource {
  target: Element;
  blocks: readonly Block[];
  onAnchor?: OnAnchor;
}

interface Pending extends DrawSource {
  /** The index of the next block to draw. */
  next: number;
}

export interface Drawer {
  add(source: DrawSource): void;
  /**
   * Draws for up to `ms` milliseconds (at least one slice), or until `enough(last)` holds for the last element
   * a slice drew; true when everything is drawn.
   */
  draw(ms: number, enough?: (last: Element) => boolean): boolean;
  /** Draws until `done()` holds or everything is drawn. */
  drawUntil(done: () => boolean): void;
  /** Draws the rest in idle time; `onProgress` runs after each slice. Returns a cancel function. */
  drawIdle(onProgress: () => void): () => void;
  readonly finished: boolean;
}

/** Top-level blocks drawn between two looks at the clock. */
const STEP = 40;

export function createDrawer(): Drawer {
  const queue: Pending[] = [];
  /** The last element drawn. */
  let last: Element | null = null;
  const step = (): boolean => {
    const item = queue[0];
    if (!item) return false;
    const holder = item.target.ownerDocument.createDocumentFragment();
    const end = Math.min(item.next + STEP, item.blocks.length);
    render(h(Blocks, { blocks: item.blocks.slice(item.next, end), ...(item.onAnchor ? { onAnchor: item.onAnchor } : {}) }), holder);
    item.next = end;
    last = holder.lastElementChild ?? last;
    item.target.appendChild(holder);
    if (item.next >= item.blocks.length) queue.shift();
    return queue.length > 0;
  };
  const drawer: Drawer = {
    add(source) {
      if (source.blocks.length) queue.push({ ...source, next: 0 });
    },
    draw(ms, enough) {
      const end = performance.now() + ms;
      while (step() && performance.now() < end && !(enough && last && enough(last)));
      return queue.length === 0;
    },
    drawUntil(done) {
      while (!done() && step());
    },
    drawIdle(onProgress) {
      let handle: number | undefined;
      const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      const schedule = () => {
        handle = idle ? idle(run, { timeout: 200 }) : (setTimeout(run, 16) as unknown as number);
      };
      const run = () => {
        const more = !drawer.draw(12);
        onProgress();
        if (more) schedule();
      };
      if (queue.length) schedule();
      return () => {
        if (handle === undefined) return;
        if (idle) (globalThis as unknown as { cancelIdleCallback(h: number): void }).cancelIdleCallback(handle);
        else clearTimeout(handle);
      };
    },
    get finished() {
      return queue.length === 0;
    },
  };
  return drawer;
}
