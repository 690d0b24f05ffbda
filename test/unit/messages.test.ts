import { describe, expect, it } from 'vitest';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import { isRequest } from '../../lib/messages';

const story: WebStoryRecord = {
  key: 'web:ao3:4242424', site: 'ao3', storyId: '4242424', storyUrl: 'https://archiveofourown.org/works/4242424',
  title: 'T', authors: ['a'], fandoms: ['f'], chapterCount: 5, words: 1000,
  chapter: { number: 2, title: 'Two', url: 'https://archiveofourown.org/works/4242424/chapters/10000002' }, updatedAt: 1,
};
const progress: ProgressRecord = { key: story.key, position: { section: 1, paragraph: 3, n: 3, offset: 0.5 }, percent: 30, updatedAt: 1, finishedAt: null };

describe('messages from content scripts are checked before use', () => {
  it('accepts a well-formed progress report and position query', () => {
    expect(isRequest({ type: 'web-progress', story, progress })).toBe(true);
    expect(isRequest({ type: 'web-position', key: 'web:ffn:123' })).toBe(true);
  });
  it.each([
    ['an unknown type', { type: 'drop-database' }],
    ['a key for another story', { type: 'web-progress', story, progress: { ...progress, key: 'web:ao3:1' } }],
    ['a seed key from a page', { type: 'web-position', key: 'seed:never-alone' }],
    ['a javascript: chapter URL', { type: 'web-progress', story: { ...story, chapter: { ...story.chapter, url: 'javascript:alert(1)' } }, progress }],
    ['a negative paragraph', { type: 'web-progress', story, progress: { ...progress, position: { ...progress.position, n: -1 } } }],
    ['a key that does not match its site and id', { type: 'web-progress', story: { ...story, storyId: '9' }, progress }],
    ['a huge title', { type: 'web-progress', story: { ...story, title: 'x'.repeat(5000) }, progress }],
    ['not an object', 'web-progress'],
    ['null', null],
  ])('rejects %s', (_, message) => {
    expect(isRequest(message)).toBe(false);
  });
});
