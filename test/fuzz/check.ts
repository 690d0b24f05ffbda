/**
 * What must hold for everything a site adapter hands out to be shown (lib/sites/types.ts: the document model,
 * made from sanitized markup), as the one renderer (components/Blocks.tsx) draws it, whatever page it read. Used by test/security/hostile.test.ts, test/security/fuzz.test.ts and scripts/fuzz.ts.
 *
 * No jsdom here: the caller passes the documents and windows (jsdom's in Node, a browser's elsewhere).
 */

import { h, render } from 'preact';
import { Blocks } from '../../components/Blocks';
import type { Block } from '../../lib/doc/model';
import type { StoryPage } from '../../lib/sites/types';
import { BEACON_HOST } from './attacks';

export interface Violation {
  rule: string;
  detail: string;
}

/** Elements that must never come out of the sanitizer. */
export const FORBIDDEN_ELEMENTS = new Set(
  (
    'script iframe frame frameset object embed applet param form input button select option optgroup textarea ' +
    'datalist keygen output base meta link style svg math template noscript noembed noframes xmp plaintext title ' +
    'video audio source track picture canvas portal dialog slot image isindex'
  ).split(' '),
);

/** Attributes that hold a URL (or a list of them) somewhere in HTML, SVG or MathML. */
export const URL_ATTRIBUTES = new Set(
  (
    'href src action formaction xlink:href srcset poster background data ping cite longdesc lowsrc dynsrc codebase ' +
    'manifest icon profile usemap itemtype archive classid imagesrcset'
  ).split(' '),
);

const XHTML = 'http://www.w3.org/1999/xhtml';
const SAFE_URL = /^(?:https?:\/\/[^\s]|#)/i;

export interface HtmlCheckOptions {
  /**
   * `href` values (exact strings, or patterns) allowed to mention the beacon host: plain outgoing https links,
   * which the sanitizer keeps by design (the catalogue's navigation decoys are such links).
   */
  allowedLinks?: readonly (string | RegExp)[];
}

/**
 * The beacon links of the catalogue's navigation decoys (clobber-nav-links, clobber-ao3-selected-id,
 * clobber-rr-chapter-content, clobber-xf-posts).
 */
export const DECOY_LINKS = /^https:\/\/beacon\.test\/(?:s|works|fiction|threads)\//;

/** Attributes that are only ever shown as text. */
const TEXT_ATTRIBUTES = new Set(['title', 'alt']);

/** Whether a URL attribute's value points at the beacon host (resolution is the sanitizer's job: absolute here). */
function pointsAtBeacon(value: string): boolean {
  try {
    const host = new URL(value.trim()).hostname.toLowerCase();
    return host === BEACON_HOST || host.endsWith(`.${BEACON_HOST}`);
  } catch {
    return value.toLowerCase().includes(BEACON_HOST);
  }
}

/**
 * Re-parses `html` (as the reader will, with `parse`) and walks it: no forbidden element, no foreign
 * namespace, no on* attribute, no style attribute, no non-http(s) URL (fragments excepted), no URL to the beacon
 * host (and the host in no other attribute but the text ones, title and alt), no comment or processing instruction.
 */
export function htmlViolations(html: string, parse: (html: string) => ParentNode, options: HtmlCheckOptions = {}): Violation[] {
  const out: Violation[] = [];
  const allowed = options.allowedLinks ?? [];
  const isAllowed = (href: string) => allowed.some((a) => (typeof a === 'string' ? a === href : a.test(href)));
  const root = parse(html);
  const doc = (root as Node).ownerDocument ?? (root as unknown as Document);
  const walker = doc.createTreeWalker(root as Node, 0xffffffff);
  for (let node: Node | null = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 8 || node.nodeType === 7) {
      out.push({ rule: 'comment', detail: `comment or processing instruction: ${(node.textContent ?? '').slice(0, 80)}` });
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const name = el.localName;
    if (FORBIDDEN_ELEMENTS.has(name)) out.push({ rule: 'element', detail: `<${name}>` });
    if (el.namespaceURI !== XHTML) out.push({ rule: 'namespace', detail: `<${name}> in ${el.namespaceURI ?? 'no namespace'}` });
    for (const attr of Array.from(el.attributes)) {
      const attrName = attr.name.toLowerCase();
      const value = attr.value;
      if (attrName.startsWith('on')) out.push({ rule: 'handler', detail: `<${name} ${attrName}>` });
      if (attrName === 'style') out.push({ rule: 'style', detail: `<${name} style="${value.slice(0, 80)}">` });
      if (URL_ATTRIBUTES.has(attrName) || attrName.endsWith(':href')) {
        const urls = attrName.endsWith('srcset') ? value.split(',').map((s) => s.trim().split(/\s+/)[0] ?? '') : [value.trim()];
        for (const url of urls) if (!SAFE_URL.test(url)) out.push({ rule: 'url', detail: `<${name} ${attrName}="${value.slice(0, 80)}">` });
      }
      // The beacon host may appear as text (and in a path on another host); never as where a URL goes.
      const isUrl = URL_ATTRIBUTES.has(attrName) || attrName.endsWith(':href');
      const beacon = isUrl
        ? (attrName.endsWith('srcset') ? value.split(',').map((x) => x.trim().split(/\s+/)[0] ?? '') : [value]).some(pointsAtBeacon)
        : !TEXT_ATTRIBUTES.has(attrName) && value.toLowerCase().includes(BEACON_HOST);
      if (beacon && !(attrName === 'href' && isAllowed(value))) {
        out.push({ rule: 'beacon', detail: `<${name} ${attrName}="${value.slice(0, 80)}">` });
      }
    }
  }
  return out;
}

/** `blocks` as the views draw them: the one renderer, into a detached element of `doc`. */
export function drawBlocks(doc: Document, blocks: readonly Block[]): HTMLElement {
  const host = doc.createElement('div');
  render(h(Blocks, { blocks }), host);
  return host;
}

export interface DrawnText {
  where: string;
  blocks: readonly Block[];
  /** The element `blocks` were drawn into (a detached element of the given document). */
  nodes: HTMLElement;
  /** Its markup. */
  html: string;
}

/** Every text of a story page that a view draws (summary, notes, chapter text), drawn into `doc`. */
export function storyHtmls(page: StoryPage, doc: Document): DrawnText[] {
  const texts: { where: string; blocks: readonly Block[] }[] = [];
  if (page.summary) texts.push({ where: 'summary', blocks: page.summary.blocks });
  for (const [i, n] of page.notes.entries()) texts.push({ where: `notes[${i}] ${n.kind}`, blocks: n.blocks });
  page.parts.forEach((p, i) => {
    texts.push({ where: `parts[${i}].blocks`, blocks: p.blocks });
    for (const [j, n] of p.notes.entries()) texts.push({ where: `parts[${i}].notes[${j}] ${n.kind}`, blocks: n.blocks });
  });
  return texts.map((x) => {
    const nodes = drawBlocks(doc, x.blocks);
    return { ...x, nodes, html: nodes.innerHTML };
  });
}

/** Every URL field of a story page. */
export function storyUrls(page: StoryPage): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [
    { where: 'url', url: page.url },
    { where: 'storyUrl', url: page.storyUrl },
  ];
  for (const [i, a] of page.authors.entries()) if (a.url !== undefined) out.push({ where: `authors[${i}].url`, url: a.url });
  for (const [i, c] of page.chapters.entries()) out.push({ where: `chapters[${i}].url`, url: c.url });
  for (const [i, p] of page.parts.entries()) if (p.url !== undefined) out.push({ where: `parts[${i}].url`, url: p.url });
  for (const [k, v] of Object.entries(page.links)) if (typeof v === 'string') out.push({ where: `links.${k}`, url: v });
  return out;
}

/**
 * URL fields must be absolute http(s) URLs; those that Ficwell navigates to or fetches (chapters, parts,
 * prev/next/index links) must stay on the host the page was read from (the adapters' own rule for chapter
 * links: "on the host the page was read from").
 */
export function urlViolations(page: StoryPage, pageUrl: URL): Violation[] {
  const out: Violation[] = [];
  for (const { where, url } of storyUrls(page)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      out.push({ rule: 'url-field', detail: `${where} is not a URL: ${url.slice(0, 100)}` });
      continue;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      out.push({ rule: 'url-field', detail: `${where} is ${parsed.protocol}: ${url.slice(0, 100)}` });
      continue;
    }
    const navigates = /^(?:chapters|parts|links)\b/.test(where);
    if (navigates && parsed.hostname !== pageUrl.hostname) {
      out.push({ rule: 'offsite-link', detail: `${where} leaves ${pageUrl.hostname}: ${url.slice(0, 100)}` });
    }
  }
  return out;
}

export const PWNED_GLOBAL = '__ficwellPwned';

interface SpyWindow {
  [PWNED_GLOBAL]?: (id: string, detail?: string) => void;
  __ficwellPwnedCalls?: string[];
}

/** Installs `window.__ficwellPwned` recording its calls; call before any markup is inserted or parsed. */
export function installSpy(win: object): void {
  const w = win as SpyWindow;
  w.__ficwellPwnedCalls = [];
  w[PWNED_GLOBAL] = (id: string, detail?: string) => {
    w.__ficwellPwnedCalls?.push(detail === undefined ? String(id) : `${String(id)}:${String(detail)}`);
  };
}

/** Calls recorded by the spy, plus any `data-pwned*` attribute anywhere in `doc`; clears both. */
export function takeHits(win: object, doc: Document): string[] {
  const w = win as SpyWindow;
  const hits = [...(w.__ficwellPwnedCalls ?? [])];
  if (w.__ficwellPwnedCalls) w.__ficwellPwnedCalls.length = 0;
  const all = [doc.documentElement, ...Array.from(doc.querySelectorAll('*'))];
  for (const el of all) {
    if (!el) continue;
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('data-pwned')) {
        hits.push(`dataset:${attr.name}`);
        el.removeAttribute(attr.name);
      }
    }
  }
  return hits;
}

/**
 * Puts each HTML string into `win`'s document (a window that runs scripts, with the spy installed) the two
 * ways a view may: `innerHTML` on an element, and a `<template>` whose content is cloned in. Then fires, at
 * every element, the event of each on* attribute it carries (so any handler that survived runs), runs every javascript: URL it carries
 * (href, xlink:href, action, formaction, src, data) and returns the spy's hits. The document is left empty.
 */
export function probeScripts(win: Window, htmls: readonly (string | { blocks: readonly Block[] })[]): string[] {
  const doc = win.document;
  // The window's own Event constructor (jsdom rejects events from another realm).
  const EventCtor = (win as unknown as { Event: typeof Event }).Event;
  const hosts: Element[] = [];
  for (const html of htmls) {
    if (typeof html !== 'string') {
      // The document model, drawn the way the views draw it (the one renderer, nothing parsed).
      const c = drawBlocks(doc, html.blocks);
      doc.body.append(c);
      hosts.push(c);
      continue;
    }
    const a = doc.createElement('div');
    a.innerHTML = html;
    doc.body.append(a);
    const t = doc.createElement('template');
    t.innerHTML = html;
    const b = doc.createElement('div');
    b.append(t.content.cloneNode(true));
    doc.body.append(b);
    hosts.push(a, b);
  }
  for (const host of hosts) {
    for (const el of Array.from(host.querySelectorAll('*'))) {
      // Markup can only attach a handler as an on* attribute, so those are the events worth firing (firing
      // every event at every element costs O(depth) each in jsdom: minutes on deeply nested output).
      const names = new Set<string>();
      for (const attr of Array.from(el.attributes))
        if (attr.name.toLowerCase().startsWith('on')) names.add(attr.name.slice(2).toLowerCase());
      for (const type of names) {
        try {
          el.dispatchEvent(new EventCtor(type, { bubbles: false, cancelable: true }));
        } catch {
          // An event the window cannot construct or dispatch: nothing to learn.
        }
      }
      // Follow every script URL the element carries, as a browser would on click or submit (jsdom runs a
      // clicked javascript: link only later, in a task: too late to attribute the hit to this HTML).
      for (const value of [
        el.getAttribute('href'),
        el.getAttributeNS('http://www.w3.org/1999/xlink', 'href'),
        el.getAttribute('action'),
        el.getAttribute('formaction'),
        el.getAttribute('src'),
        el.getAttribute('data'),
      ]) {
        const code = javascriptUrlCode(value);
        if (code === undefined) continue;
        try {
          (win as unknown as { eval(code: string): unknown }).eval(code);
        } catch {
          // A payload that throws still counts if it called the spy first.
        }
      }
    }
  }
  const hits = takeHits(win, doc);
  for (const host of hosts) host.remove();
  return hits;
}

/**
 * The script a `javascript:` URL would run, after what browsers strip: ASCII tab and newline anywhere, C0
 * controls and spaces at either end; percent-escapes decoded. Undefined for any other URL.
 */
export function javascriptUrlCode(value: string | null): string | undefined {
  if (value === null) return undefined;
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const m = /^javascript:(.*)$/is.exec(url);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1] ?? '');
  } catch {
    return m[1] ?? '';
  }
}
