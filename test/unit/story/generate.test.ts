import { describe, expect, it } from 'vitest';
import { generateStoryText } from '../../../lib/story/generate';
import { parseStory } from '../../../lib/story/parse';

describe("generated story text (the bench build's long story)", () => {
  it('parses as a seed of about the asked length, in "Chapter N" sections', () => {
    const r = parseStory(generateStoryText(20_000, 7));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.story.words).toBeGreaterThanOrEqual(20_000);
    expect(r.story.words).toBeLessThan(20_200);
    expect(r.story.sections.map((s) => s.heading)).toEqual(['Chapter 1', 'Chapter 2', 'Chapter 3', 'Chapter 4']);
  });

  it('is the same text for the same seed, another for another', () => {
    expect(generateStoryText(3000, 7)).toBe(generateStoryText(3000, 7));
    expect(generateStoryText(3000, 8)).not.toBe(generateStoryText(3000, 7));
  });
});
