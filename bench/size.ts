import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { metric, type Metric } from './report';

/**
 * 5. Size: gzip (level 9) of each entrypoint's JavaScript and CSS in the store builds (.output/chrome-mv3 and
 * .output/firefox-mv3, what `npm run zip` packs), and the store archives as they are (a zip is compressed
 * already). An HTML entrypoint's JavaScript is everything the page loads: its module script, modulepreloads
 * and their static imports; its CSS, its stylesheets. The content script's CSS is the file it injects into its
 * shadow root. kB are 1,000 bytes, as WXT prints them.
 */
const root = resolve(import.meta.dirname, '..');
const BUILDS = { chrome: '.output/chrome-mv3', firefox: '.output/firefox-mv3' } as const;
const POPUP_JS_MAX_KB = 25;
const CONTENT_JS_MAX_KB = 45;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kB = (bytes: number) => bytes / 1000;

/** Files a module imports statically (minified `import ... from "./x.js"` and `import "./x.js"`), recursively. */
function withImports(dir: string, files: string[]): string[] {
  const seen = new Set<string>();
  const visit = (rel: string) => {
    const clean = rel.replace(/^\//, '');
    if (seen.has(clean)) return;
    seen.add(clean);
    const text = readFileSync(join(dir, clean), 'utf8');
    for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) visit(posix.join(posix.dirname(clean), spec));
      else if (spec.startsWith('/')) visit(spec);
    }
  };
  files.forEach(visit);
  return [...seen];
}

function htmlAssets(dir: string, page: string): { js: string[]; css: string[]; inlineCss: string } {
  const html = readFileSync(join(dir, page), 'utf8');
  const attr = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1] as string);
  const js = [...attr(/<script[^>]*\bsrc="([^"]+)"/g), ...attr(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)];
  const css = attr(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g).map((c) => c.replace(/^\//, ''));
  // The popup's stylesheets are inlined in its page (modules/first-paint.ts): counted as its CSS too.
  const inlineCss = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
  return { js: withImports(dir, js), css, inlineCss };
}

/** Paragraph texts of the bundled stories (40+ characters), to prove the popup's code carries none. */
function storyTexts(dir: string): string[] {
  const stories = join(dir, 'data/stories');
  if (!existsSync(stories)) return [];
  const texts: string[] = [];
  // Chunk files (data/stories/<id>/<n>.json) hold the text as blocks; outline files hold none.
  for (const id of readdirSync(stories, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const f of readdirSync(join(stories, id.name))) {
      const blocks = JSON.parse(readFileSync(join(stories, id.name, f), 'utf8')) as {
        kind: string;
        paragraph?: { spans: { text: string }[] };
      }[];
      for (const b of blocks) {
        const t = b.paragraph?.spans.map((x) => x.text).join('') ?? '';
        if (t.length >= 40) texts.push(t.slice(0, 40));
      }
    }
  }
  return texts;
}

export function benchSize(): Metric[] {
  const out: Metric[] = [];
  for (const [browser, rel] of Object.entries(BUILDS)) {
    const dir = join(root, rel);
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${rel} is missing: run \`npm run zip\` first.`);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      background?: { service_worker?: string; scripts?: string[] };
      content_scripts?: { js?: string[]; css?: string[] }[];
    };
    const sum = (files: string[]) => files.reduce((n, f) => n + gz(join(dir, f)), 0);
    const entries: Record<string, { js: string[]; css: string[]; inlineCss?: string }> = {
      popup: htmlAssets(dir, 'popup.html'),
      sidepanel: htmlAssets(dir, 'sidepanel.html'),
      background: {
        js: withImports(dir, [manifest.background?.service_worker ?? '', ...(manifest.background?.scripts ?? [])].filter(Boolean)),
        css: [],
      },
      'content-script': {
        js: manifest.content_scripts?.flatMap((c) => c.js ?? []) ?? [],
        // The restyling script carries its stylesheet inside its JavaScript; a WXT content script's CSS is a file.
        css: existsSync(join(dir, 'content-scripts'))
          ? readdirSync(join(dir, 'content-scripts'))
              .filter((f) => f.endsWith('.css'))
              .map((f) => `content-scripts/${f}`)
          : [],
      },
    };
    for (const [name, files] of Object.entries(entries)) {
      const max = name === 'popup' ? POPUP_JS_MAX_KB : name === 'content-script' ? CONTENT_JS_MAX_KB : undefined;
      out.push(metric(`size.${browser}.${name}.js`, 'build', kB(sum(files.js)), 'kB gz', { max, note: `files: ${files.js.join(', ')}` }));
      const inline = files.inlineCss ? gzipSync(files.inlineCss, { level: 9 }).length : 0;
      if (files.css.length || inline) {
        const where = [...files.css, ...(inline ? ['<style> in the page'] : [])].join(', ');
        out.push(metric(`size.${browser}.${name}.css`, 'build', kB(sum(files.css) + inline), 'kB gz', { note: `files: ${where}` }));
      }
    }
    const popupJs = entries.popup?.js.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n') ?? '';
    const found = storyTexts(dir).filter((t) => popupJs.includes(t));
    out.push(
      metric(`size.${browser}.popup.story-text`, 'build', found.length, 'passages', {
        max: 0,
        note: found.length
          ? `story text in the popup's code: “${found[0]}…”`
          : "no 40-character passage of any bundled story appears in the popup's JavaScript",
      }),
    );
  }
  for (const zip of readdirSync(join(root, '.output')).filter((f) => /-(chrome|firefox)\.zip$/.test(f))) {
    const which = /-(chrome|firefox)\.zip$/.exec(zip)?.[1];
    out.push(
      metric(`size.${which}.store-archive`, 'build', kB(statSync(join(root, '.output', zip)).size), 'kB', {
        note: `${zip}, as packed (already deflated)`,
      }),
    );
  }
  return out;
}
