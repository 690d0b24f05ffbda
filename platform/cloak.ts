/**
 * While a supported page is being read, its own content stays hidden (not removed: form state, such as text
 * typed into a review box, survives switching back). The page is hidden before its first paint so the original
 * does not flash when auto-restyle is on (display: none, so the hidden page is not even laid out: the benchmark
 * measured 437 ms against 314 ms on a 100,000-word AO3 page with visibility: hidden), and while the reader shows.
 *
 * Nothing here names Ficwell: no class or attribute on the page's elements, one `<style>` element (present only
 * while the page is hidden) whose rules are plain `html > body` selectors. A page can still see that element and
 * that its body is not displayed (README, "What a page can see").
 */
export const HIDE_CSS = 'html > body { display: none !important; }\nhtml { overflow-y: auto !important; }';

export interface PageStyles {
  /** Hides the page while Ficwell decides. */
  cloak(on: boolean): void;
  /** Hides the page while the reader shows. */
  reading(on: boolean): void;
  remove(): void;
}

export function installPageStyles(doc: Document): PageStyles {
  const style = doc.createElement('style');
  style.textContent = HIDE_CSS;
  let cloaked = false;
  let reading = false;
  const apply = () => {
    const hide = cloaked || reading;
    // In <head> once there is one (at document_start there may be none yet): not beside the view's element.
    if (hide && (!style.isConnected || (doc.head && style.parentNode !== doc.head))) (doc.head ?? doc.documentElement).append(style);
    else if (!hide) style.remove();
    // The benchmark's probe (bench/probe.ts) watches for this class; only the bench build sets it.
    if (import.meta.env.MODE === 'bench') doc.documentElement.classList.toggle('ficwell-reading', reading);
  };
  return {
    cloak(on) {
      cloaked = on;
      apply();
    },
    reading(on) {
      reading = on;
      apply();
    },
    remove() {
      cloaked = reading = false;
      apply();
    },
  };
}

/**
 * What an earlier copy of this script left behind when the extension was updated or reloaded under it and its
 * code could not clean up (Firefox discards an old content script's code at once): the hiding `<style>`.
 */
export function removeStaleStyles(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll('style'))) if (el.textContent === HIDE_CSS) el.remove();
}
