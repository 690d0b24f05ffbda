/** Small readers of page markup shared by the site adapters. None of them changes the document. */

/*
 * Clobbering: in browsers, `<img name=title>` or `<form name=querySelector>` shadow the document's own
 * properties, and a form's controls shadow the form's (`<input name=getAttribute>`). So nothing here reads a
 * property or calls a method through a page node directly: the DOM's own accessor or method is taken from the
 * node's prototype chain (named properties are never on a prototype) and called on the node.
 */

/** Descriptors found per prototype: the adapters make thousands of these calls on a long page. */
const found = new WeakMap<object, Map<string, PropertyDescriptor | undefined>>();

function protoDescriptor(obj: object, name: string): PropertyDescriptor | undefined {
  const proto = Object.getPrototypeOf(obj) as object | null;
  if (!proto) return undefined;
  let byName = found.get(proto);
  if (!byName) {
    byName = new Map();
    found.set(proto, byName);
  }
  if (byName.has(name)) return byName.get(name);
  let d: PropertyDescriptor | undefined;
  for (let p: object | null = proto; p && !d; p = Object.getPrototypeOf(p) as object | null) d = Object.getOwnPropertyDescriptor(p, name);
  byName.set(name, d);
  return d;
}

/** The DOM's own value of `name` on `obj` (a getter from the prototype chain), never a named property. */
export function domGet<T>(obj: object, name: string): T {
  const d = protoDescriptor(obj, name);
  if (!d) throw new TypeError(`no DOM property ${name}`);
  return (d.get ? d.get.call(obj) : d.value) as T;
}

/** Calls the DOM's own method `name` on `obj`, never a named property. */
export function domCall<T>(obj: object, name: string, ...args: unknown[]): T {
  const fn = protoDescriptor(obj, name)?.value as ((...a: unknown[]) => T) | undefined;
  if (typeof fn !== 'function') throw new TypeError(`no DOM method ${name}`);
  return fn.apply(obj, args);
}

/** `root.querySelector(selector)`, safe from clobbering. */
export function $(root: ParentNode | null | undefined, selector: string): Element | null {
  return root ? domCall<Element | null>(root, 'querySelector', selector) : null;
}

/** `root.querySelectorAll(selector)` as an array, safe from clobbering. */
export function $$(root: ParentNode | null | undefined, selector: string): Element[] {
  return root ? Array.from(domCall<NodeListOf<Element>>(root, 'querySelectorAll', selector)) : [];
}

/** `el.getAttribute(name)`, safe from clobbering. */
export function attr(el: Element | null | undefined, name: string): string | null {
  return el ? domCall<string | null>(el, 'getAttribute', name) : null;
}

/** `el.matches(selector)`, safe from clobbering. */
export function matches(el: Element, selector: string): boolean {
  return domCall<boolean>(el, 'matches', selector);
}

/** Whether `el` or an ancestor matches `selector`, safe from clobbering. */
export function inside(el: Element, selector: string): boolean {
  return domCall<Element | null>(el, 'closest', selector) !== null;
}

/** The element children of `el`, safe from clobbering. */
export function childElements(el: Element): Element[] {
  return Array.from(domGet<HTMLCollection>(el, 'children'));
}

/** The tag name (upper case for HTML), safe from clobbering. */
export function tagOf(el: Element): string {
  return domGet<string>(el, 'nodeName');
}

/** The document's title, from its first `<title>` (never `document.title`, which a named element can shadow). */
export function titleOf(doc: Document): string {
  return textOf($(doc, 'title'));
}

/** Trimmed text of an element with whitespace collapsed; '' for none. */
export function textOf(el: Element | null | undefined): string {
  return el ? (domGet<string | null>(el, 'textContent') ?? '').replace(/\s+/g, ' ').trim() : '';
}

/** Text of every match, empty ones left out. */
export function textsOf(root: ParentNode, selector: string): string[] {
  return $$(root, selector)
    .map((el) => textOf(el))
    .filter((t) => t !== '');
}

/** An absolute http(s) URL for `href` against `base`, without its fragment; undefined when there is none. */
export function absoluteUrl(href: string | null | undefined, base: URL | string, keepHash = false): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!keepHash) url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** "61,162" or "67 379" or "12.345" as a number; undefined when there are no digits. */
export function parseCount(text: string | null | undefined): number | undefined {
  const digits = (text ?? '').replace(/[^\d]/g, '');
  return digits ? Number(digits) : undefined;
}

/**
 * Like `absoluteUrl`, but only for a URL on the page's own origin (same scheme and host): for the links an
 * adapter builds for navigation (previous, next, chapter index...), which must never lead off the site.
 */
export function sameOriginUrl(href: string | null | undefined, page: URL, keepHash = false): string | undefined {
  const abs = absoluteUrl(href, page, keepHash);
  if (!abs) return undefined;
  return new URL(abs).origin === page.origin ? abs : undefined;
}

/** Cloudflare's own wrappers directly in <body>, around its markers. */
const CHALLENGE_FRAME = 'div.main-wrapper, #cf-wrapper, #cf-content, table';
const CHALLENGE_MARKERS = [
  '#challenge-form',
  '#challenge-running',
  '#challenge-stage',
  '#challenge-error-text',
  '#challenge-body-text',
  '#cf-challenge-running',
  '.cf-browser-verification',
  '#turnstile-wrapper',
  '.cf-error-details',
  'form[action*="__cf_chl_"]',
].join(', ');
/** How far below <body> a marker sits on a real challenge page, at most. */
const CHALLENGE_DEPTH = 6;

/**
 * A browser check (Cloudflare's "Just a moment...", its older "Attention Required", or a Turnstile page)
 * standing in front of the page. Judged from markup that stays in the page without its scripts: the title, or
 * a marker in the challenge page's own frame (`body > .main-wrapper > .main-content > #challenge-stage`...).
 * A marker anywhere else (deep inside a story's text, say) proves nothing: any page can carry one.
 */
export function isChallengePage(doc: Document): boolean {
  const title = titleOf(doc);
  if (/^(?:just a moment\.*|attention required!? \| cloudflare|please wait\.* \| cloudflare|one more step)$/i.test(title)) return true;
  return $$(doc, CHALLENGE_MARKERS).some((marker) => inChallengeFrame(marker));
}

function inChallengeFrame(marker: Element): boolean {
  let el: Element = marker;
  for (let depth = 0; depth <= CHALLENGE_DEPTH; depth++) {
    const parent = el.parentElement;
    if (!parent) return false;
    if (tagOf(parent) === 'BODY') return el === marker || matches(el, CHALLENGE_FRAME);
    el = parent;
  }
  return false;
}
