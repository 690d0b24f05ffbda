/**
 * Page input that reached into the view (issue 12, the page-facing half), at the level of the pure code:
 * shadow roots and custom elements in story markup, data-* spoofing Ficwell's paragraph numbers, malformed
 * percent escapes in the URL, and pages with more top-level nodes than a call can take as arguments.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { copyAllowed, sanitizeHtml, sanitizeToFragment, serializeFragment } from '../../lib/sanitize';
import { adapters, parseStoryUrl, readPage } from '../../lib/sites';
import { blankWindow, drawnHtml, load } from '../unit/sites/helpers';

const FFN_URL = 'https://www.fanfiction.net/s/7000031/1/Shadow-Input';

/** A minimal FFN chapter page around `text` (the story text's inner HTML). */
function ffnPage(text: string): string {
  return `<!DOCTYPE html><html><head><title>Shadow Input Chapter 1, a x fanfic | FanFiction</title></head><body>
<div id="profile_top"><b class="xcontrast_txt">Shadow Input</b> By: <a href="/u/1/someone">someone</a>
<span class="xgray">Rated: Fiction T - English - Chapters: 1 - Words: 10 - Status: Complete - id: 7000031</span></div>
<div id="storytextp"><div id="storytext">${text}</div></div></body></html>`;
}

function storyOf(html: string, url = FFN_URL) {
  const { doc, win } = load(html, url);
  const result = readPage(doc, new URL(url), win);
  if (result.kind !== 'story') throw new Error(`not a story: ${JSON.stringify(result)}`);
  return { page: result.page, doc, win };
}

describe('shadow roots and custom elements never come out of page markup', () => {
  it('reads a page without cloning or importing any of its nodes (both copy a clonable shadow root)', () => {
    const { doc, win } = load(ffnPage('<p>First paragraph of the text.</p><p>Second <b>bold</b> paragraph.</p>'), FFN_URL);
    const w = win as unknown as typeof globalThis;
    const clone = vi.spyOn(w.Node.prototype, 'cloneNode');
    const importNode = vi.spyOn(w.Document.prototype, 'importNode');
    try {
      const result = readPage(doc, new URL(FFN_URL), win);
      expect(result.kind).toBe('story');
      const onPage = (calls: unknown[][], self: (i: number) => unknown) =>
        calls.filter((_c, i) => {
          const node = self(i) as Node;
          return node.ownerDocument === doc || node === doc;
        });
      expect(onPage(clone.mock.calls, (i) => clone.mock.contexts[i])).toEqual([]);
      // importNode(node) copies the node passed: none may be the page's.
      expect(importNode.mock.calls.filter(([node]) => (node as Node).ownerDocument === doc)).toEqual([]);
    } finally {
      clone.mockRestore();
      importNode.mockRestore();
    }
  });

  it('leaves out what a shadow root on a story paragraph holds (open, closed, nested)', () => {
    const { doc, win } = load(ffnPage('<p id="host">Visible light text.</p><p>Second paragraph.</p>'), FFN_URL);
    const host = doc.getElementById('host') as HTMLElement;
    const open = host.attachShadow({ mode: 'open' });
    open.innerHTML = '<iframe src="https://beacon.test/dsd"></iframe><img src="x" onerror="1"><p id="inner">Shadow text<span>!</span></p>';
    const nested = (open.getElementById('inner') as HTMLElement).attachShadow({ mode: 'closed' });
    nested.innerHTML = '<img src="http://beacon.test/nested">Nested shadow text';
    const result = readPage(doc, new URL(FFN_URL), win);
    if (result.kind !== 'story') throw new Error('not a story');
    const part = result.page.parts[0]!;
    expect(part.paragraphs.map((p) => p.text)).toEqual(['Visible light text.', 'Second paragraph.']);
    // Neither in the model nor in what the view draws of it.
    expect(JSON.stringify(part.blocks)).not.toMatch(/Shadow text|iframe|beacon|image/);
    expect(drawnHtml(part.blocks)).toBe('<p id="user-content-host" data-p="0">Visible light text.</p><p data-p="1">Second paragraph.</p>');
  });

  it('copyAllowed builds only allow-listed elements: no shadow root, template content, custom element or is=', () => {
    const dom = new JSDOM('<!DOCTYPE html><body></body>');
    const { document: d, customElements } = dom.window;
    let constructed = 0;
    customElements.define(
      'x-spy',
      class extends dom.window.HTMLElement {
        constructor() {
          super();
          constructed++;
        }
      },
    );
    customElements.define(
      'x-para',
      class extends dom.window.HTMLParagraphElement {
        constructor() {
          super();
          constructed++;
        }
      },
      { extends: 'p' },
    );
    const src = d.createDocumentFragment();
    const withRoot = d.createElement('p');
    withRoot.append('light');
    withRoot.attachShadow({ mode: 'open' }).innerHTML = '<img src="https://beacon.test/x">';
    const template = d.createElement('template');
    template.innerHTML = '<img src="https://beacon.test/t">';
    const spy = d.createElement('x-spy');
    spy.append('custom');
    const para = d.createElement('p', { is: 'x-para' });
    para.append('built-in');
    src.append(withRoot, template, spy, para);
    const before = constructed;
    const target = d.createElement('div');
    d.body.append(target); // connected: an upgrade would run now
    copyAllowed(src, target);
    expect(constructed).toBe(before);
    expect(target.innerHTML).toBe('<p>light</p><p>built-in</p>');
    expect((target.firstElementChild as Element).shadowRoot).toBeNull();
    expect(target.querySelector('p:nth-child(2)')?.constructor).toBe(dom.window.HTMLParagraphElement);
    dom.window.close();
  });
});

describe('data-* from the page', () => {
  it('the sanitizer keeps no data-* attribute at all', () => {
    const html = sanitizeHtml('<p data-p="999" data-part="3" data-foo="x">text</p><span data-p="1">s</span>', blankWindow());
    expect(html).toBe('<p>text</p><span>s</span>');
  });

  it("a spoofed data-p is neither kept nor taken for a paragraph: the numbers are the adapter's own", () => {
    const { page } = storyOf(ffnPage('<p>One.</p><p data-p="999">Two <span data-p="999">spoof</span>.</p><p data-p="0">Three.</p>'));
    const part = page.parts[0]!;
    expect(part.paragraphs.map((p) => p.text)).toEqual(['One.', 'Two spoof.', 'Three.']);
    // The numbers are the model's own; the span is no block of its own, only text of paragraph 1.
    expect(part.blocks).toEqual(
      [0, 1, 2].map((p) => ({ kind: 'paragraph', p, role: 'text', spans: [{ kind: 'text', text: part.paragraphs[p]?.text }] })),
    );
    expect([...drawnHtml(part.blocks).matchAll(/data-p="(\d+)"/g)].map((m) => m[1])).toEqual(['0', '1', '2']);
  });
});

describe('URL parsing is total', () => {
  const malformed = ['%E0%A4%A', '%', '%ZZ', '%C0%80', '%ED%A0%80', '%FF%FE', `${'%E0'.repeat(500)}%`];

  it.each(malformed)('an AO3 collection named %s still gives the work', (name) => {
    const url = new URL(`https://archiveofourown.org/collections/${name}/works/7100031`);
    expect(() => parseStoryUrl(url)).not.toThrow();
    expect(parseStoryUrl(url)).toMatchObject({ site: 'ao3', storyId: '7100031' });
  });

  it('no adapter throws on any path, query or fragment', () => {
    const segment = fc.oneof(
      fc.string(),
      fc.constantFrom(...malformed),
      fc.array(fc.integer({ min: 0, max: 255 })).map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...adapters.flatMap((a) => a.hosts)),
        fc.array(segment, { maxLength: 6 }),
        segment,
        (host, path, query) => {
          const url = new URL(`https://${host}/`);
          url.pathname = `/${path.join('/')}`;
          url.search = query;
          for (const a of adapters) a.parseUrl(url);
          parseStoryUrl(url);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('pages with more top-level nodes than a call takes arguments', () => {
  // V8 refuses a spread of about 120,000 arguments in Node (fewer in a content script's stack).
  const N = 140_000;

  it('serializeFragment and copyAllowed move them one at a time', () => {
    const win = blankWindow();
    const d = (win as unknown as Window).document;
    const fragment = d.createDocumentFragment();
    for (let i = 0; i < N; i++) fragment.appendChild(i % 2 ? d.createElement('br') : d.createTextNode('w'));
    const html = serializeFragment(fragment);
    expect(fragment.childNodes.length).toBe(N);
    expect(html.length).toBe((N / 2) * 'w<br>'.length);
    const target = d.createElement('div');
    copyAllowed(fragment, target);
    expect(target.childNodes.length).toBe(N);
  }, 60_000);

  it('the sanitizer returns a fragment of nodes, whatever their count', () => {
    const frag = sanitizeToFragment('<p>a</p>'.repeat(1000), blankWindow());
    expect(frag.childNodes.length).toBe(1000);
  });
});

describe('the view code spreads nothing page-sized into a call', () => {
  const root = join(__dirname, '..', '..');
  const files = [
    'lib/sanitize.ts',
    ...readdirSync(join(root, 'lib/sites')).map((f) => `lib/sites/${f}`),
    'components/Reader.tsx',
    'components/page-source.tsx',
    'components/progressive.ts',
    'components/Blocks.tsx',
    'lib/doc/from-dom.ts',
    'components/anchor.ts',
    'components/useParagraphAnchor.ts',
    ...readdirSync(join(root, 'entrypoints/restyle')).map((f) => `entrypoints/restyle/${f}`),
  ];
  it.each(files)('%s', (file) => {
    const source = readFileSync(join(root, file), 'utf8');
    // A spread argument in a call: `f(...xs)`, `x.append(a, ...xs)` (rest parameters are declarations: `(...a: T)`).
    const spreads = [...source.matchAll(/[\w\])]\s*\(([^(){}[\]]*,\s*)?\.\.\.(?![\w$]+\s*:)/g)].map((m) => m[0]);
    expect(spreads).toEqual([]);
  });
});
