import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexOutline, minutesLeft, paragraphOf, percentRead, positionAt, totalWords } from '../../lib/position';
import { outlineOf } from '../../lib/story/outline';
import { parseStory } from '../../lib/story/parse';

const story = (() => {
  const r = parseStory(readFileSync(new URL('../../seeds/002_9e575af7a356abc5.txt', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.story;
})();
const index = indexOutline(outlineOf(story));

describe('story index', () => {
  it('numbers every paragraph and sums the story words', () => {
    expect(index.address).toHaveLength(story.paragraphs);
    expect(totalWords(index)).toBe(story.words);
  });

  it('addresses restart at each section', () => {
    const firstOfII = index.address.findIndex((a) => a.part === 1);
    expect(index.address[firstOfII]).toEqual({ part: 1, paragraph: 0 });
    expect(index.address[firstOfII - 1]?.part).toBe(0);
  });

  it('paragraphOf inverts positionAt for every paragraph', () => {
    for (let n = 0; n < index.address.length; n++) expect(paragraphOf(index, positionAt(index, n))).toBe(n);
  });

  it('a position past its part lands on the last paragraph of that part; past the story, on its last', () => {
    const firstOfII = index.address.findIndex((a) => a.part === 1);
    expect(paragraphOf(index, { part: 0, paragraph: 1e6 })).toBe(firstOfII - 1);
    expect(paragraphOf(index, { part: 1e6, paragraph: 0 })).toBe(index.address.length - 1);
  });
});

describe('progress', () => {
  it('is 0 at the start and 100 at the end of the last paragraph', () => {
    expect(percentRead(index, { n: 0, offset: 0 })).toBe(0);
    expect(percentRead(index, { n: story.paragraphs - 1, offset: 1 })).toBe(100);
  });

  it('never decreases as the reader moves forward', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: story.paragraphs - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: story.paragraphs - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, o1, n2, o2) => {
          const [a, b] =
            n1 < n2 || (n1 === n2 && o1 <= o2)
              ? [
                  { n: n1, offset: o1 },
                  { n: n2, offset: o2 },
                ]
              : [
                  { n: n2, offset: o2 },
                  { n: n1, offset: o1 },
                ];
          return percentRead(index, a) <= percentRead(index, b);
        },
      ),
    );
  });

  it('minutes left shrink to 0 at the end', () => {
    expect(minutesLeft(2500, 0)).toBe(10);
    expect(minutesLeft(2500, 50)).toBe(5);
    expect(minutesLeft(2500, 99.9)).toBe(1);
    expect(minutesLeft(2500, 100)).toBe(0);
  });
});
