/**
 * Text cut into pieces a speech engine says whole. Chrome stops an utterance after about 15 seconds of
 * speech, so no piece is longer than about 200 characters: pieces end at sentence ends, and a longer
 * sentence is cut at a clause (comma, semicolon, colon, dash), then at a space.
 */
export interface Piece {
  text: string;
  /** Where the piece starts in the paragraph's text, so word boundaries map back to it. */
  start: number;
}

export const MAX_PIECE = 200;

const SENTENCE_END = /[.!?…]+["'”’)\]]*\s+/g;
const CLAUSE_END = /[,;:—–]\s+/g;

export function splitForSpeech(text: string, max = MAX_PIECE): Piece[] {
  const pieces: Piece[] = [];
  for (const sentence of cut(text, 0, SENTENCE_END)) {
    if (sentence.text.length <= max) pieces.push(sentence);
    else for (const clause of cut(sentence.text, sentence.start, CLAUSE_END)) pieces.push(...bySpaces(clause, max));
  }
  return merge(text, pieces, max);
}

/** Splits after each match of `end`, keeping offsets; whitespace-only pieces are dropped. */
function cut(text: string, base: number, end: RegExp): Piece[] {
  const out: Piece[] = [];
  let from = 0;
  end.lastIndex = 0;
  for (let m = end.exec(text); m; m = end.exec(text)) {
    push(out, text.slice(from, m.index + m[0].length), base + from);
    from = m.index + m[0].length;
  }
  push(out, text.slice(from), base + from);
  return out;
}

function push(out: Piece[], raw: string, start: number) {
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text) out.push({ text, start: start + lead });
}

/** A clause still too long is cut at the last space before the limit (or at the limit, in one long word). */
function bySpaces(p: Piece, max: number): Piece[] {
  const out: Piece[] = [];
  let { text, start } = p;
  while (text.length > max) {
    const space = text.lastIndexOf(' ', max);
    const at = space > max / 2 ? space : max;
    push(out, text.slice(0, at), start);
    const rest = text.slice(at);
    start += at + (rest.length - rest.trimStart().length);
    text = rest.trimStart();
  }
  push(out, text, start);
  return out;
}

/** Short neighbours are joined again (fewer pauses between "Yes." and "No."), within the limit. */
function merge(source: string, pieces: Piece[], max: number): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    const end = p.start + p.text.length;
    if (last && end - last.start <= max && last.text.length + p.text.length < max / 2) {
      out[out.length - 1] = { text: source.slice(last.start, end), start: last.start };
    } else out.push(p);
  }
  return out;
}
