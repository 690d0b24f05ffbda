import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStory } from '../../../lib/story/parse';

/** Text shaped like the seeds (words, punctuation, slashes, blank lines, headings) and arbitrary strings. */
const seedLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\n',
        '\n\n',
        '\n\n\n',
        'I',
        'II',
        'Chapter 1',
        'AN: thanks',
        '* * *',
        '/telepathy/',
        'and/or',
        '—',
        'DISCLAIMER: mine',
        '\uFEFF',
        '\r\n',
        '\u0000',
      ),
      fc.string({ maxLength: 40 }),
      fc.lorem({ maxCount: 12 }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(' '));

describe('parseStory properties', () => {
  it('any text gives a Story or a typed error, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(seedLike, fc.string({ unit: 'binary', maxLength: 500 })), (text) => {
        const r = parseStory(text);
        return r.ok
          ? typeof r.story.words === 'number'
          : ['empty', 'not-text', 'too-large'].includes(r.error.code) && r.error.message.length > 0;
      }),
      { numRuns: 500 },
    );
  });

  it('word and paragraph counts add up across sections and scenes', () => {
    fc.assert(
      fc.property(seedLike, (text) => {
        const r = parseStory(text);
        if (!r.ok) return true;
        const { story } = r;
        const sectionWords = story.sections.reduce((n, s) => n + s.words, 0);
        const paragraphWords = story.sections.flatMap((s) => s.scenes.flatMap((sc) => sc.paragraphs)).reduce((n, p) => n + p.words, 0);
        const paragraphs = story.sections.flatMap((s) => s.scenes.flatMap((sc) => sc.paragraphs)).length;
        const scenes = story.sections.reduce((n, s) => n + s.scenes.length, 0);
        expect(sectionWords).toBe(story.words);
        expect(paragraphWords).toBe(story.words);
        expect(paragraphs).toBe(story.paragraphs);
        expect(scenes).toBe(story.scenes);
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
