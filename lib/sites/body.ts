/**
 * From page markup to what the reader shows: the sanitized text as the document model (lib/doc), its
 * paragraphs numbered, with their text, words and role. Shared by every adapter and by the Readability
 * fallback.
 */

import { BLOCK_ELEMENTS, blockHolders, blocksFromDom, elementsBelow, UNNUMBERED } from '../doc/from-dom';
import type { Block, RichBlocks } from '../doc/model';
import { SANITIZER_READS, sanitizeToFragment, type SanitizeOptions, type SanitizeWindow } from '../sanitize';
import { countWords } from '../story/counts';
import { isAuthorsNoteStart } from '../story/notes';
import { domCall, domGet } from './page';
import type { Paragraph, ParagraphRole } from './types';

export interface Body {
  /** The text as the document model; paragraph `i` is the block with `p: i` (lib/doc/model.ts). */
  blocks: Block[];
  paragraphs: Paragraph[];
  words: number;
}

const BLOCK = BLOCK_ELEMENTS;

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
      for (const n of run) p.appendChild(n); // one at a time: a run may be a whole page of nodes
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
function normalizeBlocks(root: ParentNode & Node): void {
  // A loop with a stack of its own, not recursion: a page may nest blocks thousands deep.
  const stack: (ParentNode & Node)[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    if (parent === root || (CONTAINER.has(parent.nodeName) && (hasBlockChild(parent) || hasDoubleBr(parent)))) wrapInlineRuns(parent);
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      if (BLOCK.has(child.nodeName) && !isLeafBlockName(child.nodeName)) stack.push(child);
    }
  }
}

/**
 * Old FFN uploads hold a whole chapter in one `<p>` (or a few), paragraphs split by `<br><br>`: each such
 * `<p>` becomes one `<p>` per run between rows of two or more `<br>` (a single `<br>` stays a line break).
 * The new paragraphs are made by `createElement` and keep the sanitized attributes of the one they split.
 */
function splitDoubleBrParagraphs(root: ParentNode & Node): void {
  const ps = elementsBelow(root).filter((el) => el.nodeName === 'P' && hasDoubleBr(el));
  for (const p of ps) {
    const doc = p.ownerDocument;
    const runs: Node[][] = [[]];
    let node = p.firstChild;
    while (node) {
      let next: ChildNode | null = node.nextSibling;
      if (isBr(node) && isBr(nextSignificant(node))) {
        runs.push([]);
        while (next && (isBr(next) || isBlank(next))) next = next.nextSibling;
      } else (runs.at(-1) as Node[]).push(node);
      node = next;
    }
    const kept = runs
      .map((run) => {
        let a = 0;
        let b = run.length;
        while (a < b && isEdgeJunk(run[a])) a++;
        while (b > a && isEdgeJunk(run[b - 1])) b--;
        return run.slice(a, b);
      })
      .filter(hasContent);
    if (kept.length < 2) continue;
    for (const run of kept) {
      const q = doc.createElement('p');
      for (const a of Array.from(p.attributes)) q.setAttribute(a.name, a.value);
      for (const n of run) q.appendChild(n);
      p.parentNode?.insertBefore(q, p);
    }
    p.remove();
  }
}

/** Blocks that never hold other blocks (after the HTML parser has had its say). */
function isLeafBlockName(name: string): boolean {
  return /^(?:P|H[1-6]|PRE|HR|DT|CAPTION|FIGCAPTION|SUMMARY|COL)$/.test(name);
}

/** Text as read: whitespace collapsed, `<br>` as a space. */
export function plainText(node: Node): string {
  // An iterative walk in document order: a page may nest elements thousands deep.
  let out = '';
  let n: Node | null = node;
  while (n) {
    let descend = false;
    if (n.nodeType === TEXT_NODE) out += n.textContent ?? '';
    else if (isBr(n)) out += ' ';
    else descend = n.firstChild !== null;
    if (descend) {
      n = n.firstChild;
      continue;
    }
    // Next in document order, without leaving `node`.
    while (n && n !== node && !n.nextSibling) n = n.parentNode;
    n = n && n !== node ? n.nextSibling : null;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function hasImage(el: Element): boolean {
  return el.getElementsByTagName('img').length > 0;
}

/** The paragraphs of a normalized fragment, in reading order: blocks holding no other block. */
function paragraphElements(root: ParentNode & Node): { found: { el: Element; text: string }[]; holds: Set<Node> } {
  const all = elementsBelow(root);
  const holdsBlock = blockHolders(all);
  const skipped = (name: string) => name === 'HR' || name === 'COL' || name === 'COLGROUP';
  const out: { el: Element; text: string }[] = [];
  for (const el of all) {
    // Blocks holding no other block (an inline element wrapping blocks, `<span><p>..</p></span>`, is looked
    // into); nothing inside a rule or a column group.
    if (!BLOCK.has(el.nodeName) || skipped(el.nodeName) || holdsBlock.has(el)) continue;
    let inSkipped = false;
    for (let a = el.parentNode; a && a !== root; a = a.parentNode) if (skipped(a.nodeName)) inSkipped = true;
    if (inSkipped) continue;
    // Without a <br>, the text is the element's textContent (one DOM call instead of a walk).
    const text = el.querySelector('br') ? plainText(el) : (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text !== '' || hasImage(el)) out.push({ el, text });
  }
  return { found: out, holds: holdsBlock };
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
export function buildBody(input: string | Node, win: SanitizeWindow, baseUrl: string, media?: SanitizeOptions['media']): Body {
  return numberParagraphs(prepareBody(input, win, baseUrl, media));
}

function prepareBody(input: string | Node, win: SanitizeWindow, baseUrl: string, media?: SanitizeOptions['media']): DocumentFragment {
  const fragment = sanitizeToFragment(input, win, { baseUrl, ...(media ? { media } : {}) });
  normalizeBlocks(fragment);
  splitDoubleBrParagraphs(fragment);
  trimBlankEdges(fragment);
  return fragment;
}

/** Numbers the paragraphs of a prepared fragment, the first as `from` (a run after others: see `readBodyInRuns`). */
function numberParagraphs(fragment: DocumentFragment, from = 0): Body {
  const paragraphs: Paragraph[] = [];
  const numbers = new Map<Element, { p: number; role: ParagraphRole }>();
  let words = 0;
  const { found, holds } = paragraphElements(fragment);
  for (const { el, text } of found) {
    const role = roleOf(text);
    // "xXx" is a scene break, not a word.
    const count = role === 'scene-break' ? 0 : countWords(text);
    numbers.set(el, { p: from + paragraphs.length, role });
    paragraphs.push({ text, words: count, role });
    words += count;
  }
  return { blocks: blocksFromDom(fragment, { of: (el) => numbers.get(el) }, holds), paragraphs, words };
}

export interface BodyWithNotes {
  body: Body;
  /** Author's notes and disclaimers that open the chapter, taken out of `body`. */
  leading?: RichBlocks;
  /** Author's notes that close it. */
  trailing?: RichBlocks;
}

/**
 * `buildBody` for texts whose author's notes are paragraphs of the text (FFN), with the notes at either
 * edge kept apart. Conservative, so story text is never taken for a note: only paragraphs at the very start
 * (or end) of the chapter, each beginning with a marker ("A/N", "AN:", "Author's note", "Disclaimer"; the
 * `author-note` role), stopping at the first that does not; only paragraphs that stand at the top level
 * of the text; and never every paragraph (a chapter that is all note stays text). A rule (`<hr>`) left at
 * the edge once the notes are out goes with them.
 */
export function buildBodyWithEdgeNotes(input: string | Node, win: SanitizeWindow, baseUrl: string): BodyWithNotes {
  const fragment = prepareBody(input, win, baseUrl);
  const notes = takeEdgeNotes(fragment, true, true);
  return { body: numberParagraphs(fragment), ...notes };
}

/** Takes the notes at the start (`lead`) and the end (`trail`) of a prepared fragment out of it. */
function takeEdgeNotes(fragment: DocumentFragment, lead: boolean, trail: boolean): Omit<BodyWithNotes, 'body'> {
  const { found } = paragraphElements(fragment);
  const isNote = (p: { el: Element; text: string } | undefined) =>
    p !== undefined && p.el.parentNode === fragment && roleOf(p.text) === 'author-note';
  let leads = 0;
  while (lead && leads < found.length && isNote(found[leads])) leads++;
  let trails = 0;
  while (trail && trails < found.length - leads && isNote(found[found.length - 1 - trails])) trails++;
  if (leads + trails >= found.length) return {};

  const doc = fragment.ownerDocument;
  const take = (from: Node, to: Node): RichBlocks => {
    const out = doc.createDocumentFragment();
    // Sibling by sibling from `from` to `to`, inclusive, in document order.
    for (let n: Node | null = from; n; ) {
      const next: Node | null = n === to ? null : n.nextSibling;
      out.appendChild(n);
      n = next;
    }
    trimBlankEdges(out);
    const { found: paragraphs, holds } = paragraphElements(out);
    const text = paragraphs.map((p) => p.text).join('\n\n');
    return { blocks: blocksFromDom(out, UNNUMBERED, holds), text };
  };
  const out: Omit<BodyWithNotes, 'body'> = {};
  if (leads > 0) out.leading = take(fragment.firstChild as Node, (found[leads - 1] as { el: Element }).el);
  if (trails > 0) out.trailing = take((found[found.length - trails] as { el: Element }).el, fragment.lastChild as Node);
  trimBlankEdges(fragment);
  // The rule that set the notes off from the story.
  while (lead && fragment.firstChild?.nodeName === 'HR') {
    fragment.firstChild.remove();
    trimBlankEdges(fragment);
  }
  while (trail && fragment.lastChild?.nodeName === 'HR') {
    fragment.lastChild.remove();
    trimBlankEdges(fragment);
  }
  return out;
}

/** A text with more top-level nodes than this is read in runs (see `readBodyInRuns`); a shorter one at once. */
export const RUNS_ABOVE = 3000;

/** About how many top-level nodes of the page one run reads (it ends only where a paragraph may start). */
const RUN_NODES = 1500;

/**
 * The first run is shorter: it is read, drawn and painted in the page's DOMContentLoaded task, before anything
 * else shows (400 nodes are some 200 paragraphs of a chapter like the bench's, many screens).
 */
export const FIRST_RUN_NODES = 400;

/** A chapter body read a run at a time, so a huge page never holds the reader's view in one long task. */
export interface BodyRuns {
  /** Whether the whole text is read. */
  readonly done: boolean;
  /** Reads the next run. */
  step(): void;
  /**
   * The body read so far, as new arrays (what was handed out earlier never grows): until `done`, the runs
   * read, with the opening notes and without the closing ones (they are read with the last run).
   */
  current(): BodyWithNotes;
}

export interface BodyRunOptions {
  /** Keep the author's notes at the text's edges apart (`buildBodyWithEdgeNotes`); otherwise `buildBody`. */
  edgeNotes?: boolean;
  /** Page children (and elements below them) matching this are left out (see `childrenWithout`). */
  skip?: string;
  media?: SanitizeOptions['media'];
  /** Other sizes than RUNS_ABOVE and RUN_NODES (for the first run too): for tests, whose DOM (jsdom) is far slower than a browser's. */
  sizes?: { above: number; run: number };
}

/**
 * `buildBody` (or `buildBodyWithEdgeNotes`) of `el`'s children, read in runs of top-level nodes. A run ends
 * only before a paragraph, a heading, a rule or a row of two `<br>`, so no paragraph is ever split between
 * runs: each run is sanitized and normalized by itself, its paragraphs numbered on from the run before, and
 * the result equals the one-pass read. (Only notes that run on past a whole first or last run would be read
 * differently: the one-pass read takes them all, the runs those of the edge run; none of the text is lost.)
 * A text of at most RUNS_ABOVE top-level nodes is read in one run. The first run is read at once, and more
 * until one holds a paragraph.
 */
export function readBodyInRuns(el: Element, win: SanitizeWindow, baseUrl: string, options: BodyRunOptions = {}): BodyRuns {
  const { above, run: size } = options.sizes ?? { above: RUNS_ABOVE, run: RUN_NODES };
  let runSize = options.sizes ? size : FIRST_RUN_NODES;
  // The page's nodes are walked a run at a time, from a cursor: a content script pays for each page node it
  // touches first (its wrapper in the script's world), so touching all 130,000 of a huge chapter before the
  // first run cost 130 ms there.
  const whole = domGet<NodeListOf<ChildNode>>(el, 'childNodes').length <= above;
  let cursor = domGet<Node | null>(el, 'firstChild');
  const nextRun = (): Node[] => {
    if (whole) {
      cursor = null;
      return pageChildren(el, options.skip);
    }
    const nodes: Node[] = [];
    let taken = 0;
    for (let n = cursor; n; n = domGet<Node | null>(n, 'nextSibling')) {
      if (taken >= runSize && mayCutBefore(n)) {
        cursor = n;
        runSize = size;
        return nodes;
      }
      taken++;
      if (!isSkipped(n, options.skip)) nodes.push(n);
    }
    cursor = null;
    return nodes;
  };
  const doc = inertDocumentFor(domGet<Document>(el, 'ownerDocument'));
  const blocks: Block[][] = [];
  const paragraphs: Paragraph[][] = [];
  let count = 0;
  let words = 0;
  let notes: Omit<BodyWithNotes, 'body'> = {};
  let started = false;
  const step = () => {
    if (started && !cursor) return;
    const first = !started;
    started = true;
    const fragment = prepareBody(copyChildren(nextRun(), doc, options.skip), win, baseUrl, options.media);
    const last = !cursor;
    if (options.edgeNotes) {
      const taken = takeEdgeNotes(fragment, first, last);
      if (taken.leading) notes = { ...notes, leading: taken.leading };
      if (taken.trailing) notes = { ...notes, trailing: taken.trailing };
    }
    const body = numberParagraphs(fragment, count);
    blocks.push(body.blocks);
    paragraphs.push(body.paragraphs);
    count += body.paragraphs.length;
    words += body.words;
  };
  // Read until there is a paragraph to show (or nothing is left): a run may hold none.
  do step();
  while (count === 0 && cursor);
  return {
    get done() {
      return !cursor;
    },
    step,
    current() {
      return { body: { blocks: blocks.flat(), paragraphs: paragraphs.flat(), words }, ...notes };
    },
  };
}

/** Page nodes where a run may end: before one of these elements, or before the first of two `<br>`. */
const RUN_CUT = /^(?:P|HR|H[1-6])$/;

function mayCutBefore(node: Node): boolean {
  const name = domGet<string>(node, 'nodeName');
  if (RUN_CUT.test(name)) return true;
  if (name !== 'BR') return false;
  const significant = (from: Node, way: 'nextSibling' | 'previousSibling') => {
    let n = domGet<Node | null>(from, way);
    while (n && isPageBlank(n)) n = domGet<Node | null>(n, way);
    return n;
  };
  const after = significant(node, 'nextSibling');
  const before = significant(node, 'previousSibling');
  return after !== null && domGet<string>(after, 'nodeName') === 'BR' && (before === null || domGet<string>(before, 'nodeName') !== 'BR');
}

function isPageBlank(node: Node): boolean {
  return domGet<number>(node, 'nodeType') === TEXT_NODE && !/\S/.test(domGet<string | null>(node, 'nodeValue') ?? '');
}

function trimBlankEdges(fragment: DocumentFragment): void {
  while (fragment.firstChild && isBlank(fragment.firstChild)) fragment.firstChild.remove();
  while (fragment.lastChild && isBlank(fragment.lastChild)) fragment.lastChild.remove();
}

/** A note or summary, sanitized, as blocks (none anchorable) with its text (paragraphs separated by blank lines). */
export function buildRichText(input: string | Node, win: SanitizeWindow, baseUrl: string): RichBlocks {
  const fragment = sanitizeToFragment(input, win, { baseUrl });
  normalizeBlocks(fragment);
  trimBlankEdges(fragment);
  const { found, holds } = paragraphElements(fragment);
  const text = found.map((p) => p.text).join('\n\n');
  return { blocks: blocksFromDom(fragment, UNNUMBERED, holds), text };
}

/**
 * Nesting deeper than this is flattened when copying page markup: Chromium's parser stops nesting at 512 too,
 * and deeper trees overflow the stack of recursive DOM code (cloning, importing, serializing).
 */
const MAX_DEPTH = 512;

/** Elements at most this tall (a paragraph with some inline markup) are copied whatever their depth. */
const KEEP_HEIGHT = 4;

/** Records the height of every element in `root`'s subtree (a leaf is 1), with a stack, not recursion. */
function recordHeights(root: Node, heights: Map<Node, number>): void {
  const elementKids = (node: Node) =>
    Array.from(domGet<NodeListOf<ChildNode>>(node, 'childNodes')).filter((k) => domGet<number>(k, 'nodeType') === ELEMENT_NODE);
  const stack: { node: Node; kids?: Node[] }[] = [{ node: root }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.kids) {
      heights.set(item.node, 1 + item.kids.reduce((h, k) => Math.max(h, heights.get(k) ?? 0), 0));
      continue;
    }
    const kids = elementKids(item.node);
    stack.push({ node: item.node, kids });
    for (const k of kids) stack.push({ node: k });
  }
}

/** An inert document per page document: copies are made there, where nothing loads, runs or upgrades. */
const inertDocs = new WeakMap<Document, Document>();

export function inertDocumentFor(doc: Document): Document {
  let inert = inertDocs.get(doc);
  if (!inert) {
    inert = domCall<Document>(domGet<DOMImplementation>(doc, 'implementation'), 'createHTMLDocument', '');
    inertDocs.set(doc, inert);
  }
  return inert;
}

/**
 * A copy of one page element without its children, made by `doc.createElementNS`: never `cloneNode`, which
 * copies a clonable shadow root (declarative shadow DOM, `shadowrootclonable`) and a custom element's `is`
 * value with it. Attributes come along (the sanitizer judges them); one the DOM refuses to set is left out.
 */
function shallowCopy(src: Element, doc: Document, keep?: ReadonlySet<string>): Element {
  const ns = domGet<string | null>(src, 'namespaceURI');
  const local = domGet<string>(src, 'localName');
  const prefix = domGet<string | null>(src, 'prefix');
  let copy: Element;
  try {
    copy = doc.createElementNS(ns, prefix ? `${prefix}:${local}` : local);
  } catch {
    copy = doc.createElement('span'); // a name the parser made and createElementNS refuses: its content is kept
  }
  const attrs = domGet<NamedNodeMap>(src, 'attributes');
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i] as Attr;
    if (keep && !keep.has(a.name)) continue;
    try {
      copy.setAttributeNS(a.namespaceURI, a.name, a.value);
    } catch {
      // (an attribute name the parser accepts and setAttribute does not, such as `"x`)
    }
  }
  return copy;
}

/**
 * Appends copies of `nodes` (and their subtrees) to `target`, one node at a time with a stack of its own (a
 * deep `cloneNode` recurses). Only elements and text are copied, into `target`'s document (give it an inert
 * one: see `inertDocumentFor`), and only through `childNodes`: a shadow root's content never comes along.
 * `keepAttributes` limits the attributes copied (all by default). Elements nested deeper than `maxDepth` are left out, their content kept in their place, except the short
 * subtrees at the bottom (paragraphs and their inline markup), which are copied whole: the chain of wrappers
 * above them is what gets flattened.
 *
 * A copy is attached to its parent only once its own subtree is complete, so each append happens in a
 * detached subtree: appending checks the new parent's ancestors, and on a deep page that check would
 * otherwise cost the whole depth for every node.
 */
export function copyBounded(nodes: readonly Node[], target: Node, maxDepth = MAX_DEPTH, keepAttributes?: ReadonlySet<string>): void {
  const doc = (target.nodeType === 9 ? target : target.ownerDocument) as Document;
  const heights = new Map<Node, number>();
  const heightOf = (node: Node) => {
    if (!heights.has(node)) recordHeights(node, heights);
    return heights.get(node) ?? 0;
  };
  type Item = { src: Node; parent: Node; depth: number } | { attach: Node; to: Node };
  const stack: Item[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push({ src: nodes[i] as Node, parent: target, depth: 1 });
  for (let item = stack.pop(); item; item = stack.pop()) {
    if ('attach' in item) {
      item.to.appendChild(item.attach);
      continue;
    }
    const { src, parent, depth } = item;
    const type = domGet<number>(src, 'nodeType');
    if (type === TEXT_NODE) {
      parent.appendChild(doc.createTextNode(domGet<string | null>(src, 'nodeValue') ?? ''));
      continue;
    }
    if (type !== ELEMENT_NODE) continue; // comments, processing instructions: nothing to read in them
    let into = parent;
    if (depth <= maxDepth || heightOf(src) <= KEEP_HEIGHT) {
      into = shallowCopy(src as Element, doc, keepAttributes);
      stack.push({ attach: into, to: parent }); // after its children (the stack runs them first)
    }
    const kids = domGet<NodeListOf<ChildNode>>(src, 'childNodes');
    for (let i = kids.length - 1; i >= 0; i--)
      stack.push({ src: kids[i] as Node, parent: into, depth: into === parent ? depth : depth + 1 });
  }
}

/**
 * A fragment (of an inert document) holding copies of `el`'s children, leaving out those that match `skip`. The page itself is
 * never changed.
 */
export function childrenWithout(el: Element, skip?: string): DocumentFragment {
  // The copy lives in an inert document, not the page's.
  return copyChildren(pageChildren(el, skip), inertDocumentFor(domGet<Document>(el, 'ownerDocument')), skip);
}

/** `el`'s children, leaving out elements that match `skip`. */
function pageChildren(el: Element, skip?: string): Node[] {
  // Through the DOM's own methods: on a page, `document.implementation` or a form's `childNodes` may be a
  // named element instead (clobbering).
  return Array.from(domGet<NodeListOf<ChildNode>>(el, 'childNodes')).filter((child) => !isSkipped(child, skip));
}

/** Whether a page node is an element matching `skip`. */
function isSkipped(node: Node, skip: string | undefined): boolean {
  return skip !== undefined && skip !== '' && domGet<number>(node, 'nodeType') === ELEMENT_NODE && domCall<boolean>(node, 'matches', skip);
}

/** A fragment of `doc` (an inert document) holding copies of page nodes, elements matching `skip` left out. */
function copyChildren(children: readonly Node[], doc: Document, skip?: string): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  // Only what the sanitizer reads: a page's thousands of other attributes would be copied to be dropped.
  copyBounded(children, fragment, MAX_DEPTH, SANITIZER_READS);
  if (skip) for (const el2 of Array.from(fragment.querySelectorAll(skip))) el2.remove();
  // One text node where the page's parse left thousands side by side (text foster-parented out of a stray
  // <table>): every later step walks siblings, and some DOMs (jsdom) pay for each sibling on each step.
  fragment.normalize();
  return fragment;
}
