import type { SiteDefinition } from './site';

/** Archive of Our Own and its mirrors: chapters addressed by an id of their own, `/works/{id}/chapters/{id}`. */
export const ao3Site = {
  id: 'ao3',
  name: 'Archive of Our Own',
  label: 'siteAo3',
  hosts: ['archiveofourown.org', 'archiveofourown.com', 'archiveofourown.net', 'archiveofourown.gay', 'ao3.org'],
  storyPaths: ['/works/*', '/collections/*'],
  onByDefault: true,
  chapterRef: (url) => /\/chapters\/(\d{1,15})(?:[/?#]|$)/.exec(url)?.[1] ?? '',
  chapterUrl: (id, _chapter, ref) => `https://archiveofourown.org/works/${id}${ref ? `/chapters/${ref}` : ''}`,
} as const satisfies SiteDefinition<'ao3'>;
