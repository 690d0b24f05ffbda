import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { adapters } from '../../../lib/sites';
import { storyMatchPatterns } from '../../../lib/sites/matches';
import { SITE_URLS } from '../../support/fixtures';

describe('content-script match patterns', () => {
  const patterns = storyMatchPatterns().map((p) => new MatchPattern(p));
  const matches = (url: string) => patterns.some((p) => p.includes(url));

  it.each(adapters.flatMap((a) => SITE_URLS[a.id].stories))('reach the example story page %s', (url) => {
    expect(matches(url)).toBe(true);
  });

  it.each([
    'https://www.fanfiction.net/',
    'https://www.fanfiction.net/u/12345/Someone',
    'https://archiveofourown.org/',
    'https://archiveofourown.org/users/someone',
    'https://example.org/works/1',
  ])('stay away from %s', (url) => {
    expect(matches(url)).toBe(false);
  });

  it('ask for no host beyond the adapters’ own', () => {
    const hosts = new Set(adapters.flatMap((a) => a.hosts));
    for (const p of storyMatchPatterns()) expect(hosts.has(p.split('/')[2] ?? '')).toBe(true);
  });
});
