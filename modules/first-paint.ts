import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineWxtModule } from 'wxt/modules';

/**
 * The popup's (entrypoints/popup/index.html) and the side panel's (entrypoints/sidepanel/index.html) first
 * paints come from classic scripts (entrypoints/popup-first.tsx, entrypoints/panel-first.ts), which the browser
 * runs only once the page's stylesheets are in. Every file of an extension page is a round trip to the
 * browser's extension loader, about 20 ms in Chromium's traces here, and Vite's page asked for the module and
 * its preloads first. Three changes to those pages alone:
 * - their stylesheets are inlined as <style> (the extension's CSP restricts scripts, not styles), so the one
 *   file the first paint waits for is the first-paint script;
 * - the module script becomes a `data-module` on the first-paint script's tag, which starts it with a dynamic
 *   import (platform/page-module.ts): a module script holds the page's `load` event until it has run, and
 *   Chromium showed the side panel's first frame only at `load` in every load the bench timed;
 * - the module's preloads move to the end of <body>, after that script, so the script is asked for first; in
 *   Chromium the module itself is preloaded there too, so it is on its way when it is imported. Not in
 *   Firefox: there a module preloaded and then imported from a classic script sometimes never ran (a page
 *   opened 75 times in a row, popup and panel, hung once in about 60 loads; without the preload, none in 225).
 */
const PAGES: Record<string, string> = {
  'entrypoints/popup/index.html': '/popup-first.js',
  'entrypoints/sidepanel/index.html': '/panel-first.js',
};
/** entrypoints/popup-first.tsx: the first-paint script drawn with the once-only renderer. */
const FIRST_PAINT_SCRIPT = 'popup-first';

/**
 * The page with its stylesheets inlined (`cssOf` gives a built stylesheet's text by its file name, undefined
 * for one it does not know, which is left as a link), its module named on the tag of `script` (its
 * first-paint script), preloaded when `preloadModule`, and the preloads at the end of <body>. A page without
 * that script (or with none given) keeps its module script, moved to the end of <body> with the preloads.
 */
export function firstPaintPage(html: string, cssOf: (file: string) => string | undefined, script?: string, preloadModule = true): string {
  const inlined = html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, file: string) => {
    const css = cssOf(file);
    // No `</style` in it can end the element early (none is expected in our own CSS).
    return css === undefined ? tag : `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
  });
  const first = script && `<script src="${script}"></script>`;
  let module: string | undefined;
  const moved: string[] = [];
  const rest = inlined.replace(/^[ \t]*<(?:script type="module"[^>]*><\/script>|link rel="modulepreload"[^>]*>)\n?/gm, (tag) => {
    const src = /^<script type="module"[^>]*\bsrc="([^"]+)"/.exec(tag.trim())?.[1];
    if (src && first && module === undefined && inlined.includes(first)) {
      module = src;
      if (preloadModule) moved.push(`<link rel="modulepreload" crossorigin href="${src}">`);
    } else moved.push(tag.trim());
    return '';
  });
  const named = module && first ? rest.replace(first, `<script src="${script}" data-module="${module}"></script>`) : rest;
  return moved.length ? named.replace(/<\/body>/i, `  ${moved.join('\n    ')}\n  </body>`) : inlined;
}

function firstPaintFirst(preloadModule: boolean): Plugin {
  return {
    name: 'ficwell:first-paint-first',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const page = Object.keys(PAGES).find((p) => ctx.filename.endsWith(p) || ctx.path.endsWith(p));
        if (!page) return html;
        // Built pages only: the dev server's page keeps its module script.
        const script = ctx.bundle ? PAGES[page] : undefined;
        return firstPaintPage(
          html,
          (file) => {
            const asset = ctx.bundle?.[file];
            return asset?.type === 'asset' ? String(asset.source) : undefined;
          },
          script,
          preloadModule,
        );
      },
    },
  };
}

/**
 * The first-paint script's build draws with components/first-paint (a once-only renderer and the hooks of a
 * first render) where the components import Preact: the module draws the same tree with Preact a frame later.
 */
const STATIC_PREACT = [
  { find: /^preact$/, replacement: resolve(import.meta.dirname, '../components/first-paint/dom.ts') },
  { find: /^preact\/jsx-(dev-)?runtime$/, replacement: resolve(import.meta.dirname, '../components/first-paint/dom.ts') },
  { find: /^preact\/hooks$/, replacement: resolve(import.meta.dirname, '../components/first-paint/hooks.ts') },
  { find: /^preact\/(devtools|debug)$/, replacement: resolve(import.meta.dirname, '../components/first-paint/no-devtools.ts') },
];

export default defineWxtModule({
  setup(wxt) {
    wxt.hook('vite:build:extendConfig', (entries, config) => {
      config.plugins = [...(config.plugins ?? []), firstPaintFirst(wxt.config.browser !== 'firefox')];
      if (entries.length === 1 && entries[0]?.name === FIRST_PAINT_SCRIPT) {
        const alias = config.resolve?.alias;
        const before = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
        config.resolve = { ...config.resolve, alias: [...STATIC_PREACT, ...before] };
      }
    });
  },
});
