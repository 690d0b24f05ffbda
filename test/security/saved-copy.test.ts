/**
 * What a restyled page sends to be saved (lib/saved/store-message.ts) is checked again in the background. For
 * every hostile case that reads as a story and every site fixture: the model the view draws passes that check
 * unchanged (so each page read is kept, and kept as the view shows it, which test/security/hostile.test.ts
 * checks), and what would be stored is plain data with no markup in it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPage } from '../../lib/sites';
import { chaptersOfPage, normalizeChaptersToSave } from '../../lib/saved/store-message';
import { loadPage } from '../support/dom';

const FIXTURES = join(__dirname, '..', 'fixtures');
const cases = ['hostile', 'ffn', 'ao3', 'royalroad', 'spacebattles', 'sufficientvelocity', 'questionablequesting'].flatMap((site) =>
  readdirSync(join(FIXTURES, site), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('dos-'))
    .map((d) => `${site}/${d.name}`),
);

describe('saved copies of hostile and ordinary pages', () => {
  it.each(cases)('%s: the model sent is the model kept, with no markup in it', (dir) => {
    const at = join(FIXTURES, dir);
    const page = loadPage(readFileSync(join(at, 'source.html'), 'utf8'), readFileSync(join(at, 'url.txt'), 'utf8').trim());
    const result = readPage(page.doc, page.url, page.win);
    page.close();
    // A gate, a missing story, a challenge or a listing is no chapter: the view does not show it, nothing is sent.
    if (result.kind !== 'story') return expect(result.kind).toBe('not-readable');
    const sent = chaptersOfPage(result.page);
    const kept = normalizeChaptersToSave(structuredClone(sent));
    expect(kept).toEqual(sent);
    // Links http(s), images and media https only: the sanitizer's kinds (text may quote markup as text).
    const json = JSON.stringify(kept);
    expect(json).not.toMatch(/"href":"(?!https?:)/i);
    expect(json).not.toMatch(/"src":"(?!https:)/i);
  });
});
