/**
 * A chapter's own title, as the view composes its heading ("Chapter 2: {title}", or "Chapter 2" without
 * one). Sites hand out titles that already say the number: FFN's menu reads "2. Chapter 2" when the author
 * gave none, AO3's heading "Chapter 2: Chapter 2" when the author typed the number as the title. Such a
 * title repeats the heading, so it is no title; "Chapter 2: The Storm" keeps "The Storm". Only the
 * chapter's own number is taken off: "Chapter 1" as the title of chapter 2 says something and stays.
 */

const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

/** "Chapter 2", "Ch. 2", "Chap 2", "Chapter Two", or a bare "2", then an optional separator and the rest. */
const NUMBERED = /^(?:(?:chapter|chap\.?|ch\.?)\s*([0-9]{1,6}|[a-z]{3,9})|([0-9]{1,6}))(?![0-9a-z])\s*(?:[:.\-–—|]\s*)?(.*)$/is;

export function ownChapterTitle(title: string | undefined, number: number): string | undefined {
  const t = title?.replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  const m = NUMBERED.exec(t);
  if (!m) return t;
  const said = m[1] ?? m[2] ?? '';
  const n = /^[0-9]+$/.test(said) ? Number(said) : WORDS.indexOf(said.toLowerCase());
  if (n !== number) return t;
  // A bare number only counts when nothing follows it ("2" yes, "2 Broke Girls" no).
  if (m[2] !== undefined && m[3]) return t;
  return m[3]?.trim() || undefined;
}
