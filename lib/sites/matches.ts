import { adapters } from './read';
import type { SiteId } from './types';

/** Where stories live on each site: the paths the content script is injected into. */
const STORY_PATHS: Record<SiteId, readonly string[]> = {
  ffn: ['/s/*'],
  ao3: ['/works/*', '/collections/*'],
};

/** Content-script match patterns, from every adapter's hosts: the least that reaches every story page. */
export function storyMatchPatterns(): string[] {
  return adapters.flatMap((a) => a.hosts.flatMap((host) => STORY_PATHS[a.id].map((path) => `*://${host}${path}`)));
}
