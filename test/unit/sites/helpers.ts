import { JSDOM } from 'jsdom';
import { expect } from 'vitest';
import type { Block } from '../../../lib/doc/model';
import type { SanitizeWindow } from '../../../lib/sanitize';
import { drawBlocks } from '../../fuzz/check';

/** A jsdom page at `url` (scripts do not run: jsdom's default). */
export function load(html: string, url: string): { doc: Document; win: SanitizeWindow; url: URL } {
  const dom = new JSDOM(html, { url });
  return { doc: dom.window.document, win: dom.window as unknown as SanitizeWindow, url: new URL(url) };
}

/** A blank window, for sanitizing strings. */
export function blankWindow(): SanitizeWindow {
  return new JSDOM('<!DOCTYPE html><body></body>', { url: 'https://ficwell.invalid/' }).window as unknown as SanitizeWindow;
}

const drawing = new JSDOM('<!DOCTYPE html><body></body>').window.document;

/** The markup the views draw for `blocks` (components/Blocks.tsx, into a detached element). */
export function drawnHtml(blocks: readonly Block[]): string {
  return drawBlocks(drawing, blocks).innerHTML;
}

/** Tags and attributes that `sanitizeHtml` may let through (lib/sanitize.ts), plus what lib/sites adds. */
const TAGS = new Set(
  (
    'a abbr b bdi bdo big blockquote br caption center cite code col colgroup dd del details dfn div dl dt em ' +
    'figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s samp small span strike ' +
    'strong sub summary sup table tbody td tfoot th thead tr tt u ul var wbr'
  ).split(' '),
);
const ATTRS = new Set(
  (
    'href src alt title width height lang dir align colspan rowspan start reversed type open id name data-p rel ' +
    'loading referrerpolicy class aria-label'
  ).split(' '),
);

/**
 * Asserts that HTML Ficwell's views draw carries nothing from the page that could run, load, restyle
 * or clobber: checked on the text and, parsed again, element by element.
 */
export function expectSafeHtml(html: string): void {
  expect(html).not.toMatch(
    /<\s*(?:script|style|link|meta|iframe|frame|object|embed|form|input|button|select|option|textarea|svg|math|template|base)\b/i,
  );
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|vbscript:/i);
  expect(html).not.toMatch(/=\s*["']?\s*data:/i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
  expect(html).not.toMatch(/user-select/i);
  const doc = new JSDOM(`<!DOCTYPE html><body>${html}</body>`).window.document;
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    expect(TAGS, `tag <${el.localName}>`).toContain(el.localName);
    for (const attr of Array.from(el.attributes)) {
      expect(ATTRS, `attribute ${attr.name} on <${el.localName}>`).toContain(attr.name);
      if (attr.name === 'href') expect(attr.value).toMatch(/^(?:https?:\/\/|#user-content-)/);
      if (attr.name === 'src') expect(attr.value).toMatch(/^https:\/\//);
      if (attr.name === 'id' || attr.name === 'name') expect(attr.value).toMatch(/^user-content-/);
      // Only the renderer's own classes (components/Blocks.tsx), never a page's.
      if (attr.name === 'class') expect(attr.value).toBe('scene-break');
    }
  }
}
