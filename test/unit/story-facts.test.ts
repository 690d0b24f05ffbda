import { describe, expect, it } from 'vitest';
import { buildBackup, parseBackup } from '../../lib/backup';
import { mergeWebStory } from '../../lib/db/progress';
import type { WebStoryRecord } from '../../lib/db/schema';
import { webItems } from '../../lib/library';
import { parseSnapshot, serializeSnapshot, takeSnapshot } from '../../lib/library-snapshot';
import { normalizeWebStoryRecord, RECORD_LIMITS } from '../../lib/records';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { StoryPage } from '../../lib/sites/types';
import { decodeEntry, encodeEntry, entryFrom, recordsOf } from '../../lib/sync/entry';
import { webStoryRecord } from '../../lib/web-progress';
import { ao3Work, progressRecord } from '../support/records';
import { fixtureStory } from '../support/fixtures';

const NOW = Date.UTC(2026, 11, 1);
const at = { part: 0, p: 0, offset: 0 };

const page = fixtureStory;

/** An AO3 record as a page that says all three facts reports it. */
const known = (updatedAt = NOW - 2000): WebStoryRecord => ({
  ...ao3Work(updatedAt),
  rating: 'Mature',
  warnings: ['Graphic Depictions Of Violence'],
  summary: 'Two travellers and a lantern.',
});
const withoutFacts = ({ rating: _r, warnings: _w, summary: _s, ...r }: WebStoryRecord): WebStoryRecord => r;

describe('read from the page into the record', () => {
  it('AO3: rating, archive warnings and summary as the site words them (test/fixtures/ao3/one-chapter)', () => {
    expect(webStoryRecord(page('ao3/one-chapter'), at, NOW)).toMatchObject({
      rating: 'General Audiences',
      warnings: ['Creator Chose Not To Use Archive Warnings'],
      summary: 'Placeholder summary of the one-shot, first line.\n\nSecond line of the summary',
    });
  });

  it('FFN: its rating and summary; no warnings, for the site has none (test/fixtures/ffn/middle-chapter)', () => {
    const story = webStoryRecord(page('ffn/middle-chapter'), at, NOW);
    expect(story).toMatchObject({ rating: 'T', summary: 'Placeholder summary of the story. It has two sentences.' });
    expect('warnings' in story).toBe(false);
  });

  it('a page that does not say them (the m. copy, the Readability fallback) leaves them out: unknown', () => {
    for (const fixture of ['ffn/mobile', 'ffn/fallback-chapter']) {
      const story = webStoryRecord(page(fixture), at, NOW);
      expect(['rating', 'warnings', 'summary'].filter((k) => k in story)).toEqual([]);
    }
  });

  it('trimmed to what a record holds, in a shape the normalizer keeps as it is', () => {
    const big: StoryPage = {
      ...page('ao3/one-chapter'),
      rating: ` ${'R'.repeat(300)} `,
      warnings: Array.from({ length: 40 }, (_, i) => `Warning ${i} ${'w'.repeat(300)}`),
      summary: { blocks: [], text: 's'.repeat(5000) },
    };
    const story = webStoryRecord(big, at, NOW);
    expect(story.rating).toHaveLength(RECORD_LIMITS.rating);
    expect(story.warnings).toHaveLength(RECORD_LIMITS.warnings);
    expect(story.warnings?.[0]).toHaveLength(RECORD_LIMITS.warning);
    expect(story.summary).toHaveLength(RECORD_LIMITS.summary);
    expect(normalizeWebStoryRecord(story, NOW)).toEqual(story);
  });
});

describe('records with and without them', () => {
  it('a record of before these fields reads as it is, and one with them keeps them', () => {
    const old = withoutFacts(known());
    expect(normalizeWebStoryRecord(old, NOW)).toEqual(old);
    expect(normalizeWebStoryRecord(known(), NOW)).toEqual(known());
  });

  it('a fact of the wrong type is dropped, not the record', () => {
    const bad = { ...known(), rating: 5, warnings: ['ok', 7], summary: { text: 'x' } };
    expect(normalizeWebStoryRecord(bad, NOW)).toEqual(withoutFacts(known()));
  });

  it('a backup holding both kinds imports both', () => {
    const stories = [known(), { ...withoutFacts(known()), key: 'web:ao3:1', storyId: '1' }];
    const file = JSON.stringify(buildBackup([], stories, DEFAULT_SETTINGS, new Date(NOW)));
    const parsed = parseBackup(file, NOW);
    expect(parsed.ok && parsed.backup.webStories).toEqual(stories);
  });
});

describe('a merge never replaces a known fact with an unknown one', () => {
  it('a newer record that does not say them keeps the stored ones', () => {
    const newer = { ...withoutFacts(known(NOW)), warnings: [] };
    expect(mergeWebStory(known(), newer, NOW)).toMatchObject({
      rating: 'Mature',
      warnings: ['Graphic Depictions Of Violence'],
      summary: 'Two travellers and a lantern.',
      updatedAt: NOW,
    });
  });

  it('an older record fills what the stored one does not know', () => {
    expect(mergeWebStory(withoutFacts(known(NOW)), known(NOW - 5000), NOW)).toMatchObject({
      rating: 'Mature',
      summary: 'Two travellers and a lantern.',
    });
  });

  it('a newer record that says them wins', () => {
    const newer = { ...known(NOW), rating: 'Explicit', summary: 'Rewritten.' };
    expect(mergeWebStory(known(), newer, NOW)).toEqual(newer);
  });

  it('neither knowing them, the merge has no such fields (so an unchanged record is not written again)', () => {
    const merged = mergeWebStory(withoutFacts(known()), withoutFacts(known(NOW)), NOW);
    expect(['rating', 'warnings', 'summary'].filter((k) => k in merged)).toEqual([]);
  });

  it('sync does not carry them; a place synced in keeps what this device knows', () => {
    const progress = progressRecord(known().key, NOW, { percent: 40 });
    const entry = decodeEntry(encodeEntry(entryFrom(progress, known(), 'dev1')), NOW);
    if (!entry) throw new Error('entry not decoded');
    expect(recordsOf(entry, known()).story).toMatchObject({ rating: 'Mature', summary: 'Two travellers and a lantern.' });
    const unseen = recordsOf(entry, undefined).story;
    expect(unseen && ['rating', 'warnings', 'summary'].filter((k) => k in unseen)).toEqual([]);
  });
});

describe('in the library', () => {
  it("a web story's row holds its rating, warnings and summary; one that has none, empty ones", () => {
    const [full, bare] = webItems([known(), { ...withoutFacts(known()), key: 'web:ao3:1' }], new Map());
    expect(full).toMatchObject({
      rating: 'Mature',
      warnings: ['Graphic Depictions Of Violence'],
      summary: 'Two travellers and a lantern.',
    });
    expect(bare).toMatchObject({ warnings: [], summary: '' });
    expect(bare && 'rating' in bare).toBe(false);
  });

  it('the popup snapshot keeps the rating of a web row and refuses one on a bundled row', () => {
    const rows = webItems([known()], new Map());
    const text = serializeSnapshot(takeSnapshot(rows, 'recent', 1));
    expect(parseSnapshot(text)?.items[0]?.rating).toBe('Mature');
    const seed = { ...rows[0], kind: 'seed', site: undefined, chapter: undefined, url: undefined };
    expect(parseSnapshot(serializeSnapshot(takeSnapshot([seed as never], 'recent', 1)))).toBeNull();
  });
});
