/**
 * From page markup to what the reader shows: sanitized HTML whose paragraphs are numbered (`data-p`), with
 * their text, words and role. Shared by every adapter and by the Readability fallback.
 */

import { sanitizeToFragment, serializeFragment, type SanitizeWindow } from '../sanitize';
import { countWords } from '../story/counts';
import { isAuthorsNoteStart } from '../story/notes';
import type { Paragraph, ParagraphRole, RichText } from './types';

export interface Body {
  html: string;
  paragraphs: Paragraph[];
  words: number;
}

/** Elements that start a block of their own; everything else is inline content. */
const BLOCK = new Set([
  'P', 'DIV', 'BLOCKQUOTE', 'CENTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD',
  'PRE', 'TABLE', 'CAPTION', 'COLGROUP', 'COL', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'HR', 'FIGURE',
  'FIGCAPTION', 'DETAILS', 'SUMMARY',
]);

/** Blocks that may hold both blocks and loose text; loose text in them is wrapped in its own `<p>`. */
const CONTAINER = new Set(['DIV', 'BLOCKQUOTE', 'CENTER', 'FIGURE', 'DETAILS', 'LI', 'DD', 'TD', 'TH']);

/** Same symbols as the seed parser's scene breaks (lib/story/parse.ts), as a whole paragraph. */
const SCENE_BREAK = /^(?:[\s*~#=+_.·•◇◆○●\-–—]{3,}|(?:xXx|oOo|XxX|OoO)+)$/;
const DISCLAIMER = /^\W*disclaimer\b/i;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

function isBlock(node: Node): node is Element {
  return isElement(node) && BLOCK.has(node.nodeName);
}

function isBr(node: Node | null): boolean {
  return node !== null && node.nodeName === 'BR';
}

function isBlank(node: Node): boolean {
  return node.nodeType === TEXT_NODE && !/\S/.test(node.textContent ?? '');
}

/** The next sibling that is not whitespace-only text. */
function nextSignificant(node: Node): Node | null {
  let next = node.nextSibling;
  while (next && isBlank(next)) next = next.nextSibling;
  return next;
}

/** Text worth reading, or an image. */
function hasContent(nodes: readonly Node[]): boolean {
  return nodes.some((n) => {
    if (/\S/.test(n.textContent ?? '')) return true;
    return isElement(n) && (n.nodeName === 'IMG' || n.getElementsByTagName('img').length > 0);
  });
}

/** Line breaks and blank text at either end of a run are not part of its paragraph. */
function isEdgeJunk(node: Node | undefined): boolean {
  return node !== undefined && (isBr(node) || isBlank(node));
}

/**
 * Wraps each run of inline content of `container` in a `<p>`; a run also ends at two or more `<br>` in a
 * row (old texts separate paragraphs that way), and those `<br>` go.
 */
function wrapInlineRuns(container: ParentNode & Node): void {
  const doc = container.ownerDocument ?? (container as Document);
  let run: Node[] = [];
  const flush = () => {
    while (isEdgeJunk(run[0])) run.shift();
    while (isEdgeJunk(run.at(-1))) run.pop();
    const first = run[0];
    if (first && hasContent(run)) {
      const p = doc.createElement('p');
      container.insertBefore(p, first);
      p.append(...run);
    }
    run = [];
  };
  let node = container.firstChild;
  while (node) {
    let next: ChildNode | null = node.nextSibling;
    if (isBlock(node)) flush();
    else if (isBr(node) && isBr(nextSignificant(node))) {
      flush();
      // Drop the whole row of <br> (and the blanks between them).
      next = node;
      while (next && (isBr(next) || isBlank(next))) {
        const after: ChildNode | null = next.nextSibling;
        next.remove();
        next = after;
      }
    } else run.push(node);
    node = next;
  }
  flush();
}

function hasDoubleBr(container: Node): boolean {
  for (let child = container.firstChild; child; child = child.nextSibling) {
    if (isBr(child) && isBr(nextSignificant(child))) return true;
  }
  return false;
}

function hasBlockChild(parent: ParentNode): boolean {
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) if (BLOCK.has(child.nodeName)) return true;
  return false;
}

/**
 * Makes every paragraph of the text an element of its own: loose text at the top level, or beside blocks
 * in a container (`<div>text<p>..</p></div>`), gets wrapped (see `wrapInlineRuns`).
 */
function normalizeBlocks(parent: ParentNode & Node, isRoot: boolean): void {
  if (isRoot || (CONTAINER.has(parent.nodeName) && (hasBlockChild(parent) || hasDoubleBr(parent)))) wrapInlineRuns(parent);
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    if (BLOCK.has(child.nodeName) && !isLeafBlockName(child.nodeName)) normalizeBlocks(child, false);
  }
}

/** Blocks that never hold other blocks (after the HTML parser has had its say). */
function isLeafBlockName(name: string): boolean {
  return /^(?:P|H[1-6]|PRE|HR|DT|CAPTION|FIGCAPTION|SUMMARY|COL)$/.test(name);
}

/** Text as read: whitespace collapsed, `<br>` as a space. */
export function plainText(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === TEXT_NODE) out += n.textContent ?? '';
    else if (isBr(n)) out += ' ';
    else for (const c of Array.from(n.childNodes)) walk(c);
  };
  walk(node);
  return out.replace(/\s+/g, ' ').trim();
}

/** Whether any element below `el` is a block (a walk: far cheaper than a selector query in jsdom). */
function hasBlockDescendant(el: Element): boolean {
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    if (BLOCK.has(child.nodeName) || hasBlockDescendant(child)) return true;
  }
  return false;
}

function hasImage(el: Element): boolean {
  return el.getElementsByTagName('img').length > 0;
}

/** The paragraphs of a normalized fragment, in reading order: blocks holding no other block. */
function paragraphElements(root: ParentNode): { el: Element; text: string }[] {
  const out: { el: Element; text: string }[] = [];
  const visit = (parent: ParentNode) => {
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      const nested = hasBlockDescendant(child);
      if (!BLOCK.has(child.nodeName)) {
        // An inline element wrapping blocks (`<span><p>..</p></span>` parses as written).
        if (nested) visit(child);
        continue;
      }
      if (child.nodeName === 'HR' || child.nodeName === 'COL' || child.nodeName === 'COLGROUP') continue;
      if (nested) {
        visit(child);
        continue;
      }
      const text = plainText(child);
      if (text !== '' || hasImage(child)) out.push({ el: child, text });
    }
  };
  visit(root);
  return out;
}

function roleOf(text: string): ParagraphRole {
  if (SCENE_BREAK.test(text)) return 'scene-break';
  if (isAuthorsNoteStart(text) || DISCLAIMER.test(text)) return 'author-note';
  return 'text';
}

/**
 * Sanitizes a chapter body and numbers its paragraphs. `input` is page markup: a string, or a node whose
 * subtree is taken (pass a DocumentFragment to take only some children).
 */
export function buildBody(input: string | Node, win: SanitizeWindow, baseUrl: string): Body {
  const fragment = sanitizeToFragment(input, win, { baseUrl });
  normalizeBlocks(fragment, true);
  trimBlankEdges(fragment);
  const paragraphs: Paragraph[] = [];
  let words = 0;
  for (const { el, text } of paragraphElements(fragment)) {
    const role = roleOf(text);
    // "xXx" is a scene break, not a word.
    const count = role === 'scene-break' ? 0 : countWords(text);
    el.setAttribute('data-p', String(paragraphs.length));
    paragraphs.push({ text, words: count, role });
    words += count;
  }
  return { html: serializeFragment(fragment), paragraphs, words };
}

function trimBlankEdges(fragment: DocumentFragment): void {
  while (fragment.firstChild && isBlank(fragment.firstChild)) fragment.firstChild.remove();
  while (fragment.lastChild && isBlank(fragment.lastChild)) fragment.lastChild.remove();
}

/** Sanitized HTML of a note or summary, with its text (paragraphs separated by blank lines). */
export function buildRichText(input: string | Node, win: SanitizeWindow, baseUrl: string): RichText {
  const fragment = sanitizeToFragment(input, win, { baseUrl });
  normalizeBlocks(fragment, true);
  trimBlankEdges(fragment);
  const text = paragraphElements(fragment).map((p) => p.text).join('\n\n');
  return { html: serializeFragment(fragment), text };
}

/**
 * A fragment holding clones of `el`'s children, leaving out those that match `skip`. The page itself is
 * never changed.
 */
export function childrenWithout(el: Element, skip?: string): DocumentFragment {
  const doc = el.ownerDocument;
  const fragment = doc.createDocumentFragment();
  for (const child of Array.from(el.childNodes)) {
    if (skip && isElement(child) && child.matches(skip)) continue;
    fragment.append(child.cloneNode(true));
  }
  if (skip) for (const el2 of Array.from(fragment.querySelectorAll(skip))) el2.remove();
  return fragment;
}
