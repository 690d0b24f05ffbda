import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineWxtModule } from 'wxt/modules';

/**
 * The popup's (entrypoints/popup/index.html) and the side panel's (entrypoints/sidepanel/index.html) first
 * paints come from classic scripts (entrypoints/popup-first.tsx, entrypoints/panel-first.ts), which the browser
 * runs only once the page's stylesheets are in. Every file of an extension page is a round trip to the
 * browser's extension loader, about 20 ms in Chromium's traces here, and Vite's page asked for the module and
 * its preloads first. Two changes to those pages alone:
 * - its stylesheets are inlined as <style> (the extension's CSP restricts scripts, not styles), so the one
 *   file the first paint waits for is the first-paint script;
 * - the module script and its preloads move to the end of <body>, after that script, so it is asked for first.
 *   A module script is deferred wherever it stands, so when the module runs does not change.
 */
const PAGES = ['entrypoints/popup/index.html', 'entrypoints/sidepanel/index.html'];
/** entrypoints/popup-first.tsx */
const FIRST_PAINT_SCRIPT = 'popup-first';

/**
 * The page with its stylesheets inlined (`cssOf` gives a built stylesheet's text by its file name, undefined
 * for one it does not know, which is left as a link) and its module script and preloads at the end of <body>.
 */
export function firstPaintPage(html: string, cssOf: (file: string) => string | undefined): string {
  const inlined = html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, file: string) => {
    const css = cssOf(file);
    // No `</style` in it can end the element early (none is expected in our own CSS).
    return css === undefined ? tag : `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
  });
  const moved: string[] = [];
  const rest = inlined.replace(/^[ \t]*<(?:script type="module"[^>]*><\/script>|link rel="modulepreload"[^>]*>)\n?/gm, (tag) => {
    moved.push(tag.trim());
    return '';
  });
  return moved.length ? rest.replace(/<\/body>/i, `  ${moved.join('\n    ')}\n  </body>`) : inlined;
}

function firstPaintFirst(): Plugin {
  return {
    name: 'ficwell:first-paint-first',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!PAGES.some((p) => ctx.filename.endsWith(p) || ctx.path.endsWith(p))) return html;
        return firstPaintPage(html, (file) => {
          const asset = ctx.bundle?.[file];
          return asset?.type === 'asset' ? String(asset.source) : undefined;
        });
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
      config.plugins = [...(config.plugins ?? []), firstPaintFirst()];
      if (entries.length === 1 && entries[0]?.name === FIRST_PAINT_SCRIPT) {
        const alias = config.resolve?.alias;
        const before = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
        config.resolve = { ...config.resolve, alias: [...STATIC_PREACT, ...before] };
      }
    });
  },
});
