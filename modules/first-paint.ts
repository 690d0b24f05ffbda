import type { Plugin } from 'vite';
import { defineWxtModule } from 'wxt/modules';

/**
 * The popup's (entrypoints/popup/index.html) first paint comes from a classic script
 * (entrypoints/popup-first.tsx), which the browser runs only once the page's stylesheets are in. Every file
 * of an extension page is a round trip to the browser's extension loader, about 20 ms in Chromium's traces
 * here, and Vite's page asked for the module and its preloads first. Two changes to that page alone:
 * - its stylesheets are inlined as <style> (the extension's CSP restricts scripts, not styles), so the one
 *   file the first paint waits for is the first-paint script;
 * - the module script and its preloads move to the end of <body>, after that script, so it is asked for first.
 *   A module script is deferred wherever it stands, so when the module runs does not change.
 */
const PAGES = ['entrypoints/popup/index.html'];

function firstPaintFirst(): Plugin {
  return {
    name: 'ficwell:first-paint-first',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!PAGES.some((p) => ctx.filename.endsWith(p) || ctx.path.endsWith(p))) return html;
        html = html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          if (asset?.type !== 'asset') return tag;
          // No `</style` can end it early: CSS from our own stylesheets, escaped anyway.
          return `<style>${String(asset.source).replace(/<\/style/gi, '<\\/style')}</style>`;
        });
        const moved: string[] = [];
        const rest = html.replace(/^[ \t]*<(?:script type="module"[^>]*><\/script>|link rel="modulepreload"[^>]*>)\n?/gm, (tag) => {
          moved.push(tag.trim());
          return '';
        });
        if (moved.length === 0) return html;
        return rest.replace(/<\/body>/i, `  ${moved.join('\n    ')}\n  </body>`);
      },
    },
  };
}

export default defineWxtModule({
  setup(wxt) {
    wxt.hook('vite:build:extendConfig', (_entries, config) => {
      config.plugins = [...(config.plugins ?? []), firstPaintFirst()];
    });
  },
});
