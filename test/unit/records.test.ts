import { describe, expect, it } from 'vitest';
import { clampTime, CLOCK_SKEW_MS, normalizeProgressRecord, normalizeWebStoryRecord, RECORD_LIMITS } from '../../lib/records';
import { ao3Work, paragraphAt, progressRecord } from '../support/records';

const NOW = Date.UTC(2026, 11, 1);
const DAY = 24 * 60 * 60 * 1000;
const progress = progressRecord('seed:never-alone', NOW - DAY, {
  position: paragraphAt(3, { part: 1, offset: 0.5 }),
  percent: 30,
});
const story = ao3Work(NOW - DAY);

describe('times', () => {
  it.each([
    ['30 days ahead', NOW + 30 * DAY, NOW],
    ['1e300', 1e300, NOW],
    ['within the clock skew', NOW + CLOCK_SKEW_MS, NOW + CLOCK_SKEW_MS],
    ['a day ago', NOW - DAY, NOW - DAY],
  ])('%s is taken as %s', (_, t, want) => {
    expect(clampTime(t, NOW)).toBe(want);
  });
  it.each([
    ['before 2000', Date.UTC(1999, 0, 1)],
    ['NaN', Number.NaN],
    ['a string', '2026-01-01'],
    ['-Infinity', -Infinity],
  ])('%s is no date', (_, t) => {
    expect(clampTime(t, NOW)).toBeNull();
  });
});

it.each([
  ['progress record', progress, normalizeProgressRecord],
  ['web story record', story, normalizeWebStoryRecord],
] as const)('a good %s is kept as it is', (_, record, normalize) => {
  expect(normalize(record, NOW)).toEqual(record);
});

describe('progress records', () => {
  it('keeps only the format fields, with numbers in their ranges and future dates taken as now', () => {
    const junk = {
      ...progress,
      junk: 'x'.repeat(1000),
      position: { ...progress.position, extra: 1 },
      percent: 1e308,
      updatedAt: 1e300,
      finishedAt: 8.64e15,
    };
    expect(normalizeProgressRecord(junk, NOW)).toEqual({ ...progress, percent: 100, updatedAt: NOW, finishedAt: NOW });
    expect(normalizeProgressRecord({ ...progress, percent: -5, position: { ...progress.position, offset: 7 } }, NOW)).toMatchObject({
      percent: 0,
      position: { offset: 1 },
    });
  });
  it('reads a position of releases 1-3 when asked (backup files of version 1), converted', () => {
    const old = { ...progress, position: { section: 1, paragraph: 3, n: 40, offset: 0.5 } };
    expect(normalizeProgressRecord(old, NOW, { legacy: true })).toEqual(progress);
    expect(
      normalizeProgressRecord({ ...old, position: { ...old.position, section: RECORD_LIMITS.sections + 1 } }, NOW, { legacy: true }),
    ).toBeNull();
  });
  it('a finishing date that is no date is dropped, the position kept', () => {
    expect(normalizeProgressRecord({ ...progress, finishedAt: 'yesterday' }, NOW)).toEqual(progress);
  });
  it.each([
    ['a negative paragraph', { ...progress, position: { ...progress.position, paragraph: -1 } }],
    ['a fractional part', { ...progress, position: { ...progress.position, part: 1.5 } }],
    ['a paragraph past any story', { ...progress, position: { ...progress.position, paragraph: RECORD_LIMITS.paragraphs + 1 } }],
    ['a part past any story', { ...progress, position: { ...progress.position, part: RECORD_LIMITS.sections + 1 } }],
    [
      'a position in the shape of releases 1-3, outside a backup file',
      { ...progress, position: { section: 1, paragraph: 3, n: 40, offset: 0.5 } },
    ],
    ['no date', { ...progress, updatedAt: null }],
    ['an unknown kind of key', { ...progress, key: 'evil:1' }],
    ['a percent that is no number', { ...progress, percent: 'lots' }],
  ])('refuses %s', (_, x) => {
    expect(normalizeProgressRecord(x, NOW)).toBeNull();
  });
});

describe('web story records', () => {
  it('trims what exceeds the limits instead of refusing the story', () => {
    const big = {
      ...story,
      fandoms: Array.from({ length: 120 }, (_, i) => `F${i}`),
      authors: Array.from({ length: 101 }, (_, i) => `A${i}`),
      title: 't'.repeat(5000),
      junk: { deep: true },
    };
    const got = normalizeWebStoryRecord({ ...big, fandoms: ['x'.repeat(600), ...big.fandoms] }, NOW);
    expect(got?.fandoms).toHaveLength(RECORD_LIMITS.names);
    expect(got?.fandoms[0]).toHaveLength(RECORD_LIMITS.name);
    expect(got?.authors).toHaveLength(RECORD_LIMITS.names);
    expect(got?.title).toHaveLength(RECORD_LIMITS.title);
    expect(got && 'junk' in got).toBe(false);
  });
  it('takes story ids of up to 15 digits (13-digit FFN ids too)', () => {
    const id = '1234567890123';
    expect(normalizeWebStoryRecord({ ...story, key: `web:ffn:${id}`, site: 'ffn', storyId: id }, NOW)?.storyId).toBe(id);
    const long = '1234567890123456';
    expect(normalizeWebStoryRecord({ ...story, key: `web:ffn:${long}`, site: 'ffn', storyId: long }, NOW)).toBeNull();
  });
  it.each([
    ['a javascript: chapter URL', { ...story, chapter: { ...story.chapter, url: 'javascript:alert(1)' } }],
    ['a key that does not match its site and id', { ...story, storyId: '9' }],
    ['chapter 0', { ...story, chapter: { ...story.chapter, number: 0 } }],
    ['authors that are not names', { ...story, authors: [1, 2] }],
  ])('refuses %s', (_, x) => {
    expect(normalizeWebStoryRecord(x, NOW)).toBeNull();
  });
  it('an impossible chapter count or word count is unknown, not stored', () => {
    expect(normalizeWebStoryRecord({ ...story, chapterCount: 1e308, words: -3 }, NOW)).toMatchObject({ chapterCount: null, words: null });
  });
});
