/** Cases too small for a fixture folder: classification corners, metadata corners, paragraph numbering. */

import { describe, expect, it } from 'vitest';
import { parsePage, readPage } from '../../../lib/sites';
import { buildBody, childrenWithout } from '../../../lib/sites/body';
import { blankWindow, drawnHtml, load } from './helpers';

const LONG = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.';

function read(html: string, url: string) {
  const page = load(html, url);
  return readPage(page.doc, page.url, page.win);
}

function ffnPage(meta: string, opts: { crumbs?: string; text?: string } = {}): string {
  return `<!DOCTYPE html><html><head><title>T, a x fanfic | FanFiction</title></head><body>
<div id=pre_story_links>${opts.crumbs ?? `<a class=xcontrast_txt href='/book/'>Books</a> <a class=xcontrast_txt href='/book/Harry-Potter/'>Harry Potter</a>`}</div>
<div id=profile_top><b class='xcontrast_txt'>T</b> By: <a class='xcontrast_txt' href='/u/1/a'>a</a>
<span class='xgray xcontrast_txt'>${meta}</span></div>
<div role='main' id='storytextp'><div class='storytext xcontrast_txt nocopy' id='storytext'>${opts.text ?? '<p>One.</p>'}</div></div>
</body></html>`;
}

function ao3Page(opts: { byline: string; chapters: string; status?: string }): string {
  return `<!DOCTYPE html><html><head><title>W [Archive of Our Own]</title></head><body><div id="main" class="works-show region">
<dl class="work meta group"><dd class="stats"><dl class="stats"><dt class="published">Published:</dt><dd class="published">2024-01-01</dd>
${opts.status ?? ''}<dt class="chapters">Chapters:</dt><dd class="chapters">${opts.chapters}</dd></dl></dd></dl>
<div id="workskin"><div class="preface group"><h2 class="title heading">W</h2><h3 class="byline heading">${opts.byline}</h3></div>
<div id="chapters" role="article"><h3 class="landmark heading" id="work">Work Text:</h3><div class="userstuff"><p>One.</p></div></div></div>
</div></body></html>`;
}

describe('pages that are not chapters', () => {
  it('a challenge page without the usual title is still a challenge', () => {
    const html = `<!DOCTYPE html><html><head><title>www.fanfiction.net</title></head><body><div class="main-wrapper" role="main">
<div class="main-content"><h1>www.fanfiction.net</h1><div id="challenge-stage"></div><p>${LONG} ${LONG}</p><p>${LONG} ${LONG}</p></div></div></body></html>`;
    expect(read(html, 'https://www.fanfiction.net/s/1/1/')).toEqual({ kind: 'not-readable', reason: 'challenge' });
    expect(read(html, 'https://archiveofourown.org/works/1')).toEqual({ kind: 'not-readable', reason: 'challenge' });
  });

  it("FFN's other missing-story messages", () => {
    for (const message of [
      'Chapter not found. Please check to see you are not using an outdated url.',
      'Story is unavailable for reading. (A)',
    ]) {
      const html = `<!DOCTYPE html><body><div id=content_wrapper_inner><span class='gui_warning'>${message}</span></div></body>`;
      expect(read(html, 'https://www.fanfiction.net/s/1/9/')).toEqual({ kind: 'not-readable', reason: 'not-found' });
    }
  });

  it("AO3's 404 page", () => {
    const html = `<!DOCTYPE html><body><div id="main" class="system errors error-404 region" role="main"><h2 class="heading">Error 404</h2><h3 class="heading">The page you were looking for doesn't exist.</h3></div></body>`;
    expect(read(html, 'https://archiveofourown.org/works/1/chapters/2')).toEqual({ kind: 'not-readable', reason: 'not-found' });
  });

  it('listings and other pages of a supported site, whatever their content', () => {
    const article = `<!DOCTYPE html><body><article>${`<p>${LONG} ${LONG}</p>`.repeat(6)}</article></body>`;
    expect(read(article, 'https://www.fanfiction.net/book/Harry-Potter/')).toEqual({ kind: 'not-readable', reason: 'listing' });
    expect(read(article, 'https://archiveofourown.org/tags/Harry%20Potter/works')).toEqual({ kind: 'not-readable', reason: 'listing' });
    expect(read(article, 'https://archiveofourown.org/users/someone/works')).toEqual({ kind: 'not-readable', reason: 'listing' });
    expect(read(article, 'https://www.fanfiction.net/u/1/someone')).toEqual({ kind: 'not-readable', reason: 'not-a-story' });
    expect(read(article, 'https://archiveofourown.org/admin_posts/1')).toEqual({ kind: 'not-readable', reason: 'not-a-story' });
  });

  it('other sites are not ours', () => {
    expect(read('<p>x</p>', 'https://example.org/s/1/1/')).toEqual({ kind: 'unsupported' });
  });
});

describe('Readability fallback', () => {
  it('reads a story URL whose page the adapter does not recognise, sanitized', () => {
    const html = `<!DOCTYPE html><html><head><title>New look | FanFiction</title></head><body><main><article id="text">
${Array.from({ length: 5 }, (_, i) => `<p onclick="x()">Paragraph ${i + 1}. ${LONG} ${LONG}</p>`).join('')}<script>alert(1)</script></article></main></body></html>`;
    const result = read(html, 'https://www.fanfiction.net/s/42/3/New-Look');
    expect(result.kind).toBe('story');
    if (result.kind !== 'story') return;
    expect(result.page).toMatchObject({
      site: 'ffn',
      storyId: '42',
      source: 'readability',
      storyUrl: 'https://www.fanfiction.net/s/42/1/New-Look',
    });
    expect(result.page.parts[0]?.number).toBe(3);
    expect(result.page.parts[0]?.paragraphs.length).toBe(5);
    expect(drawnHtml(result.page.parts[0]?.blocks ?? [])).not.toMatch(/onclick|script|alert/);
  });

  const article = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1}. ${LONG} ${LONG}</p>`).join('');

  it('reads a page whose doctype jsdom cannot clone (an invalid name), and keeps its language', () => {
    const html = `<!DOCTYPE html&#x3e><html lang="fr"><head><title>T | FanFiction</title></head><body><article>${article}</article></body></html>`;
    const result = read(html, 'https://www.fanfiction.net/s/42/1/T');
    expect(result.kind).toBe('story');
    if (result.kind !== 'story') return;
    expect(result.page.parts[0]?.paragraphs.length).toBe(5);
    expect(result.page.language).toBe('fr');
  });

  it('gives up on a story URL with nothing article-like', () => {
    const html = `<!DOCTYPE html><body><div id="main"><p>Something went wrong.</p></div></body>`;
    expect(read(html, 'https://archiveofourown.org/works/1')).toEqual({ kind: 'not-readable', reason: 'unparseable' });
    const page = load(html, 'https://archiveofourown.org/works/1');
    expect(parsePage(page.doc, page.url, page.win)).toBeUndefined();
  });
});

describe('FFN metadata', () => {
  it('reads a crossover, no genre, names with " - " and two pairings', () => {
    const result = read(
      ffnPage(
        `Rated: <a class='xcontrast_txt' href='https://www.fictionratings.com/' target='rating'>Fiction  M</a> - Spanish - [Jean-Luc P., Q] [B'Elanna T. - Tom P., Seven] Data - Words: 900 - Published: <span data-xutime='1600000000'>9/13/2020</span> - id: 1`,
        {
          crumbs: `<a class=xcontrast_txt href="/Star-Trek-The-Next-Generation-and-Star-Trek-Voyager-Crossovers/2170/2160/">Star Trek: The Next Generation + Star Trek: Voyager Crossover</a>`,
        },
      ),
      'https://www.fanfiction.net/s/1/1/',
    );
    expect(result.kind).toBe('story');
    if (result.kind !== 'story') return;
    expect(result.page).toMatchObject({
      rating: 'M',
      language: 'Spanish',
      genres: [],
      fandoms: ['Star Trek: The Next Generation', 'Star Trek: Voyager'],
      relationships: ['Jean-Luc P./Q', "B'Elanna T. - Tom P./Seven"],
      characters: ['Jean-Luc P.', 'Q', "B'Elanna T. - Tom P.", 'Seven', 'Data'],
      words: 900,
      status: 'in-progress',
      chapterCount: 1,
      published: '2020-09-13T12:26:40.000Z',
    });
    expect(result.page.updated).toBeUndefined();
  });

  it('splits old texts that separate paragraphs with <br><br>', () => {
    const result = read(
      ffnPage('Rated: Fiction K - English - Words: 9', { text: 'First line.<br><br>Second line,<br>same paragraph.<br><br><br>Third.' }),
      'https://www.fanfiction.net/s/1/1/',
    );
    if (result.kind !== 'story') throw new Error(result.kind);
    expect(result.page.parts[0]?.paragraphs.map((p) => p.text)).toEqual(['First line.', 'Second line, same paragraph.', 'Third.']);
    expect(drawnHtml(result.page.parts[0]?.blocks ?? [])).toBe(
      '<p data-p="0">First line.</p><p data-p="1">Second line,<br>same paragraph.</p><p data-p="2">Third.</p>',
    );
  });
});

describe('AO3 metadata', () => {
  it('an anonymous work in progress with an unknown chapter total', () => {
    const result = read(ao3Page({ byline: 'Anonymous', chapters: '2/?' }), 'https://archiveofourown.org/works/9');
    if (result.kind !== 'story') throw new Error(result.kind);
    expect(result.page).toMatchObject({ authors: [{ name: 'Anonymous' }], chaptersPosted: 2, status: 'in-progress' });
    expect(result.page.chapterCount).toBeUndefined();
  });

  it('a one-shot is complete without a status line; chapters stay on the mirror it was read from', () => {
    const result = read(
      ao3Page({ byline: '<a rel="author" href="/users/x/pseuds/x">x</a>', chapters: '1/1' }),
      'https://archiveofourown.gay/works/9',
    );
    if (result.kind !== 'story') throw new Error(result.kind);
    expect(result.page).toMatchObject({
      status: 'complete',
      authors: [{ name: 'x', url: 'https://archiveofourown.gay/users/x/pseuds/x' }],
      storyUrl: 'https://archiveofourown.org/works/9',
      parts: [{ number: 1, url: 'https://archiveofourown.gay/works/9' }],
    });
  });
});

describe('paragraphs', () => {
  const win = blankWindow();
  const body = (html: string) => buildBody(html, win, 'https://archiveofourown.org/works/1');

  it('wraps loose text, numbers leaf blocks in reading order, and skips rules and empty blocks', () => {
    const b = body(
      'Loose <em>text</em>.<div>In a div<p>Inner p.</p>tail</div><hr><ul><li>Item <ul><li>Sub</li></ul></li></ul><p> </p><blockquote>Quoted.</blockquote>',
    );
    expect(b.paragraphs.map((p) => p.text)).toEqual(['Loose text.', 'In a div', 'Inner p.', 'tail', 'Item', 'Sub', 'Quoted.']);
    const para = (p: number, text: string) => ({ kind: 'paragraph', p, role: 'text', spans: [{ kind: 'text', text }] });
    // The wrapper div goes (its paragraphs take its place), and so does the empty paragraph.
    expect(b.blocks).toEqual([
      {
        kind: 'paragraph',
        p: 0,
        role: 'text',
        spans: [
          { kind: 'text', text: 'Loose ' },
          { kind: 'emphasis', spans: [{ kind: 'text', text: 'text' }] },
          { kind: 'text', text: '.' },
        ],
      },
      para(1, 'In a div'),
      para(2, 'Inner p.'),
      para(3, 'tail'),
      { kind: 'scene-break' },
      { kind: 'list', ordered: false, items: [[para(4, 'Item'), { kind: 'list', ordered: false, items: [[para(5, 'Sub')]] }]] },
      { kind: 'quote', blocks: [para(6, 'Quoted.')] },
    ]);
    expect(drawnHtml(b.blocks)).toBe(
      '<p data-p="0">Loose <em>text</em>.</p><p data-p="1">In a div</p><p data-p="2">Inner p.</p><p data-p="3">tail</p>' +
        '<hr class="scene-break" aria-label="Scene break"><ul><li><p data-p="4">Item</p><ul><li data-p="5">Sub</li></ul></li></ul>' +
        '<blockquote><p data-p="6">Quoted.</p></blockquote>',
    );
    expect(b.words).toBe(11);
  });

  it('marks scene breaks and announced author notes', () => {
    const b = body(
      "<p>A/N: hello.</p><p>Author's Note: more.</p><p>* * *</p><p>xXx</p><p>~~~</p><p>Anne said hi.</p><p>—</p><p>Disclaimer: not mine.</p>",
    );
    const [note, scene] = ['author-note', 'scene-break'];
    expect(b.paragraphs.map((p) => p.role)).toEqual([note, note, scene, scene, scene, 'text', 'text', note]);
    expect(b.paragraphs.filter((p) => p.role === 'scene-break').every((p) => p.words === 0)).toBe(true);
  });

  it('keeps an image-only paragraph', () => {
    const b = body('<p>Before.</p><p><img src="https://example.org/art.png" alt="art"></p><p>After.</p>');
    expect(b.paragraphs.map((p) => p.text)).toEqual(['Before.', '', 'After.']);
  });
});

describe('copying page markup', () => {
  it('merges the thousands of side-by-side text nodes a stray <table> leaves (fuzz seed 2, case 6698), text intact', () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i} \u{960bb}`).join(' ');
    const page = load(
      `<!DOCTYPE html><body><blockquote id="n"><p>a<table>${text}</table></p></blockquote></body>`,
      'https://archiveofourown.org/works/1',
    );
    const quote = page.doc.getElementById('n') as Element;
    const sideBySide = Array.from(quote.childNodes).filter((n) => n.nodeType === 3).length;
    expect(sideBySide).toBeGreaterThan(100); // what the parser made of it (jsdom: one text node per chunk)
    const copy = childrenWithout(quote);
    expect(Array.from(copy.childNodes).filter((n) => n.nodeType === 3).length).toBeLessThanOrEqual(2);
    expect(copy.textContent).toBe(quote.textContent);
    expect(quote.childNodes.length).toBeGreaterThan(100); // the page itself is left as it was
  });
});
