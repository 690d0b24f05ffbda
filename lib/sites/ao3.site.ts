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
  // The work's full view, with `view_adult=true` only when the page being read carries it: the reader has
  // already answered that work's adult-content gate. Without it, a gated work answers with the gate.
  wholeWork: {
    kind: 'full-view',
    url: (origin, storyId, adultConsent) => {
      const url = new URL(`/works/${storyId}`, origin);
      url.searchParams.set('view_full_work', 'true');
      if (adultConsent) url.searchParams.set('view_adult', 'true');
      return url.href;
    },
  },
} as const satisfies SiteDefinition<'ao3'>;
