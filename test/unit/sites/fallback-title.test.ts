import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titleWithoutSite } from '../../../lib/sites/fallback';
import type { SiteId } from '../../../lib/sites/registry';

/**
 * Document titles in the forms the sites give them, each with the story's title the fallback must take from it;
 * the last ffn ones are not the site's form and must be left as they are.
 */
const TITLES: { site: SiteId; title: string; want: string }[] = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/titles.json'), 'utf8'),
);

describe("titleWithoutSite (the Readability fallback's title)", () => {
  it.each(TITLES)('$site $title -> $want', ({ site, title, want }) => {
    expect(titleWithoutSite(site, title)).toBe(want);
  });
});
