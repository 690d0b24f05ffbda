/**
 * Inputs far past any real story, kept out of the unit tier for their time: a 10 MB bundled text and page
 * markup nested hundreds deep (the kind of page the fuzzer and the hostile fixtures also build).
 */

import { describe, expect, it } from 'vitest';
import { readPage } from '../../lib/sites';
import { parseStory } from '../../lib/story/parse';
import { load } from '../unit/sites/helpers';

const LONG = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.';

describe('oversized input', () => {
  it('a 10 MB text parses, with every word counted', () => {
    const para = 'Homura walked on through the quiet ruins of the city.'; // 10 words
    const count = Math.ceil(10_000_000 / (para.length + 2));
    const r = parseStory(Array.from({ length: count }, () => para).join('\n\n'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.story.paragraphs).toBe(count);
    expect(r.story.words).toBe(count * 10);
  });

  it('keeps the text of markup nested hundreds deep, and resolves links against the page, not its <base>', () => {
    const depth = 300;
    const article = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1}. ${LONG} ${LONG}</p>`).join('');
    const html = `<!DOCTYPE html><html><head><base href="https://evil.example/"><title>T | FanFiction</title></head><body>${'<table><tr><td>'.repeat(depth)}<article>${article}<p>See <a href="/s/42/2/T">the next chapter</a>. ${LONG}</p></article>${'</td></tr></table>'.repeat(depth)}</body></html>`;
    const page = load(html, 'https://www.fanfiction.net/s/42/1/T');
    const result = readPage(page.doc, page.url, page.win);
    expect(result.kind).toBe('story');
    if (result.kind !== 'story') return;
    const part = result.page.parts[0];
    expect(part?.paragraphs.map((p) => p.text.slice(0, 12))).toEqual([
      'Paragraph 1.',
      'Paragraph 2.',
      'Paragraph 3.',
      'Paragraph 4.',
      'Paragraph 5.',
      'See the next',
    ]);
    const last = part?.blocks.at(-1);
    expect(last).toMatchObject({ kind: 'paragraph', p: 5 });
    expect(last?.kind === 'paragraph' && last.spans.slice(0, 2)).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', href: 'https://www.fanfiction.net/s/42/2/T', spans: [{ kind: 'text', text: 'the next chapter' }] },
    ]);
    expect(JSON.stringify(part?.blocks)).not.toContain('evil.example');
  });
});
