import { describe, expect, it } from 'vitest';
import { adapterFor, adapters, parseStoryUrl } from '../../../lib/sites';
import type { StoryLocation } from '../../../lib/sites/types';
import { SITE_URLS } from '../../support/fixtures';

describe('URL table', () => {
  const own = adapters.flatMap((a) => SITE_URLS[a.id].stories.map((url) => [a.id, url] as const));

  it.each(own)('%s accepts its own example %s, and no other adapter does', (id, href) => {
    const url = new URL(href);
    for (const adapter of adapters) {
      if (adapter.id === id) {
        expect(adapter.parseUrl(url)).toMatchObject({ site: id });
        expect(adapterFor(url)).toBe(adapter);
      } else {
        expect(adapter.parseUrl(url)).toBeUndefined();
      }
    }
  });

  const nonStory = adapters.flatMap((a) => SITE_URLS[a.id].notStories.map((url) => [a.id, url] as const));

  it.each(nonStory)('%s: %s is not a story', (_id, href) => {
    for (const adapter of adapters) expect(adapter.parseUrl(new URL(href))).toBeUndefined();
  });

  it('every adapter declares hosts and has examples of both kinds, and no host is declared twice', () => {
    const hosts = adapters.flatMap((a) => a.hosts);
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(Object.keys(SITE_URLS).sort()).toEqual(adapters.map((a) => a.id).sort());
    for (const a of adapters) {
      expect(a.hosts.length).toBeGreaterThan(0);
      expect(SITE_URLS[a.id].stories.length).toBeGreaterThan(0);
      expect(SITE_URLS[a.id].notStories.length).toBeGreaterThan(0);
      for (const href of SITE_URLS[a.id].stories) expect(a.hosts).toContain(new URL(href).hostname);
    }
  });

  it('knows the hosts the issue lists', () => {
    expect(adapterFor(new URL('https://www.fanfiction.net/'))?.id).toBe('ffn');
    expect(adapterFor(new URL('https://m.fanfiction.net/'))?.id).toBe('ffn');
    for (const host of ['archiveofourown.org', 'archiveofourown.com', 'archiveofourown.net', 'archiveofourown.gay', 'ao3.org']) {
      expect(adapterFor(new URL(`https://${host}/`))?.id).toBe('ao3');
    }
    expect(adapterFor(new URL('https://www.royalroad.com/fiction/1/x'))?.id).toBe('royalroad');
    expect(adapterFor(new URL('https://forums.spacebattles.com/threads/x.1/reader/'))?.id).toBe('spacebattles');
    expect(adapterFor(new URL('https://forums.sufficientvelocity.com/threads/x.1/reader/'))?.id).toBe('sufficientvelocity');
    expect(adapterFor(new URL('https://forum.questionablequesting.com/threads/x.1/reader/'))?.id).toBe('questionablequesting');
    expect(adapterFor(new URL('https://www.fictionpress.com/s/1/1/'))?.id).toBe('fp');
    expect(adapterFor(new URL('https://www.wattpad.com/story/1'))).toBeUndefined();
    expect(adapterFor(new URL('https://archiveofourown.org.evil.example/works/1'))).toBeUndefined();
  });
});

describe('what a URL says', () => {
  const table: [string, Partial<StoryLocation> | undefined][] = [
    [
      'https://www.fanfiction.net/s/7347955/12/Dreaming-of-Sunshine',
      {
        site: 'ffn',
        storyId: '7347955',
        chapter: 12,
        slug: 'Dreaming-of-Sunshine',
        fullWork: false,
        storyUrl: 'https://www.fanfiction.net/s/7347955/1/Dreaming-of-Sunshine',
      },
    ],
    // Chapter and slug are optional: chapter 1 when absent.
    [
      'https://www.fanfiction.net/s/7347955',
      { storyId: '7347955', chapter: 1, slug: undefined, storyUrl: 'https://www.fanfiction.net/s/7347955/1/' },
    ],
    ['https://www.fanfiction.net/s/7347955/3/', { chapter: 3, slug: undefined }],
    [
      'https://m.fanfiction.net/s/7347955/2/Dreaming-of-Sunshine',
      { chapter: 2, storyUrl: 'https://www.fanfiction.net/s/7347955/1/Dreaming-of-Sunshine' },
    ],
    ['https://www.fanfiction.net/s/abc/1/', undefined],
    ['https://www.fanfiction.net/s/7347955/1/Slug/extra', undefined],
    [
      'https://archiveofourown.org/works/11808918/chapters/26796918#workskin',
      {
        site: 'ao3',
        storyId: '11808918',
        chapterId: '26796918',
        chapter: undefined,
        fullWork: false,
        storyUrl: 'https://archiveofourown.org/works/11808918',
      },
    ],
    ['https://archiveofourown.org/works/11808918?view_full_work=true', { chapterId: undefined, fullWork: true }],
    ['https://archiveofourown.org/works/11808918?view_full_work=false', { fullWork: false }],
    ['https://archiveofourown.org/works/11808918?view_adult=true', { adultConsent: true }],
    ['https://archiveofourown.org/works/11808918', { adultConsent: undefined }],
    [
      'https://archiveofourown.org/collections/MHA_Best%20Of/works/11808918/chapters/26640231',
      { storyId: '11808918', chapterId: '26640231', collection: 'MHA_Best Of' },
    ],
    ['https://ao3.org/works/11808918/', { storyId: '11808918', storyUrl: 'https://archiveofourown.org/works/11808918' }],
    ['https://archiveofourown.org/chapters/26640231', undefined],
    ['https://archiveofourown.org/works/11808918/navigate', undefined],
    ['https://archiveofourown.org/works/new', undefined],
  ];

  it.each(table)('%s', (href, want) => {
    const got = parseStoryUrl(new URL(href));
    if (want === undefined) expect(got).toBeUndefined();
    else {
      expect(got).toBeDefined();
      for (const [key, value] of Object.entries(want)) expect(got?.[key as keyof StoryLocation], key).toEqual(value);
    }
  });
});
