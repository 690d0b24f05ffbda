import { describe, expect, it } from 'vitest';
import type { StoryPage } from '../../lib/sites/types';
import { parseMessage } from '../../lib/message-requests';
import { RECORD_LIMITS } from '../../lib/records';
import { anchorOnPage, webPercent, webProgressRecord, webStoryRecord } from '../../lib/web-progress';
import { fixtureStory } from '../support/fixtures';

const page = fixtureStory;

describe('progress on fiction pages', () => {
  const ffn = page('ffn/middle-chapter'); // chapter 2 of 3
  it('counts whole chapters before this one plus the words read in it', () => {
    expect(webPercent(ffn, { part: 0, p: 0, offset: 0 })).toBeCloseTo(100 / 3, 5);
    const last = ffn.parts[0]!.paragraphs.length - 1;
    expect(webPercent(ffn, { part: 0, p: last, offset: 1 })).toBeCloseTo(200 / 3, 5);
  });
  it('a page that names no chapter count counts at least up to the chapters it shows', () => {
    const rr = page('royalroad/chapter'); // chapter 2, and no list of chapters on the page
    expect(rr.chapterCount ?? rr.chaptersPosted ?? rr.chapters.length).toBe(0);
    expect(webPercent(rr, { part: 0, p: 0, offset: 0 })).toBe(50);
    expect(webPercent(rr, { part: 0, p: rr.parts[0]!.paragraphs.length - 1, offset: 1 })).toBe(100);
    const forum = page('spacebattles/chapter'); // chapters 11 to 13 on one reader page
    expect(webPercent(forum, { part: 0, p: 0, offset: 0 })).toBeCloseTo((10 / 13) * 100, 5);
  });
  it('records the chapter being read and anchors the position to it', () => {
    const story = webStoryRecord(ffn, { part: 0, p: 3, offset: 0.2 }, 10);
    expect(story).toMatchObject({
      key: 'web:ffn:1234567',
      title: 'The Lantern Road',
      chapterCount: 3,
      chapter: { number: 2, title: 'Crossroads' },
    });
    const rec = webProgressRecord(ffn, { part: 0, p: 3, offset: 0.2 }, false, 10);
    expect(rec.position).toEqual({ part: 1, paragraph: 3, offset: 0.2 });
    expect(rec.finishedAt).toBeNull();
    expect(anchorOnPage(ffn, rec)).toEqual({ part: 0, p: 3, offset: 0.2 });
  });
  it('a position in another chapter does not land on this page', () => {
    const rec = webProgressRecord(ffn, { part: 0, p: 3, offset: 0 }, false, 10);
    expect(anchorOnPage(ffn, { ...rec, position: { ...rec.position, part: 0 } })).toBeNull();
  });
  it("in the full-work view, a chapter's position lands in its part", () => {
    const full = page('ao3/full-work');
    const rec = webProgressRecord(full, { part: 2, p: 1, offset: 0 }, false, 10);
    expect(rec.position.part).toBe(full.parts[2]!.number - 1);
    expect(anchorOnPage(full, rec)).toEqual({ part: 2, p: 1, offset: 0 });
  });
  it('a story with more names than a record holds is recorded trimmed, in a shape the background takes', () => {
    const big: StoryPage = {
      ...ffn,
      title: 'T'.repeat(3000),
      fandoms: ['x'.repeat(600), ...Array.from({ length: 119 }, (_, i) => `Fandom ${i}`)],
      authors: Array.from({ length: 101 }, (_, i) => ({ name: `Author ${i}` })),
    };
    const now = Date.UTC(2026, 11, 1);
    const story = webStoryRecord(big, { part: 0, p: 0, offset: 0 }, now);
    expect(story.fandoms).toHaveLength(RECORD_LIMITS.names);
    expect(story.fandoms[0]).toHaveLength(RECORD_LIMITS.name);
    expect(story.authors).toHaveLength(RECORD_LIMITS.names);
    expect(story.title).toHaveLength(RECORD_LIMITS.title);
    const progress = webProgressRecord(big, { part: 0, p: 0, offset: 0 }, false, now);
    expect(parseMessage({ type: 'web-progress', story, progress }, now)).toEqual({ type: 'web-progress', story, progress });
  });
});
