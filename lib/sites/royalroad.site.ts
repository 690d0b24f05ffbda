import type { SiteDefinition } from './site';

/**
 * Royal Road: chapters addressed by an id of their own, `/fiction/{fiction}/{slug}/chapter/{chapter}/{slug}`
 * (the site answers without the slugs too). Off until the reader turns it on (issue 14).
 */
export const royalRoadSite = {
  id: 'royalroad',
  name: 'Royal Road',
  label: 'siteRoyalRoad',
  onByDefault: false,
  hosts: ['www.royalroad.com'],
  storyPaths: ['/fiction/*'],
  chapterRef: (url) => /\/chapter\/(\d{1,15})(?:[/?#]|$)/.exec(url)?.[1] ?? '',
  chapterUrl: (id, _chapter, ref) => `https://www.royalroad.com/fiction/${id}${ref ? `/chapter/${ref}` : ''}`,
} as const satisfies SiteDefinition<'royalroad'>;
