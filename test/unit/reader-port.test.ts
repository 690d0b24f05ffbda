import { describe, expect, it } from 'vitest';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import { parsePortReport } from '../../platform/reader-port';

const NOW = Date.UTC(2026, 11, 1);
const story: WebStoryRecord = {
  key: 'web:ffn:42',
  site: 'ffn',
  storyId: '42',
  storyUrl: 'https://www.fanfiction.net/s/42/1/',
  title: 'T',
  authors: ['A'],
  fandoms: ['F'],
  chapterCount: 3,
  words: 100,
  chapter: { number: 2, title: null, url: 'https://www.fanfiction.net/s/42/2/' },
  updatedAt: NOW - 10,
};
const rec = (key: string, updatedAt = NOW - 10): ProgressRecord => ({
  key,
  position: { part: 0, paragraph: 2, offset: 0 },
  percent: 4,
  updatedAt,
  finishedAt: null,
});

describe('reports over the reader port', () => {
  it('reads each kind of report', () => {
    expect(parsePortReport({ kind: 'seed', progress: rec('seed:never-alone') }, NOW)).toEqual({
      kind: 'seed',
      progress: rec('seed:never-alone'),
    });
    expect(parsePortReport({ kind: 'web', story, progress: rec(story.key) }, NOW)).toEqual({
      kind: 'web',
      story,
      progress: rec(story.key),
    });
  });
  it('a time in the future (1e300) is taken as now', () => {
    expect(parsePortReport({ kind: 'seed', progress: rec('seed:never-alone', 1e300) }, NOW)?.progress.updatedAt).toBe(NOW);
  });
  it.each([
    ['a web report without its story', { kind: 'web', progress: rec(story.key) }],
    ['a seed report with a web key', { kind: 'seed', progress: rec(story.key) }],
    ['a story for another position', { kind: 'web', story, progress: rec('web:ffn:43') }],
    ['no kind', { story, progress: rec(story.key) }],
    ['no object', 'seed'],
  ])('refuses %s', (_, x) => {
    expect(parsePortReport(x, NOW)).toBeNull();
  });
});
