import { ao3Site } from './ao3.site';
import { ffnSite } from './ffn.site';
import { fpSite } from './fp.site';
import { royalRoadSite } from './royalroad.site';
import type { SiteDefinition } from './site';
import { questionableQuestingSite, spaceBattlesSite, sufficientVelocitySite } from './xenforo.site';

/**
 * The registered sites, in the order the library and the fuzzer take them. Adding a site: its definition
 * (lib/sites/<site>.site.ts) here, its adapter in lib/sites/read.ts (the type checker asks for it), its
 * label in public/_locales, its fixtures; test/unit/sites/registry.test.ts fails on a site half-registered.
 */
export const SITES = [ffnSite, ao3Site, fpSite, royalRoadSite, spaceBattlesSite, sufficientVelocitySite, questionableQuestingSite] as const;

export type SiteId = (typeof SITES)[number]['id'];

/** Every list the rest of Ficwell takes from the site definitions: one function, so a test can give it others. */
export function deriveSites<Id extends string>(sites: readonly SiteDefinition<Id>[]) {
  const ids = sites.map((s) => s.id);
  const byId = new Map<string, SiteDefinition<Id>>(sites.map((s) => [s.id, s]));
  const byHost = new Map<string, SiteDefinition<Id>>(sites.flatMap((s) => s.hosts.map((h) => [h, s] as const)));
  const isSiteId = (x: unknown): x is Id => typeof x === 'string' && byId.has(x);
  const webKeyPattern = (storyIdDigits: number) => new RegExp(`^web:(?:${ids.join('|')}):\\d{1,${storyIdDigits}}$`);
  const patternsOf = (s: SiteDefinition<Id>) => s.hosts.flatMap((host) => s.storyPaths.map((path) => `*://${host}${path}`));
  const optional = sites.filter((s) => !s.onByDefault);
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
    /** Every site's story-page match patterns: the least that reaches every story page. */
    matchPatterns: sites.flatMap(patternsOf),
    /** One site's story-page match patterns: what turning it on asks for and registers its content script on. */
    patternsOf: (id: string): string[] => {
      const s = byId.get(id);
      return s ? patternsOf(s) : [];
    },
    /** The sites on from installation: the manifest's host permissions and static content script. */
    defaultPatterns: sites.filter((s) => s.onByDefault).flatMap(patternsOf),
    /** The sites the reader turns on: the manifest's optional host permissions, nothing reached before that. */
    optionalPatterns: optional.flatMap(patternsOf),
    /** The ids of the sites the reader turns on, in the registry's order. */
    optionalIds: optional.map((s) => s.id),
    isOptionalId: (x: unknown): x is Id => typeof x === 'string' && optional.some((s) => s.id === x),
  };
}

export type DerivedSites<Id extends string = SiteId> = ReturnType<typeof deriveSites<Id>>;

/** The registered sites' lists: the only export the rest of Ficwell reads them from (tests swap it with SITES). */
export const sites: DerivedSites = deriveSites<SiteId>(SITES);
