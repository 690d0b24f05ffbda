import type { SiteDefinition, WholeWorkWay } from './site';

/**
 * A site of fanfiction.net's layout on `www.` (desktop) and `m.` (mobile) of one domain: chapters addressed
 * by number, `/s/{story}/{chapter}/{slug}`, rebuilt on the desktop host. With `wholeWorkGapMs`, "Save whole
 * work" asks for each chapter missing, that long apart.
 */
export function ffnLayoutSite<Id extends string>(site: {
  id: Id;
  name: string;
  label: SiteDefinition['label'];
  domain: string;
  onByDefault: boolean;
  wholeWorkGapMs?: number;
}) {
  const { domain, wholeWorkGapMs, ...named } = site;
  const wholeWork: WholeWorkWay | undefined =
    wholeWorkGapMs === undefined
      ? undefined
      : {
          kind: 'by-chapter',
          gapMs: wholeWorkGapMs,
          // With the slug of the canonical story address (`/s/{id}/1/{slug}`): the site's own chapter address,
          // built here, not taken from the page's chapter menu, so no page decides where the requests go.
          url: (origin, storyId, chapter, storyUrl) =>
            `${origin}/s/${storyId}/${chapter}/${/^\/s\/\d+\/1\/([^/]*)$/.exec(new URL(storyUrl).pathname)?.[1] ?? ''}`,
        };
  return {
    ...named,
    hosts: [`www.${domain}`, `m.${domain}`],
    storyPaths: ['/s/*'],
    chapterRef: () => '',
    chapterUrl: (storyId: string, chapter: number) => `https://www.${domain}/s/${storyId}/${chapter}/`,
    ...(wholeWork ? { wholeWork } : {}),
  } as const satisfies SiteDefinition<Id>;
}

/** Least time between the end of one fanfiction.net answer and the next request of "Save whole work". */
export const FFN_GAP_MS = 5_000;

/** fanfiction.net. */
export const ffnSite = ffnLayoutSite({
  id: 'ffn',
  name: 'FanFiction.Net',
  label: 'siteFfn',
  domain: 'fanfiction.net',
  onByDefault: true,
  wholeWorkGapMs: FFN_GAP_MS,
});
