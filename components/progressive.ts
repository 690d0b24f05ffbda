import { copyAllowed } from '../lib/sanitize';

/**
 * Draws sanitized page markup into the restyled view in slices: what fits in a first budget at once (the top
 * of the page, so the first screen paints quickly), the rest in idle time, a few milliseconds at a time. A
 * 10 MB chapter is tens of thousands of top-level nodes; drawn in one task it held the page for seconds.
 *
 * Each source is copied with `copyAllowed` (element by element from the sanitizer's allow-list, never
 * `importNode`). Paragraphs are found through `paragraphOf`, a map the site adapter filled for the elements
 * it numbered: nothing the page wrote can make an element count as one.
 */
export interface DrawSource {
  target: Element;
  nodes: DocumentFragment;
  /** Called with every drawn copy of a paragraph element of `nodes`. */
  onParagraph?: (copy: HTMLElement, index: number) => void;
}

interface Pending extends DrawSource {
  /** The next top-level node to draw. */
  next: Node | null;
}

export interface Drawer {
  add(source: DrawSource): void;
  /** Draws for up to `ms` milliseconds (at least one slice); true when everything is drawn. */
  draw(ms: number): boolean;
  /** Draws until `done()` holds or everything is drawn. */
  drawUntil(done: () => boolean): void;
  /** Draws the rest in idle time; `onProgress` runs after each slice. Returns a cancel function. */
  drawIdle(onProgress: () => void): () => void;
  readonly finished: boolean;
}

/** Top-level nodes copied between two looks at the clock. */
const STEP = 40;

export function createDrawer(paragraphOf: (el: Element) => number | undefined): Drawer {
  const queue: Pending[] = [];
  const step = (): boolean => {
    const item = queue[0];
    if (!item) return false;
    const onElement = item.onParagraph
      ? (src: Element, copy: Element) => {
          const p = paragraphOf(src);
          if (p !== undefined) item.onParagraph?.(copy as HTMLElement, p);
        }
      : undefined;
    const holder = item.target.ownerDocument.createDocumentFragment();
    item.next = copyAllowed(item.nodes, holder, {
      first: item.next,
      limit: STEP,
      keepAttributes: ['data-p'],
      ...(onElement ? { onElement } : {}),
    });
    item.target.appendChild(holder);
    if (!item.next) queue.shift();
    return queue.length > 0;
  };
  const drawer: Drawer = {
    add(source) {
      if (source.nodes.firstChild) queue.push({ ...source, next: source.nodes.firstChild });
    },
    draw(ms) {
      const end = performance.now() + ms;
      while (step() && performance.now() < end);
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
