/**
 * Starts a page's module from its first-paint script (entrypoints/popup-first.tsx, entrypoints/panel-first.ts).
 * The built page names the module on that script's tag (`data-module`, written by modules/first-paint.ts)
 * instead of loading it with a `<script type="module">`: a module script delays the page's `load` event
 * until it has run, and Chromium showed the side panel's first frame only at `load` in every load the bench
 * timed, so the first paint stood unseen behind the module's evaluation. A dynamic import does not delay
 * `load`. The popup is started the same way; how Chromium shows a real popup was not measured (the bench
 * opens it in a tab).
 */
export function startPageModule(script: HTMLOrSVGScriptElement | null): void {
  const src = script?.getAttribute('data-module');
  // Only a file of the extension's own (the page's CSP allows no other).
  if (!src || !/^\/[\w./-]+\.(?:js|tsx?)$/.test(src) || src.includes('..') || src.startsWith('//')) return;
  void import(/* @vite-ignore */ src);
}

/**
 * Runs a page's first paint, then starts its module whatever the paint did: a page whose first paint failed
 * still gets its module. Call it from the first-paint script as it runs (`document.currentScript` is its tag).
 */
export function firstPaintThenModule(draw: () => void): void {
  const script = document.currentScript;
  try {
    draw();
  } finally {
    startPageModule(script);
  }
}
