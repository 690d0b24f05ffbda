import { describe, expect, it } from 'vitest';
import { MAX_PIECE, splitForSpeech } from '../../lib/speech/pieces';
import { createReadAloud, pickVoice, voicesOf, type ReadAloudOptions, type SpokenParagraph } from '../../lib/speech/read-aloud';
import { FakeSpeech, makeUtterance, TEST_VOICES } from '../support/fake-speech';

const LONG =
  'Homura ran the loop again, and again, and again, each time a little colder, each time a little more sure that ' +
  'the next one would be the one where everything finally held together for once, where Madoka would live, where ' +
  'the city would stand, where nobody would have to make a contract with a smiling white cat in the rain at night.';

describe('splitting text for speech', () => {
  it('keeps every piece within the limit, cut at sentence ends first', () => {
    const text = `Short one. ${LONG} Another short one! And a question?`;
    const pieces = splitForSpeech(text);
    for (const p of pieces) expect(p.text.length).toBeLessThanOrEqual(MAX_PIECE);
    expect(pieces[0]?.text.startsWith('Short one.')).toBe(true);
    expect(pieces.at(-1)?.text.endsWith('And a question?')).toBe(true);
  });

  it('loses no word and maps every piece back to where it starts in the paragraph', () => {
    const text = `“Are you sure?” she asked.  ${LONG}\nYes. No. Maybe…  Then nothing.`;
    const pieces = splitForSpeech(text);
    for (const p of pieces) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
    expect(
      pieces
        .map((p) => p.text)
        .join(' ')
        .split(/\s+/),
    ).toEqual(text.trim().split(/\s+/));
  });

  it('joins short sentences into one piece, and cuts a word longer than the limit at the limit', () => {
    expect(splitForSpeech('Yes. No. Maybe.')).toEqual([{ text: 'Yes. No. Maybe.', start: 0 }]);
    const word = 'a'.repeat(450);
    expect(splitForSpeech(word).map((p) => p.text.length)).toEqual([200, 200, 50]);
  });
});

function reader(paragraphs: SpokenParagraph[], fake = new FakeSpeech(), extra: Partial<ReadAloudOptions> = {}) {
  const events: string[] = [];
  const words: [number, number][] = [];
  const r = createReadAloud({
    engine: fake,
    makeUtterance,
    paragraphs,
    voice: TEST_VOICES[0] ?? null,
    rate: 1,
    lang: 'en',
    pauseResumes: true,
    onParagraph: (i) => events.push(`p${i}`),
    onWord: (i, start) => words.push([i, start]),
    onState: (s) => events.push(s),
    onEnd: () => events.push('end'),
    onError: (e) => events.push(`error:${e}`),
    ...extra,
  });
  return { r, fake, events, words };
}

const story: SpokenParagraph[] = [
  { text: 'Disclaimer: not mine.', skip: true },
  { text: 'The first paragraph of the story.', skip: false },
  { text: 'An author’s note in the middle.', skip: true },
  { text: 'The second paragraph. It has two sentences.', skip: false },
  { text: 'The last one.', skip: false },
];

describe('reading aloud', () => {
  it('reads paragraph after paragraph from the one asked for, skipping notes, cancelling before each speak', () => {
    const { r, fake, events } = reader(story);
    r.play(0);
    fake.advance(60_000);
    expect(fake.spoken).toEqual(['The first paragraph of the story.', 'The second paragraph. It has two sentences.', 'The last one.']);
    expect(events).toEqual(['playing', 'p1', 'p3', 'p4', 'stopped', 'end']);
    const speaks = fake.log.flatMap((l, i) => (l.startsWith('speak:') ? [i] : []));
    for (const i of speaks) expect(fake.log[i - 1]).toBe('cancel');
  });

  it('reads notes too when "story only" is off', () => {
    const { r, fake } = reader(story.map((p) => ({ ...p, skip: false })));
    r.play(0);
    fake.advance(60_000);
    expect(fake.spoken).toHaveLength(5);
  });

  it('says a long paragraph in pieces short enough for Chrome’s 15-second cut', () => {
    const fake = new FakeSpeech({ stallAfterMs: 15_000 });
    const { r, events } = reader(
      [
        { text: LONG, skip: false },
        { text: 'After.', skip: false },
      ],
      fake,
    );
    r.play(0);
    fake.advance(120_000);
    expect(fake.spoken.length).toBeGreaterThan(1);
    expect(fake.spoken.join(' ')).toBe(`${LONG} After.`);
    expect(events.at(-1)).toBe('end');
  });

  it('would stall on one long utterance (the fake reproduces the cut the pieces avoid)', () => {
    const fake = new FakeSpeech({ stallAfterMs: 15_000 });
    const u = makeUtterance(LONG.repeat(2));
    let ended = false;
    u.onend = () => (ended = true);
    fake.speak(u);
    fake.advance(120_000);
    expect(ended).toBe(false);
  });

  it('reports each word with its offset in the paragraph, across pieces', () => {
    const { r, fake, words } = reader([{ text: LONG, skip: false }]);
    r.play(0);
    fake.advance(120_000);
    const starts = words.map(([, s]) => s);
    expect(starts).toEqual([...LONG.matchAll(/\S+/g)].map((m) => m.index));
  });

  it('pauses on the paragraph being read, and resumes there', () => {
    const { r, fake, events } = reader(story);
    r.play(1);
    fake.advance(4000); // into the second paragraph read aloud
    r.pause();
    expect(r.current).toBe(3);
    expect(r.state).toBe('paused');
    const before = fake.spoken.length;
    fake.advance(60_000);
    expect(fake.spoken.length).toBe(before); // nothing while paused
    r.resume();
    fake.advance(60_000);
    expect(events.slice(-2)).toEqual(['stopped', 'end']);
    expect(fake.log).toContain('pause');
  });

  it('where pause() does nothing (Firefox on Linux), pausing cancels and resuming restarts the paragraph', () => {
    const fake = new FakeSpeech({ pauseWorks: false });
    const { r } = reader(story, fake, { pauseResumes: false });
    r.play(3);
    fake.advance(1500);
    r.pause();
    fake.advance(60_000);
    expect(fake.spoken).toEqual([]);
    r.resume();
    fake.advance(60_000);
    expect(fake.spoken[0]).toBe('The second paragraph. It has two sentences.');
    expect(fake.log.filter((l) => l === 'pause')).toEqual([]);
  });

  it('goes to the next and previous paragraph read aloud, ignoring the interrupted one’s events', () => {
    const { r, fake, events } = reader(story);
    r.play(1);
    fake.advance(500);
    r.next();
    expect(r.current).toBe(3);
    r.previous();
    expect(r.current).toBe(1);
    fake.advance(60_000);
    expect(fake.spoken).toEqual(['The first paragraph of the story.', 'The second paragraph. It has two sentences.', 'The last one.']);
    expect(events.filter((e) => e.startsWith('error'))).toEqual([]);
  });

  it('stops on an engine error and says so', () => {
    const fake = new FakeSpeech();
    const { r, events } = reader(story, fake);
    r.play(1);
    const u = (fake as unknown as { current: { u: { onerror: (e: { error: string }) => void } } }).current.u;
    u.onerror({ error: 'synthesis-failed' });
    expect(r.state).toBe('stopped');
    expect(events).toContain('error:synthesis-failed');
  });
});

describe('voices', () => {
  it('waits for voices that load late', async () => {
    const fake = new FakeSpeech({ lateVoices: true });
    const got = voicesOf(fake, 10_000);
    fake.loadVoices();
    expect((await got).map((v) => v.lang)).toEqual(['en-US', 'de-DE']);
  });

  it('asks again after a timeout when no voiceschanged comes, and gives an empty list when none exist', async () => {
    const fake = new FakeSpeech({ voices: [], lateVoices: true });
    expect(await voicesOf(fake, 5)).toEqual([]);
  });

  it('keeps the chosen voice, else takes the default of the story’s language', () => {
    expect(pickVoice(TEST_VOICES, 'de', 'en')?.voiceURI).toBe('de');
    expect(pickVoice(TEST_VOICES, 'gone', 'de-AT')?.voiceURI).toBe('de');
    expect(pickVoice(TEST_VOICES, null, 'fr')?.voiceURI).toBe('en-us');
    expect(pickVoice([], null, 'en')).toBeNull();
  });
});
