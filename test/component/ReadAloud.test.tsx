import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { storyPage, textNote, textPart } from '../support/story-page';
import { glass, glassSource, renderPageReader, renderStoryReader } from '../support/reader';
import type { Place } from '../../components/Reader';
import { indexOutline, positionAt } from '../../lib/position';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { splitForSpeech } from '../../lib/speech/pieces';
import type { Block } from '../../lib/story/chunks';
import type { Utterance } from '../../lib/speech/read-aloud';
import { FakeSpeech, makeUtterance, TEST_VOICES, type FakeSpeechOptions } from '../support/fake-speech';

// The read-aloud keys and buttons are driven with fireEvent (untrusted in jsdom), so the trust gate is set
// aside here; the settings tests run it (test/component/trusted-input.ts), and so do real browsers
// (test/e2e/page-isolation.e2e.test.ts).
vi.mock('../../components/trusted', () => ({ trusted: <E,>(handler: (e: E) => void) => handler, isTrustedInput: () => true }));

// Glass Hearts: a summary and a warning before the story, sections I to V in several chunks.
const { outline, chunks } = glass;
const index = indexOutline(outline);
const firstOf = (section: number) => index.address.findIndex((a) => a.part === section);
/** The reader's place at the start of paragraph n (its number across the story). */
const glassPlace = (n: number) => glassSource.placeOf(positionAt(index, n, 0));
const allChunks = new Map(chunks.map((c, i) => [i, c as Block[]]));

/** The reader reading Glass Hearts, once all of it is drawn (the paragraphs read aloud are read off the page). */
async function renderReading(
  o: {
    speech?: FakeSpeechOptions;
    settings?: Partial<Settings>;
    initial?: number | null;
    pauseResumes?: boolean;
    mediaSession?: MediaSession;
  } = {},
) {
  const fake = new FakeSpeech(o.speech);
  const made: Utterance[] = [];
  const view = renderStoryReader({
    initial: o.initial == null ? null : positionAt(index, o.initial, 0),
    given: allChunks,
    settings: { ...DEFAULT_SETTINGS, ...o.settings },
    speech: {
      engine: fake,
      makeUtterance: (text) => {
        const u = makeUtterance(text);
        made.push(u);
        return u;
      },
      pauseResumes: o.pauseResumes ?? true,
      mediaSession: o.mediaSession,
    },
  });
  await waitFor(() => expect(view.onComplete).toHaveBeenCalled());
  return { ...view, fake, made };
}

/** What the engine is asked to say for paragraph n, read off the drawn paragraph. */
const piecesOf = (n: number) => splitForSpeech(document.querySelector(`[data-p="${n}"]`)!.textContent ?? '').map((p) => p.text);
/** Lets speech time pass until the engine has said `count` utterances. */
function speakUntil(fake: FakeSpeech, count: number) {
  for (let i = 0; i < 10_000 && fake.spoken.length < count; i++) act(() => fake.advance(100));
}
const play = () => fireEvent.click(screen.getByRole('button', { name: 'Read aloud' }));

describe('reading aloud in the reader', () => {
  it('starts at the paragraph at the reading line and reads paragraph after paragraph, marking the one being read', async () => {
    const n = firstOf(2) + 3;
    const { fake } = await renderReading({ initial: n });
    play();
    await screen.findByRole('button', { name: 'Pause' });
    const expected = [...piecesOf(n), ...piecesOf(n + 1), ...piecesOf(n + 2)];
    expect(document.querySelector('.reading-aloud')?.getAttribute('data-p')).toBe(String(n));
    speakUntil(fake, piecesOf(n).length);
    expect(document.querySelector('.reading-aloud')?.getAttribute('data-p')).toBe(String(n + 1));
    speakUntil(fake, expected.length);
    expect(fake.spoken).toEqual(expected);
    expect(document.querySelectorAll('.reading-aloud')).toHaveLength(1);
    expect(fake.log.filter((l) => l.startsWith('speak:'))[0]).toBe(`speak:${piecesOf(n)[0]}`);
  });

  it('pausing saves the place at the paragraph being read, offset 0; resuming goes on', async () => {
    const n = firstOf(1) + 2;
    const { fake, onPosition } = await renderReading({ initial: n });
    play();
    await screen.findByRole('button', { name: 'Pause' });
    speakUntil(fake, piecesOf(n).length + 1); // into the next paragraph
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(onPosition.mock.calls.at(-1)?.[0]).toMatchObject({ place: glassPlace(n + 1), atEnd: false });
    expect(fake.paused).toBe(true);
    const said = fake.spoken.length;
    act(() => fake.advance(60_000));
    expect(fake.spoken).toHaveLength(said);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    speakUntil(fake, said + 1);
    expect(fake.spoken.length).toBeGreaterThan(said);
  });

  it('where pause() does nothing (Firefox on Linux) pausing cancels and resuming says the paragraph again', async () => {
    const n = firstOf(1);
    const { fake, onPosition } = await renderReading({ initial: n + 1, speech: { pauseWorks: false }, pauseResumes: false });
    play();
    await screen.findByRole('button', { name: 'Pause' });
    act(() => fake.advance(300));
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(onPosition.mock.calls.at(-1)?.[0].place).toEqual(glassPlace(n + 1));
    expect(fake.speaking).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(fake.log.at(-1)).toBe(`speak:${piecesOf(n + 1)[0]}`);
  });

  it('"story only" skips the notes before the story; without it they are read first', async () => {
    const a = await renderReading();
    play();
    await screen.findByRole('button', { name: 'Pause' });
    expect(a.fake.log.find((l) => l.startsWith('speak:'))).toBe(`speak:${piecesOf(0)[0]}`);
    a.unmount();

    const b = await renderReading({ settings: { storyOnly: false } });
    play();
    await screen.findByRole('button', { name: 'Pause' });
    const summary = outline.frontMatter[0]!.text;
    expect(b.fake.log.find((l) => l.startsWith('speak:'))).toBe(`speak:${splitForSpeech(summary)[0]!.text}`);
    expect(document.querySelector('.reading-aloud')?.closest('.front-matter')).not.toBeNull();
  });

  it('with no voice installed the button says how to get one', async () => {
    const { fake } = await renderReading({ speech: { voices: [] } });
    play();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/No voice.*speech-dispatcher.*espeak-ng.*restart the browser/);
    expect(fake.log.some((l) => l.startsWith('speak:'))).toBe(false);
    expect(screen.getByRole('button', { name: 'Read aloud' })).toBeTruthy();
  });

  it('voices that load late are waited for', async () => {
    const { fake } = await renderReading({ speech: { lateVoices: true } });
    play();
    act(() => fake.loadVoices());
    await screen.findByRole('button', { name: 'Pause' });
    expect(fake.log.find((l) => l.startsWith('speak:'))).toBe(`speak:${piecesOf(0)[0]}`);
  });

  it('keys: s starts and pauses, . and , move a paragraph while reading', async () => {
    const n = firstOf(3);
    const { fake } = await renderReading({ initial: n });
    fireEvent.keyDown(window, { key: '.' }); // nothing while not reading
    expect(fake.log).toHaveLength(0);
    fireEvent.keyDown(window, { key: 's' });
    await screen.findByRole('button', { name: 'Pause' });
    fireEvent.keyDown(window, { key: '.' });
    expect(fake.log.at(-1)).toBe(`speak:${piecesOf(n + 1)[0]}`);
    fireEvent.keyDown(window, { key: ',' });
    expect(fake.log.at(-1)).toBe(`speak:${piecesOf(n)[0]}`);
    fireEvent.keyDown(window, { key: 's' });
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('the voice and rate from the settings are used; the settings panel lists the voices', async () => {
    const { made, onSettings } = await renderReading({ settings: { voice: 'de', rate: 1.5 } });
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const select = await screen.findByRole('combobox', { name: 'Voice' });
    await waitFor(() =>
      expect([...select.querySelectorAll('option')].map((o) => o.value)).toEqual(['', ...TEST_VOICES.map((v) => v.voiceURI)]),
    );
    fireEvent.change(select, { target: { value: 'en-us' } });
    expect(onSettings).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, voice: 'en-us', rate: 1.5 });
    fireEvent.click(screen.getByRole('checkbox', { name: /story only/ }));
    expect(onSettings).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, voice: 'de', rate: 1.5, storyOnly: false });
    play();
    await screen.findByRole('button', { name: 'Pause' });
    expect(made[0]).toMatchObject({ voice: TEST_VOICES[1], rate: 1.5, lang: 'de-DE' });
  });

  it('closing the view stops speech', async () => {
    const { fake } = await renderReading();
    play();
    await screen.findByRole('button', { name: 'Pause' });
    expect(fake.speaking).toBe(true);
    act(() => {
      dispatchEvent(new Event('pagehide'));
    });
    expect(fake.speaking).toBe(false);
    expect(fake.log.at(-1)).toBe('cancel');
  });

  it('goes on across sections: the last paragraph of I, then the first of II', async () => {
    const last = firstOf(1) - 1;
    const { fake } = await renderReading({ initial: last });
    play();
    await screen.findByRole('button', { name: 'Pause' });
    speakUntil(fake, piecesOf(last).length + 1);
    expect(fake.spoken.at(-1)).toBe(piecesOf(firstOf(1))[0]);
    expect(document.querySelector('.reading-aloud')?.getAttribute('data-p')).toBe(String(firstOf(1)));
  });

  it('the Media Session gets the story title and play, pause, previous and next track', async () => {
    const handlers = new Map<string, (() => void) | null>();
    const session = {
      metadata: null,
      playbackState: 'none',
      setActionHandler: (a: string, h: (() => void) | null) => handlers.set(a, h),
    } as unknown as MediaSession;
    globalThis.MediaMetadata ??= class {
      title: string;
      constructor(init: { title: string }) {
        this.title = init.title;
      }
    } as unknown as typeof MediaMetadata;
    const n = firstOf(2);
    const { fake, onPosition } = await renderReading({ initial: n, mediaSession: session });
    expect([...handlers.keys()].sort()).toEqual(['nexttrack', 'pause', 'play', 'previoustrack']);
    play();
    await screen.findByRole('button', { name: 'Pause' });
    await waitFor(() => expect(session.metadata?.title).toBe('Glass Hearts'));
    expect(session.playbackState).toBe('playing');
    act(() => handlers.get('nexttrack')?.());
    expect(fake.log.at(-1)).toBe(`speak:${piecesOf(n + 1)[0]}`);
    act(() => handlers.get('previoustrack')?.());
    expect(fake.log.at(-1)).toBe(`speak:${piecesOf(n)[0]}`);
    act(() => handlers.get('pause')?.());
    expect(onPosition.mock.calls.at(-1)?.[0].place).toEqual(glassPlace(n));
    await waitFor(() => expect(session.playbackState).toBe('paused'));
    act(() => handlers.get('play')?.());
    await waitFor(() => expect(session.playbackState).toBe('playing'));
  });
});

/** A restyled chapter page of `n` short paragraphs with a note before them and a next chapter. */
const chapterPage = (n: number) =>
  storyPage({
    site: 'ffn',
    url: 'https://www.fanfiction.net/s/1/2/Lanterns',
    storyUrl: 'https://www.fanfiction.net/s/1/1/Lanterns',
    title: 'Lanterns',
    parts: [
      textPart(
        2,
        Array.from({ length: n }, (_, p) => `Paragraph ${p} of the chapter.`),
        [textNote('chapter-notes', 'A note before.')],
      ),
    ],
    links: { next: 'https://www.fanfiction.net/s/1/3/Lanterns' },
  });

function renderRestyled(o: { initial?: Place | null; settings?: Partial<Settings> } = {}) {
  const fake = new FakeSpeech();
  const view = renderPageReader(chapterPage(6), {
    initial: o.initial ?? null,
    settings: { ...DEFAULT_SETTINGS, ...o.settings },
    speech: { engine: fake, makeUtterance, pauseResumes: true, mediaSession: null },
  });
  return { ...view, fake };
}

describe('reading aloud in a restyled chapter', () => {
  it('starts at the paragraph at the reading line, reads on in order marking each, and pausing saves the place there', async () => {
    const { fake, onPosition } = renderRestyled({ initial: { part: 0, p: 2, offset: 0.4 } });
    play();
    await screen.findByRole('button', { name: 'Pause' });
    expect(document.querySelector('.reading-aloud')?.getAttribute('data-p')).toBe('2');
    speakUntil(fake, 1);
    expect(document.querySelector('.reading-aloud')?.getAttribute('data-p')).toBe('3');
    speakUntil(fake, 2);
    expect(fake.spoken).toEqual(['Paragraph 2 of the chapter.', 'Paragraph 3 of the chapter.']);
    // Paragraph 4 is being read when the reader pauses: that is the place kept.
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(onPosition.mock.calls.at(-1)?.[0].place).toEqual({ part: 0, p: 4, offset: 0 });
    expect(document.querySelectorAll('.reading-aloud')).toHaveLength(1);
  });

  it('reads the note before the chapter unless "story only", and offers the next chapter at the end', async () => {
    const { fake } = renderRestyled({ settings: { storyOnly: false } });
    play();
    await screen.findByRole('button', { name: 'Pause' });
    speakUntil(fake, 7);
    expect(fake.spoken[0]).toBe('A note before.');
    expect(fake.spoken.slice(1)).toEqual(Array.from({ length: 6 }, (_, p) => `Paragraph ${p} of the chapter.`));
    act(() => fake.advance(10_000));
    const next = await screen.findByRole('link', { name: 'Next chapter →' });
    expect(next.getAttribute('href')).toBe('https://www.fanfiction.net/s/1/3/Lanterns');
    expect(screen.getByRole('status').textContent).toContain('Chapter read to the end.');
  });

  it('with "story only" goes straight to the text', async () => {
    const { fake } = renderRestyled();
    play();
    await screen.findByRole('button', { name: 'Pause' });
    speakUntil(fake, 1);
    expect(fake.spoken[0]).toBe('Paragraph 0 of the chapter.');
  });
});
