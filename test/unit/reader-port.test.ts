import { describe, expect, it } from 'vitest';
import { parsePortReport } from '../../platform/reader-port';
import { ffnStory, paragraphAt, progressRecord } from '../support/records';

const NOW = Date.UTC(2026, 11, 1);
const story = ffnStory(NOW - 10);
const rec = (key: string, updatedAt = NOW - 10) => progressRecord(key, updatedAt, { position: paragraphAt(2), percent: 4 });

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
