/**
 * The one document model of every story Ficwell shows: the bundled stories (lib/story, at build time) and the
 * chapters of web pages (lib/sites, from the sanitizer's output). Plain data: it survives `structuredClone`,
 * JSON, IndexedDB and messaging, and it is drawn by one Preact renderer (components/Blocks.tsx). No HTML is in
 * it, so none is parsed again in a view.
 *
 * URLs in it (`link.href`, `image.src`, `media.href`) are only ever copied from attributes the sanitizer kept
 * (lib/sanitize.ts: http(s) or an in-page `#user-content-` fragment for links, https for images); ids are the
 * sanitizer's `user-content-` ones.
 *
 * **Paragraph numbering.** Every anchorable block carries `p`, its index within its part (a section's chunk run
 * for a bundled story, a chapter for a web page): `p` runs 0, 1, 2... in reading order, each number once, and
 * the part's `paragraphs[p]` (web) or the outline's paragraph `p` (bundled) is that block's text. Anchorable
 * are a web page's paragraph-like leaves (what held no other block: paragraphs, headings inside the text, list
 * items, table cells, preformatted text, media stand-ins) and a bundled story's paragraphs. `p` is null for
 * what cannot be anchored: notes, a bundled story's section headings, and text a page left loose beside
 * blocks (`<p>text<ul>..</ul></p>`), which is shown but not counted.
 */

/** Inline styles, each drawn by its own element. */
export type SpanStyle = 'emphasis' | 'strong' | 'underline' | 'strike' | 'superscript' | 'subscript' | 'code' | 'small';

/** The HTML element each span style is written as, by the view's renderer and by the EPUB writer alike. */
export const SPAN_TAG = {
  emphasis: 'em',
  strong: 'strong',
  underline: 'u',
  strike: 's',
  superscript: 'sup',
  subscript: 'sub',
  code: 'code',
  small: 'small',
} as const satisfies Record<SpanStyle, string>;

export type Span =
  | { kind: 'text'; text: string }
  | { kind: SpanStyle; spans: Span[] }
  /** `href`: http(s) (a link to a fragment is a `footnote-ref`). */
  | { kind: 'link'; href: string; spans: Span[]; id?: string }
  /** A link within the page (`#user-content-fn1`): AO3 footnotes and their back links. */
  | { kind: 'footnote-ref'; target: string; spans: Span[]; id?: string }
  | { kind: 'line-break' }
  /**
   * An image inside the text (the sanitizer keeps images only where they are: an image on a line of its own
   * is a paragraph holding one image span). `src` is https.
   */
  | { kind: 'image'; src: string; alt: string; width?: number; height?: number };

export type Align = 'left' | 'center' | 'right' | 'justify';

export type ParagraphRole =
  | 'text'
  /** A paragraph of only symbols or punctuation (`* * *`, `~~~`, `xXx`): a scene break written as text. */
  | 'scene-break'
  /** A paragraph that announces itself as the author's ("A/N", "Author's note:"), inside the story text. */
  | 'author-note';

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** A table cell: its blocks (a cell of plain text is one paragraph, anchorable like any). */
export interface TableCell {
  header: boolean;
  blocks: Block[];
  colspan?: number;
  rowspan?: number;
}

export type Block =
  | { kind: 'paragraph'; p: number | null; role: ParagraphRole; spans: Span[]; align?: Align; id?: string }
  | { kind: 'heading'; p: number | null; level: HeadingLevel; spans: Span[]; align?: Align; id?: string }
  /** Text whose spaces and line ends are kept (`<pre>`). */
  | { kind: 'preformatted'; p: number | null; spans: Span[] }
  /** A rule (`<hr>`), or the blank lines between a bundled story's scenes. */
  | { kind: 'scene-break' }
  | { kind: 'list'; ordered: boolean; start?: number; items: Block[][] }
  | { kind: 'table'; caption?: Span[]; rows: TableCell[][] }
  | { kind: 'quote'; blocks: Block[] }
  /**
   * Author's notes set in the text under their label (a saved chapter's notes, which are kept with its text),
   * drawn as the reader draws any notes. Made by Ficwell only: a page's message never carries one.
   */
  | { kind: 'notes'; label: string; blocks: Block[] }
  /**
   * Where an embedded player was (lib/sanitize.ts `mediaStandIn`): its label, and a link to its source when
   * that was https.
   */
  | { kind: 'media'; p: number | null; label: string; href?: string; align?: Align };

/** Text that stands apart from the story (notes, summaries) as blocks, with its plain text. */
export interface RichBlocks {
  blocks: Block[];
  /** Paragraphs separated by blank lines, whitespace collapsed. */
  text: string;
}
