import type { Story } from './story/model';
import { splitStory, type StoryOutline } from './story/outline';
import { parseStory } from './story/parse';
import { spansText } from './story/inline';

/** One entry of seeds/catalog.json, written by hand. */
export interface SeedMeta {
  id: string;
  file: string;
  title: string;
  /** False when the title is our display title because the author's is unknown. */
  titleIsAuthors: boolean;
  fandom: string;
  source: { site: string; url: string | null };
  characters: string[];
  /** Only warnings the text itself states. */
  warnings: string[];
  summary: string;
  summaryIsAuthors: boolean;
}

/** What the library list needs about a bundled story; no story text beyond a short excerpt. */
export interface CatalogEntry extends Omit<SeedMeta, 'file'> {
  words: number;
  readingMinutes: number;
  paragraphs: number;
  sections: number;
  excerpt: string;
}

/** A parsed seed with its catalog entry (build time). */
export interface StoryData {
  entry: CatalogEntry;
  story: Story;
}

/** The first file the reader loads for a story: its entry and outline, no paragraph text. */
export interface StoryFile {
  entry: CatalogEntry;
  outline: StoryOutline;
}

/** A bundled story's id: lowercase letters and digits in hyphen-separated runs (also its file names). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Where a story's files are inside the extension (see modules/seeds.ts). */
export const storyPath = (id: string) => `/data/stories/${id}.json`;
export const chunkPath = (id: string, chunk: number) => `/data/stories/${id}/${chunk}.json`;

/** The files a story ships as: the outline file, then one file of blocks per chunk. */
export function storyFiles({ entry, story }: StoryData): { path: string; contents: string }[] {
  const { outline, chunks } = splitStory(story);
  const file: StoryFile = { entry, outline };
  return [
    { path: storyPath(entry.id), contents: JSON.stringify(file) },
    ...chunks.map((blocks, i) => ({ path: chunkPath(entry.id, i), contents: JSON.stringify(blocks) })),
  ];
}

export const EXCERPT_CHARS = 160;

export function excerptOf(story: Story): string {
  const first = story.sections[0]?.scenes[0]?.paragraphs[0];
  const text = first ? spansText(first.spans) : '';
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.slice(0, EXCERPT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`;
}

/** Parses every seed; a seed that does not parse stops the build with its file name and the reason. */
export function buildSeedData(metas: readonly SeedMeta[], readText: (file: string) => string): StoryData[] {
  const seen = new Set<string>();
  return metas.map((meta) => {
    if (!SLUG.test(meta.id)) throw new Error(`Seed id "${meta.id}" is not a lowercase slug.`);
    if (seen.has(meta.id)) throw new Error(`Seed id "${meta.id}" appears twice in the catalog.`);
    seen.add(meta.id);
    const result = parseStory(readText(meta.file));
    if (!result.ok) throw new Error(`Seed ${meta.file} (${meta.id}): ${result.error.message}`);
    const { story } = result;
    const { file: _file, ...rest } = meta;
    const entry: CatalogEntry = {
      ...rest,
      words: story.words,
      readingMinutes: story.readingMinutes,
      paragraphs: story.paragraphs,
      sections: story.sections.length,
      excerpt: excerptOf(story),
    };
    return { entry, story };
  });
}
