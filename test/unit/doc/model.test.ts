/**
 * The document model (lib/doc) is plain data, and the converter (lib/doc/from-dom.ts) maps the sanitizer's
 * output onto it: every anchorable block numbered once, in reading order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksFromDom } from '../../../lib/doc/from-dom';
import type { Block } from '../../../lib/doc/model';
import { sanitizeToFragment } from '../../../lib/sanitize';
import { readPage } from '../../../lib/sites';
import { buildBody } from '../../../lib/sites/body';
import { chunkStory } from '../../../lib/story/chunks';
import { parsedSeed } from '../../support/seeds';
import { blankWindow, drawnHtml, load } from '../sites/helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const win = blankWindow();

function readFixture(name: string) {
  const dir = join(FIXTURES, name);
  const page = load(readFileSync(join(dir, 'source.html'), 'utf8'), readFileSync(join(dir, 'url.txt'), 'utf8').trim());
  const result = readPage(page.doc, page.url, page.win);
  if (result.kind !== 'story') throw new Error(`${name}: ${result.kind}`);
  return result.page;
}

/** The `p` of every anchorable block, in reading order. */
function anchors(blocks: readonly Block[]): number[] {
  const out: number[] = [];
  const walk = (bs: readonly Block[]) => {
    for (const b of bs) {
      if (b.kind === 'quote' || b.kind === 'notes') walk(b.blocks);
      else if (b.kind === 'list') for (const item of b.items) walk(item);
      else if (b.kind === 'table') for (const row of b.rows) for (const cell of row) walk(cell.blocks);
      else if (b.kind !== 'scene-break' && b.p !== null) out.push(b.p);
    }
  };
  walk(blocks);
  return out;
}

describe('the document model is plain data', () => {
  it.each(['ao3/middle-chapter', 'ao3/full-work', 'ffn/middle-chapter', 'ao3/podfic'])('%s survives structuredClone and JSON', (name) => {
    const page = readFixture(name);
    const doc = {
      summary: page.summary,
      notes: page.notes,
      parts: page.parts.map((p) => ({ notes: p.notes, blocks: p.blocks, paragraphs: p.paragraphs })),
    };
    expect(structuredClone(doc)).toEqual(doc);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    // The whole page too: nothing in it is a node any more.
    expect(structuredClone(page)).toEqual(page);
    expect(page.parts.some((p) => p.blocks.length > 0)).toBe(true);
  });

  it('a bundled story’s chunks are the same blocks, and survive the round trip too', () => {
    // 001 has Kyubey's telepathy: emphasis spans.
    const blocks = chunkStory(parsedSeed('001_5cebb5f9b32d6d68.txt')).flatMap((c) => c.blocks);
    expect(structuredClone(blocks)).toEqual(blocks);
    expect(JSON.parse(JSON.stringify(blocks))).toEqual(blocks);
    expect(blocks.some((b) => b.kind === 'paragraph' && b.spans.some((s) => s.kind === 'emphasis'))).toBe(true);
  });

  it.each(['ao3/middle-chapter', 'ao3/full-work', 'ffn/middle-chapter', 'ffn/old-upload', 'ao3/work-skin'])(
    '%s: every paragraph is one anchorable block, numbered in reading order',
    (name) => {
      for (const part of readFixture(name).parts) expect(anchors(part.blocks)).toEqual(part.paragraphs.map((_, i) => i));
    },
  );
});

describe('from sanitized markup to blocks', () => {
  const body = (html: string) => buildBody(html, win, 'https://archiveofourown.org/works/1', 'link');
  const text = (t: string) => ({ kind: 'text', text: t });

  it('keeps inline styles, links, footnote refs, line breaks and images', () => {
    const b = body(
      '<p><i>a</i> <b>b</b> <u>c</u> <del>d</del> x<sup>2</sup> <code>e</code><br><a href="https://example.org/x">f</a><a href="#fn1">1</a></p><p><img src="https://example.org/i.png" alt="art" width="20"></p>',
    );
    expect(b.blocks).toEqual([
      {
        kind: 'paragraph',
        p: 0,
        role: 'text',
        spans: [
          { kind: 'emphasis', spans: [text('a')] },
          text(' '),
          { kind: 'strong', spans: [text('b')] },
          text(' '),
          { kind: 'underline', spans: [text('c')] },
          text(' '),
          { kind: 'strike', spans: [text('d')] },
          text(' x'),
          { kind: 'superscript', spans: [text('2')] },
          text(' '),
          { kind: 'code', spans: [text('e')] },
          { kind: 'line-break' },
          { kind: 'link', href: 'https://example.org/x', spans: [text('f')] },
          { kind: 'footnote-ref', target: 'user-content-fn1', spans: [text('1')] },
        ],
      },
      { kind: 'paragraph', p: 1, role: 'text', spans: [{ kind: 'image', src: 'https://example.org/i.png', alt: 'art', width: 20 }] },
    ]);
  });

  it('makes headings, ordered lists, tables and media stand-ins, each numbered as a paragraph', () => {
    const b = body(
      '<h3>Part one</h3><ol start="3"><li>x</li><li>y</li></ol><table><caption>Cap</caption><tr><th>h</th><td colspan="2">c</td></tr></table><pre>a  b\n c</pre><iframe src="https://www.youtube.com/embed/v"></iframe>',
    );
    expect(b.paragraphs.map((p) => p.text)).toEqual([
      'Part one',
      'x',
      'y',
      'Cap',
      'h',
      'c',
      'a b c',
      'Embedded media: https://www.youtube.com/embed/v',
    ]);
    const para = (p: number, t: string) => ({ kind: 'paragraph', p, role: 'text', spans: [text(t)] });
    expect(b.blocks).toEqual([
      { kind: 'heading', p: 0, level: 3, spans: [text('Part one')] },
      { kind: 'list', ordered: true, start: 3, items: [[para(1, 'x')], [para(2, 'y')]] },
      para(3, 'Cap'),
      {
        kind: 'table',
        rows: [
          [
            { header: true, blocks: [para(4, 'h')] },
            { header: false, blocks: [para(5, 'c')], colspan: 2 },
          ],
        ],
      },
      { kind: 'preformatted', p: 6, spans: [text('a  b\n c')] },
      { kind: 'media', p: 7, label: 'Embedded media:', href: 'https://www.youtube.com/embed/v' },
    ]);
    expect(drawnHtml(b.blocks)).toContain('<td colspan="2" data-p="5">c</td>');
  });

  it('passes a wrapper’s alignment down and keeps text loose beside blocks, unnumbered', () => {
    const b = body('<div align="center"><p>Poem.</p></div><p>Loose<ul><li>item</li></ul></p>');
    expect(b.blocks[0]).toEqual({ kind: 'paragraph', p: 0, role: 'text', spans: [text('Poem.')], align: 'center' });
    expect(anchors(b.blocks)).toEqual(b.paragraphs.map((_, i) => i));
  });

  it('bounds the nesting it keeps, whatever the page nests, and keeps the text', () => {
    const deep = 200;
    const b = body(`${'<blockquote>'.repeat(deep)}<p>${'<em>'.repeat(deep)}deep${'</em>'.repeat(deep)}</p>${'</blockquote>'.repeat(deep)}`);
    let depth = 0;
    let at: Block | undefined = b.blocks[0];
    while (at?.kind === 'quote') {
      depth++;
      at = at.blocks[0];
    }
    expect(depth).toBeLessThanOrEqual(25);
    expect(at).toMatchObject({ kind: 'paragraph', p: 0 });
    expect(JSON.stringify(b.blocks)).toContain('"deep"');
    expect(b.paragraphs.map((p) => p.text)).toEqual(['deep']);
    expect(() => structuredClone(b.blocks)).not.toThrow();
  });

  it('reads only the sanitized nodes: what the sanitizer dropped never reaches a block', () => {
    const fragment = sanitizeToFragment(
      '<p onclick="x()">a <a href="javascript:alert(1)">b</a> <img src="http://insecure.example/i.png"></p>',
      win,
    );
    expect(blocksFromDom(fragment)).toEqual([{ kind: 'paragraph', p: null, role: 'text', spans: [text('a b')] }]);
  });
});
