import { ao3Site } from './ao3.site';
import { ffnSite } from './ffn.site';
import { royalRoadSite } from './royalroad.site';
import type { SiteDefinition } from './site';
import { questionableQuestingSite, spaceBattlesSite, sufficientVelocitySite } from './xenforo.site';

/**
 * The registered sites, in the order the library and the fuzzer take them. Adding a site: its definition
 * (lib/sites/<site>.site.ts) here, its adapter in lib/sites/read.ts (the type checker asks for it), its
 * label in public/_locales, its fixtures; test/unit/sites/registry.test.ts fails on a site half-registered.
 */
export const SITES = [ffnSite, ao3Site, royalRoadSite, spaceBattlesSite, sufficientVelocitySite, questionableQuestingSite] as const;

export type SiteId = (typeof SITES)[number]['id'];

/** Every list the rest of Ficwell takes from the site definitions: one function, so a test can give it others. */
export function deriveSites<Id extends string>(sites: readonly SiteDefinition<Id>[]) {
  const ids = sites.map((s) => s.id);
  const byId = new Map<string, SiteDefinition<Id>>(sites.map((s) => [s.id, s]));
  const byHost = new Map<string, SiteDefinition<Id>>(sites.flatMap((s) => s.hosts.map((h) => [h, s] as const)));
  const isSiteId = (x: unknown): x is Id => typeof x === 'string' && byId.has(x);
  const webKeyPattern = (storyIdDigits: number) => new RegExp(`^web:(?:${ids.join('|')}):\\d{1,${storyIdDigits}}$`);
  return {
    ids,
    isSiteId,
    site: (id: Id): SiteDefinition<Id> => byId.get(id) as SiteDefinition<Id>,
    /** The site a host belongs to. */
    siteOfHost: (host: string): SiteDefinition<Id> | undefined => byHost.get(host),
    /** Every host of every site. */
    hosts: sites.flatMap((s) => s.hosts),
    /** `web:<site>:<digits>` for a registered site. */
    webKeyPattern,
    /** Content-script and host-permission match patterns: the least that reaches every story page. */
    matchPatterns: sites.flatMap((s) => s.hosts.flatMap((host) => s.storyPaths.map((path) => `*://${host}${path}`))),
  };
}

export type DerivedSites<Id extends string = SiteId> = ReturnType<typeof deriveSites<Id>>;

/** The registered sites' lists: the only export the rest of Ficwell reads them from (tests swap it with SITES). */
export const sites: DerivedSites = deriveSites<SiteId>(SITES);
