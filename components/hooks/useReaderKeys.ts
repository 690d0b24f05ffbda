import { useEffect, useRef } from 'preact/hooks';
import { trusted } from '../trusted';

/** What the reader's keys do in a view; a key whose action the view lacks does nothing there. */
export interface ReaderKeyActions {
  /** n or ]: the next section or chapter. */
  next?: () => void;
  /** p or [: the previous one. */
  previous?: () => void;
  /** + or =, and -: the text size. */
  larger: () => void;
  smaller: () => void;
  /** t: the contents. */
  contents?: () => void;
  /** s: read aloud or pause; . and , the next or previous paragraph while reading aloud. */
  readAloud?: () => void;
  readNext?: () => void;
  readPrevious?: () => void;
}

const KEYS: Record<string, keyof ReaderKeyActions> = {
  n: 'next',
  ']': 'next',
  p: 'previous',
  '[': 'previous',
  '+': 'larger',
  '=': 'larger',
  '-': 'smaller',
  t: 'contents',
  s: 'readAloud',
  '.': 'readNext',
  ',': 'readPrevious',
};

/**
 * The reader's keys, one set for the side panel and restyled pages. None acts while the reader types in a
 * field (looked up through the event's composed path, so fields inside the restyled view's shadow root count)
 * or holds a modifier, and none acts for a key a page script dispatched (`trusted`).
 */
export function useReaderKeys(actions: ReaderKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = trusted((e: KeyboardEvent) => {
      const target = e.composedPath()[0] as HTMLElement | undefined;
      if (e.ctrlKey || e.metaKey || e.altKey || target?.closest?.('input, select, textarea, [contenteditable]')) return;
      const name = KEYS[e.key];
      const act = name && latest.current[name];
      if (!act) return;
      e.preventDefault();
      act();
    });
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}
