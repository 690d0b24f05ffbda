/**
 * The site registry (lib/sites/registry.ts) is the one list of sites: a site missing from any place that
 * needs it fails here, not silently in a user's browser (issue 14: a new site's progress reports dropped by
 * validation, its backup refused, its stories labelled AO3, its fuzz pages generated as AO3).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWebKey } from '../../../lib/records';
import { adapters, parseStoryUrl } from '../../../lib/sites';
import { storyMatchPatterns } from '../../../lib/sites/matches';
import { SITE_URLS } from '../../support/fixtures';
import { deriveSites, SITES, sites } from '../../../lib/sites/registry';
import type { SiteDefinition } from '../../../lib/sites/site';
import { GENERATORS, siteOf } from '../../fuzz/cases';
import { createRng } from '../../fuzz/random';
import { SITE_HOSTS } from '../../support/browsers';

const root = resolve(import.meta.dirname, '../../..');
const messages = JSON.parse(readFileSync(join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<string, unknown>;

describe('every registered site is registered everywhere', () => {
  it.each(SITES.map((s) => [s.id, s] as const))('%s', (id, site) => {
    expect(id).toMatch(/^[a-z0-9]+$/);
    // Its adapter, built on its definition.
    const adapter = adapters.find((a) => a.id === id);
    expect(adapter?.hosts).toEqual(site.hosts);
    // Its label.
    expect(messages[site.label]).toBeDefined();
    // Its story keys pass validation.
    expect(isWebKey(`web:${id}:123`)).toBe(true);
    // Its fixtures: a folder of cases on its hosts.
    const dir = join(root, 'test/fixtures', id);
    expect(existsSync(dir)).toBe(true);
    const urls = readdirSync(dir)
      .map((c) => join(dir, c, 'url.txt'))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f, 'utf8').trim());
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(site.hosts).toContain(new URL(url).hostname);
    // The fuzzer generates its pages, as its own.
    const page = GENERATORS[id].page(createRng(1), []);
    expect(siteOf(page.url)).toBe(id);
    expect(parseStoryUrl(new URL(page.url))?.site).toBe(id);
    // The test browsers reach every host through the local site server; the manifest asks for its story pages.
    for (const host of site.hosts) {
      expect(SITE_HOSTS).toContain(host);
      expect(storyMatchPatterns().some((p) => p.startsWith(`*://${host}/`))).toBe(true);
    }
  });

  it('fanfiction.net and AO3 stay on by default, with the manifest patterns they had; the other sites are optional', () => {
    expect(SITES.filter((s) => s.onByDefault).map((s) => s.id)).toEqual(['ffn', 'ao3']);
    expect(sites.defaultPatterns).toEqual([
      '*://www.fanfiction.net/s/*',
      '*://m.fanfiction.net/s/*',
      ...['archiveofourown.org', 'archiveofourown.com', 'archiveofourown.net', 'archiveofourown.gay', 'ao3.org'].flatMap((h) => [
        `*://${h}/works/*`,
        `*://${h}/collections/*`,
      ]),
    ]);
    expect(sites.optionalPatterns).toEqual(sites.optionalIds.flatMap((id) => sites.patternsOf(id)));
    for (const p of sites.optionalPatterns) expect(sites.defaultPatterns).not.toContain(p);
  });

  it('no site has an adapter, a generator or a host that is not registered', () => {
    expect(adapters.map((a) => a.id)).toEqual(sites.ids);
    expect(Object.keys(GENERATORS).sort()).toEqual([...sites.ids].sort());
    expect(new Set(sites.hosts).size).toBe(sites.hosts.length);
  });

  it('a chapter address survives the trip through its ref', () => {
    for (const adapter of adapters) {
      for (const url of SITE_URLS[adapter.id].stories) {
        const loc = adapter.parseUrl(new URL(url));
        if (!loc || loc.fullWork) continue;
        const ref = adapter.chapterRef(url);
        expect(ref).toMatch(/^\d{0,15}$/);
        const rebuilt = adapter.chapterUrl(loc.storyId, loc.chapter ?? 1, ref);
        expect(adapter.parseUrl(new URL(rebuilt))).toMatchObject({ site: adapter.id, storyId: loc.storyId });
      }
    }
  });
});

describe('deriveSites: every list follows a site added to the definitions', () => {
  const dummy: SiteDefinition<'dummy'> = {
    id: 'dummy',
    name: 'Dummy Fiction',
    label: 'siteFfn',
    hosts: ['www.dummy.test', 'm.dummy.test'],
    storyPaths: ['/story/*'],
    onByDefault: false,
    chapterRef: () => '',
    chapterUrl: (id, chapter) => `https://www.dummy.test/story/${id}/${chapter}`,
  };
  const base = deriveSites<string>(SITES);
  const derived = deriveSites<string>([...SITES, dummy]);

  it('ids, lookups and hosts', () => {
    expect(derived.ids).toEqual([...base.ids, 'dummy']);
    expect(derived.isSiteId('dummy')).toBe(true);
    expect(base.isSiteId('dummy')).toBe(false);
    expect(derived.site('dummy')).toBe(dummy);
    expect(derived.siteOfHost('m.dummy.test')).toBe(dummy);
    expect(derived.hosts).toEqual([...base.hosts, 'www.dummy.test', 'm.dummy.test']);
  });

  it('story keys', () => {
    expect(derived.webKeyPattern(15).test('web:dummy:42')).toBe(true);
    expect(base.webKeyPattern(15).test('web:dummy:42')).toBe(false);
    for (const id of base.ids) expect(derived.webKeyPattern(15).test(`web:${id}:42`)).toBe(true);
  });

  it('match patterns', () => {
    expect(derived.matchPatterns).toEqual([...base.matchPatterns, '*://www.dummy.test/story/*', '*://m.dummy.test/story/*']);
    expect(derived.patternsOf('dummy')).toEqual(['*://www.dummy.test/story/*', '*://m.dummy.test/story/*']);
  });

  it('a site off by default is an optional permission, never in the manifest’s host permissions', () => {
    expect(derived.optionalIds).toEqual([...base.optionalIds, 'dummy']);
    expect(derived.isOptionalId('dummy')).toBe(true);
    expect(derived.optionalPatterns).toEqual([...base.optionalPatterns, '*://www.dummy.test/story/*', '*://m.dummy.test/story/*']);
    expect(derived.defaultPatterns).toEqual(base.defaultPatterns);
    const onByDefault = deriveSites<string>([...SITES, { ...dummy, onByDefault: true }]);
    expect(onByDefault.defaultPatterns).toEqual([...base.defaultPatterns, '*://www.dummy.test/story/*', '*://m.dummy.test/story/*']);
    expect(onByDefault.optionalPatterns).toEqual(base.optionalPatterns);
    expect(onByDefault.isOptionalId('dummy')).toBe(false);
  });
});
