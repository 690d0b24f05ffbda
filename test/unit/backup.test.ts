import { describe, expect, it } from 'vitest';
import { buildBackup, parseBackup, positionsToImport } from '../../lib/backup';
import type { ProgressRecord } from '../../lib/db/schema';
import { DEFAULT_SETTINGS } from '../../lib/settings';

const rec = (key: string, updatedAt: number, n = 1): ProgressRecord => ({
  key, position: { section: 0, paragraph: n, n, offset: 0 }, percent: n, updatedAt, finishedAt: null,
});
const story = {
  key: 'web:ffn:42', site: 'ffn' as const, storyId: '42', storyUrl: 'https://www.fanfiction.net/s/42/1/', title: 'T', authors: ['A'],
  fandoms: ['F'], chapterCount: 3, words: 100, chapter: { number: 2, title: null, url: 'https://www.fanfiction.net/s/42/2/' }, updatedAt: 3,
};

describe('backup', () => {
  const good = buildBackup([rec('seed:never-alone', 5), rec('web:ffn:42', 3)], [story], { ...DEFAULT_SETTINGS, theme: 'sepia' }, new Date(0));

  it('round-trips through JSON', () => {
    const parsed = parseBackup(JSON.stringify(good));
    expect(parsed).toEqual({ ok: true, backup: good });
  });

  it.each([
    ['not JSON', 'hello', { code: 'not-json' }],
    ['another JSON file', '{"name":"package"}', { code: 'not-backup' }],
    ['a future version', JSON.stringify({ ...good, version: 2 }), { code: 'version', version: '2' }],
    ['a damaged position', JSON.stringify({ ...good, progress: [{ key: 'seed:x', percent: 'lots' }] }), { code: 'bad-position', index: 1 }],
    ['a position for an unknown kind of story', JSON.stringify({ ...good, progress: [rec('evil:1', 1)] }), { code: 'bad-position', index: 1 }],
    ['a story with a javascript: URL', JSON.stringify({ ...good, webStories: [{ ...story, storyUrl: 'javascript:alert(1)' }] }), { code: 'bad-story', index: 1 }],
  ])('refuses %s, saying why', (_, text, error) => {
    expect(parseBackup(text)).toEqual({ ok: false, error });
  });

  it('imports only positions newer than the stored ones', () => {
    const stored = new Map([
      ['seed:a', rec('seed:a', 10, 7)],
      ['seed:b', rec('seed:b', 1, 2)],
    ]);
    const incoming = [rec('seed:a', 5, 1), rec('seed:b', 9, 5), rec('seed:c', 2, 3)];
    expect(positionsToImport(stored, incoming).map((r) => r.key)).toEqual(['seed:b', 'seed:c']);
  });
});
