/**
 * Words per minute used for reading-time estimates. Brysbaert's 2019 meta-analysis of silent reading puts
 * adult readers of English fiction at about 260 wpm and of all prose at about 240; 250 sits between them.
 */
export const WORDS_PER_MINUTE = 250;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** The characters `\s` matches, which separate tokens. */
const SPACE = /\s/;

function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 128 && SPACE.test(String.fromCharCode(c));
}

/**
 * A word is a whitespace-separated token holding at least one letter or digit ("—" and ". . ." are not).
 * One pass over the characters: this runs on every paragraph of every page restyled.
 */
export function countWords(text: string): number {
  let n = 0;
  let counted = false; // the current token already holds a letter or digit
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      counted = false;
      continue;
    }
    if (counted) continue;
    let word: boolean;
    if (c < 128) word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    else {
      const cp = text.codePointAt(i) ?? c;
      word = LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
    }
    if (word) {
      n++;
      counted = true;
    }
  }
  return n;
}

/** Whole minutes, at least one for any non-empty text. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
