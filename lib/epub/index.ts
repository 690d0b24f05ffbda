import { strToU8, type Zippable, zipSync } from 'fflate';
import type { Book, BookNote, BookText, EpubOptions } from './book';
import { STYLESHEET } from './style';
import { FileWriter, idsOf, webHref, xhtmlDocument } from './xhtml';
import { el, type Element, xmlDocument } from './xml';

export type { Book, BookChapter, BookNote, BookText, EpubOptions } from './book';
export { epubFileName } from './name';

export const EPUB_MIME = 'application/epub+zip';

/** One content document of the book, in reading order. */
interface Page {
  file: string;
  id: string;
  /** In the contents, under this label. */
  label: string;
  /** The ids its blocks carry, so that links from other files can reach them. */
  ids: string[];
  render: (w: FileWriter) => Element[];
}

const noteIds = (notes: readonly BookNote[]) => notes.flatMap((n) => idsOf(n.blocks));

/**
 * The book as an EPUB 3 file: `mimetype` first and stored (readers find the format by its first bytes), the
 * container, the package document, the navigation document, a title page (with the notes before the story),
 * one XHTML file per chapter (with its own notes), the notes after the story, and a stylesheet. Everything is
 * written by the escaping writer (lib/epub/xml.ts) from the document model; no HTML from a page is copied.
 * "Story only" leaves every note out.
 */
export function buildEpub(book: Book, text: BookText, options: EpubOptions): Uint8Array {
  const notesOf = (n: Book['notes']) => (options.storyOnly ? { before: [], after: [] } : n);
  const bookNotes = notesOf(book.notes);
  const pages: Page[] = [
    {
      file: 'title.xhtml',
      id: 'title-page',
      label: book.title,
      ids: [...(book.summary ? idsOf(book.summary.blocks) : []), ...noteIds(bookNotes.before)],
      render: (w) => [...titlePage(book, text, w), ...w.notes(text.beforeStory, bookNotes.before)],
    },
    ...book.chapters.map((c, i): Page => {
      const notes = notesOf(c.notes);
      return {
        file: `chapter-${i + 1}.xhtml`,
        id: `chapter-${i + 1}`,
        label: c.title,
        ids: [...noteIds(notes.before), ...idsOf(c.blocks), ...noteIds(notes.after)],
        render: (w) => [
          el('section', { 'epub:type': 'chapter' }, [
            el('h1', {}, [c.title]),
            ...notes.before.map((n) => w.note(n)),
            ...w.blocks(c.blocks),
            ...notes.after.map((n) => w.note(n)),
          ]),
        ],
      };
    }),
  ];
  if (bookNotes.after.length)
    pages.push({
      file: 'end.xhtml',
      id: 'end-notes',
      label: text.afterStory,
      ids: noteIds(bookNotes.after),
      render: (w) => w.notes(text.afterStory, bookNotes.after),
    });

  // Ids first, so a footnote link may point into another file (AO3's end notes can hold a chapter's footnotes).
  const index = new Map<string, string>();
  for (const p of pages) for (const id of p.ids) if (!index.has(id)) index.set(id, p.file);

  const files: Zippable = {
    mimetype: [strToU8(EPUB_MIME), { level: 0 }],
    'META-INF/container.xml': strToU8(CONTAINER),
    'OEBPS/content.opf': strToU8(packageDocument(book, pages, options.modified)),
    'OEBPS/nav.xhtml': strToU8(navDocument(book, text, pages)),
    'OEBPS/style.css': strToU8(STYLESHEET),
  };
  for (const p of pages) files[`OEBPS/${p.file}`] = strToU8(xhtmlDocument(p.label, book.language, p.render(new FileWriter(p.file, index))));
  return zipSync(files, { level: 9, mtime: options.modified });
}

const CONTAINER = xmlDocument(
  el('container', { version: '1.0', xmlns: 'urn:oasis:names:tc:opendocument:xmlns:container' }, [
    el('rootfiles', {}, [el('rootfile', { 'full-path': 'OEBPS/content.opf', 'media-type': 'application/oebps-package+xml' })]),
  ]),
);

/** `dcterms:modified` wants seconds and a Z, no fraction. */
function modifiedStamp(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

function packageDocument(book: Book, pages: readonly Page[], modified: Date): string {
  const dc = (name: string, value: string, attrs: Element['attrs'] = {}) => el(`dc:${name}`, attrs, [value]);
  const source = webHref(book.source ?? undefined, 'http:', 'https:');
  const subjects = [...new Set([...book.fandoms, ...book.tags].map((s) => s.trim()).filter(Boolean))];
  const metadata = el('metadata', { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, [
    dc('identifier', book.id, { id: 'book-id' }),
    dc('title', book.title),
    dc('language', book.language),
    ...book.authors.map((a) => dc('creator', a)),
    ...(source ? [dc('source', source)] : []),
    ...subjects.map((s) => dc('subject', s)),
    ...(book.summary?.text.trim() ? [dc('description', book.summary.text)] : []),
    el('meta', { property: 'dcterms:modified' }, [modifiedStamp(modified)]),
  ]);
  const manifest = el('manifest', {}, [
    el('item', { id: 'nav', href: 'nav.xhtml', 'media-type': 'application/xhtml+xml', properties: 'nav' }),
    el('item', { id: 'style', href: 'style.css', 'media-type': 'text/css' }),
    ...pages.map((p) => el('item', { id: p.id, href: p.file, 'media-type': 'application/xhtml+xml' })),
  ]);
  const spine = el(
    'spine',
    {},
    pages.map((p) => el('itemref', { idref: p.id })),
  );
  return xmlDocument(
    el('package', { xmlns: 'http://www.idpf.org/2007/opf', version: '3.0', 'unique-identifier': 'book-id', 'xml:lang': book.language }, [
      metadata,
      manifest,
      spine,
    ]),
  );
}

function navDocument(book: Book, text: BookText, pages: readonly Page[]): string {
  const items = pages.map((p) => el('li', {}, [el('a', { href: p.file }, [p.label])]));
  return xhtmlDocument(book.title, book.language, [
    el('nav', { 'epub:type': 'toc', id: 'toc' }, [el('h1', {}, [text.contents]), el('ol', {}, items)]),
  ]);
}

function titlePage(book: Book, text: BookText, w: FileWriter): Element[] {
  const source = webHref(book.source ?? undefined, 'http:', 'https:');
  const line = (cls: string, value: string) => (value ? [el('p', { class: cls }, [value])] : []);
  return [
    el('h1', { class: 'book-title' }, [book.title]),
    ...line('authors', book.authors.join(', ')),
    ...line('fandoms', book.fandoms.join(', ')),
    ...(book.summary ? [el('div', { class: 'summary' }, w.blocks(book.summary.blocks))] : []),
    ...(book.warnings.length
      ? [
          el('h2', {}, [text.warnings]),
          el(
            'ul',
            { class: 'warnings' },
            book.warnings.map((x) => el('li', {}, [x])),
          ),
        ]
      : []),
    ...(book.tags.length ? [el('h2', {}, [text.tags]), el('p', { class: 'tags' }, [book.tags.join(', ')])] : []),
    ...(source ? [el('p', { class: 'source' }, [`${text.source}: `, el('a', { href: source }, [source])])] : []),
  ];
}
