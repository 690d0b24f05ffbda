import { useEffect, useRef, useState } from 'preact/hooks';
import {
  createReadAloud,
  pickVoice,
  voicesOf,
  type ReadAloud,
  type ReadAloudState,
  type SpeechEngine,
  type SpokenParagraph,
  type Utterance,
  type Voice,
} from '../../lib/speech/read-aloud';
import { markReading, markWord } from '../reading-mark';

export interface ReadAloudSetup {
  engine: SpeechEngine;
  makeUtterance: (text: string) => Utterance;
  /** False where pause() does nothing (Firefox on Linux): pausing then cancels and resuming restarts the paragraph. */
  pauseResumes: boolean;
  /** The system's media controls, where the browser has them. */
  mediaSession?: MediaSession | null;
}

export interface UseReadAloudOptions {
  setup: ReadAloudSetup | null;
  /** The paragraphs as they are now (taken when reading starts: a long story may still be drawing). */
  paragraphs: () => SpokenParagraph[];
  voiceURI: string | null;
  rate: number;
  lang: string;
  title: string;
  onParagraph: (index: number) => void;
  onWord: (index: number, start: number, length: number) => void;
  /** Reading paused or stopped at paragraph `index` (-1 when nothing was read). */
  onHalt: (index: number) => void;
  /** Reading went on to the end of the last paragraph (after `onHalt` at it). */
  onEnd?: () => void;
}

export type Voices = 'loading' | 'none' | 'ready';

export interface ReadAloudControls {
  state: ReadAloudState;
  /** Whether voices are known, and whether there are any. */
  voices: Voices;
  voiceList: Voice[];
  /** Starts at paragraph `from`, or pauses / resumes what is being read. */
  toggle: (from: number) => void;
  stop: () => void;
  next: () => void;
  previous: () => void;
  /** The paragraph being read, -1 when none. */
  current: () => number;
  /** Whether reading is playing or paused now (live, for listeners that outlive a render). */
  active: () => boolean;
}

/**
 * Read aloud in a view: voices (asked for again on play when none had come), the reading itself (the core in
 * lib/speech), the Media Session's actions, and a stop when the page is hidden or closed.
 */
export function useReadAloud(o: UseReadAloudOptions): ReadAloudControls {
  const [state, setState] = useState<ReadAloudState>('stopped');
  const [voiceList, setVoiceList] = useState<Voice[]>([]);
  const [voices, setVoices] = useState<Voices>(o.setup ? 'loading' : 'none');
  const reader = useRef<ReadAloud | null>(null);
  const latest = useRef(o);
  latest.current = o;

  const found = (list: Voice[]) => {
    setVoiceList(list);
    setVoices(list.length ? 'ready' : 'none');
    return list;
  };
  useEffect(() => {
    if (!o.setup) return;
    let live = true;
    void voicesOf(o.setup.engine).then((list) => live && found(list));
    return () => {
      live = false;
    };
  }, [o.setup]);

  const stop = () => {
    const r = reader.current;
    if (!r) return;
    r.stop();
    latest.current.onHalt(r.current);
  };
  const start = async (from: number) => {
    const setup = latest.current.setup;
    if (!setup) return found([]);
    // Voices that were not there when the view opened (loaded late, or installed since) count now.
    const list = voiceList.length ? voiceList : found(await voicesOf(setup.engine, 500));
    if (!list.length) return;
    const cur = latest.current;
    reader.current?.stop();
    const r = createReadAloud({
      engine: setup.engine,
      makeUtterance: setup.makeUtterance,
      paragraphs: cur.paragraphs(),
      voice: pickVoice(list, cur.voiceURI, cur.lang),
      rate: cur.rate,
      lang: cur.lang,
      pauseResumes: setup.pauseResumes,
      onParagraph: (i) => latest.current.onParagraph(i),
      onWord: (i, s, l) => latest.current.onWord(i, s, l),
      onState: setState,
      onEnd: () => {
        latest.current.onHalt(r.current);
        latest.current.onEnd?.();
      },
      onError: () => latest.current.onHalt(r.current),
    });
    reader.current = r;
    r.play(from);
  };
  const pause = () => {
    const r = reader.current;
    if (r?.state !== 'playing') return;
    r.pause();
    latest.current.onHalt(r.current);
  };
  const toggle = (from: number) => {
    const r = reader.current;
    if (r?.state === 'playing') pause();
    else if (r?.state === 'paused') r.resume();
    else void start(from);
  };

  // Stopped (by the reader, at the end, or by an error): no paragraph or word is marked as being read.
  useEffect(() => {
    if (state !== 'stopped') return;
    markReading(null);
    markWord(null, 0, 0);
  }, [state]);

  // A setting changed while reading: go on from the same paragraph with it.
  useEffect(() => {
    const r = reader.current;
    if (r?.state === 'playing') void start(r.current);
  }, [o.voiceURI, o.rate]);

  // Closing or hiding the view stops speech: the engine would go on talking for a page no longer there.
  useEffect(() => {
    const onHide = () => {
      stop();
      latest.current.setup?.engine.cancel();
    };
    addEventListener('pagehide', onHide);
    return () => {
      removeEventListener('pagehide', onHide);
      onHide();
    };
  }, []);

  const session = o.setup?.mediaSession;
  useEffect(() => {
    if (!session) return;
    const actions: [MediaSessionAction, () => void][] = [
      ['play', () => reader.current?.resume()],
      ['pause', pause],
      ['previoustrack', () => reader.current?.previous()],
      ['nexttrack', () => reader.current?.next()],
    ];
    for (const [a, fn] of actions) {
      try {
        session.setActionHandler(a, fn);
      } catch {
        // an action this browser does not know
      }
    }
    return () => {
      for (const [a] of actions) {
        try {
          session.setActionHandler(a, null);
        } catch {
          // as above
        }
      }
    };
  }, [session]);
  useEffect(() => {
    if (!session) return;
    if (state !== 'stopped' && typeof MediaMetadata !== 'undefined') session.metadata = new MediaMetadata({ title: o.title });
    session.playbackState = state === 'playing' ? 'playing' : state === 'paused' ? 'paused' : 'none';
  }, [session, state, o.title]);

  return {
    state,
    voices,
    voiceList,
    toggle,
    stop,
    next: () => reader.current?.next(),
    previous: () => reader.current?.previous(),
    current: () => reader.current?.current ?? -1,
    active: () => !!reader.current && reader.current.state !== 'stopped',
  };
}
