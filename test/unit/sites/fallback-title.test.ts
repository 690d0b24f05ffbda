import { describe, expect, it } from 'vitest';
import { titleWithoutSite } from '../../../lib/sites/fallback';

describe("titleWithoutSite (the Readability fallback's title)", () => {
  it.each([
    ['ffn', 'Paper Boats Chapter 2: Low Tide, a naruto fanfic | FanFiction', 'Paper Boats'],
    ['ffn', 'Paper Boats Chapter 2: Low Tide, a naruto fanfic', 'Paper Boats'],
    ['ffn', 'Paper Boats, a naruto fanfic | FanFiction', 'Paper Boats'],
    ['ffn', 'Me, a Ghost Chapter 3, a harry potter fanfic | FanFiction', 'Me, a Ghost'],
    ['ffn', 'Two Lanterns, a Harry Potter + Naruto Crossover fanfic | FanFiction', 'Two Lanterns'],
    ['ffn', 'Mother of Learning Chapter 1, a fantasy fiction | FictionPress', 'Mother of Learning'],
    // Not the site's form: left as it is.
    ['ffn', 'Chapter 2 of Something', 'Chapter 2 of Something'],
    ['ffn', 'Paper Boats', 'Paper Boats'],
    ['ao3', 'Hostile Fallback - Chapter 2 - paperlantern - Original Work [Archive of Our Own]', 'Hostile Fallback'],
    ['ao3', 'Hostile Fallback - paperlantern - Original Work [Archive of Our Own]', 'Hostile Fallback - paperlantern - Original Work'],
    ['ao3', 'Spring - Summer - Chapter 10 - a - b [Archive of Our Own]', 'Spring - Summer'],
  ] as const)('%s %j -> %j', (site, title, want) => {
    expect(titleWithoutSite(site, title)).toBe(want);
  });
});
