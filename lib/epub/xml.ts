/**
 * The one way text reaches an EPUB's XML: a tiny writer that escapes every text node and attribute value, so
 * no string from a page or a seed is ever written as markup.
 */

/**
 * Characters XML 1.0 does not allow (C0 controls but tab, line feed and carriage return; lone surrogates;
 * U+FFFE and U+FFFF), and the ones it discourages (DEL and the C1 controls). They are dropped: no parser
 * would read the file otherwise, and none of them is text a reader sees.
 */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters XML cannot carry. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Text for an element's content: `&`, `<` and `>` escaped (`>` too, so `]]>` never appears). */
export function escapeText(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text for a double-quoted attribute value; tabs and line ends kept as references so they survive parsing. */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** A node of the writer: an element, or text (escaped when written). */
export type Node = string | Element;

export interface Element {
  name: string;
  attrs: Record<string, string | number | undefined>;
  children: Node[];
}

/** An element; attributes whose value is undefined are left out. Names are the writer's own, never data. */
export function el(name: string, attrs: Element['attrs'] = {}, children: Node[] = []): Element {
  return { name, attrs, children };
}

/** A node written as XML: every string is escaped; an element without children is self-closed. */
export function serialize(node: Node): string {
  if (typeof node === 'string') return escapeText(node);
  const attrs = Object.entries(node.attrs)
    .filter((a): a is [string, string | number] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${node.children.map(serialize).join('')}</${node.name}>`;
}

/** A whole XML document: the declaration, then the root element. */
export function xmlDocument(root: Element, doctype = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}${serialize(root)}\n`;
}
