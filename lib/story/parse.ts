import { countWords, readingMinutes } from './counts';
import { parseInline } from './inline';
import type { Note, Paragraph, ParseResult, Scene, Section, Story } from './model';
import { isAuthorsNoteStart, isMetaCommentary, noteKind } from './notes';

/**
 * Seed text format: UTF-8 plain text; paragraphs separated by one blank line, scene breaks by two or more
 * (or by a line of symbols such as `* * *`). Optional front matter and title line before the story, optional
 * section headings (Roman numerals, "Chapter N"), optional author's notes after it.
 */

export const MAX_CHARS = 50_000_000;

interface RawParagraph {
  text: string;
  /** A scene break (two or more blank lines, or a symbol line) stands before this paragraph. */
  breakBefore: boolean;
}

// Control characters other than tab and line ends, and U+FFFD left by failed decoding.
const JUNK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g;
const SYMBOL_BREAK = /^(?:[\s*~#=+_.·•◇◆○●-]{3,}|(?:xXx|oOo|XxX|OoO)+)$/;
const HEADING = /^(?:(?:chapter|part|section)\s+(\d+|[ivxlc]+)\b[^\n]{0,70}|([IVXLC]+)\.?)$/i;
const TITLE_END = /[.,;:!?"”’'…)\]]$/;

export function parseStory(input: unknown): ParseResult {
  if (typeof input !== 'string') return fail('not-text', 'A story must be text.');
  if (input.length > MAX_CHARS) {
    return fail(
      'too-large',
      `The text is ${input.length.toLocaleString('en')} characters; the limit is ${MAX_CHARS.toLocaleString('en')}.`,
    );
  }
  const junk = input.match(JUNK)?.length ?? 0;
  if (junk > 0 && junk / input.length > 0.1) {
    return fail(
      'not-text',
      `This does not look like text: ${Math.round((junk / input.length) * 100)}% of it is control or undecodable characters.`,
    );
  }
  const raws = splitParagraphs(input.replace(/^\uFEFF/, '').replace(JUNK, ''));
  if (raws.length === 0) return fail('empty', 'The text is empty: there is nothing to read.');
  return { ok: true, story: build(raws) };
}

function fail(code: 'empty' | 'not-text' | 'too-large', message: string): ParseResult {
  return { ok: false, error: { code, message } };
}

function splitParagraphs(text: string): RawParagraph[] {
  const out: RawParagraph[] = [];
  let lines: string[] = [];
  let blanks = 0;
  let pendingBreak = false;
  const flush = () => {
    if (!lines.length) return;
    const joined = lines.join('\n');
    if (SYMBOL_BREAK.test(joined)) pendingBreak = true;
    else {
      out.push({ text: joined, breakBefore: out.length > 0 && pendingBreak });
      pendingBreak = false;
    }
    lines = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(/[\s\u00A0]+/g, ' ').trim();
    if (!trimmed) {
      blanks++;
      continue;
    }
    if (blanks > 0) {
      flush();
      if (blanks >= 2) pendingBreak = true;
    }
    blanks = 0;
    lines.push(trimmed);
  }
  flush();
  return out;
}

function build(raws: RawParagraph[]): Story {
  const headings = findHeadings(raws);
  let start = 0;
  let title: string | null = null;
  const frontMatter: Note[] = [];

  // Front matter: everything before the first heading, or the opening block when every line of it is a note.
  const firstHeading = headings[0];
  const zoneEnd = firstHeading ?? firstBreak(raws);
  if (zoneEnd > 0 && zoneEnd < raws.length) {
    const zone = raws.slice(0, zoneEnd).map((r) => r.text);
    const last = zone[zone.length - 1] as string;
    const titled = isTitleLike(last) && (firstHeading === undefined || raws[zoneEnd - 1]?.breakBefore);
    const notes = titled ? zone.slice(0, -1) : zone;
    const kinds = notes.map(noteKind);
    if (firstHeading !== undefined || kinds.every((k) => k !== null)) {
      notes.forEach((text, i) => {
        frontMatter.push({ kind: kinds[i] ?? 'summary', text });
      });
      if (titled) title = last;
      start = zoneEnd;
    }
  }

  const end = findEndNotes(raws, start, headings);
  const endNotes: Note[] = raws.slice(end).map((r) => ({ kind: noteKind(r.text) ?? 'authors-note', text: r.text }));

  const sections = buildSections(raws, start, end, headings);
  let words = 0;
  let paragraphs = 0;
  let scenes = 0;
  for (const s of sections) {
    words += s.words;
    scenes += s.scenes.length;
    for (const sc of s.scenes) paragraphs += sc.paragraphs.length;
  }
  return { title, frontMatter, sections, endNotes, words, paragraphs, scenes, readingMinutes: readingMinutes(words) };
}

function firstBreak(raws: RawParagraph[]): number {
  const i = raws.findIndex((r) => r.breakBefore);
  return i === -1 ? raws.length : i;
}

function isTitleLike(text: string): boolean {
  return (
    text.length <= 80 &&
    countWords(text) <= 10 &&
    /\p{L}/u.test(text) &&
    !TITLE_END.test(text) &&
    !/^["“'‘]/.test(text) &&
    noteKind(text) === null &&
    !HEADING.test(text)
  );
}

/** Indexes of section headings, accepted only as a numbered run 1, 2, 3... of at least two. */
function findHeadings(raws: RawParagraph[]): number[] {
  const found: number[] = [];
  let expected = 1;
  raws.forEach((r, i) => {
    const m = HEADING.exec(r.text);
    if (!m) return;
    if ((m[2] ?? '') && m[2] !== m[2]?.toUpperCase()) return;
    const n = numberOf(m[1] ?? m[2] ?? '');
    if (n === expected) {
      found.push(i);
      expected++;
    }
  });
  return found.length >= 2 ? found : [];
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

function numberOf(token: string): number {
  if (/^\d+$/.test(token)) return Number(token);
  const up = token.toUpperCase();
  let total = 0;
  for (let i = 0; i < up.length; i++) {
    const v = ROMAN[up[i] as string] ?? 0;
    const next = ROMAN[up[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** Index where the end notes begin (raws.length when there are none). */
function findEndNotes(raws: RawParagraph[], start: number, headings: number[]): number {
  // The last scene: from the last scene break or heading to the end.
  let lastScene = start;
  for (let i = raws.length - 1; i > start; i--) {
    if (raws[i]?.breakBefore || headings.includes(i)) {
      lastScene = i;
      break;
    }
  }
  // An announced note ("AN: ...") among the closing paragraphs of the last scene.
  for (let i = Math.max(lastScene, raws.length - 6); i < raws.length; i++) {
    if (isAuthorsNoteStart(raws[i]?.text ?? '') && i > start) return i;
  }
  // A closing scene that talks to readers about the story, when it is not the story's only scene.
  const isHeading = headings.includes(lastScene);
  if (lastScene > start && !isHeading && isMetaCommentary(raws.slice(lastScene).map((r) => r.text))) {
    return lastScene;
  }
  return raws.length;
}

function buildSections(raws: RawParagraph[], start: number, end: number, headings: number[]): Section[] {
  const bounds = headings.length ? headings.filter((h) => h >= start && h < end) : [];
  const ranges: { heading: string | null; from: number; to: number }[] = [];
  if (!bounds.length) ranges.push({ heading: null, from: start, to: end });
  else {
    bounds.forEach((h, i) => {
      ranges.push({ heading: raws[h]?.text ?? null, from: h + 1, to: bounds[i + 1] ?? end });
    });
  }
  return ranges.map(({ heading, from, to }, i) => {
    const scenes: Scene[] = [];
    let words = 0;
    let current: Paragraph[] = [];
    for (let j = from; j < to; j++) {
      const raw = raws[j] as RawParagraph;
      if (raw.breakBefore && current.length && j > from) {
        scenes.push({ paragraphs: current });
        current = [];
      }
      const w = countWords(raw.text);
      words += w;
      current.push({ spans: parseInline(raw.text), words: w });
    }
    if (current.length) scenes.push({ paragraphs: current });
    return { id: `s${i}`, heading, scenes, words };
  });
}
