import { sites } from './registry';

/** Content-script match patterns, from every site's hosts and story paths: the least that reaches every story page. */
export function storyMatchPatterns(): string[] {
  return [...sites.matchPatterns];
}
