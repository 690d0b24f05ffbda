/**
 * An HTML mutator for the fuzzer: pure string surgery on a page, steered towards the parts the site adapters
 * extract (the story text, summary, notes...). Elements are found with a tolerant tag scanner, not a parser,
 * so the mutations can also break the markup in ways a parser would never produce.
 */

import { ADAPTER_IDS, ATTACKS, DOCUMENT_PROPS, HANDLERS } from './attacks';
import type { Rng } from './random';

export interface MutateOptions {
  /** Deepest nesting a single mutation adds. */
  maxDepth: number;
  /** Most copies a single repeat adds. */
  maxRepeat: number;
  /** Mutations that would grow the page past this many characters are skipped. */
  maxLength: number;
  /** Values for `{name}` placeholders in attack snippets (e.g. storyId). */
  vars: Record<string, string>;
}

/**
 * maxDepth: jsdom runs Readability 10 to 30 times slower than Chromium on deep trees (a 289-deep nest of tables:
 * 5.5 s against 0.17 s), so deeper nesting would mostly measure jsdom; test/fixtures/hostile/dos-deep-nesting
 * goes to 5,000 levels on its own, and `--max-depth` raises this. maxLength and maxRepeat keep pages near real
 * chapter sizes (FFN and AO3 chapter pages are 20 to 150 KB) for the same reason: on a 165 KB page of repeated
 * blocks Readability takes 3.4 s in jsdom and 0.57 s in Chromium; the dos-* fixtures cover the sizes beyond.
 */
export const DEFAULT_MUTATE_OPTIONS: MutateOptions = { maxDepth: 150, maxRepeat: 60, maxLength: 150_000, vars: {} };

export interface Mutated {
  html: string;
  /** What was done, in order (for the failure report). */
  ops: string[];
}

/** Places worth aiming at: where the adapters start reading. */
const ANCHORS =
  /id=['"]?(?:storytext|storycontent|profile_top|workskin|chapters|summary|notes)\b|class=['"]?(?:userstuff|xcontrast_txt|summary module|notes module|chapter|preface)\b|<select\b|<title\b|<h2 class="title|rel="author"|class="tag"/g;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'image',
  'keygen',
]);

interface Tag {
  start: number;
  end: number;
  name: string;
  closing: boolean;
}

function scanTags(html: string): Tag[] {
  const tags: Tag[] = [];
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^<>]*>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    tags.push({ start: m.index, end: m.index + m[0].length, name: (m[2] ?? '').toLowerCase(), closing: m[1] === '/' });
  }
  return tags;
}

/** [start, end) ranges of whole elements (open tag to its matching close tag), found with a forgiving stack. */
function elementRanges(tags: Tag[]): [number, number][] {
  const out: [number, number][] = [];
  const stack: Tag[] = [];
  for (const tag of tags) {
    if (VOID.has(tag.name)) {
      if (!tag.closing) out.push([tag.start, tag.end]);
      continue;
    }
    if (!tag.closing) {
      stack.push(tag);
      continue;
    }
    for (let i = stack.length - 1; i >= 0 && i >= stack.length - 8; i--) {
      const open = stack[i];
      if (open && open.name === tag.name) {
        out.push([open.start, tag.end]);
        stack.length = i;
        break;
      }
    }
  }
  return out;
}

/** A position, biased (60%) to the 6,000 characters after an anchor. */
function position(html: string, rng: Rng): number {
  if (html.length === 0) return 0;
  if (rng.chance(0.6)) {
    const anchors: number[] = [];
    ANCHORS.lastIndex = 0;
    for (let m = ANCHORS.exec(html); m && anchors.length < 400; m = ANCHORS.exec(html)) anchors.push(m.index);
    if (anchors.length) {
      const at = rng.pick(anchors);
      return Math.min(html.length, at + rng.int(6000));
    }
  }
  return rng.int(html.length + 1);
}

/** A position just after a '>' (so an insertion lands between tags), near `pos`. */
function boundary(html: string, pos: number): number {
  const gt = html.indexOf('>', pos);
  return gt === -1 ? html.length : gt + 1;
}

function pickElement(html: string, rng: Rng): [number, number] | undefined {
  const ranges = elementRanges(scanTags(html));
  if (ranges.length === 0) return undefined;
  // Prefer elements near a biased position; small elements are more common than whole sections.
  const target = position(html, rng);
  const near = ranges.filter(([s, e]) => s <= target + 2000 && e >= target - 2000 && e - s < 50_000);
  return rng.pick(near.length ? near : ranges);
}

const GARBAGE = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\udbff\udfff',
  '\ufffe',
  '\uffff',
  '\u202e',
  '\u2066',
  '\u0085',
  '\u2028',
  '\u2029',
  '\r',
  '\r\n',
  '\u000c',
  '\u000b',
  '\ufeff',
  '\u200d',
  '\u0301\u0301\u0301',
  '𝕱𝖎𝖈',
  '👩🏽‍💻',
  '<',
  '>',
  '&',
  '"',
  "'",
  '&#0;',
  '&#xD800;',
  '&#x110000;',
  '&#99999999999;',
  '&#x;',
  '&amp',
  '&notin',
  '&nbsp',
  '</',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<?',
  '</p>',
  '</div>',
  '</form>',
  '</select>',
  '</table>',
  '</svg>',
  '</math>',
  '<p>',
  '<div>',
  '<table>',
  '<svg>',
  '<math>',
  '<select>',
  '<form>',
  '<frameset>',
  '<plaintext>',
  '<template>',
  '</template>',
  '<li>',
  '<dd>',
  '<option>',
  '<hr>',
  '<br>',
  '<br><br>',
];

const NEST_TAGS = [
  'div',
  'span',
  'b',
  'i',
  'em',
  'blockquote',
  'ul><li',
  'ol><li',
  'table><tr><td',
  'p',
  'font',
  'center',
  'details',
  'dl><dd',
  'svg',
  'math',
  'select',
  'a href="#x"',
  'q',
  'sub',
];

const RANDOM_ATTRS = [
  () => 'style="text-align:center;background:url(http://beacon.test/fuzz-style)"',
  () => `${HANDLERS[0]}="__ficwellPwned('fuzz-attr')"`,
  () => 'onerror="__ficwellPwned(\'fuzz-attr\')"',
  () => 'href="javascript:__ficwellPwned(\'fuzz-attr\')"',
  () => 'src="http://beacon.test/fuzz-attr"',
  () => 'src="https://www.fanfiction.net/x.png"',
  () => 'href="/s/1/2/x"',
  () => 'align="center"',
  () => 'data-p="0"',
  () => 'lang="en"',
  () => 'dir="rtl"',
  () => 'class="userstuff"',
  () => 'role="article"',
  () => 'hidden',
  () => 'title="&quot;&gt;&lt;img/src=x/onerror=__ficwellPwned(\'fuzz-attr\')&gt;"',
];

function randomText(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.3) s += rng.pick(GARBAGE);
    else if (r < 0.6) s += String.fromCharCode(32 + rng.int(95));
    else if (r < 0.8) s += String.fromCharCode(rng.int(0x10000));
    else s += String.fromCodePoint(0x10000 + rng.int(0x100000));
  }
  return s;
}

type Op = (html: string, rng: Rng, o: MutateOptions) => [string, string] | undefined;

const OPS: readonly (readonly [string, Op, number])[] = [
  [
    'insert-attack',
    (html, rng, o) => {
      const attack = rng.pick(ATTACKS.filter((a) => a.snippets.length > 0));
      const snippet = rng.pick(attack.snippets).replace(/\{(\w+)\}/g, (m, k: string) => o.vars[k] ?? m);
      const at = boundary(html, position(html, rng));
      return [html.slice(0, at) + snippet + html.slice(at), `insert-attack ${attack.id} @${at}`];
    },
    8,
  ],
  [
    'insert-garbage',
    (html, rng) => {
      const at = position(html, rng);
      return [html.slice(0, at) + randomText(rng, rng.between(1, 12)) + html.slice(at), `insert-garbage @${at}`];
    },
    4,
  ],
  [
    'delete-range',
    (html, rng) => {
      const at = position(html, rng);
      const len = rng.between(1, rng.chance(0.2) ? 5000 : 200);
      return [html.slice(0, at) + html.slice(at + len), `delete-range @${at}+${len}`];
    },
    3,
  ],
  [
    'duplicate-range',
    (html, rng) => {
      const from = position(html, rng);
      const len = rng.between(1, 2000);
      const to = position(html, rng);
      return [html.slice(0, to) + html.slice(from, from + len) + html.slice(to), `duplicate-range @${from}+${len} -> @${to}`];
    },
    2,
  ],
  [
    'swap-ranges',
    (html, rng) => {
      const a = position(html, rng);
      const b = position(html, rng);
      const [x, y] = a < b ? [a, b] : [b, a];
      const len = Math.min(rng.between(1, 1000), y - x);
      if (len <= 0) return undefined;
      return [
        html.slice(0, x) + html.slice(y, y + len) + html.slice(x + len, y) + html.slice(x, x + len) + html.slice(y + len),
        `swap-ranges @${x},@${y}+${len}`,
      ];
    },
    1,
  ],
  [
    'delete-element',
    (html, rng) => {
      const el = pickElement(html, rng);
      if (!el) return undefined;
      return [html.slice(0, el[0]) + html.slice(el[1]), `delete-element @${el[0]}-${el[1]}`];
    },
    3,
  ],
  [
    'duplicate-element',
    (html, rng) => {
      const el = pickElement(html, rng);
      if (!el) return undefined;
      const to = rng.chance(0.5) ? el[1] : boundary(html, position(html, rng));
      return [html.slice(0, to) + html.slice(el[0], el[1]) + html.slice(to), `duplicate-element @${el[0]}-${el[1]} -> @${to}`];
    },
    3,
  ],
  [
    'swap-elements',
    (html, rng) => {
      const a = pickElement(html, rng);
      const b = pickElement(html, rng);
      if (!a || !b || a[1] > b[0]) return undefined;
      return [
        html.slice(0, a[0]) + html.slice(b[0], b[1]) + html.slice(a[1], b[0]) + html.slice(a[0], a[1]) + html.slice(b[1]),
        `swap-elements @${a[0]} @${b[0]}`,
      ];
    },
    2,
  ],
  [
    'move-element',
    (html, rng) => {
      const el = pickElement(html, rng);
      if (!el) return undefined;
      const piece = html.slice(el[0], el[1]);
      const rest = html.slice(0, el[0]) + html.slice(el[1]);
      const to = boundary(rest, position(rest, rng));
      return [rest.slice(0, to) + piece + rest.slice(to), `move-element @${el[0]}-${el[1]} -> @${to}`];
    },
    2,
  ],
  [
    'unclose-tag',
    (html, rng) => {
      const closes = scanTags(html).filter((t) => t.closing);
      if (closes.length === 0) return undefined;
      const t = rng.pick(closes);
      return [html.slice(0, t.start) + html.slice(t.end), `unclose-tag </${t.name}> @${t.start}`];
    },
    3,
  ],
  [
    'break-tag',
    (html, rng) => {
      const tags = scanTags(html);
      if (tags.length === 0) return undefined;
      const t = rng.pick(tags);
      const inner = html.slice(t.start, t.end);
      const variants = [
        inner.slice(0, -1),
        inner.replace(/["']/, ''),
        inner.replace('<', '< '),
        inner.replace(/\s/, '\u0000'),
        inner.replace('>', ' "\'>'),
        inner.replace(/=/, ''),
      ];
      return [html.slice(0, t.start) + rng.pick(variants) + html.slice(t.end), `break-tag <${t.name}> @${t.start}`];
    },
    2,
  ],
  [
    'truncate',
    (html, rng) => {
      const at = position(html, rng);
      return [html.slice(0, at), `truncate @${at}`];
    },
    1,
  ],
  [
    'nest-deeply',
    (html, rng, o) => {
      const tag = rng.pick(NEST_TAGS);
      const name = tag.split(/[\s>]/)[0] ?? 'div';
      const closeName = tag.includes('><')
        ? tag
            .split('><')
            .reverse()
            .map((t) => `</${t.split(' ')[0]}>`)
            .join('')
        : `</${name}>`;
      // `<table><tr><td>` opens three elements per level: the same budget of elements, not of levels.
      const depth = rng.between(2, Math.max(2, Math.floor(o.maxDepth / tag.split('><').length)));
      const at = boundary(html, position(html, rng));
      const closed = rng.chance(0.7);
      const inner = `<p>nested ${depth} deep</p>`;
      const piece = `<${tag}>`.repeat(depth) + inner + (closed ? closeName.repeat(depth) : '');
      return [html.slice(0, at) + piece + html.slice(at), `nest-deeply <${tag}> x${depth}${closed ? '' : ' unclosed'} @${at}`];
    },
    2,
  ],
  [
    'repeat-element',
    (html, rng, o) => {
      const el = pickElement(html, rng);
      if (!el || el[1] - el[0] > 2000) return undefined;
      const times = rng.between(2, o.maxRepeat);
      return [
        html.slice(0, el[1]) + html.slice(el[0], el[1]).repeat(times) + html.slice(el[1]),
        `repeat-element @${el[0]}-${el[1]} x${times}`,
      ];
    },
    2,
  ],
  [
    'clobber',
    (html, rng) => {
      const byId = rng.chance(0.6);
      const name = byId ? rng.pick(ADAPTER_IDS) : rng.pick(DOCUMENT_PROPS);
      const tag = rng.pick(['div', 'form', 'img', 'select', 'a', 'embed', 'object', 'iframe', 'p']);
      const attr = byId ? `id="${name}"` : `name="${name}"`;
      const content =
        tag === 'select'
          ? '<option value="7" selected>7. DECOY</option>'
          : tag === 'img' || tag === 'embed'
            ? ''
            : '<p>DECOY clobber text</p>';
      const piece = tag === 'img' || tag === 'embed' ? `<${tag} ${attr}>` : `<${tag} ${attr}>${content}</${tag}>`;
      const at = boundary(html, position(html, rng));
      return [html.slice(0, at) + piece + html.slice(at), `clobber ${piece.slice(0, 60)} @${at}`];
    },
    3,
  ],
  [
    'add-attribute',
    (html, rng) => {
      const tags = scanTags(html).filter((t) => !t.closing);
      if (tags.length === 0) return undefined;
      const from = position(html, rng) - 3000;
      const t = rng.pick(
        tags
          .filter((x) => x.start >= from)
          .slice(0, 50)
          .concat(tags.slice(0, 1)),
      );
      const attr = rng.pick(RANDOM_ATTRS)();
      const at = t.start + 1 + t.name.length;
      return [`${html.slice(0, at)} ${attr}${html.slice(at)}`, `add-attribute <${t.name} ${attr.slice(0, 40)}> @${t.start}`];
    },
    3,
  ],
  [
    'shadow-root',
    (html, rng) => {
      // Declarative shadow DOM around an element's content: open or closed, clonable or not, sometimes nested.
      const el = pickElement(html, rng);
      if (!el) return undefined;
      const mode = rng.pick(['open', 'closed']);
      const clonable = rng.chance(0.7) ? ' shadowrootclonable' : '';
      const inner = rng.chance(0.3)
        ? `<span><template shadowrootmode="${rng.pick(['open', 'closed'])}" shadowrootclonable><img src="x" onerror="__ficwellPwned('declarative-shadow-nested')"></template></span>`
        : '';
      const piece = `<template shadowrootmode="${mode}"${clonable}><iframe srcdoc="x"></iframe><img src="http://beacon.test/declarative-shadow-clonable">${inner}<slot></slot></template>`;
      const open = html.indexOf('>', el[0]) + 1;
      if (open <= 0 || open > el[1]) return undefined;
      return [html.slice(0, open) + piece + html.slice(open), `shadow-root ${mode}${clonable} @${el[0]}`];
    },
    2,
  ],
  [
    'custom-element',
    (html, rng) => {
      // An element renamed to a custom element name, or given an is= (customized built-in).
      const tags = scanTags(html).filter((t) => !t.closing && /^(?:p|span|div|b|i|em)$/.test(t.name));
      if (tags.length === 0) return undefined;
      const t = rng.pick(tags);
      const at = t.start + 1 + t.name.length;
      if (rng.chance(0.5)) return [`${html.slice(0, at)} is="x-${t.name}"${html.slice(at)}`, `custom-element <${t.name} is> @${t.start}`];
      const name = rng.pick(['x-tale', 'ficwell-reader', 'story-text', 'p-']);
      return [html.slice(0, t.start + 1) + name + html.slice(at), `custom-element <${name}> @${t.start}`];
    },
    2,
  ],
  [
    'data-spoof',
    (html, rng) => {
      // Ficwell's own paragraph marks, written by the page.
      const tags = scanTags(html).filter((t) => !t.closing);
      if (tags.length === 0) return undefined;
      const t = rng.pick(tags);
      const at = t.start + 1 + t.name.length;
      const attr = rng.pick([
        `data-p="${rng.pick(['0', '999', '-1', '1e9', 'x'])}"`,
        `data-part="${rng.int(10)}"`,
        'data-p',
        'data-theme="dark"',
      ]);
      return [`${html.slice(0, at)} ${attr}${html.slice(at)}`, `data-spoof <${t.name} ${attr}> @${t.start}`];
    },
    2,
  ],
  [
    'many-top-level',
    (html, rng, o) => {
      // Text and <br> with no paragraph markup: many top-level nodes in one inline run. (Small: jsdom is
      // quadratic in siblings; the huge shape is the dos-many-top-level case and the e2e 10 MB chapter.)
      const lines = rng.between(50, Math.max(50, Math.min(250, Math.floor(o.maxLength / 40))));
      const at = boundary(html, position(html, rng));
      let piece = '';
      for (let i = 0; i < lines; i++) piece += `line ${i}<br>`;
      return [html.slice(0, at) + piece + html.slice(at), `many-top-level x${lines} @${at}`];
    },
    1,
  ],
  [
    'mangle-entities',
    (html, rng) => {
      const at = position(html, rng);
      const len = rng.between(10, 400);
      const piece = html
        .slice(at, at + len)
        .replace(/[<>&"']/g, (c) =>
          rng.chance(0.5) ? rng.pick([`&#${c.charCodeAt(0)};`, `&#x${c.charCodeAt(0).toString(16)}`, '&', '&#']) : c,
        );
      return [html.slice(0, at) + piece + html.slice(at + len), `mangle-entities @${at}+${len}`];
    },
    1,
  ],
];

/** Applies `count` random mutations to `html`. Pure: the same rng state gives the same result. */
export function mutate(html: string, rng: Rng, count: number, options: Partial<MutateOptions> = {}): Mutated {
  const o: MutateOptions = { ...DEFAULT_MUTATE_OPTIONS, ...options };
  const ops: string[] = [];
  let out = html;
  for (let i = 0; i < count; i++) {
    const [name, op] = rng.weighted(OPS.map(([n, f, w]) => [[n, f] as const, w] as const));
    const result = op(out, rng, o);
    if (!result) {
      ops.push(`${name} (nothing to do)`);
      continue;
    }
    if (result[0].length > o.maxLength) {
      ops.push(`${name} (skipped: ${result[0].length} characters)`);
      continue;
    }
    out = result[0];
    ops.push(result[1]);
  }
  return { html: out, ops };
}
