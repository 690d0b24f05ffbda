/** Embedded players in AO3 work text leave a plain link to their source, or a placeholder (lib/sanitize.ts). */
import { describe, expect, it } from 'vitest';
import { MEDIA_PLACEHOLDER, sanitizeHtml } from '../../../lib/sanitize';
import { blankWindow, expectSafeHtml } from './helpers';

const win = blankWindow();
const base = 'https://archiveofourown.org/works/1';
const linked = (html: string) => sanitizeHtml(html, win, { baseUrl: base, media: 'link' });
const link = (url: string) => `Embedded media: <a href="${url}" rel="noopener noreferrer">${url}</a>`;

describe('media stand-ins', () => {
  it.each([
    ['<p><iframe src="https://www.youtube.com/embed/x" allowfullscreen></iframe></p>', `<p>${link('https://www.youtube.com/embed/x')}</p>`],
    ['<audio controls><source src="https://archive.org/a.mp3" type="audio/mpeg">fallback text</audio>', link('https://archive.org/a.mp3')],
    ['<video src="//cdn.example/v.mp4"></video>', link('https://cdn.example/v.mp4')],
    [
      '<object data="https://example.org/flash.swf"><embed src="https://example.org/flash.swf"></object>',
      link('https://example.org/flash.swf'),
    ],
    ['<embed src="/podfic/1.mp3">', link('https://archiveofourown.org/podfic/1.mp3')],
  ])('%s', (input, want) => {
    expect(linked(input)).toBe(want);
  });

  it.each([
    '<iframe src="javascript:parent.__ficwellPwned(1)"></iframe>',
    '<iframe src=" JaVaScRiPt:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<embed src="data:image/svg+xml;base64,PHN2Zy8+">',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<video src="http://insecure.example/v.mp4"></video>',
    '<audio><source src="vbscript:x"></audio>',
    '<iframe></iframe>',
  ])('no link from %s', (input) => {
    const out = linked(input);
    expect(out).toBe(MEDIA_PLACEHOLDER);
    expectSafeHtml(out);
  });

  it('takes the first https source of several', () => {
    expect(linked('<video><source src="http://a.example/v.mp4"><source src="https://b.example/v.webm"></video>')).toBe(
      link('https://b.example/v.webm'),
    );
  });

  it('leaves no trace without the option (FFN, notes, summaries)', () => {
    expect(sanitizeHtml('<p>a<iframe src="https://www.youtube.com/embed/x"></iframe></p>', win, { baseUrl: base })).toBe('<p>a</p>');
  });
});
