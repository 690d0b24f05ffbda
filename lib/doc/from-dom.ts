/**
 * From the sanitizer's output to the document model (./model.ts). It reads only the sanitized nodes
 * (lib/sanitize.ts `sanitizeToFragment`: DOMPurify, then `copyAllowed`), never a page's own DOM, and copies
 * only what the model has a field for: text, the inline styles, hrefs and image sources the sanitizer kept,
 * its `user-content-` ids, `align`, list starts and cell spans.
 *
 * Plain wrappers (`div`, `center`, `figure`, `details`, `dl`, an inline element around blocks) are flattened,
 * their alignment passed down to the blocks inside. Nesting the model keeps (quotes, lists, tables, inline
 * styles) is bounded: deeper than the bounds below, the content stays and the nesting goes, so no consumer of
 * the model (structuredClone, a renderer) recurses as deep as a hostile page nests.
 */

import { MEDIA_LINK_LABEL, MEDIA_PLACEHOLDER } from '../sanitize';
import type { Align, Block, HeadingLevel, ParagraphRole, Span, SpanStyle, TableCell } from './model';

/** Elements that start a block of their own; everything else is inline content. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'P',
  'DIV',
  'BLOCKQUOTE',
  'CENTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'PRE',
  'TABLE',
  'CAPTION',
  'COLGROUP',
  'COL',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'TD',
  'TH',
  'HR',
  'FIGURE',
  'FIGCAPTION',
  'DETAILS',
  'SUMMARY',
]);

/** Quotes, lists and tables nested deeper than this are flattened into their parent. */
const MAX_BLOCK_NESTING = 24;
/** Inline styles nested deeper than this keep their text, not their style. */
const MAX_SPAN_NESTING = 12;

const STYLE: Record<string, SpanStyle> = {
  EM: 'emphasis',
  I: 'emphasis',
  CITE: 'emphasis',
  DFN: 'emphasis',
  VAR: 'emphasis',
  STRONG: 'strong',
  B: 'strong',
  U: 'underline',
  INS: 'underline',
  S: 'strike',
  STRIKE: 'strike',
  DEL: 'strike',
  SUP: 'superscript',
  SUB: 'subscript',
  CODE: 'code',
  KBD: 'code',
  SAMP: 'code',
  TT: 'code',
  SMALL: 'small',
};

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

/** The elements below `root`, in document order (a loop: no recursion however deep the nesting). */
export function elementsBelow(root: ParentNode & Node): Element[] {
  const out: Element[] = [];
  let el: Element | null = root.firstElementChild;
  while (el) {
    out.push(el);
    if (el.firstElementChild) {
      el = el.firstElementChild;
      continue;
    }
    let at: Element | null = el;
    while (at && !at.nextElementSibling) {
      const parent: Node | null = at.parentNode;
      at = parent && parent !== root && isElement(parent) ? parent : null;
    }
    el = at ? at.nextElementSibling : null;
  }
  return out;
}

/** The nodes that hold a block somewhere below them (children come after their parent: one pass backwards). */
export function blockHolders(all: readonly Element[]): Set<Node> {
  const holds = new Set<Node>();
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i] as Element;
    if ((BLOCK_ELEMENTS.has(el.nodeName) || holds.has(el)) && el.parentNode) holds.add(el.parentNode);
  }
  return holds;
}

export interface Numbering {
  /** The number and role of a paragraph element, or undefined for one that is not counted (see model.ts). */
  of(el: Element): { p: number; role: ParagraphRole } | undefined;
}

/** No paragraph is anchorable (notes, summaries). */
export const UNNUMBERED: Numbering = { of: () => undefined };

interface Walk {
  holds: Set<Node>;
  numbering: Numbering;
}

/**
 * The blocks of a sanitized (and normalized: lib/sites/body.ts) fragment. `holds` is `blockHolders` of it,
 * when the caller has it already.
 */
export function blocksFromDom(root: ParentNode & Node, numbering: Numbering = UNNUMBERED, holds?: Set<Node>): Block[] {
  const walk: Walk = { holds: holds ?? blockHolders(elementsBelow(root)), numbering };
  const out: Block[] = [];
  flow(walk, root, out, undefined, 0);
  return out;
}

function alignOf(el: Element, inherited: Align | undefined): Align | undefined {
  const a = el.getAttribute('align');
  if (a === 'left' || a === 'center' || a === 'right' || a === 'justify') return a;
  return el.nodeName === 'CENTER' ? 'center' : inherited;
}

function intAttr(el: Element, name: string): number | undefined {
  const v = el.getAttribute(name);
  if (v === null || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

/**
 * Appends the blocks of `parent`'s children to `out`. Wrappers are walked with a stack of their own (a page
 * may nest `div`s thousands deep); only the containers the model keeps recurse, at most MAX_BLOCK_NESTING deep.
 */
function flow(walk: Walk, parent: Node, out: Block[], align: Align | undefined, depth: number, only?: Node): void {
  let run: Node[] = [];
  let runAlign = align;
  const flush = () => {
    if (run.length) loose(walk, run, out, runAlign);
    run = [];
  };
  // Each entry: the next node to look at, and the alignment of the wrapper it is in.
  const stack: { node: Node | null; align: Align | undefined }[] = [{ node: only ?? parent.firstChild, align }];
  while (stack.length) {
    const top = stack[stack.length - 1] as { node: Node | null; align: Align | undefined };
    const node = top.node;
    if (!node) {
      stack.pop();
      flush();
      continue;
    }
    top.node = only && stack.length === 1 ? null : node.nextSibling;
    if (!isElement(node) || (!BLOCK_ELEMENTS.has(node.nodeName) && !walk.holds.has(node))) {
      if (!run.length) runAlign = top.align;
      run.push(node);
      continue;
    }
    flush();
    const el = node;
    const a = alignOf(el, top.align);
    const name = el.nodeName;
    if (name === 'HR') {
      out.push({ kind: 'scene-break' });
      continue;
    }
    if (name === 'COL' || name === 'COLGROUP') continue;
    if (!walk.holds.has(el)) {
      leaf(walk, el, out, a);
      continue;
    }
    const nest = depth < MAX_BLOCK_NESTING;
    if (nest && name === 'BLOCKQUOTE') {
      const blocks: Block[] = [];
      flow(walk, el, blocks, a, depth + 1);
      if (blocks.length) out.push({ kind: 'quote', blocks });
    } else if (nest && (name === 'UL' || name === 'OL')) list(walk, el, out, a, depth + 1);
    else if (nest && name === 'TABLE' && table(walk, el, out, a, depth + 1)) {
      // (drawn as a table)
    } else stack.push({ node: el.firstChild, align: a }); // a wrapper: its children take its place
  }
}

/** Inline content a page left beside blocks: shown as a paragraph of its own, not anchorable. */
function loose(walk: Walk, run: Node[], out: Block[], align: Align | undefined): void {
  const spans = inline(walk, run, false);
  if (visible(spans)) out.push({ kind: 'paragraph', p: null, role: 'text', spans, ...(align ? { align } : {}) });
}

const HEADING = /^H([1-6])$/;

/** An element holding no block: one block, or none when it holds nothing to show. */
function leaf(walk: Walk, el: Element, out: Block[], align: Align | undefined): void {
  const numbered = walk.numbering.of(el);
  const p = numbered?.p ?? null;
  const kids: Node[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) kids.push(c);
  const name = el.nodeName;
  if (name === 'PRE') {
    const spans = inline(walk, kids, true);
    if (spans.length || p !== null) out.push({ kind: 'preformatted', p, spans });
    return;
  }
  const spans = inline(walk, kids, false);
  if (p === null && !visible(spans)) return;
  const id = el.getAttribute('id');
  const extra = { ...(align ? { align } : {}), ...(id ? { id } : {}) };
  const level = HEADING.exec(name)?.[1];
  if (level) {
    out.push({ kind: 'heading', p, level: Number(level) as HeadingLevel, spans, ...extra });
    return;
  }
  const media = mediaOf(spans);
  if (media) {
    out.push({ kind: 'media', p, ...media, ...(align ? { align } : {}) });
    return;
  }
  const paragraph: Block = { kind: 'paragraph', p, role: numbered?.role ?? 'text', spans, ...extra };
  out.push(name === 'BLOCKQUOTE' ? { kind: 'quote', blocks: [paragraph] } : paragraph);
}

/** The sanitizer's stand-in for an embedded player, when it is all a paragraph holds. */
function mediaOf(spans: Span[]): { label: string; href?: string } | undefined {
  const [first, second] = spans;
  if (spans.length === 1 && first?.kind === 'text' && first.text === MEDIA_PLACEHOLDER) return { label: MEDIA_PLACEHOLDER };
  if (spans.length === 2 && first?.kind === 'text' && first.text.trim() === MEDIA_LINK_LABEL.trim() && second?.kind === 'link') {
    if (spansText(second.spans) === second.href) return { label: MEDIA_LINK_LABEL.trim(), href: second.href };
  }
  return undefined;
}

function list(walk: Walk, el: Element, out: Block[], align: Align | undefined, depth: number): void {
  const items: Block[][] = [];
  let loose: Node[] = [];
  const flushLoose = () => {
    const blocks: Block[] = [];
    if (loose.length) {
      const spans = inline(walk, loose, false);
      if (visible(spans)) blocks.push({ kind: 'paragraph', p: null, role: 'text', spans });
    }
    if (blocks.length) items.push(blocks);
    loose = [];
  };
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (!isElement(c) || (!BLOCK_ELEMENTS.has(c.nodeName) && !walk.holds.has(c))) {
      loose.push(c);
      continue;
    }
    flushLoose();
    const blocks: Block[] = [];
    if (c.nodeName === 'LI' && !walk.holds.has(c)) leaf(walk, c, blocks, alignOf(c, align));
    else if (c.nodeName === 'LI') flow(walk, c, blocks, alignOf(c, align), depth);
    else flow(walk, el, blocks, align, depth, c);
    if (blocks.length) items.push(blocks);
  }
  flushLoose();
  if (!items.length) return;
  const start = el.nodeName === 'OL' ? intAttr(el, 'start') : undefined;
  out.push({ kind: 'list', ordered: el.nodeName === 'OL', ...(start !== undefined ? { start } : {}), items });
}

/**
 * A table of rows of cells; false (nothing written) when its structure is anything else (loose text or
 * blocks between rows), which the caller then flattens. A caption becomes the paragraph before the table.
 */
function table(walk: Walk, el: Element, out: Block[], align: Align | undefined, depth: number): boolean {
  const rowEls: Element[] = [];
  const captions: Element[] = [];
  const blank = (n: Node) => n.nodeType === TEXT_NODE && !/\S/.test(n.nodeValue ?? '');
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (blank(c) || (isElement(c) && (c.nodeName === 'COL' || c.nodeName === 'COLGROUP'))) continue;
    if (!isElement(c)) return false;
    if (c.nodeName === 'TR') rowEls.push(c);
    else if (c.nodeName === 'CAPTION') captions.push(c);
    else if (c.nodeName === 'THEAD' || c.nodeName === 'TBODY' || c.nodeName === 'TFOOT') {
      for (let r = c.firstChild; r; r = r.nextSibling) {
        if (blank(r)) continue;
        if (!isElement(r) || r.nodeName !== 'TR') return false;
        rowEls.push(r);
      }
    } else return false;
  }
  for (const r of rowEls) {
    for (let c = r.firstChild; c; c = c.nextSibling)
      if (!blank(c) && !(isElement(c) && (c.nodeName === 'TD' || c.nodeName === 'TH'))) return false;
  }
  for (const c of captions) flow(walk, el, out, align, depth, c);
  const rows: TableCell[][] = rowEls.map((r) =>
    Array.from(r.children).map((cell): TableCell => {
      const blocks: Block[] = [];
      if (walk.holds.has(cell)) flow(walk, cell, blocks, alignOf(cell, align), depth);
      else leaf(walk, cell, blocks, alignOf(cell, align));
      const colspan = intAttr(cell, 'colspan');
      const rowspan = intAttr(cell, 'rowspan');
      return {
        header: cell.nodeName === 'TH',
        blocks,
        ...(colspan && colspan > 1 ? { colspan } : {}),
        ...(rowspan && rowspan > 1 ? { rowspan } : {}),
      };
    }),
  );
  out.push({ kind: 'table', rows });
  return true;
}

/**
 * The spans of inline nodes, with a stack of their own (inline markup may nest thousands deep too).
 * Whitespace is collapsed as HTML shows it, and trimmed at either end, unless `pre`.
 */
function inline(walk: Walk, nodes: readonly Node[], pre: boolean): Span[] {
  const root: Span[] = [];
  type Item = { node: Node; into: Span[]; depth: number } | { close: string; into: Span[] };
  const stack: Item[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i] as Node, into: root, depth: 0 });
  const text = (into: Span[], value: string) => {
    const v = pre ? value : value.replace(/[ \t\n\r\f]+/g, ' ');
    if (v === '') return;
    const last = into.at(-1);
    if (last?.kind === 'text') last.text += v;
    else into.push({ kind: 'text', text: v });
  };
  for (let item = stack.pop(); item; item = stack.pop()) {
    if ('close' in item) {
      text(item.into, item.close);
      continue;
    }
    const { node, into, depth } = item;
    if (node.nodeType === TEXT_NODE) {
      text(into, node.nodeValue ?? '');
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.nodeName;
    if (name === 'BR') {
      into.push({ kind: 'line-break' });
      continue;
    }
    if (name === 'IMG') {
      const src = node.getAttribute('src');
      if (src?.startsWith('https:')) {
        const width = intAttr(node, 'width');
        const height = intAttr(node, 'height');
        into.push({
          kind: 'image',
          src,
          alt: node.getAttribute('alt') ?? '',
          ...(width ? { width } : {}),
          ...(height ? { height } : {}),
        });
      }
      continue;
    }
    if (BLOCK_ELEMENTS.has(name) || walk.holds.has(node)) continue; // (never inside a leaf)
    let target = into;
    let inner = depth;
    const href = name === 'A' ? node.getAttribute('href') : null;
    const style = STYLE[name];
    if (depth < MAX_SPAN_NESTING) {
      const id = node.getAttribute('id');
      const ids = id ? { id } : {};
      let span: (Span & { spans: Span[] }) | undefined;
      if (href?.startsWith('#')) span = { kind: 'footnote-ref', target: href.slice(1), spans: [], ...ids };
      else if (href && /^https?:/.test(href)) span = { kind: 'link', href, spans: [], ...ids };
      else if (style) span = { kind: style, spans: [] };
      if (span) {
        into.push(span);
        target = span.spans;
        inner = depth + 1;
      }
    }
    if (name === 'Q') {
      text(into, '“');
      stack.push({ close: '”', into });
    }
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push({ node: c, into: target, depth: inner });
  }
  if (!pre) trimEdges(root);
  return root;
}

/** Drops the whitespace at the very start and end of a paragraph (and text spans left empty by it). */
function trimEdges(spans: Span[]): void {
  const first = spans[0];
  if (first?.kind === 'text') {
    first.text = first.text.replace(/^[ \t\n\r\f]+/, '');
    if (!first.text) spans.shift();
  }
  const last = spans.at(-1);
  if (last?.kind === 'text') {
    last.text = last.text.replace(/[ \t\n\r\f]+$/, '');
    if (!last.text) spans.pop();
  }
}

/** Whether spans show anything: text, or an image. */
function visible(spans: readonly Span[]): boolean {
  const stack: Span[] = spans.slice();
  for (let s = stack.pop(); s; s = stack.pop()) {
    if (s.kind === 'image' || (s.kind === 'text' && /\S/.test(s.text))) return true;
    if ('spans' in s) for (const c of s.spans) stack.push(c);
  }
  return false;
}

/** The text of spans as read (a line break as a space, images as nothing). */
export function spansText(spans: readonly Span[]): string {
  let out = '';
  const stack: Span[] = spans.slice().reverse();
  for (let s = stack.pop(); s; s = stack.pop()) {
    if (s.kind === 'text') out += s.text;
    else if (s.kind === 'line-break') out += ' ';
    else if ('spans' in s) for (let i = s.spans.length - 1; i >= 0; i--) stack.push(s.spans[i] as Span);
  }
  return out;
}
