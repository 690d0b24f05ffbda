import type { SiteDefinition } from './site';

/**
 * XenForo 2 forums whose stories are threads with threadmarks, read in the threadmarks reader
 * (`/threads/{slug}.{thread}/reader/page-{n}`). A thread id is the forum's own, so each forum is a site of its
 * own; they share one reader (lib/sites/xenforo.ts). The part of a chapter URL a synced place carries is the
 * reader page's number ('' for its first page). Off until the reader turns them on (issue 14).
 */
function forum<Id extends string>(id: Id, name: string, label: SiteDefinition['label'], host: string) {
  return {
    id,
    name,
    label,
    onByDefault: false,
    hosts: [host],
    storyPaths: ['/threads/*'],
    chapterRef: (url: string) => /\/reader\/page-(\d{1,15})(?:[/?#]|$)/.exec(url)?.[1] ?? '',
    chapterUrl: (threadId: string, _chapter: number, ref: string) =>
      `https://${host}/threads/${threadId}/reader/${ref ? `page-${ref}` : ''}`,
  } as const satisfies SiteDefinition<Id>;
}

export const spaceBattlesSite = forum('spacebattles', 'SpaceBattles', 'siteSpaceBattles', 'forums.spacebattles.com');
export const sufficientVelocitySite = forum(
  'sufficientvelocity',
  'Sufficient Velocity',
  'siteSufficientVelocity',
  'forums.sufficientvelocity.com',
);
export const questionableQuestingSite = forum(
  'questionablequesting',
  'Questionable Questing',
  'siteQuestionableQuesting',
  'forum.questionablequesting.com',
);

/** The forums served by the XenForo reader. */
export const XENFORO_SITES = [spaceBattlesSite, sufficientVelocitySite, questionableQuestingSite] as const;
