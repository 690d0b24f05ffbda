import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Story } from '../../../lib/story/model';
import { parseStory } from '../../../lib/story/parse';
import { spansText } from '../../../lib/story/inline';

const seed = (file: string) => readFileSync(new URL(`../../../seeds/${file}`, import.meta.url), 'utf8');

function parsed(text: string): Story {
  const r = parseStory(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.story;
}

const paragraphs = (s: Story) => s.sections.flatMap((x) => x.scenes.flatMap((y) => y.paragraphs));
const firstText = (s: Story) => spansText(paragraphs(s)[0]?.spans ?? []);
const lastText = (s: Story) => spansText(paragraphs(s).at(-1)?.spans ?? []);

/*
 * Expectations checked by hand against the files: paragraph and scene counts by reading the blank-line
 * structure (awk), word counts by `tr -s ' \n' | grep -c '[[:alnum:]]'` over the story lines only, which
 * is the same definition of a word (a token with a letter or digit) reached by other means.
 */
describe('parseStory on the five seeds', () => {
  it('000: a one-line disclaimer apart from a single-scene story', () => {
    const s = parsed(seed('000_eb6b9511fea1d9f7.txt'));
    expect(s.title).toBeNull();
    expect(s.frontMatter).toEqual([{ kind: 'disclaimer', text: 'I own nothing.' }]);
    expect(s.sections).toHaveLength(1);
    expect(s.scenes).toBe(1);
    expect(s.paragraphs).toBe(20);
    expect(s.words).toBe(525);
    expect(s.readingMinutes).toBe(2);
    expect(firstText(s)).toMatch(/^The stars glitter coldly\./);
    expect(lastText(s)).toBe("So her broken heart won't let her complain.");
    expect(s.endNotes).toEqual([]);
  });

  it('001: 106 scene breaks, telepathy as emphasis, the closing AN kept apart', () => {
    const s = parsed(seed('001_5cebb5f9b32d6d68.txt'));
    expect(s.frontMatter).toEqual([]);
    expect(s.scenes).toBe(107);
    expect(s.paragraphs).toBe(684);
    expect(s.words).toBe(9050);
    expect(firstText(s)).toMatch(/^It's been building for a while now;/);
    expect(lastText(s)).toBe('"Yeah," she says softly. "Just you and I, Homura-chan."');
    expect(s.endNotes).toHaveLength(1);
    expect(s.endNotes[0]).toMatchObject({ kind: 'authors-note' });
    expect(s.endNotes[0]?.text).toMatch(/^AN: I wanted something where they wandered aimlessly\./);
    const ems = paragraphs(s).flatMap((p) => p.spans.filter((x) => x.em));
    expect(ems).toHaveLength(37);
    expect(ems[0]?.text).toBe('You two are very peculiar');
    expect(ems.every((e) => !e.text.includes('/'))).toBe(true);
  });

  it('002: summary and spoiler note, sections I to V, closing notes excluded from counts', () => {
    const s = parsed(seed('002_9e575af7a356abc5.txt'));
    expect(s.frontMatter.map((n) => n.kind)).toEqual(['summary', 'warning']);
    expect(s.frontMatter[0]?.text).toMatch(/^Shattered, stained, distorted, splintered\./);
    expect(s.frontMatter[1]?.text).toMatch(/^\*SPOILER\*/);
    expect(s.sections.map((x) => x.heading)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(s.sections.map((x) => x.words)).toEqual([1105, 1408, 1038, 1190, 16]);
    expect(s.words).toBe(4757);
    expect(s.scenes).toBe(5);
    expect(firstText(s)).toMatch(/^Sayaka has slept over at Madoka's place/);
    expect(lastText(s)).toBe('They had glass hearts, all of them, and Sayaka had somehow managed to shatter every one.');
    expect(s.endNotes).toHaveLength(6);
    expect(s.endNotes[0]?.text).toMatch(/^Haha, you probably didn't understand/);
    expect(s.endNotes.at(-1)?.text).toMatch(/^So, yeah\. If you liked it, drop a review\./);
  });

  it('003: one story body, no notes', () => {
    const s = parsed(seed('003_1a361e2618d09ff3.txt'));
    expect(s.frontMatter).toEqual([]);
    expect(s.endNotes).toEqual([]);
    expect(s.scenes).toBe(1);
    expect(s.paragraphs).toBe(75);
    expect(s.words).toBe(2945); // wc -w says 2961: sixteen of its tokens are a lone "—"
    expect(firstText(s)).toMatch(/^As Madoka Kaname entered the dessert shop,/);
    expect(lastText(s)).toBe('There never would be.');
  });

  it('004: four front-matter notes by kind, then the title line "Never Alone"', () => {
    const s = parsed(seed('004_cd34a7f423a6a87e.txt'));
    expect(s.title).toBe('Never Alone');
    expect(s.frontMatter.map((n) => n.kind)).toEqual(['authors-note', 'warning', 'disclaimer', 'copyright']);
    expect(s.scenes).toBe(2);
    expect(s.paragraphs).toBe(41);
    expect(s.words).toBe(880);
    expect(firstText(s)).toBe('"Take care of her for me, will ya?"');
    expect(lastText(s)).toBe('. . .you will never be alone again, my love.');
  });
});

describe('telepathy marks', () => {
  const ems = (t: string) => parsed(t).sections[0]?.scenes[0]?.paragraphs[0]?.spans ?? [];
  it.each([
    ['and/or', 'Tea and/or cake.'],
    ['a date', 'It was 1/2/2012 then.'],
    ['a URL', 'See https://example.org/a/b/ for more.'],
    ['a fraction', 'Only 3/4 of it.'],
    ['a lone slash', 'Either / or.'],
  ])('leaves %s alone', (_, text) => {
    expect(ems(text)).toEqual([{ text }]);
  });
  it('marks two telepathic phrases in one paragraph', () => {
    expect(ems('/Hello/ she heard, then /Goodbye./')).toEqual([
      { text: 'Hello', em: true },
      { text: ' she heard, then ' },
      { text: 'Goodbye.', em: true },
    ]);
  });
});

describe('bad input gives a Story or a clear error', () => {
  it.each([
    ['empty text', ''],
    ['whitespace only', ' \n\t\n  \r\n'],
  ])('%s: error "empty"', (_, text) => {
    const r = parseStory(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('empty');
      expect(r.error.message).toMatch(/empty/);
    }
  });

  it('CRLF line ends parse like LF', () => {
    const lf = seed('004_cd34a7f423a6a87e.txt');
    expect(parsed(lf.replace(/\n/g, '\r\n'))).toEqual(parsed(lf));
  });

  it('a byte-order mark is dropped', () => {
    const s = parsed('\uFEFFOne.\n\nTwo.');
    expect(firstText(s)).toBe('One.');
    expect(s.paragraphs).toBe(2);
  });

  it('scattered NUL bytes are removed, not kept in the text', () => {
    const s = parsed('He\u0000llo there.\n\nSecond\u0000 one.');
    expect(firstText(s)).toBe('Hello there.');
    expect(lastText(s)).toBe('Second one.');
  });

  it('binary junk: error "not-text"', () => {
    // What reading an image or archive as UTF-8 gives: control characters and U+FFFD everywhere.
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    const r = parseStory(new TextDecoder().decode(bytes));
    expect(r).toMatchObject({ ok: false, error: { code: 'not-text' } });
  });

  it('not a string: error "not-text"', () => {
    expect(parseStory(42)).toMatchObject({ ok: false, error: { code: 'not-text' } });
  });

  it('more than the limit: error "too-large"', () => {
    expect(parseStory('a'.repeat(50_000_001))).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });
});
