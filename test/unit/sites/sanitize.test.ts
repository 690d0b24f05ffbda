import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../../lib/sanitize';
import { blankWindow, expectSafeHtml } from './helpers';

/** What sanitizing must drop (each with the markup it must leave), and markup in which nothing may stay live. */
const CASES: { dropped: { name: string; input: string; output: string }[]; inert: string[] } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/sanitize/cases.json'), 'utf8'),
);
const win = blankWindow();
const base = 'https://archiveofourown.org/works/1/chapters/2';
const clean = (html: string | Node, baseUrl: string | null = base) => sanitizeHtml(html, win, baseUrl === null ? {} : { baseUrl });

describe('sanitizeHtml', () => {
  it.each(CASES.dropped)('drops $name', ({ input, output }) => {
    const out = clean(input);
    expect(out).toBe(output);
    expectSafeHtml(out);
  });

  // Known mutation-XSS shapes: whatever survives must be inert.
  it.each(CASES.inert)('leaves nothing live in %s', (input) => {
    expectSafeHtml(clean(input));
  });

  it('keeps text formatting, lists, quotes, tables and https images', () => {
    const input =
      '<h2>T</h2><p><b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <s>s</s> <sub>1</sub><sup>2</sup><br>x</p>' +
      '<blockquote><p>q</p></blockquote><ul><li>l</li></ul><ol start="3" type="i"><li>o</li></ol><hr>' +
      '<table><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td>c</td><td>d</td></tr></tbody></table>' +
      '<details open><summary>s</summary><p>d</p></details><img src="https://example.org/art.png" alt="fan art" width="300">';
    const out = clean(input);
    expect(out).toBe(
      '<h2>T</h2><p><b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <s>s</s> <sub>1</sub><sup>2</sup><br>x</p>' +
        '<blockquote><p>q</p></blockquote><ul><li>l</li></ul><ol start="3" type="i"><li>o</li></ol><hr>' +
        '<table><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td>c</td><td>d</td></tr></tbody></table>' +
        '<details open=""><summary>s</summary><p>d</p></details>' +
        '<img src="https://example.org/art.png" alt="fan art" width="300" loading="lazy" referrerpolicy="no-referrer">',
    );
    expectSafeHtml(out);
  });

  it('keeps alignment from style as align, and drops the rest of the style', () => {
    expect(clean('<p style="text-align: center; user-select: none;">* * *</p>')).toBe('<p align="center">* * *</p>');
    expect(clean('<p style="color:red;text-align:RIGHT">r</p>')).toBe('<p align="right">r</p>');
    expect(clean('<p style="text-align:left">l</p>')).toBe('<p>l</p>');
    expect(clean('<p align="center">c</p><p align="javascript:x">j</p>')).toBe('<p align="center">c</p><p>j</p>');
  });

  it('resolves relative links against the base, and drops them without one', () => {
    expect(clean('<a href="/works/5">w</a><a href="../3">c</a>')).toBe(
      '<a href="https://archiveofourown.org/works/5" rel="noopener noreferrer">w</a>' +
        '<a href="https://archiveofourown.org/works/1/3" rel="noopener noreferrer">c</a>',
    );
    expect(clean('<a href="/works/5">w</a><img src="/x.png" alt="x">', null)).toBe('<a>w</a>');
    expect(clean('<a href="mailto:a@example.org">m</a><a href="ftp://example.org/">f</a>')).toBe('<a>m</a><a>f</a>');
  });

  it('prefixes ids and names, and in-page links with them (footnotes keep working)', () => {
    const out = clean(
      '<p>x<sup><a href="#fn1" id="ref1">1</a></sup></p><p id="fn1"><a name="note">1.</a> note <a href="#ref1">back</a></p>',
    );
    expect(out).toBe(
      '<p>x<sup><a href="#user-content-fn1" id="user-content-ref1" rel="noopener noreferrer">1</a></sup></p>' +
        '<p id="user-content-fn1"><a name="user-content-note">1.</a> note <a href="#user-content-ref1" rel="noopener noreferrer">back</a></p>',
    );
    expect(clean('<a href="#">top</a>')).toBe('<a>top</a>');
  });

  it('is idempotent', () => {
    const input =
      '<p style="text-align:center" onclick="x()">a <a href="#fn1">1</a> <a href="/w">w</a></p><p id="fn1" data-p="0">n</p><img src="https://e.org/i.png">';
    const once = clean(input);
    expect(clean(once)).toBe(once);
  });

  it('takes a node from another document, leaving that document alone', () => {
    const page = new JSDOM(
      '<div id="storytext" class="nocopy" style="user-select:none"><p onclick="x()">a</p><script>alert(1)</script></div>',
      {
        url: 'https://www.fanfiction.net/s/1/1/',
      },
    ).window.document;
    const el = page.querySelector('#storytext');
    if (!el) throw new Error('fixture');
    const before = page.body.innerHTML;
    expect(clean(el)).toBe('<div id="user-content-storytext"><p>a</p></div>');
    const fragment = page.createDocumentFragment();
    for (const child of Array.from(el.childNodes)) fragment.append(child.cloneNode(true));
    expect(clean(fragment)).toBe('<p>a</p>');
    expect(page.body.innerHTML).toBe(before);
  });

  it("accepts a browser's own window (type check)", () => {
    // In a content script: sanitizeHtml(html, window). Compiles, or this file fails typecheck.
    const inBrowser = (w: Window & typeof globalThis) => sanitizeHtml('<p>x</p>', w);
    expect(typeof inBrowser).toBe('function');
  });

  it('returns text without markup unchanged, and nothing for nothing', () => {
    expect(clean('just text')).toBe('just text');
    expect(clean('')).toBe('');
  });
});
