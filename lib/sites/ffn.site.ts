import type { SiteDefinition } from './site';

/** fanfiction.net: chapters addressed by number, `/s/{story}/{chapter}/{slug}`. */
export const ffnSite = {
  id: 'ffn',
  name: 'FanFiction.Net',
  label: 'siteFfn',
  hosts: ['www.fanfiction.net', 'm.fanfiction.net'],
  storyPaths: ['/s/*'],
  onByDefault: true,
  chapterRef: () => '',
  chapterUrl: (id, chapter) => `https://www.fanfiction.net/s/${id}/${chapter}/`,
} as const satisfies SiteDefinition<'ffn'>;
