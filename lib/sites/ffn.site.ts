import type { SiteDefinition } from './site';

/**
 * A site of fanfiction.net's layout on `www.` (desktop) and `m.` (mobile) of one domain: chapters addressed
 * by number, `/s/{story}/{chapter}/{slug}`, rebuilt on the desktop host.
 */
export function ffnLayoutSite<Id extends string>(site: {
  id: Id;
  name: string;
  label: SiteDefinition['label'];
  domain: string;
  onByDefault: boolean;
}) {
  const { domain, ...named } = site;
  return {
    ...named,
    hosts: [`www.${domain}`, `m.${domain}`],
    storyPaths: ['/s/*'],
    chapterRef: () => '',
    chapterUrl: (storyId: string, chapter: number) => `https://www.${domain}/s/${storyId}/${chapter}/`,
  } as const satisfies SiteDefinition<Id>;
}

/** fanfiction.net. */
export const ffnSite = ffnLayoutSite({ id: 'ffn', name: 'FanFiction.Net', label: 'siteFfn', domain: 'fanfiction.net', onByDefault: true });
