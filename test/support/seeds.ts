import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Story } from '../../lib/story/model';
import { parseStory } from '../../lib/story/parse';

/** The text of a bundled seed (seeds/<file>). */
// A path, not a URL: in jsdom's environment URL is jsdom's, which node:fs does not take.
export const seedText = (file: string) => readFileSync(resolve(import.meta.dirname, '../../seeds', file), 'utf8');

/** A seed parsed; throws the parser's message when it does not parse. */
export function parsedSeed(file: string): Story {
  const r = parseStory(seedText(file));
  if (!r.ok) throw new Error(r.error.message);
  return r.story;
}

/** Glass Hearts: five numbered sections, about 4,800 words, chunked into several files. */
export const GLASS = '002_9e575af7a356abc5.txt';
