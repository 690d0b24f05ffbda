import type { NoteKind } from './model';

const AUTHORS_NOTE = /^\W*(?:a\/n|an|author'?s'?\s*notes?|authors?\s*notes?|from the author|notes?)\s*[:\-–—]/i;

/** Patterns that mark the text around a story. Each names what the note is, not where it stands. */
const KIND_PATTERNS: [NoteKind, RegExp][] = [
  ['warning', /^\W*(?:warning|spoilers?|content warning|trigger warning|tw|cw)\b/i],
  ['disclaimer', /^\W*disclaimer\b|\b(?:i|we)\s+(?:do\s+not|don'?t|don’t)\s+own\b|\bown\s+nothing\b/i],
  ['copyright', /\(c\)|©|\bcopyright\b/i],
  ['summary', /^\W*summary\s*[:\-–—]/i],
  ['authors-note', AUTHORS_NOTE],
];

/** What kind of note a paragraph is, judged from its own wording; null when it reads as story. */
export function noteKind(text: string): NoteKind | null {
  for (const [kind, pattern] of KIND_PATTERNS) if (pattern.test(text)) return kind;
  return null;
}

/** An author's note announced as such ("AN:", "A/N", "Author's note:"). */
export function isAuthorsNoteStart(text: string): boolean {
  // Its own anchored pattern first: most paragraphs fail it at once, and only a match needs the others.
  return AUTHORS_NOTE.test(text) && noteKind(text) === 'authors-note';
}

/*
 * Words an author uses when talking to readers about the story, not in it. A closing scene made mostly of
 * such paragraphs (002 ends with six of them after its last section) is the author's note.
 */
const META =
  /\b(?:reviews?|this (?:story|fic|fanfic|oneshot|one-shot|chapter|drabble)|my (?:first|story|fic)|headcanon|readers?|kudos|thanks? (?:you )?for reading|you probably|the (?:whole )?series|episodes?|anime|ship them|fanfic)\b/i;

export function isMetaCommentary(paragraphs: readonly string[]): boolean {
  const hits = paragraphs.filter((p) => META.test(p)).length;
  return hits >= 2 && hits * 2 >= paragraphs.length;
}

/**
 * A note's text without the label it opens with, when that label is the one the reader shows above it
 * ("Warning" over "WARNING: spoilers ahead" shows "spoilers ahead"); otherwise the text as it is.
 */
export function withoutLabel(text: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^\\W*${escaped}s?\\W*?[:\\-–—]\\s*`, 'i').exec(text);
  const rest = m ? text.slice(m[0].length) : text;
  return rest.trim() ? rest : text;
}
