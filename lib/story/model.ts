/** The typed model of a story, shared by the build-time seed parser, the reader and the library. */

/** A run of text; `em` marks emphasis (for example Kyubey's telepathy, written `/like this/` in the seeds). */
export interface Span {
  text: string;
  em?: true;
}

export interface Paragraph {
  spans: Span[];
  words: number;
}

/** Paragraphs between two scene breaks. */
export interface Scene {
  paragraphs: Paragraph[];
}

export interface Section {
  /** Stable within a story: `s0`, `s1`, ... */
  id: string;
  /** The heading as written ("I", "Chapter 2: Rain"), or null for a story without headings. */
  heading: string | null;
  scenes: Scene[];
  words: number;
}

export type NoteKind = 'disclaimer' | 'warning' | 'summary' | 'authors-note' | 'copyright';

/** Text around the story that is not the story: front matter before it, end notes after it. */
export interface Note {
  kind: NoteKind;
  text: string;
}

export interface Story {
  /** The title line the text carries, if any. */
  title: string | null;
  frontMatter: Note[];
  sections: Section[];
  endNotes: Note[];
  /** Story words only; notes are not counted. */
  words: number;
  paragraphs: number;
  scenes: number;
  readingMinutes: number;
}

export type ParseErrorCode = 'empty' | 'not-text' | 'too-large';

export interface ParseError {
  code: ParseErrorCode;
  message: string;
}

export type ParseResult = { ok: true; story: Story } | { ok: false; error: ParseError };
