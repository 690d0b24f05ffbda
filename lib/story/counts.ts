/**
 * Words per minute used for reading-time estimates. Brysbaert's 2019 meta-analysis of silent reading puts
 * adult readers of English fiction at about 260 wpm and of all prose at about 240; 250 sits between them.
 */
export const WORDS_PER_MINUTE = 250;

const WORD = /[\p{L}\p{N}]/u;

/** A word is a whitespace-separated token holding at least one letter or digit ("—" and ". . ." are not). */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/)) if (WORD.test(token)) n++;
  return n;
}

/** Whole minutes, at least one for any non-empty text. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
