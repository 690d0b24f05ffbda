import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { headingBefore, paragraphAt, scrollTargetFor, type ParagraphFinder } from './anchor';

export interface ParagraphAnchorOptions<A extends { offset: number }> {
  /** Where to hit-test: the document, or the shadow root of a restyled page. */
  root: Document | ShadowRoot;
  /** The element holding the paragraphs; its size changes re-apply the anchor. */
  container: RefObject<HTMLElement | null>;
  /** The reading line, in viewport pixels. */
  line: () => number;
  /** The drawn element an anchor points at, or null when it is not drawn. */
  elementOf: (a: A) => HTMLElement | null;
  /** The anchor for a paragraph element found under the reading line, or null when it is not one of ours. */
  anchorOf: (el: HTMLElement, offset: number) => A | null;
  /** The anchor is not drawn yet but will be: restores wait for it instead of giving it up (default: never). */
  isPending?: (a: A) => boolean;
  /** Whatever besides the window lays the text out (settings, how much is drawn): a change re-applies the anchor. */
  layout: string;
  /** How paragraphs are told apart (default: the `[data-p]` elements). */
  finder?: ParagraphFinder;
  /** The reader moved: called for scrolls that neither a restore nor a reflow caused. */
  onRead: (a: A, previous: A | null) => void;
}

/**
 * Keeps a reading position anchored to a paragraph: re-applies it whenever text moves (layout inputs, the
 * container's size, the window's size) and reports the paragraph under the reading line when the reader
 * scrolls. Used by the one reader (components/Reader.tsx) in the side panel and on restyled pages.
 */
export function useParagraphAnchor<A extends { offset: number }>(
  initial: A | null,
  o: ParagraphAnchorOptions<A>,
): { anchor: RefObject<A | null>; restore: () => void; keep: () => void; readLine: () => void } {
  const anchor = useRef<A | null>(initial);
  /** Where our own last restore scrolled to: a scroll event landing there is ours, not the reader's. */
  const ownScroll = useRef<number | null>(null);
  /**
   * Where the page was when the anchor was last applied or read: a page found elsewhere later, with nothing
   * laid out differently, was scrolled by the reader (a scroll whose event is still to come).
   */
  const knownY = useRef<number | null>(null);
  const lastLayout = useRef('');
  /**
   * A fold (a `<summary>`) the reader just opened or closed, and where it was on screen: until the text has
   * settled (two frames) restores keep it there, as the browser's own scroll anchoring would, instead of
   * the paragraph; then the paragraph at the reading line becomes the anchor.
   */
  const pinned = useRef<{ el: Element; top: number } | null>(null);
  const layoutKey = () => `${innerWidth}x${innerHeight}|${o.container.current?.clientWidth ?? 0}|${o.layout}`;

  const restore = () => {
    const pin = pinned.current;
    if (pin) {
      lastLayout.current = layoutKey();
      const dy = pin.el.getBoundingClientRect().top - pin.top;
      if (Math.abs(dy) >= 1) scrollOurs(window.scrollY + dy);
      knownY.current = window.scrollY;
      return;
    }
    const a = anchor.current;
    const el = a && o.elementOf(a);
    // An anchor whose paragraph is still to be drawn (a jump into a part loading) stays pending: the layout
    // is not marked as applied, so a scroll meanwhile (the page height changing as parts come in) retries
    // the restore instead of being read as the reader moving away from it.
    if (a && !el && o.isPending?.(a)) return;
    lastLayout.current = layoutKey();
    knownY.current = window.scrollY;
    if (!a || !el) return;
    // At the very start of a section its heading goes under the line, not under the bar.
    const heading = a.offset === 0 && o.container.current ? headingBefore(el, o.container.current, o.finder) : null;
    const y = heading ? scrollTargetFor(heading, 0, o.line()) : scrollTargetFor(el, a.offset, o.line());
    if (Math.abs(window.scrollY - y) >= 1) scrollOurs(y);
    knownY.current = window.scrollY;
  };
  const scrollOurs = (y: number) => {
    ownScroll.current = Math.max(0, Math.min(y, document.documentElement.scrollHeight - innerHeight));
    window.scrollTo(0, y);
  };
  /**
   * Restores for a change the reader did not ask for (more text drawn, the container resized). A scroll of
   * the reader's whose event has not been handled yet (it is handled in the next frame) is read first, so
   * the restore keeps the paragraph they scrolled to instead of taking them back.
   */
  const keep = () => {
    const y = knownY.current;
    if (y !== null && !pinned.current && Math.abs(window.scrollY - y) > 2 && layoutKey() === lastLayout.current) readLine();
    restore();
  };
  const latest = useRef({ restore, keep, o, layoutKey });
  latest.current = { restore, keep, o, layoutKey }; // listeners outlive renders: they must use this render's values

  useLayoutEffect(restore, [o.layout]);
  useEffect(() => {
    const el = o.container.current;
    if (!el) return;
    const ro = new ResizeObserver(() => latest.current.keep());
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  /** The paragraph at the reading line, now. */
  const readLine = () => {
    const opts = latest.current.o;
    if (!opts.container.current) return;
    const hit = paragraphAt(opts.root, opts.container.current, opts.line(), opts.finder);
    const found = hit && opts.anchorOf(hit.el, hit.offset);
    if (!found) return;
    const previous = anchor.current;
    anchor.current = found;
    knownY.current = window.scrollY;
    opts.onRead(found, previous);
  };
  useEffect(() => {
    const onClick = (e: Event) => {
      const fold = (e.composedPath()[0] as Element | undefined)?.closest?.('summary');
      if (!fold) return;
      pinned.current = { el: fold, top: fold.getBoundingClientRect().top };
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          latest.current.restore();
          pinned.current = null;
          readLine();
        }),
      );
    };
    o.root.addEventListener('click', onClick, true);
    return () => o.root.removeEventListener('click', onClick, true);
  }, []);
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const { restore: again, layoutKey: key } = latest.current;
        // A restore before the first paint may fire no scroll event, so "ours" is judged by where the page is.
        const ours = ownScroll.current !== null && Math.abs(window.scrollY - ownScroll.current) <= 2;
        ownScroll.current = null;
        // A resize or reflow that moved the text: put the reader's paragraph back instead of moving it.
        if (key() !== lastLayout.current) return again();
        if (ours || pinned.current) return;
        readLine();
      });
    };
    addEventListener('scroll', onScroll, { passive: true });
    return () => {
      removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);
  return { anchor, restore, keep, readLine };
}
