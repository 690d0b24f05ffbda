import { useEffect } from 'preact/hooks';
import { forgetScreen, keepScreen, markShown, type ScreenStorage } from '../../lib/screen-snapshot';
import type { Settings } from '../../lib/settings';
import { takeScreen } from '../screen';

/** After the reader stops moving (scrolling, resizing, folding), this long before its screen is kept. */
const KEEP_AFTER_MS = 300;

/** Left out of a kept screen: a sheet open over the text, an offer hanging from the bar, a notice of that moment. */
function leave(el: Element): boolean {
  const role = el.getAttribute('role');
  return el.classList.contains('sheet') || el.classList.contains('bar-offer') || role === 'status' || role === 'alert';
}

/**
 * Keeps the story's screen as the reader leaves it (lib/screen-snapshot.ts), for the panel's first paint the next
 * time it opens on this story: once drawn, after each move, and as the panel is hidden or closed.
 */
export function useKeptScreen(story: string, settings: Settings, store: ScreenStorage | undefined, root: () => Element | null): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const take = () => {
      clearTimeout(timer);
      const el = root();
      const screen = el && takeScreen(el, innerHeight, leave);
      // A screen that cannot be taken now: the one kept before is out of date.
      if (screen) keepScreen(store, { story, settings, ...screen });
      else forgetScreen(store, story);
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(take, KEEP_AFTER_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') take();
    };
    markShown(store, story);
    soon();
    addEventListener('scroll', soon, { passive: true });
    addEventListener('resize', soon);
    addEventListener('pagehide', take);
    document.addEventListener('toggle', soon, true); // a fold opened or closed (toggle does not bubble)
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearTimeout(timer);
      removeEventListener('scroll', soon);
      removeEventListener('resize', soon);
      removeEventListener('pagehide', take);
      document.removeEventListener('toggle', soon, true);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [story, settings]);
}
