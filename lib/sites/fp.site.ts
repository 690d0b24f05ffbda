import type { SiteDefinition } from './site';

/** FictionPress, fanfiction.net's sister site for original fiction: the same addresses, `/s/{story}/{chapter}/{slug}`. */
export const fpSite = {
  id: 'fp',
  name: 'FictionPress',
  label: 'siteFp',
  hosts: ['www.fictionpress.com', 'm.fictionpress.com'],
  storyPaths: ['/s/*'],
  // Off until the reader turns it on: the install warning names fanfiction.net and AO3 alone.
  onByDefault: false,
  chapterRef: () => '',
  chapterUrl: (id, chapter) => `https://www.fictionpress.com/s/${id}/${chapter}/`,
} as const satisfies SiteDefinition<'fp'>;
