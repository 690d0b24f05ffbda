import type { Span } from './model';

/*
 * Telepathy in the seeds is written between slashes: `/Do you understand, Kaname Madoka?/`.
 * An opening slash must start the text or follow whitespace or an opening quote/bracket/dash, and be followed
 * by a non-space; the closing slash must follow a non-space and end the text or precede whitespace or
 * punctuation. So "and/or", "1/2/2012", "?_?" and "http://x/y" are left alone.
 */
const TELEPATHY = /(^|[\s"'“‘([—–-])\/(?=[^\s/])([^/\n]*?[^\s/])\/(?=$|[\s"'”’)\].,;:!?…—–-])/gu;
const LETTER = /\p{L}/u;

export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  let last = 0;
  for (const m of text.matchAll(TELEPATHY)) {
    const lead = m[1] ?? '';
    const inner = m[2] ?? '';
    const start = m.index + lead.length;
    if (!LETTER.test(inner) || /:\/\/|\bwww\./.test(text.slice(Math.max(0, start - 8), start + inner.length + 2))) {
      continue;
    }
    if (start > last) spans.push({ text: text.slice(last, start) });
    spans.push({ text: inner, em: true });
    last = start + inner.length + 2;
  }
  if (last < text.length) spans.push({ text: text.slice(last) });
  return spans.length ? spans : [{ text }];
}

export function spansText(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join('');
}
