/**
 * Which classes a page's own style sheets hide: Royal Road hides copy-protection paragraphs (a sentence
 * saying the text was stolen from the site) with a random class that a `<style>` in the head sets to
 * `display: none`. Class names prove nothing (they are random); the rules do.
 *
 * Conservative, so visible story text is never taken for hidden: a class counts only when a top-level rule
 * whose whole selector is that one class (`.x`) sets `display: none`, and nothing else in the sheets could
 * show it again: any other rule naming the class (`p.x`, `.a .x`, `:not(.x)`, one inside `@media` or
 * `@supports`, a nested rule) or a lone-class rule setting another `display` makes the class count as shown.
 * Pure text scanning in linear time (a page's sheet may be huge); no CSSOM, which documents parsed without a
 * window (DOMParser) may not build.
 */

const LONE_CLASS = /^\.(-?[A-Za-z_][\w-]*)$/;
const CLASS_IN = /\.(-?[A-Za-z_][\w-]*)/g;

/** `css` without its comments (an unterminated one runs to the end, as in CSS). */
function withoutComments(css: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = css.indexOf('/*', at);
    if (open < 0) return out + css.slice(at);
    out += `${css.slice(at, open)} `;
    const close = css.indexOf('*/', open + 2);
    if (close < 0) return out;
    at = close + 2;
  }
}

/** The index just past the block that opens at `open` (a `{`), strings and nested blocks skipped. */
function blockEnd(css: string, open: number): { end: number; nested: boolean } {
  let depth = 0;
  let nested = false;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      const close = css.indexOf(c, i + 1);
      if (close < 0) return { end: css.length, nested };
      i = close;
    } else if (c === '{') {
      depth++;
      if (depth > 1) nested = true;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return { end: i + 1, nested };
    }
  }
  return { end: css.length, nested };
}

/** The `display` values a declaration block sets, in order ('' when none). */
function displayValues(declarations: string): string[] {
  const out: string[] = [];
  for (const decl of declarations.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    if (decl.slice(0, colon).trim().toLowerCase() !== 'display') continue;
    out.push(
      decl
        .slice(colon + 1)
        .replace(/!\s*important/i, '')
        .trim()
        .toLowerCase(),
    );
  }
  return out;
}

/** The classes that the given style sheet texts hide for certain (see above). */
export function hiddenClasses(sheets: readonly string[]): Set<string> {
  const hides = new Set<string>();
  const shown = new Set<string>();
  const mentionAll = (text: string) => {
    for (const m of text.matchAll(CLASS_IN)) shown.add(m[1] as string);
  };
  for (const sheet of sheets) {
    const css = withoutComments(sheet);
    let at = 0;
    let semi = -1; // the next ';' at or after `at`; -2 when the sheet has no more
    while (at < css.length) {
      const brace = css.indexOf('{', at);
      if (brace < 0) break;
      // (Looked up again only once passed: a sheet without one must not be scanned to its end per rule.)
      if (semi !== -2 && semi < at) {
        const next = css.indexOf(';', at);
        semi = next < 0 ? -2 : next;
      }
      // A statement at-rule (`@import ...;`) before the next block.
      if (semi >= 0 && semi < brace && css.slice(at, semi).trim().startsWith('@')) {
        at = semi + 1;
        continue;
      }
      const prelude = css.slice(at, brace).trim();
      const { end, nested } = blockEnd(css, brace);
      const body = css.slice(brace + 1, Math.max(brace + 1, end - 1));
      at = end;
      if (prelude.startsWith('@') || nested) {
        // Rules inside @media, @supports, @layer... or nested ones: their conditions are not judged here.
        mentionAll(prelude);
        mentionAll(body);
        continue;
      }
      const display = displayValues(body);
      for (const selector of prelude.split(',')) {
        const lone = LONE_CLASS.exec(selector.trim())?.[1];
        if (lone === undefined) {
          mentionAll(selector);
          continue;
        }
        if (display.length === 0) continue;
        if (display.at(-1) === 'none') hides.add(lone);
        else shown.add(lone);
      }
    }
  }
  return new Set([...hides].filter((c) => !shown.has(c)));
}
