import { SPAN_TAG, type Align, type Block, type Span, type TableCell } from '../doc/model';
import type { BookNote } from './book';
import { el, type Element, type Node, xmlDocument } from './xml';

/**
 * The document model (lib/doc/model.ts) as XHTML elements of the writer (lib/epub/xml.ts), for one file of the
 * book. As in the views (components/Blocks.tsx) only the model's own fields become attributes, and each is
 * checked again here, since the model is data that may come back from storage:
 *
 * - links: http(s) only, written as the URL parser spells them; a link inside a link is its text;
 * - footnote links: to the element with that id, in this file or another of the book; to text when none has it;
 * - ids: XML names only, each once per file;
 * - images: their alt text (an EPUB may not load images from the web, and Ficwell keeps none of its own);
 * - alignment: a class of the book's stylesheet (XHTML has no `align`).
 */

/** An id an XHTML file can carry: an XML name without a colon (the sanitizer's are `user-content-…`). */
const ID = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function validId(id: string | undefined): id is string {
  return id !== undefined && ID.test(id);
}

/** Where each id of the book is: its file. Built before any file is written, so links can cross files. */
export type IdIndex = ReadonlyMap<string, string>;

/** The ids these blocks carry (on blocks and spans), in order. */
export function idsOf(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  const spans = (list: readonly Span[]) => {
    for (const s of list) {
      if ((s.kind === 'link' || s.kind === 'footnote-ref') && validId(s.id)) out.push(s.id);
      if ('spans' in s) spans(s.spans);
    }
  };
  const walk = (list: readonly Block[]) => {
    for (const b of list) {
      if ((b.kind === 'paragraph' || b.kind === 'heading') && validId(b.id)) out.push(b.id);
      if ('spans' in b) spans(b.spans);
      if (b.kind === 'quote' || b.kind === 'notes') walk(b.blocks);
      if (b.kind === 'list') for (const item of b.items) walk(item);
      if (b.kind === 'table') {
        if (b.caption) spans(b.caption);
        for (const row of b.rows) for (const cell of row) walk(cell.blocks);
      }
    }
  };
  walk(blocks);
  return out;
}

/** The state of one file being written: its name, the ids already used in it, and the book's id index. */
export class FileWriter {
  private readonly used = new Set<string>();
  constructor(
    readonly file: string,
    private readonly index: IdIndex,
  ) {}

  /** The id to write, or undefined when it is not an XML name or this file already has it. */
  id(id: string | undefined): string | undefined {
    if (!validId(id) || this.used.has(id)) return undefined;
    this.used.add(id);
    return id;
  }

  /** The href of a footnote link to `target`, or null when no file of the book has it. */
  footnoteHref(target: string): string | null {
    const file = validId(target) ? this.index.get(target) : undefined;
    if (!file) return null;
    return file === this.file ? `#${target}` : `${file}#${target}`;
  }

  blocks(blocks: readonly Block[]): Element[] {
    return blocks.flatMap((b) => this.block(b));
  }

  private block(b: Block): Element[] {
    switch (b.kind) {
      case 'paragraph': {
        const role = b.role === 'text' ? undefined : b.role;
        return [el('p', { id: this.id(b.id), class: classes(role, alignClass(b.align)) }, this.spans(b.spans))];
      }
      case 'heading':
        return [el(`h${clampLevel(b.level)}`, { id: this.id(b.id), class: alignClass(b.align) }, this.spans(b.spans))];
      case 'preformatted':
        return [el('pre', {}, this.spans(b.spans))];
      case 'scene-break':
        return [el('hr', { class: 'scene-break' })];
      case 'quote':
        return [el('blockquote', {}, this.blocks(b.blocks))];
      case 'notes':
        return [this.note(b)];
      case 'list': {
        const start = b.ordered && Number.isSafeInteger(b.start) ? b.start : undefined;
        return [
          el(
            b.ordered ? 'ol' : 'ul',
            { start },
            b.items.map((item) => this.cell('li', item)),
          ),
        ];
      }
      case 'table': {
        const rows = b.rows.map((row) =>
          el(
            'tr',
            {},
            row.map((c) => this.tableCell(c)),
          ),
        );
        const caption = b.caption ? [el('caption', {}, this.spans(b.caption))] : [];
        return [el('table', {}, [...caption, el('tbody', {}, rows)])];
      }
      case 'media': {
        const href = webHref(b.href, 'https:');
        const link = href ? [' ', el('a', { href }, [href])] : [];
        return [el('p', { class: classes('media', alignClass(b.align)) }, [b.label, ...link])];
      }
    }
  }

  private tableCell(c: TableCell): Element {
    return this.cell(c.header ? 'th' : 'td', c.blocks, { colspan: span(c.colspan), rowspan: span(c.rowspan) });
  }

  /** A list item or table cell; one holding a single paragraph is drawn as that paragraph, as in the views. */
  private cell(name: string, blocks: readonly Block[], attrs: Element['attrs'] = {}): Element {
    const only = blocks.length === 1 ? blocks[0] : undefined;
    if (only?.kind === 'paragraph')
      return el(name, { ...attrs, id: this.id(only.id), class: alignClass(only.align) }, this.spans(only.spans));
    return el(name, attrs, this.blocks(blocks));
  }

  spans(spans: readonly Span[], inLink = false): Node[] {
    return spans.flatMap((s) => this.span(s, inLink));
  }

  private span(s: Span, inLink: boolean): Node[] {
    switch (s.kind) {
      case 'text':
        return [s.text];
      case 'line-break':
        return [el('br')];
      case 'image':
        return s.alt ? [s.alt] : [];
      case 'link': {
        const href = inLink ? null : webHref(s.href, 'http:', 'https:');
        if (!href) return this.spans(s.spans, inLink);
        return [el('a', { href, id: this.id(s.id) }, this.spans(s.spans, true))];
      }
      case 'footnote-ref': {
        const href = inLink ? null : this.footnoteHref(s.target);
        if (!href) return this.spans(s.spans, inLink);
        return [el('a', { href, id: this.id(s.id) }, this.spans(s.spans, true))];
      }
      default:
        return [el(SPAN_TAG[s.kind], {}, this.spans(s.spans, inLink))];
    }
  }

  /** Notes as the reader shows them: under a heading, each with its kind above it. */
  notes(heading: string, notes: readonly BookNote[]): Element[] {
    if (notes.length === 0) return [];
    return [el('section', { class: 'notes' }, [el('h2', { class: 'notes-heading' }, [heading]), ...notes.map((n) => this.note(n))])];
  }

  /** One note, its kind above it. */
  note(n: Pick<BookNote, 'label' | 'blocks'>): Element {
    return el('div', { class: 'note' }, [el('p', { class: 'note-kind' }, [n.label]), ...this.blocks(n.blocks)]);
  }
}

function clampLevel(level: number): number {
  return Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 2;
}

function span(n: number | undefined): number | undefined {
  return Number.isInteger(n) && (n as number) > 1 && (n as number) <= 1000 ? n : undefined;
}

const ALIGNS: readonly Align[] = ['left', 'center', 'right', 'justify'];
function alignClass(align: Align | undefined): string | undefined {
  return align && ALIGNS.includes(align) ? `align-${align}` : undefined;
}

function classes(...names: (string | undefined)[]): string | undefined {
  const list = names.filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

/** An absolute URL of one of these schemes as the URL parser writes it, or null. */
export function webHref(href: string | undefined, ...schemes: string[]): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** A whole XHTML content document of the book. */
export function xhtmlDocument(title: string, language: string, body: Node[], bodyAttrs: Element['attrs'] = {}): string {
  const html = el(
    'html',
    { xmlns: 'http://www.w3.org/1999/xhtml', 'xmlns:epub': 'http://www.idpf.org/2007/ops', lang: language, 'xml:lang': language },
    [
      el('head', {}, [
        el('meta', { charset: 'utf-8' }),
        el('title', {}, [title]),
        el('link', { rel: 'stylesheet', type: 'text/css', href: 'style.css' }),
      ]),
      el('body', bodyAttrs, body),
    ],
  );
  return xmlDocument(html, '<!DOCTYPE html>\n');
}
