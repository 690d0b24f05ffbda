/**
 * Hostile pages (test/fixtures/hostile/<case>/): FFN, AO3, Royal Road and XenForo reader pages carrying the attacks catalogued in
 * test/fixtures/hostile/attacks.json, inside the parts the adapters extract and around them.
 *
 * For every case: `readPage` in jsdom (no scripts run), then every HTML string of the result is re-parsed and
 * walked (test/fuzz/check.ts), and inserted into a second jsdom that does run scripts, with a
 * `window.__ficwellPwned` spy: by innerHTML, as a <template> clone and as a whole parsed document; every
 * handler attribute's event is fired and every javascript: URL followed. Nothing may run. Clobbering cases must
 * still read the right title and text, also with browsers' named properties emulated (jsdom has none).
 * Oversized cases are expanded from their small template at test time and must finish in time.
 *
 * Set FICWELL_HOSTILE_FULL=1 to expand the oversized cases at full size even where jsdom is far slower than a
 * browser (expected.json `jsdom` says where and why).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { ATTACKS } from '../fuzz/attacks';
import { htmlViolations, installSpy, probeScripts, storyHtmls, takeHits, urlViolations } from '../fuzz/check';
import { readPage, type ReadResult } from '../../lib/sites';
import type { StoryPage } from '../../lib/sites/types';
import { cpuMs } from '../support/clock';
import { loadPage, outputWindows, scriptingDom } from '../support/dom';
import { readFixture } from '../support/fixtures';

const ROOT = join(__dirname, '..', 'fixtures', 'hostile');
const FULL = process.env.FICWELL_HOSTILE_FULL === '1';

interface CatalogueEntry {
  id: string;
  description: string;
  kind: 'script' | 'resource' | 'clobber' | 'dos';
  case: string;
  alsoIn?: string[];
}

interface ExpectedPart {
  number?: number;
  id?: string;
  title?: string | null;
  url?: string;
  paragraphs?: number;
  first?: string;
  last?: string;
  htmlContains?: string[];
  htmlExcludes?: string[];
}

interface Expansion {
  marker: string;
  parts: { text: string; times: number; start?: number }[];
}

interface Expected {
  readable: boolean;
  source?: StoryPage['source'];
  attacks: string[];
  story?: Record<string, unknown>;
  summaryText?: string | null;
  links?: Record<string, string>;
  parts?: ExpectedPart[];
  /** Exact hrefs that may mention the beacon host: plain outgoing links the sanitizer keeps by design. */
  allowedLinks?: string[];
  /** Read again with browsers' named properties on document and forms emulated. */
  emulateNamedProperties?: boolean;
  expand?: Expansion;
  expanded?: {
    result: 'story';
    source: StoryPage['source'];
    first?: string;
    last?: string;
    texts?: string[];
    paragraphs?: number;
    words?: number;
    chapters?: number;
    parts?: number;
    /** The budget for readPage (what a browser must meet). */
    maxMs: number;
  };
  /** Where jsdom cannot meet the browser budget: its own budget, smaller expansion counts, and why. */
  jsdom?: { maxMs?: number; times?: number[]; why: string };
}

const catalogue = JSON.parse(readFileSync(join(ROOT, 'attacks.json'), 'utf8')) as CatalogueEntry[];
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const caseNames = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const fixture = (name: string) => readFixture<Expected>(join(ROOT, name));

const ordinary = caseNames.filter((n) => !fixture(n).expected.expand);
const oversized = caseNames.filter((n) => fixture(n).expected.expand);

// --- environment ----------------------------------------------------------------------------------------

/** Sanitized HTML parsed as the reader parses it, and a document with the spy that runs scripts (test/support/dom.ts). */
const checks = outputWindows();
const { parse } = checks;
afterAll(() => checks.close());
/** Where the model is drawn for the checks (detached elements; nothing runs in this document). */
const drawing = new JSDOM('<!DOCTYPE html><body></body>').window.document;

/** Parses `html` as a whole document that runs its scripts (parser-inserted scripts do run, unlike innerHTML). */
function hitsAsDocument(html: string): string[] {
  const dom = scriptingDom(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`, installSpy);
  const hits = takeHits(dom.window, dom.window.document);
  dom.window.close();
  return hits;
}

/**
 * What browsers do and jsdom does not: named properties on Document (embed, form, iframe, img, object by name;
 * object, and img that also has a name, by id) override its built-ins, and a form's listed elements become
 * properties of the form by name and id (HTML spec, "named properties"). Defined as own properties here.
 */
function emulateNamedProperties(doc: Document): string[] {
  const defined: string[] = [];
  const byName = new Map<string, Element[]>();
  const add = (key: string | null, el: Element) => {
    if (!key) return;
    byName.set(key, [...(byName.get(key) ?? []), el]);
  };
  for (const el of Array.from(doc.querySelectorAll('embed[name], form[name], iframe[name], img[name], object[name]')))
    add(el.getAttribute('name'), el);
  for (const el of Array.from(doc.querySelectorAll('object[id], img[id][name]'))) add(el.getAttribute('id'), el);
  const forms = Array.from(doc.querySelectorAll('form'));
  for (const [key, els] of byName) {
    Object.defineProperty(doc, key, { configurable: true, get: () => (els.length === 1 ? els[0] : els) });
    defined.push(`document.${key}`);
  }
  for (const form of forms) {
    for (const el of Array.from(form.querySelectorAll('input, button, select, textarea, fieldset, object, output'))) {
      for (const key of [el.getAttribute('id'), el.getAttribute('name')]) {
        if (!key) continue;
        Object.defineProperty(form, key, { configurable: true, get: () => el });
        defined.push(`form#${form.id || '?'}.${key}`);
      }
    }
  }
  return defined;
}

function read(
  html: string,
  url: string,
  options: { emulate?: boolean } = {},
): { result?: ReadResult; error?: unknown; ms: number; parseMs: number } {
  let t = cpuMs();
  const page = loadPage(html, url);
  const parseMs = cpuMs() - t;
  if (options.emulate) emulateNamedProperties(page.doc);
  t = cpuMs();
  try {
    const result = readPage(page.doc, page.url, page.win);
    return { result, ms: cpuMs() - t, parseMs };
  } catch (error) {
    return { error, ms: cpuMs() - t, parseMs };
  } finally {
    page.close();
  }
}

function story(r: { result?: ReadResult; error?: unknown }): StoryPage {
  if (r.error) throw r.error;
  if (r.result?.kind !== 'story') throw new Error(`not read as a story: ${JSON.stringify(r.result)}`);
  return r.result.page;
}

function pick(obj: object, keys: string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, src[k] ?? null]));
}

/** The expectations of expected.json that say the page was read right (title, authors, text...). */
function expectReadRight(page: StoryPage, expected: Expected): void {
  if (expected.source) expect(page.source).toBe(expected.source);
  if (expected.story) expect(pick(page, Object.keys(expected.story))).toEqual(expected.story);
  if (expected.summaryText !== undefined) expect(page.summary?.text ?? null).toBe(expected.summaryText);
  if (expected.links) expect(page.links).toEqual(expected.links);
  if (!expected.parts) return;
  expect(page.parts.length).toBe(expected.parts.length);
  expected.parts.forEach((want, i) => {
    const part = page.parts[i];
    if (!part) throw new Error(`part ${i} missing`);
    if (want.number !== undefined) expect(part.number, `part ${i} number`).toBe(want.number);
    if (want.id !== undefined) expect(part.id, `part ${i} id`).toBe(want.id);
    if (want.title !== undefined) expect(part.title ?? null, `part ${i} title`).toBe(want.title);
    if (want.url !== undefined) expect(part.url, `part ${i} url`).toBe(want.url);
    if (want.first !== undefined) expect(part.paragraphs[0]?.text, `part ${i} first paragraph`).toBe(want.first);
    if (want.last !== undefined) expect(part.paragraphs.at(-1)?.text, `part ${i} last paragraph`).toBe(want.last);
    if (want.paragraphs !== undefined) expect(part.paragraphs.length, `part ${i} paragraphs`).toBe(want.paragraphs);
    const drawn = storyHtmls({ ...page, summary: undefined, notes: [], parts: [{ ...part, notes: [] }] }, drawing)[0]?.html ?? '';
    for (const s of want.htmlContains ?? []) expect(drawn).toContain(s);
    for (const s of want.htmlExcludes ?? []) expect(drawn).not.toContain(s);
  });
}

/** Every output rule on everything the view draws of the page, and its URLs; the script probe on all of it. */
function expectNothingLive(page: StoryPage, url: string, expected: Expected, probe = true): void {
  // The nodes the one renderer draws from the model, and what a re-parse of their markup makes.
  const htmls = storyHtmls(page, drawing);
  const problems = htmls.flatMap(({ where, html, nodes }) => [
    ...htmlViolations(html, parse, { allowedLinks: expected.allowedLinks ?? [] }).map((v) => `${where}: ${v.rule}: ${v.detail}`),
    ...htmlViolations(html, () => nodes, { allowedLinks: expected.allowedLinks ?? [] }).map(
      (v) => `${where} (nodes): ${v.rule}: ${v.detail}`,
    ),
  ]);
  problems.push(...urlViolations(page, new URL(url)).map((v) => `${v.rule}: ${v.detail}`));
  // Text fields are shown as text; a javascript: URL never belongs in one that is a URL (checked above).
  expect(problems).toEqual([]);
  if (!probe) return;
  const all = htmls.map((h) => h.html);
  expect(probeScripts(checks.scriptWindow, all), 'innerHTML / template + events').toEqual([]);
  expect(probeScripts(checks.scriptWindow, htmls), 'the model, drawn + events').toEqual([]);
  expect(hitsAsDocument(all.join('\n<hr>\n')), 'parsed as a document').toEqual([]);
}

function expand(html: string, expansion: Expansion, times?: number[]): string {
  const piece = expansion.parts
    .map((p, i) => {
      const n = times?.[i] ?? p.times;
      const out: string[] = [];
      for (let k = 0; k < n; k++) out.push(p.text.replace(/\{n\}/g, String((p.start ?? 1) + k)));
      return out.join('');
    })
    .join('');
  if (!html.includes(expansion.marker)) throw new Error(`marker ${expansion.marker} not in the template`);
  return html.replace(expansion.marker, piece);
}

// --- the catalogue ---------------------------------------------------------------------------------------

describe('hostile catalogue', () => {
  it('lists at least 30 distinct attacks, the same in attacks.json, README.md and test/fuzz/attacks.ts', () => {
    const ids = catalogue.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(catalogue.map(({ id, kind, description }) => ({ id, kind, description }))).toEqual(
      ATTACKS.map(({ id, kind, description }) => ({ id, kind, description })),
    );
    for (const id of ids) expect(readme, `README.md lists ${id}`).toContain(`\`${id}\``);
  });

  it('puts every attack in the cases that say so, observably', () => {
    for (const entry of catalogue) {
      for (const name of [entry.case, ...(entry.alsoIn ?? [])]) {
        expect(caseNames, `${entry.id}: case ${name}`).toContain(name);
        const { html, expected } = fixture(name);
        expect(expected.attacks, `${name}/expected.json lists ${entry.id}`).toContain(entry.id);
        // Script payloads name themselves in a __ficwellPwned call or a dataset key; resource payloads in a
        // beacon URL. (Case-insensitive: one payload disguises its handler's case.)
        const source = html.toLowerCase();
        if (entry.kind === 'resource') expect(source, `${name} carries beacon.test/${entry.id}`).toContain(`beacon.test/${entry.id}`);
        if (entry.kind === 'script') {
          const named = source.includes(`'${entry.id}'`) || source.includes(`&#39;${entry.id}&#39;`) || source.includes(`"${entry.id}"`);
          expect(named, `${name} carries a payload naming ${entry.id}`).toBe(true);
        }
      }
    }
    for (const name of caseNames) {
      for (const id of fixture(name).expected.attacks)
        expect(
          catalogue.map((a) => a.id),
          `${name}: ${id}`,
        ).toContain(id);
    }
  });

  it('uses story URLs of each adapter: www.fanfiction.net, archiveofourown.org, Royal Road and the XenForo reader', () => {
    for (const name of caseNames)
      expect(new URL(fixture(name).url).hostname).toMatch(
        /^(?:www\.fanfiction\.net|archiveofourown\.org|www\.royalroad\.com|forums\.spacebattles\.com|forums\.sufficientvelocity\.com)$/,
      );
  });
});

// --- ordinary cases ---------------------------------------------------------------------------------------

describe.each(ordinary)('hostile page %s', (name) => {
  const { html, url, expected } = fixture(name);

  it('reads the page right (title, authors, text) despite the attacks', () => {
    const r = read(html, url);
    expect(r.error, `readPage threw: ${String(r.error)}`).toBeUndefined();
    expect(r.result?.kind).toBe(expected.readable ? 'story' : 'not-readable');
    expectReadRight(story(r), expected);
  });

  it('hands out no live payload: nothing to walk past, nothing runs when inserted', () => {
    expectNothingLive(story(read(html, url)), url, expected);
  });

  if (expected.attacks.some((id) => catalogue.find((a) => a.id === id)?.kind === 'script')) {
    it('positive control: the same probe does catch the raw payloads of the parts the adapter reads', () => {
      const page = loadPage(html, url);
      const parts = Array.from(
        page.doc.querySelectorAll(
          '#storytext, .chapter-body, #profile_top, #workskin, .work-body, .fic-header, .chapter-content, .author-note, .bbWrapper, .p-title',
        ),
        (el) => el.innerHTML,
      );
      page.close();
      // A window of its own: raw payloads may also run later (frames, timers) and must not be counted elsewhere.
      const own = scriptingDom(undefined, installSpy);
      const hits = [...probeScripts(own.window as unknown as Window, parts), ...hitsAsDocument(parts.join('\n'))];
      own.window.close();
      expect(hits.length).toBeGreaterThan(0);
    });
  }

  if (expected.emulateNamedProperties) {
    it("with browsers' named properties emulated (<img name=title>, <form name=querySelector>, form inputs), still reads it right", () => {
      const r = read(html, url, { emulate: true });
      expect(r.error, `readPage threw: ${String(r.error)}`).toBeUndefined();
      const page = story(r);
      expectReadRight(page, expected);
      expectNothingLive(page, url, expected);
    });
  }
});

// --- oversized cases (expanded at test time) ------------------------------------------------------------------

describe.each(oversized)('oversized page %s', (name) => {
  const { html, url, expected } = fixture(name);
  const expansion = expected.expand;
  const want = expected.expanded;
  if (!expansion || !want) throw new Error(`${name}: expand and expanded go together`);
  const reduced = !FULL && expected.jsdom?.times !== undefined;
  const budget = expected.jsdom?.maxMs ?? want.maxMs;

  it(`finishes within ${budget} ms of CPU in jsdom and returns the expected story${reduced ? ' (reduced size: see expected.json jsdom.why)' : ''}`, () => {
    const big = expand(html, expansion, reduced ? expected.jsdom?.times : undefined);
    const r = read(big, url);
    console.info(
      `${name}: ${(big.length / 1e6).toFixed(2)} MB, jsdom parse ${Math.round(r.parseMs)} ms, readPage ${Math.round(r.ms)} ms (CPU)${r.error ? `, threw ${String(r.error)}` : ''}`,
    );
    expect(r.error, `readPage threw: ${String(r.error)}`).toBeUndefined();
    const page = story(r);
    expect(page.source).toBe(want.source);
    const first = page.parts[0];
    if (!first) throw new Error('no part');
    const texts = page.parts.flatMap((p) => p.paragraphs.map((x) => x.text));
    if (want.first !== undefined) expect(texts[0]).toBe(want.first);
    if (want.last !== undefined) expect(texts.at(-1)).toBe(want.last);
    for (const t of want.texts ?? []) expect(texts).toContain(t);
    if (want.paragraphs !== undefined && !reduced) expect(texts.length).toBe(want.paragraphs);
    if (want.words !== undefined) expect(page.parts.reduce((n, p) => n + p.words, 0)).toBe(want.words);
    if (want.chapters !== undefined) expect(page.chapters.length).toBe(want.chapters);
    if (want.parts !== undefined && !reduced) expect(page.parts.length).toBe(want.parts);
    expectNothingLive(
      page,
      url,
      expected,
      storyHtmls(page, drawing).every((h) => h.html.length < 300_000),
    );
    expect(r.ms, `readPage took ${Math.round(r.ms)} ms`).toBeLessThanOrEqual(budget);
  }, 180_000);
});

// --- the FFN pages on the other sites of fanfiction.net's layout ------------------------------------------

/**
 * FictionPress is read by the same reader as fanfiction.net (lib/sites/ffn.ts, `FfnLayout`): every ordinary
 * FFN hostile page, moved to its host (and its `<title>` to its suffix), reads as that site's story with the
 * same title and text as on fanfiction.net, and hands out nothing live.
 */
const FFN_LAYOUT_SITES = [['fp', 'www.fictionpress.com', 'FictionPress', 'fiction']] as const;
const moved = ordinary
  .filter((n) => n.startsWith('ffn-'))
  .flatMap((n) => FFN_LAYOUT_SITES.map(([site, host, name, kind]) => [n, site, host, name, kind] as const));

describe.each(moved)('hostile page %s on %s', (name, site, host, siteName, kind) => {
  const { html, url, expected } = fixture(name);
  const there = (s: string) =>
    s
      .replaceAll('www.fanfiction.net', host)
      .replace(/ fanfic \| FanFiction<\/title>/i, ` ${kind} | ${siteName}</title>`)
      .replace(/\| FanFiction<\/title>/i, `| ${siteName}</title>`);

  it('reads as the same story as on fanfiction.net, and hands out no live payload', () => {
    const ffn = read(html, url);
    const r = read(there(html), there(url));
    expect(r.error, `readPage threw: ${String(r.error)}`).toBeUndefined();
    expect(r.result?.kind).toBe(ffn.result?.kind);
    if (r.result?.kind !== 'story') return;
    const page = story(r);
    const original = story(ffn);
    expect(page.site).toBe(site);
    expect(page.title).toBe(original.title);
    expect(page.parts.map((p) => p.paragraphs.map((x) => x.text))).toEqual(original.parts.map((p) => p.paragraphs.map((x) => x.text)));
    expectNothingLive(page, there(url), { ...expected, allowedLinks: (expected.allowedLinks ?? []).map(there) });
  });
});
