import { describe, expect, it } from 'vitest';
import { BUCKETS, ITEM_LIMIT, SYNC_BUDGET, bucketOf, layout, readBucket } from '../../../lib/sync/buckets';
import { CLOCK_SKEW_MS } from '../../../lib/time';
import { SYNC_TITLE_CHARS, decodeEntry, encodeEntry, entryFrom, recordsOf, type SyncEntry } from '../../../lib/sync/entry';
import { FakeSyncArea, MAX_ITEMS, QUOTA_BYTES } from '../../support/fake-sync-area';
import { paragraphAt, progressRecord, webChapter, webStory } from '../../support/records';

const NOW = Date.UTC(2026, 11, 1, 12);

const seed = (key = 'seed:just-you-and-i', t = NOW - 1000) =>
  progressRecord(key, t, { position: paragraphAt(7, { part: 2, offset: 0.25 }), percent: 41.3 });

const ao3Story = (id: string, title = 'A Long Title That Goes On And On Past The Limit') =>
  webStory(id, NOW - 500, {
    title,
    authors: ['someone'],
    fandoms: ['Puella Magi Madoka Magica'],
    chapterCount: 12,
    words: 81_000,
    chapter: webChapter('ao3', id, 3, 'Three'),
  });

const webProgress = (id: string, t = NOW - 500) =>
  progressRecord(`web:ao3:${id}`, t, { position: paragraphAt(14, { part: 2, offset: 0.5 }), percent: 20.8 });

describe('sync entries', () => {
  it('round-trip a bundled story place exactly (offset to a hundredth of a paragraph, percent to a tenth)', () => {
    const e = entryFrom(seed(), undefined, 'dev1');
    expect(decodeEntry(JSON.parse(JSON.stringify(encodeEntry(e))), NOW)).toEqual(e);
  });

  it('round-trip a web story with a cut title and the chapter URL rebuilt from its id', () => {
    const e = entryFrom(webProgress('12345678'), ao3Story('12345678'), 'dev1');
    const back = decodeEntry(JSON.parse(JSON.stringify(encodeEntry(e))), NOW);
    expect(back?.web).toEqual({
      title: 'A Long Title That Goes On And On Past The Limit'.slice(0, SYNC_TITLE_CHARS),
      chapter: 3,
      url: 'https://archiveofourown.org/works/12345678/chapters/10000003',
    });
    expect(back?.position).toEqual(e.position);
  });

  it('read entries written by release 3, whose ninth field was n − paragraph, and write that field as 0 for it', () => {
    const t = (NOW - 1000).toString(36);
    // Glass Hearts, section 3 (index 2), paragraph 6, which was paragraph 89 of the story.
    expect(decodeEntry(['seed:glass-hearts', 2, 6, 40, 568, t, '', 'dev1', 83], NOW)?.position).toEqual({
      part: 2,
      paragraph: 6,
      offset: 0.4,
    });
    expect(decodeEntry(['ao3:555', 2, 14, 50, 208, t, '', 'dev1', 0, 'Short', '987'], NOW)?.web?.chapter).toBe(3);
    // Release 3 accepts 9 or 11 fields, the ninth an integer from 0: what this release writes is of that form.
    const mine = encodeEntry(entryFrom(seed(), undefined, 'dev1'));
    expect(mine).toHaveLength(9);
    expect(mine[8]).toBe(0);
    expect(mine.slice(1, 4)).toEqual([2, 7, 25]);
  });

  it('give a device that never saw a web story what its library needs, and keep what a device knew', () => {
    const e = decodeEntry(encodeEntry(entryFrom(webProgress('555'), ao3Story('555', 'Short'), 'dev1')), NOW) as SyncEntry;
    const fresh = recordsOf(e, undefined);
    expect(fresh.story).toMatchObject({ key: 'web:ao3:555', site: 'ao3', storyId: '555', title: 'Short', chapter: { number: 3 } });
    expect(fresh.story?.storyUrl).toBe('https://archiveofourown.org/works/555');
    const known = recordsOf(e, {
      ...ao3Story('555', 'Short but complete'),
      chapter: { number: 1, title: 'One', url: 'https://archiveofourown.org/works/555/chapters/1' },
    });
    expect(known.story).toMatchObject({
      title: 'Short but complete',
      authors: ['someone'],
      words: 81_000,
      chapter: { number: 3, title: null },
    });
  });

  it.each([
    ['not an array', { key: 'seed:a' }],
    ['a key of no known kind', ['file:///etc/passwd', 0, 0, 0, 0, 'mhx3k2a1', '', 'd', 0]],
    ['a web key spelled out (stored keys drop "web:")', ['web:ao3:1', 0, 0, 0, 0, 'mhx3k2a1', '', 'd', 0, 't', '']],
    ['a negative paragraph', ['seed:a', 0, -1, 0, 0, 'mhx3k2a1', '', 'd', 0]],
    ['an offset past 1', ['seed:a', 0, 0, 101, 0, 'mhx3k2a1', '', 'd', 0]],
    ['a percent past 100', ['seed:a', 0, 0, 0, 1e308, 'mhx3k2a1', '', 'd', 0]],
    ['a time before 2000', ['seed:a', 0, 0, 0, 0, '1', '', 'd', 0]],
    ['a device id with markup', ['seed:a', 0, 0, 0, 0, 'mhx3k2a1', '', '<b>', 0]],
    ['a web story without its title', ['ao3:1', 0, 0, 0, 0, 'mhx3k2a1', '', 'd', 0]],
    ['a chapter ref that is a path', ['ao3:1', 0, 0, 0, 0, 'mhx3k2a1', '', 'd', 0, 't', '../../x']],
  ])('refuse %s', (_why, tuple) => {
    expect(decodeEntry(tuple, NOW)).toBeNull();
  });

  it('take a time from the future as now, and keep one within the clock skew', () => {
    const ahead = encodeEntry({ ...entryFrom(seed(), undefined, 'd'), updatedAt: NOW + 30 * 86_400_000 });
    expect(decodeEntry(ahead, NOW)?.updatedAt).toBe(NOW);
    const skewed = encodeEntry({ ...entryFrom(seed(), undefined, 'd'), updatedAt: NOW + CLOCK_SKEW_MS - 1 });
    expect(decodeEntry(skewed, NOW)?.updatedAt).toBe(NOW + CLOCK_SKEW_MS - 1);
  });
});

describe('sync buckets', () => {
  const many = (count: number): SyncEntry[] =>
    Array.from({ length: count }, (_, i) => {
      const id = String(10_000_000 + i * 7919);
      const story = {
        ...ao3Story(id, `Story number ${i} of the long library`),
        chapter: { number: 3, title: null, url: `https://archiveofourown.org/works/${id}/chapters/${90_000_000 + i}` },
      };
      return entryFrom(webProgress(id, NOW - i * 60_000), story, 'k3f9a');
    });

  it('place a story in the same bucket on every device', () => {
    expect(bucketOf('web:ao3:12345678')).toBe(bucketOf('web:ao3:12345678'));
    const used = new Set(many(2000).map((e) => bucketOf(e.key)));
    expect(used.size).toBe(BUCKETS);
  });

  it('keep at least 1,000 of the most recent web stories within the budget, with room to spare', () => {
    const { buckets, kept } = layout(many(5000));
    expect(kept.length).toBeGreaterThanOrEqual(1000);
    const bytes = [...buckets].reduce((n, [k, v]) => n + FakeSyncArea.bytes(k, v), 0);
    expect(bytes).toBeLessThanOrEqual(SYNC_BUDGET);
    expect(SYNC_BUDGET).toBeLessThan(QUOTA_BYTES * 0.9);
    for (const [k, v] of buckets) expect(FakeSyncArea.bytes(k, v)).toBeLessThanOrEqual(ITEM_LIMIT);
    expect(buckets.size).toBeLessThanOrEqual(MAX_ITEMS);
    // The ones kept are the most recent: nothing kept is older than something left out.
    const oldestKept = Math.min(...kept.map((e) => e.updatedAt));
    const keptKeys = new Set(kept.map((e) => e.key));
    const newestDropped = Math.max(
      ...many(5000)
        .filter((e) => !keptKeys.has(e.key))
        .map((e) => e.updatedAt),
    );
    expect(newestDropped).toBeLessThan(oldestKept);
  });

  it('store 5,000 stories in a fake Chrome sync area without passing any quota', async () => {
    const area = new FakeSyncArea(() => NOW);
    const { buckets } = layout(many(5000));
    await area.set(Object.fromEntries(buckets));
    expect(area.bytesInUse()).toBeLessThanOrEqual(QUOTA_BYTES);
  });

  it('read each bucket on its own, skipping a malformed tuple and refusing an unknown format', () => {
    const { buckets } = layout(many(40));
    const [key, value] = [...buckets][0] as [string, unknown[]];
    const entries = readBucket([...value, ['junk']], NOW);
    expect(entries.length).toBe(value.length - 1);
    expect(entries.every((e) => bucketOf(e.key) === key)).toBe(true);
    expect(readBucket([2, ...value.slice(1)], NOW)).toEqual([]);
    expect(readBucket('[1]', NOW)).toEqual([]);
  });
});
