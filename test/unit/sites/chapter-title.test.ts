import { describe, expect, it } from 'vitest';
import { ownChapterTitle } from '../../../lib/sites/chapter-title';

describe('ownChapterTitle', () => {
  it.each([
    // [site's title, chapter number, what the heading should add to "Chapter N"]
    ['Chapter 1', 1, undefined],
    ['chapter 12', 12, undefined],
    ['Chapter 01', 1, undefined],
    ['Ch. 3', 3, undefined],
    ['Chapter Two', 2, undefined],
    ['2', 2, undefined],
    ['Chapter 1: Chapter 1', 1, 'Chapter 1'],
    ['Chapter 1: The Storm', 1, 'The Storm'],
    ['Chapter 4 - Homecoming', 4, 'Homecoming'],
    ['The Storm', 1, 'The Storm'],
    ['Chapter 1', 2, 'Chapter 1'],
    ['Chapters of a Life', 1, 'Chapters of a Life'],
    ['Chapterhouse', 1, 'Chapterhouse'],
    ['2 Broke Girls', 2, '2 Broke Girls'],
    ['1984', 1, '1984'],
    ['  ', 1, undefined],
  ] as const)('%j of chapter %i -> %j', (title, n, want) => {
    expect(ownChapterTitle(title, n)).toBe(want);
  });

  it('gives nothing for no title', () => {
    expect(ownChapterTitle(undefined, 1)).toBeUndefined();
  });
});
