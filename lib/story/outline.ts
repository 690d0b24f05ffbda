import { chunkStory, type Block } from './chunks';
import type { Note, Story } from './model';

/**
 * A bundled story as the reader loads it: a small outline first (everything but the paragraphs' text), then
 * the chunks of text it needs, the one holding the saved position first. A 500,000-word story is a 3.4 MB
 * file; its outline is a few dozen kilobytes.
 */
export interface StoryOutline {
  title: string | null;
  frontMatter: Note[];
  endNotes: Note[];
  sections: OutlineSection[];
  /** Words of paragraph n, for every paragraph of the story in order. */
  paragraphWords: number[];
  /** The chunks the text is split into, in order; chunk i is loaded from its own file. */
  chunks: ChunkRange[];
  words: number;
  paragraphs: number;
  readingMinutes: number;
}

export interface OutlineSection {
  id: string;
  heading: string | null;
  /** Paragraphs in the section (all its scenes). */
  paragraphs: number;
  words: number;
}

/** Paragraph numbers first..last inclusive (last < first when the chunk holds none) and their words. */
export interface ChunkRange {
  first: number;
  last: number;
  words: number;
}

/** Splits a parsed story into its outline and the blocks of each chunk (done at build time). */
export function splitStory(story: Story): { outline: StoryOutline; chunks: Block[][] } {
  const chunks = chunkStory(story);
  const outline: StoryOutline = {
    title: story.title,
    frontMatter: story.frontMatter,
    endNotes: story.endNotes,
    sections: story.sections.map((s) => ({
      id: s.id,
      heading: s.heading,
      paragraphs: s.scenes.reduce((n, scene) => n + scene.paragraphs.length, 0),
      words: s.words,
    })),
    paragraphWords: story.sections.flatMap((s) => s.scenes.flatMap((scene) => scene.paragraphs.map((p) => p.words))),
    chunks: chunks.map(({ first, last, words }) => ({ first, last, words })),
    words: story.words,
    paragraphs: story.paragraphs,
    readingMinutes: story.readingMinutes,
  };
  return { outline, chunks: chunks.map((c) => c.blocks) };
}

/** The outline of a story in memory (tests, and any view that has the whole story). */
export function outlineOf(story: Story): StoryOutline {
  return splitStory(story).outline;
}
