import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../lib/doc/model';
import { buildEpub, type Book, EPUB_MIME, epubFileName } from '../../lib/epub';
import { escapeText, xmlChars } from '../../lib/epub/xml';
import { bookFromWebChapters, languageTag } from '../../lib/epub/from-web';
import { epubText, webLabels } from '../../components/epub';
import { fixturePage, savedWebBook, seedBooks, webBook } from './epub-books';

const modified = new Date('2026-12-01T10:20:30.456Z');
const { DOMParser } = new JSDOM('').window;

const para = (text: string, extra: Partial<Extract<Block, { kind: 'paragraph' }>> = {}): Block => ({
  kind: 'paragraph',
  p: 0,
  role: 'text',
  spans: [{ kind: 'text', text }],
  ...extra,
});

function book(patch: Partial<Book> = {}): Book {
  return {
    id: 'urn:ficwell:story:test',
    title: 'A Test',
    authors: ['Someone', 'Another'],
    language: 'en',
    source: 'https://archiveofourown.org/works/1',
    fandoms: ['Puella Magi Madoka Magica'],
    tags: ['Homura Akemi'],
    warnings: ['No Archive Warnings Apply'],
    summary: { blocks: [para('The summary.')], text: 'The summary.' },
    notes: {
      before: [{ kind: 'work-notes', label: 'Notes', blocks: [para('Front note text.')] }],
      after: [{ kind: 'work-end-notes', label: 'End notes', blocks: [para('End note text.')] }],
    },
    chapters: [
      {
        title: 'One',
        notes: {
          before: [{ kind: 'chapter-notes', label: 'Chapter notes', blocks: [para('Chapter note text.')] }],
          after: [{ kind: 'chapter-end-notes', label: 'Chapter end notes', blocks: [para('Chapter end text.')] }],
        },
        blocks: [para('First paragraph.'), { kind: 'scene-break' }, para('Second paragraph.', { p: 1 })],
      },
      { title: 'Two', notes: { before: [], after: [] }, blocks: [para('Chapter two.')] },
    ],
    ...patch,
  };
}

const files = (bytes: Uint8Array) => unzipSync(bytes);
const text = (bytes: Uint8Array, name: string) => {
  const f = files(bytes)[name];
  if (!f) throw new Error(`no ${name} in the book`);
  return strFromU8(f);
};
const epub = (b: Book, storyOnly = false) => buildEpub(b, epubText(), { storyOnly, modified });

/** The file parsed as XML (XHTML's own parser), failing on any parse error. */
function parseXml(source: string, type: DOMParserSupportedType = 'application/xhtml+xml'): Document {
  const doc = new DOMParser().parseFromString(source, type);
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('EPUB zip layout', () => {
  const bytes = epub(book());
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  it('starts with `mimetype`, stored (method 0), no extra field, holding exactly the EPUB type', () => {
    expect(view.getUint32(0, true)).toBe(0x04034b50); // a local file header
    expect(view.getUint16(8, true)).toBe(0); // compression method: stored
    const nameLength = view.getUint16(26, true);
    expect(view.getUint16(28, true)).toBe(0); // extra field length
    expect(strFromU8(bytes.subarray(30, 30 + nameLength))).toBe('mimetype');
    const size = view.getUint32(18, true);
    expect(size).toBe(EPUB_MIME.length);
    expect(strFromU8(bytes.subarray(30 + nameLength, 30 + nameLength + size))).toBe(EPUB_MIME);
  });

  it('holds the container, package, navigation, stylesheet, title page, a file per chapter and the end notes', () => {
    expect(Object.keys(files(bytes))).toEqual([
      'mimetype',
      'META-INF/container.xml',
      'OEBPS/content.opf',
      'OEBPS/nav.xhtml',
      'OEBPS/style.css',
      'OEBPS/title.xhtml',
      'OEBPS/chapter-1.xhtml',
      'OEBPS/chapter-2.xhtml',
      'OEBPS/end.xhtml',
    ]);
    const container = parseXml(text(bytes, 'META-INF/container.xml'), 'application/xml');
    expect(container.querySelector('rootfile')?.getAttribute('full-path')).toBe('OEBPS/content.opf');
  });

  it('compresses the rest', () => {
    const big = book({
      chapters: [{ title: 'Long', notes: { before: [], after: [] }, blocks: Array(5000).fill(para('Again and again.')) }],
    });
    const out = epub(big);
    const unpacked = Object.values(files(out)).reduce((n, f) => n + f.byteLength, 0);
    expect(out.byteLength).toBeLessThan(unpacked / 10);
  });
});

describe('package document', () => {
  const opf = parseXml(text(epub(book()), 'OEBPS/content.opf'), 'application/xml');
  const dc = (name: string) => [...opf.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', name)].map((e) => e.textContent);

  it('carries the metadata: title, a creator per author, language, id, source, subjects, description', () => {
    expect(dc('title')).toEqual(['A Test']);
    expect(dc('creator')).toEqual(['Someone', 'Another']);
    expect(dc('language')).toEqual(['en']);
    expect(dc('identifier')).toEqual(['urn:ficwell:story:test']);
    expect(opf.documentElement.getAttribute('unique-identifier')).toBe(
      opf.getElementsByTagNameNS('*', 'identifier')[0]?.getAttribute('id'),
    );
    expect(dc('source')).toEqual(['https://archiveofourown.org/works/1']);
    expect(dc('subject')).toEqual(['Puella Magi Madoka Magica', 'Homura Akemi']);
    expect(dc('description')).toEqual(['The summary.']);
    expect(opf.querySelector('meta[property="dcterms:modified"]')?.textContent).toBe('2026-12-01T10:20:30Z');
  });

  it('lists every content file in the manifest and the spine, in reading order, with the nav marked', () => {
    const items = [...opf.querySelectorAll('manifest item')].map((i) => i.getAttribute('href'));
    expect(items).toEqual(['nav.xhtml', 'style.css', 'title.xhtml', 'chapter-1.xhtml', 'chapter-2.xhtml', 'end.xhtml']);
    expect(opf.querySelector('item[properties="nav"]')?.getAttribute('href')).toBe('nav.xhtml');
    const spine = [...opf.querySelectorAll('spine itemref')].map((i) =>
      opf.getElementById(i.getAttribute('idref') ?? '')?.getAttribute('href'),
    );
    expect(spine).toEqual(['title.xhtml', 'chapter-1.xhtml', 'chapter-2.xhtml', 'end.xhtml']);
  });

  it('the navigation document is a toc of the content files', () => {
    const nav = parseXml(text(epub(book()), 'OEBPS/nav.xhtml'));
    const toc = nav.querySelector('nav');
    expect(toc?.getAttributeNS('http://www.idpf.org/2007/ops', 'type')).toBe('toc');
    expect([...(toc?.querySelectorAll('li a') ?? [])].map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['title.xhtml', 'A Test'],
      ['chapter-1.xhtml', 'One'],
      ['chapter-2.xhtml', 'Two'],
      ['end.xhtml', 'After the story'],
    ]);
  });
});

describe('chapter XHTML', () => {
  it('is well-formed XHTML holding the chapter title, the notes in place and the text', () => {
    const doc = parseXml(text(epub(book()), 'OEBPS/chapter-1.xhtml'));
    expect(doc.documentElement.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    expect(doc.documentElement.getAttribute('xml:lang')).toBe('en');
    // In document order: jsdom's `body.querySelectorAll('h1, p, hr')` in an XHTML document put the hr last.
    const body = [...doc.getElementsByTagName('*')]
      .filter((e) => ['h1', 'p', 'hr'].includes(e.localName))
      .map((e) => `${e.localName}:${e.textContent}`);
    expect(body).toEqual([
      'h1:One',
      'p:Chapter notes',
      'p:Chapter note text.',
      'p:First paragraph.',
      'hr:',
      'p:Second paragraph.',
      'p:Chapter end notes',
      'p:Chapter end text.',
    ]);
  });

  it('"story only" leaves every note out: front, end and chapter notes', () => {
    const bytes = epub(book(), true);
    expect(Object.keys(files(bytes))).not.toContain('OEBPS/end.xhtml');
    const all = Object.entries(files(bytes))
      .filter(([name]) => name.endsWith('.xhtml'))
      .map(([, f]) => strFromU8(f))
      .join('\n');
    for (const note of ['Front note text.', 'End note text.', 'Chapter note text.', 'Chapter end text.']) expect(all).not.toContain(note);
    expect(all).toContain('First paragraph.');
    expect(all).toContain('The summary.'); // the summary is the story's metadata, on the title page
  });

  it('draws the document model: styles, links, footnotes across files, lists, tables, quotes, media', () => {
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        p: 0,
        role: 'text',
        align: 'center',
        spans: [
          { kind: 'emphasis', spans: [{ kind: 'text', text: 'soft' }] },
          {
            kind: 'link',
            href: 'https://example.org/a b',
            spans: [{ kind: 'footnote-ref', target: 'user-content-fn1', spans: [{ kind: 'text', text: '1' }] }],
          },
          { kind: 'footnote-ref', target: 'user-content-fn1', id: 'user-content-fnref1', spans: [{ kind: 'text', text: '[1]' }] },
          { kind: 'footnote-ref', target: 'user-content-nowhere', spans: [{ kind: 'text', text: '[2]' }] },
          { kind: 'link', href: 'javascript:alert(1)', spans: [{ kind: 'text', text: 'not a link' }] },
          { kind: 'image', src: 'https://example.org/i.png', alt: 'a picture' },
        ],
      },
      { kind: 'list', ordered: true, start: 3, items: [[para('item')], [para('a', { p: 2 }), para('b', { p: 3 })]] },
      { kind: 'table', caption: [{ kind: 'text', text: 'cap' }], rows: [[{ header: true, blocks: [para('h')], colspan: 2 }]] },
      { kind: 'quote', blocks: [para('quoted', { p: 4 })] },
      { kind: 'media', p: 5, label: 'Audio', href: 'https://example.org/pod.mp3' },
      para('twice', { id: 'user-content-x' }),
      para('again', { id: 'user-content-x' }),
    ];
    const endNote = { kind: 'work-end-notes' as const, label: 'End notes', blocks: [para('The footnote.', { id: 'user-content-fn1' })] };
    const bytes = epub(
      book({ chapters: [{ title: 'Only', notes: { before: [], after: [] }, blocks }], notes: { before: [], after: [endNote] } }),
    );
    const doc = parseXml(text(bytes, 'OEBPS/chapter-1.xhtml'));
    const p = doc.querySelector('section > p');
    expect(p?.getAttribute('class')).toBe('align-center');
    expect(p?.querySelector('em')?.textContent).toBe('soft');
    const links = [...(p?.querySelectorAll('a') ?? [])].map((a) => [a.getAttribute('href'), a.textContent]);
    expect(links).toEqual([
      ['https://example.org/a%20b', '1'], // a link inside a link is its text
      ['end.xhtml#user-content-fn1', '[1]'],
    ]);
    expect(p?.textContent).toContain('[2]not a linka picture');
    expect(doc.querySelector('img')).toBeNull();
    expect(doc.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(doc.querySelectorAll('ol > li')).toHaveLength(2);
    expect(doc.querySelector('th')?.getAttribute('colspan')).toBe('2');
    expect(doc.querySelector('caption')?.textContent).toBe('cap');
    expect(doc.querySelector('blockquote p')?.textContent).toBe('quoted');
    expect(doc.querySelector('p.media a')?.getAttribute('href')).toBe('https://example.org/pod.mp3');
    expect(doc.querySelectorAll('[id="user-content-x"]')).toHaveLength(1);
    expect(parseXml(text(bytes, 'OEBPS/end.xhtml')).getElementById('user-content-fn1')?.textContent).toBe('The footnote.');
  });
});

describe('hostile text', () => {
  const HOSTILE =
    'a <script>alert(1)</script> ]]> & &amp; "q" \u0000\u0001\u0008\u000b\u001f\u007f\u0085\ufffe\ud800 <![CDATA[x]]> <!-- c -->';

  it('is escaped everywhere, as text: titles, names, tags, notes, paragraphs, link text and URLs', () => {
    const bytes = epub(
      book({
        title: HOSTILE,
        authors: [HOSTILE],
        fandoms: [HOSTILE],
        tags: [HOSTILE],
        warnings: [HOSTILE],
        summary: { blocks: [para(HOSTILE)], text: HOSTILE },
        notes: { before: [{ kind: 'work-notes', label: HOSTILE, blocks: [para(HOSTILE)] }], after: [] },
        chapters: [
          {
            title: HOSTILE,
            notes: { before: [], after: [] },
            blocks: [
              para(HOSTILE, { id: '"><script>' }),
              {
                kind: 'paragraph',
                p: 1,
                role: 'text',
                spans: [{ kind: 'link', href: 'https://example.org/?q="><script>', spans: [{ kind: 'text', text: HOSTILE }] }],
              },
            ],
          },
        ],
      }),
    );
    for (const [name, file] of Object.entries(files(bytes))) {
      if (name === 'mimetype' || name.endsWith('.css')) continue;
      const source = strFromU8(file);
      expect(source).not.toMatch(/<script|<!\[CDATA\[|<!--|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe]/);
      expect(source.slice(source.indexOf('?>') + 2)).not.toContain(']]>');
      const doc = parseXml(source, name.endsWith('.xhtml') ? 'application/xhtml+xml' : 'application/xml');
      expect(doc.getElementsByTagName('script')).toHaveLength(0);
    }
    const chapter = parseXml(text(bytes, 'OEBPS/chapter-1.xhtml'));
    const shown = 'a <script>alert(1)</script> ]]> & &amp; "q"  <![CDATA[x]]> <!-- c -->';
    expect(chapter.querySelector('h1')?.textContent).toBe(shown);
    expect(chapter.querySelector('title')?.textContent).toBe(shown);
    expect(chapter.querySelector('section > p')?.textContent).toBe(shown);
    expect(chapter.querySelector('section > p')?.hasAttribute('id')).toBe(false);
    expect(chapter.querySelector('a')?.getAttribute('href')).toBe('https://example.org/?q=%22%3E%3Cscript%3E');
    const opf = parseXml(text(bytes, 'OEBPS/content.opf'), 'application/xml');
    expect(opf.getElementsByTagNameNS('*', 'title')[0]?.textContent).toBe(shown);
  });

  it('the writer drops what XML cannot carry and escapes the rest', () => {
    expect(xmlChars('a\u0000b\u001bc\ud83d\ude00d\udc00')).toBe('abc\ud83d\ude00d');
    expect(escapeText('<a>&]]>')).toBe('&lt;a&gt;&amp;]]&gt;');
  });
});

describe('EPUB file name', () => {
  it.each([
    ['Her Outstretched Hand', 'Her Outstretched Hand.epub'],
    ['../../etc/passwd', 'etc passwd.epub'],
    ['..\\..\\Windows\\win.ini', 'Windows win.ini.epub'],
    ['/absolute/path', 'absolute path.epub'],
    ['C:\\Users\\x', 'C Users x.epub'],
    ['a\u0000b\nc\td\u007f\u009be', 'ab c de.epub'],
    ['evil\u202Ebupe.exe', 'evilbupe.exe.epub'],
    ['<>:"|?*', 'story.epub'],
    ['...', 'story.epub'],
    ['', 'story.epub'],
    ['   ', 'story.epub'],
    ['.hidden', 'hidden.epub'],
    ['CON', 'CON story.epub'],
    ['nul', 'nul story.epub'],
    ['trailing dots...', 'trailing dots.epub'],
  ])('%j → %j', (title, name) => {
    expect(epubFileName(title)).toBe(name);
  });

  it('is cut to a length file systems take, on a character boundary', () => {
    expect(epubFileName('a'.repeat(300))).toBe(`${'a'.repeat(80)}.epub`);
    const name = epubFileName('😀'.repeat(300));
    expect(name).toBe(`${'😀'.repeat(50)}.epub`);
    expect(new TextEncoder().encode(name).byteLength).toBeLessThan(255);
  });
});

describe('adapters', () => {
  it('a bundled story: one chapter per section, the notes around it labelled as in the reader', () => {
    const glass = seedBooks().find((s) => s.id === 'glass-hearts')?.book;
    expect(glass?.chapters.map((c) => c.title)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(glass?.chapters.every((c) => c.blocks.length > 0 && c.blocks.every((b) => b.kind !== 'heading'))).toBe(true);
    expect(glass?.notes.before.map((n) => n.label)).toEqual(['Summary', 'Warning']);
    expect(glass?.fandoms).toEqual(['Puella Magi Madoka Magica']);
    expect(glass?.language).toBe('en');
  });

  it('every bundled story keeps all its paragraphs, in order', () => {
    for (const { book: b } of seedBooks()) {
      const ps = b.chapters.flatMap((c) => c.blocks).flatMap((x) => (x.kind === 'paragraph' && x.p !== null ? [x.p] : []));
      expect(ps).toEqual(ps.map((_, i) => i));
    }
  });

  it('saved web chapters: in chapter order, once each, with the site metadata and notes labelled as in the view', () => {
    // The full-work page and then the same chapters again, out of order: as saved chapters may come.
    const full = fixturePage('ao3/full-work');
    const b = bookFromWebChapters(full, [...full.parts].reverse().concat(full.parts), webLabels());
    expect(b.chapters.map((c) => c.title)).toEqual([
      'Chapter 1: Placeholder One',
      'Chapter 2: Placeholder Two',
      'Chapter 3: Placeholder Three',
    ]);
    expect(b.chapters[0]?.notes.before.map((n) => [n.label, n.blocks.length > 0])).toEqual([['Chapter notes', true]]);
    expect(b.chapters[0]?.blocks).toBe(full.parts[0]?.blocks);
    expect(b.notes.before.map((n) => n.kind)).toEqual(['work-notes']);
    expect(b.notes.after.map((n) => n.kind)).toEqual(['work-end-notes']);
    expect(b.id).toBe('https://archiveofourown.org/works/4242424');
    expect(b.source).toBe('https://archiveofourown.org/works/4242424');
    expect(b.title).toBe("The Cartographer's Apprentice");
    expect(b.authors).toEqual(['paperlantern']);
    expect(b.fandoms).toEqual(['Original Work', 'Placeholder Fandom - Placeholder Author']);
    expect(b.summary?.text).toBe('Placeholder work summary.');
    expect(b.language).toBe(languageTag(full.language));
  });

  it.each([
    ['English', 'en'],
    ['Deutsch', 'de'],
    ['Português brasileiro', 'pt-BR'],
    ['pt-BR', 'pt-br'],
    ['Klingon', 'und'],
    [undefined, 'und'],
    ['<script>', 'und'],
  ])('language %j → %j', (name, tag) => {
    expect(languageTag(name)).toBe(tag);
  });
});

describe('saved works', () => {
  it.each([['ao3/full-work'], ['ao3/middle-chapter'], ['ffn/middle-chapter']])(
    '%s saved, stored and read back makes the book its page makes: tags, language, summary, notes, chapters',
    async (name) => {
      expect(await savedWebBook(name)).toEqual(webBook(name));
    },
  );

  it('chapters saved from several pages are one book in chapter order; a page that says less keeps the tags', async () => {
    const ao3 = await savedWebBook('ao3/middle-chapter', 'ao3/full-work');
    expect(ao3.chapters.map((c) => c.title)).toEqual(webBook('ao3/full-work').chapters.map((c) => c.title));
    const full = await savedWebBook('ffn/middle-chapter');
    expect(full.tags.length).toBeGreaterThan(0);
    // FFN's mobile copy of the same chapter names no characters: what the full page said stays.
    const both = await savedWebBook('ffn/middle-chapter', 'ffn/mobile');
    expect(fixturePage('ffn/mobile').characters).toEqual([]);
    expect(both.tags).toEqual(full.tags);
  }, 30_000); // seven fixture pages read in jsdom: past 5 s on a loaded machine
});
