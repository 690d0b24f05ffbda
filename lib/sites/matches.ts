import { sites } from './registry';

/** Every site's story-page match patterns, on by default or not: the least that reaches every story page. */
export function storyMatchPatterns(): string[] {
  return [...sites.matchPatterns];
}

/** The manifest's host permissions and static content script: the story pages of the sites on by default. */
export function defaultStoryMatchPatterns(): string[] {
  return [...sites.defaultPatterns];
}

/** The manifest's optional host permissions: the story pages of the sites the reader turns on. */
export function optionalStoryMatchPatterns(): string[] {
  return [...sites.optionalPatterns];
}
