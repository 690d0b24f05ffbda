/**
 * The one gate between a web page's markup and Ficwell's views: a strict allow-list on top of DOMPurify.
 *
 * What passes: text formatting, paragraphs, headings, lists, quotes, tables, rules, `details`, links to
 * http(s) and to fragments, and https images. What never passes: scripts, event handlers, `style` elements
 * and attributes (so FFN's `user-select: none` and an AO3 work skin stay behind), `class`, forms and their
 * controls, iframes, objects, SVG, MathML, and any `javascript:`, `data:` or other non-http URL.
 *
 * A few things are rewritten rather than dropped:
 * - `style="text-align: center|right|justify"` becomes `align="..."`, so centred scene breaks and poems keep
 *   their shape without any CSS from the page;
 * - relative links and sources are resolved against `baseUrl` (dropped when there is none);
 * - `id` and `name` get DOMPurify's `user-content-` prefix (so they cannot clobber the view's own globals),
 *   and in-page links (`#fn1`) follow them, which keeps AO3 footnotes working;
 * - links get `rel="noopener noreferrer"`, images `loading="lazy"` and `referrerpolicy="no-referrer"`.
 *
 * No `data-*` attribute passes: the reader draws paragraph numbers of its own (`data-p`, from the document
 * model: lib/doc), and a page must not be able to supply one. Nothing of a shadow root passes either: DOMPurify imports a node
 * input with its clonable shadow roots and does not walk into them, so its output is copied once more, element
 * by element from the allow-list (`copyAllowed`), and that copy is what leaves this module.
 *
 * Sanitizing is idempotent: the UI may sanitize stored HTML again before rendering it.
 */

import DOMPurify, { type Config, type DOMPurify as Purifier, type WindowLike } from 'dompurify';

/** A Window (a browser's, or jsdom's in tests) that DOMPurify can build its inert document from. */
export type SanitizeWindow = WindowLike;

export interface SanitizeOptions {
  /** Base for relative `href` and `src`; without it, relative URLs are dropped (fragments are kept). */
  baseUrl?: string | URL;
  /**
   * What becomes of an embedded player (`iframe`, `embed`, `object`, `video`, `audio`): by default it goes
   * without a trace; `'link'` (AO3 work text, where the embed is the work: podfics, videos) leaves a line
   * in its place, with a plain link to its source when that is https (see `mediaStandIn`).
   */
  media?: 'drop' | 'link';
}

/** The text left where an embedded player was. Sanitized like the rest: it is inserted ahead of DOMPurify's walk. */
export const MEDIA_LINK_LABEL = 'Embedded media: ';
export const MEDIA_PLACEHOLDER = '[Embedded media not shown]';
const MEDIA_TAGS = new Set(['iframe', 'embed', 'object', 'video', 'audio']);

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'blockquote',
  'br',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'tt',
  'u',
  'ul',
  'var',
  'wbr',
];

const ALLOWED_ATTR = [
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'lang',
  'dir',
  'align',
  'colspan',
  'rowspan',
  'start',
  'reversed',
  'type',
  'open',
  'id',
  'name',
];

/**
 * Attribute values checked one by one; anything not matching is removed. A Map, not an object: attribute
 * names come from the page, and `constructor` or `__proto__` must not find Object.prototype's.
 */
const VALUE_RULES = new Map<string, RegExp>(
  Object.entries({
    align: /^(?:left|center|right|justify)$/i,
    dir: /^(?:ltr|rtl|auto)$/i,
    lang: /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/i,
    width: /^\d{1,5}%?$/,
    height: /^\d{1,5}%?$/,
    colspan: /^\d{1,3}$/,
    rowspan: /^\d{1,3}$/,
    start: /^-?\d{1,9}$/,
  }),
);

const OL_TYPES = new Set(['1', 'a', 'A', 'i', 'I']);
const NAMED_PROPS_PREFIX = 'user-content-';
const TEXT_ALIGN = /(?:^|;)\s*text-align\s*:\s*(center|right|justify)\b/i;

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // DOMPurify checks every non-text attribute value against this; URL attributes are already absolute here
  // (see the hook), so this allows http(s), fragments and plain scheme-less values such as "center".
  ALLOWED_URI_REGEXP: /^(?:https?:|#|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  // Controls whose text would read as story text once the control itself is gone.
  ADD_FORBID_CONTENTS: ['select', 'option', 'button', 'textarea', 'datalist', 'object', 'embed', 'canvas'],
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true,
};

interface Instance {
  purify: Purifier;
  /** Per-call state for the hooks; sanitizing is synchronous, so one slot is enough. */
  base: URL | undefined;
  media: 'drop' | 'link';
  align: WeakMap<Element, string>;
}

// One configured DOMPurify per window; the hooks belong to the instance.
const instances = new WeakMap<object, Instance>();

function instanceFor(win: SanitizeWindow): Instance {
  const inst = instances.get(win);
  if (inst) return inst;
  const created: Instance = { purify: DOMPurify(purifierWindow(win)), base: undefined, media: 'drop', align: new WeakMap() };
  // Parsed once: DOMPurify otherwise re-reads the whole configuration on every call (a page makes dozens).
  created.purify.setConfig({ ...CONFIG, RETURN_DOM_FRAGMENT: true });
  installHooks(created);
  instances.set(win, created);
  return created;
}

/**
 * The window DOMPurify is built from, with a fresh inert document in place of the page's: DOMPurify reads
 * `document.createElement`, `document.implementation`... once, and on a page those may be named elements
 * (`<form name=createElement>` clobbers them in browsers).
 */
function purifierWindow(win: SanitizeWindow): SanitizeWindow {
  const inert = new win.DOMParser().parseFromString('<!DOCTYPE html><html><head></head><body></body></html>', 'text/html');
  return {
    document: inert,
    DocumentFragment: win.DocumentFragment,
    HTMLTemplateElement: win.HTMLTemplateElement,
    Node: win.Node,
    Element: win.Element,
    NodeFilter: win.NodeFilter,
    NamedNodeMap: win.NamedNodeMap,
    HTMLFormElement: win.HTMLFormElement,
    DOMParser: win.DOMParser,
    ...(win.trustedTypes ? { trustedTypes: win.trustedTypes } : {}),
  } as SanitizeWindow;
}

function installHooks(inst: Instance): void {
  inst.purify.addHook('uponSanitizeElement', (node, data) => {
    if (inst.media !== 'link' || node.nodeType !== 1 || !MEDIA_TAGS.has(data.tagName)) return;
    mediaStandIn(node as Element, inst.base);
  });
  inst.purify.addHook('uponSanitizeAttribute', (node, event) => {
    const name = event.attrName;
    const value = event.attrValue;
    if (name === 'style') {
      const align = TEXT_ALIGN.exec(value)?.[1];
      if (align) inst.align.set(node, align.toLowerCase());
      event.keepAttr = false;
      return;
    }
    if (name === 'href' || name === 'src') {
      const url = safeUrl(value, inst.base, name === 'src' ? 'image' : 'link');
      if (url === undefined) event.keepAttr = false;
      else event.attrValue = url;
      return;
    }
    if (name === 'type') {
      if (node.nodeName !== 'OL' || !OL_TYPES.has(value)) event.keepAttr = false;
      return;
    }
    const rule = VALUE_RULES.get(name);
    if (rule && !rule.test(value)) event.keepAttr = false;
    else if (name === 'align') event.attrValue = value.toLowerCase();
  });

  inst.purify.addHook('afterSanitizeAttributes', (node) => {
    const align = inst.align.get(node);
    if (align && !node.hasAttribute('align')) node.setAttribute('align', align);
    if (node.nodeName === 'A' && node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer');
    if (node.nodeName === 'IMG') {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
}

/**
 * Puts a stand-in for an embedded player right after it (DOMPurify then drops the player, content and all):
 * "Embedded media: <a href>source</a>" when the player's source is https, else a placeholder that names no
 * URL (a javascript:, data: or http: source never becomes a link). The stand-in is inline (the player may sit
 * inside a paragraph) and goes after the player, so DOMPurify's walk, which has not reached it yet, sanitizes
 * it like any page markup: the link keeps its href only by the same rules as every link.
 */
function mediaStandIn(el: Element, base: URL | undefined): void {
  const parent = el.parentNode;
  if (!parent) return;
  const candidates = [el.getAttribute('src'), el.getAttribute('data')];
  for (const source of Array.from(el.getElementsByTagName('source'))) candidates.push(source.getAttribute('src'));
  let href: string | undefined;
  for (const value of candidates) {
    const url = value === null ? undefined : safeUrl(value, base, 'link');
    if (url?.startsWith('https:')) {
      href = url;
      break;
    }
  }
  const doc = el.ownerDocument;
  const after = el.nextSibling;
  if (href) {
    const a = doc.createElement('a');
    a.setAttribute('href', href);
    a.textContent = href;
    parent.insertBefore(doc.createTextNode(MEDIA_LINK_LABEL), after);
    parent.insertBefore(a, after);
  } else parent.insertBefore(doc.createTextNode(MEDIA_PLACEHOLDER), after);
}

/**
 * The URL to keep for an `href` (http, https or an in-page fragment) or an image `src` (https only), or
 * undefined to drop it.
 */
function safeUrl(value: string, base: URL | undefined, kind: 'link' | 'image'): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (kind === 'link' && trimmed.startsWith('#')) {
    if (trimmed.length === 1) return undefined;
    const target = trimmed.slice(1);
    return `#${target.startsWith(NAMED_PROPS_PREFIX) ? target : NAMED_PROPS_PREFIX + target}`;
  }
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return undefined;
  }
  if (kind === 'image') {
    // An empty, fragment-only or `?` source resolves to the page itself: fetching it would load the page again.
    const self = base && url.origin + url.pathname + url.search === base.origin + base.pathname + base.search;
    return url.protocol === 'https:' && !self ? url.href : undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/**
 * Sanitizes `input` into a DocumentFragment owned by an inert document (nothing in it runs or loads).
 * A string is an HTML fragment; a Node is taken with its subtree (a DocumentFragment: its children).
 */
export function sanitizeToFragment(input: string | Node, win: SanitizeWindow, options: SanitizeOptions = {}): DocumentFragment {
  const inst = instanceFor(win);
  inst.base = options.baseUrl === undefined ? undefined : new URL(options.baseUrl);
  inst.media = options.media ?? 'drop';
  let fragment: DocumentFragment;
  try {
    // The configuration set in instanceFor applies (DOMPurify ignores this argument after setConfig); it is
    // passed so the call is typed as returning a fragment.
    fragment = inst.purify.sanitize(input, { RETURN_DOM_FRAGMENT: true });
  } finally {
    inst.base = undefined;
    inst.media = 'drop';
  }
  // An image whose source was dropped would show as a broken-image box.
  for (const img of Array.from(fragment.querySelectorAll('img:not([src])'))) img.remove();
  const out = fragment.ownerDocument.createDocumentFragment();
  copyAllowed(fragment, out);
  return out;
}

/**
 * The page attributes the sanitizer reads at all: the allow-list, `style` (for its text-align) and `class`
 * (the adapters leave out elements by class before sanitizing), and an `object`'s `data` (its source, for the
 * media stand-in). A copy of page markup made for the sanitizer
 * needs no other: it would drop them.
 */
export const SANITIZER_READS: ReadonlySet<string> = new Set([...ALLOWED_ATTR, 'style', 'class', 'data']);

/** Attributes a copy may carry: the allow-list, and the ones the hooks above add. */
const COPY_ATTR = new Set([...ALLOWED_ATTR, 'rel', 'loading', 'referrerpolicy']);
const COPY_TAGS = new Set(ALLOWED_TAGS.map((t) => t.toUpperCase()));
const HTML_NS = 'http://www.w3.org/1999/xhtml';

export interface CopyOptions {
  /** Attributes kept besides the allow-list (Ficwell's own marks, such as the paragraph numbers). */
  keepAttributes?: readonly string[];
  /** Called with each source element and its copy (to map Ficwell's marks without reading them back). */
  onElement?: (source: Element, copy: Element) => void;
  /** The first top-level node of `source` to copy (default its first child), for drawing a long text in slices. */
  first?: Node | null;
  /** How many top-level nodes to copy at most (default all). */
  limit?: number;
}

/**
 * Appends to `target` a copy of `source`'s children built element by element: only allow-listed HTML elements
 * (made with `createElement` of `target`'s document, so no custom element, no `is`, no shadow root, no template
 * content), only allow-listed attributes, text as text. An element that is not allowed is left out with its
 * subtree (the sanitizer has run before: such an element should not exist). Never `cloneNode` or
 * `importNode`: both copy a clonable shadow root. A loop with a stack: no recursion however deep the markup.
 * Returns the top-level node after the last one copied (null at the end).
 */
export function copyAllowed(source: ParentNode & Node, target: ParentNode & Node, options: CopyOptions = {}): Node | null {
  const doc = target.nodeType === 9 ? (target as unknown as Document) : (target.ownerDocument as Document);
  const keep = options.keepAttributes?.length ? new Set([...COPY_ATTR, ...options.keepAttributes]) : COPY_ATTR;
  // Walked by sibling, not by index: indexing a long child list is not constant time everywhere (jsdom).
  const top: Node[] = [];
  let next: Node | null = options.first === undefined ? source.firstChild : options.first;
  const limit = options.limit ?? Infinity;
  while (next && top.length < limit) {
    top.push(next);
    next = next.nextSibling;
  }
  // Each item: a source node and the copy its copy goes into. Copies are attached once built (see copyBounded).
  type Item = { src: Node; parent: Node } | { attach: Node; to: Node };
  const stack: Item[] = [];
  for (let i = top.length - 1; i >= 0; i--) stack.push({ src: top[i] as Node, parent: target });
  for (let item = stack.pop(); item; item = stack.pop()) {
    if ('attach' in item) {
      item.to.appendChild(item.attach);
      continue;
    }
    const { src, parent } = item;
    if (src.nodeType === 3) {
      parent.appendChild(doc.createTextNode(src.nodeValue ?? ''));
      continue;
    }
    if (src.nodeType !== 1) continue;
    const el = src as Element;
    if (el.namespaceURI !== HTML_NS || !COPY_TAGS.has(el.nodeName)) continue;
    const copy = doc.createElement(el.localName);
    for (const a of Array.from(el.attributes)) {
      if (a.namespaceURI === null && keep.has(a.name)) copy.setAttribute(a.name, a.value);
    }
    options.onElement?.(el, copy);
    stack.push({ attach: copy, to: parent });
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push({ src: c, parent: copy });
  }
  return next;
}

/** Serializes a (sanitized) fragment, which keeps its nodes. */
export function serializeFragment(fragment: DocumentFragment): string {
  const holder = fragment.ownerDocument.createElement('div');
  holder.append(fragment); // moves the nodes (no copy)...
  const html = holder.innerHTML;
  // ...and back, one at a time: spreading a page's worth of nodes into one call overflows the stack.
  while (holder.firstChild) fragment.appendChild(holder.firstChild);
  return html;
}

/** Sanitized HTML for `input` (see the module comment for what survives). */
export function sanitizeHtml(input: string | Node, win: SanitizeWindow, options: SanitizeOptions = {}): string {
  return serializeFragment(sanitizeToFragment(input, win, options));
}
