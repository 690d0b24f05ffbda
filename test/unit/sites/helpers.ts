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

/** `html` parsed again into a detached element of one shared document (a new jsdom per check was most of the time). */
export function parsedAgain(html: string): HTMLElement {
  const box = drawing.createElement('div');
  box.innerHTML = html;
  return box;
}

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
  // One assertion over every element's findings (an expect per attribute made large fixtures slow).
  const problems: string[] = [];
  for (const el of Array.from(parsedAgain(html).querySelectorAll('*'))) {
    if (!TAGS.has(el.localName)) problems.push(`tag <${el.localName}>`);
    for (const attr of Array.from(el.attributes)) {
      const where = `${attr.name}="${attr.value}" on <${el.localName}>`;
      if (!ATTRS.has(attr.name)) problems.push(`attribute ${where}`);
      else if (attr.name === 'href' && !/^(?:https?:\/\/|#user-content-)/.test(attr.value)) problems.push(where);
      else if (attr.name === 'src' && !/^https:\/\//.test(attr.value)) problems.push(where);
      else if ((attr.name === 'id' || attr.name === 'name') && !/^user-content-/.test(attr.value)) problems.push(where);
      // Only the renderer's own classes (components/Blocks.tsx), never a page's.
      else if (attr.name === 'class' && attr.value !== 'scene-break') problems.push(where);
    }
  }
  expect(problems).toEqual([]);
}
