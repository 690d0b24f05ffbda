import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords } from '../../../lib/story/counts';
import { isAuthorsNoteStart, noteKind } from '../../../lib/story/notes';

/** The definition, written the obvious way: whitespace-separated tokens holding a letter or digit. */
const reference = (text: string) => text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   ', 0],
    ['one two  three', 3],
    ['— . . . xXx', 1],
    ["don't stop—now", 2],
    ['Mami\u00a0Tomoe\u3000巴マミ', 3],
    ['2011 is\ta year\n', 4],
    ['𝒜 𝟙 😀', 2],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
    expect(reference(text)).toBe(words);
  });

  it('agrees with the definition on any text', () => {
    // Spaces of several kinds (and the byte-order mark), then letters, digits, marks, an emoji and lone surrogates.
    const spaces = [' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff'];
    const chars = fc.constantFrom(...spaces, 'a', 'Z', '7', 'é', 'ß', '巴', '—', '.', "'", '😀', '𝟙', '\ud800', '\udc00');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.array(chars).map((a) => a.join('')),
        ),
        (text) => {
          expect(countWords(text)).toBe(reference(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('isAuthorsNoteStart', () => {
  it('is noteKind(text) === "authors-note", for any opening', () => {
    // Openings that mark a note of some kind, then three that do not.
    const marked = ['A/N:', 'AN -', "Author's note:", 'Notes:', 'Warning:', 'Disclaimer:', 'Summary:', '(c) 2011', 'Copyright'];
    const openings = fc.constantFrom(...marked, 'I do not own', '', 'She said');
    fc.assert(
      fc.property(openings, fc.string(), (open, rest) => {
        const text = `${open} ${rest}`;
        expect(isAuthorsNoteStart(text)).toBe(noteKind(text) === 'authors-note');
      }),
      { numRuns: 1000 },
    );
  });
});
