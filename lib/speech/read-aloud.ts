import { splitForSpeech, type Piece } from './pieces';

/** The parts of `speechSynthesis` read aloud uses; a test passes a fake that fires the same events. */
export interface SpeechEngine {
  speak(u: Utterance): void;
  cancel(): void;
  pause(): void;
  resume(): void;
  getVoices(): Voice[];
  addEventListener(type: 'voiceschanged', listener: () => void): void;
  removeEventListener(type: 'voiceschanged', listener: () => void): void;
}

export interface Voice {
  name: string;
  lang: string;
  voiceURI: string;
  default: boolean;
}

export interface Utterance {
  text: string;
  voice: Voice | null;
  rate: number;
  lang: string;
  onstart: ((e: unknown) => void) | null;
  onend: ((e: unknown) => void) | null;
  onerror: ((e: { error?: string }) => void) | null;
  onboundary: ((e: { name?: string; charIndex: number; charLength?: number }) => void) | null;
}

export interface SpokenParagraph {
  text: string;
  /** Front matter or a note, left out when the reader chose "story only". */
  skip: boolean;
}

export type ReadAloudState = 'stopped' | 'playing' | 'paused';

export interface ReadAloudOptions {
  engine: SpeechEngine;
  makeUtterance: (text: string) => Utterance;
  paragraphs: readonly SpokenParagraph[];
  voice: Voice | null;
  rate: number;
  lang: string;
  /**
   * Whether the engine's pause() really pauses. Firefox on Linux ignores it: there, pausing cancels and
   * resuming starts the paragraph again.
   */
  pauseResumes: boolean;
  /** The paragraph now being read (the view follows it; the reading position is saved at it). */
  onParagraph: (index: number) => void;
  /** A word being read, where the engine reports word boundaries: offsets into the paragraph's text. */
  onWord?: (index: number, start: number, length: number) => void;
  onState: (state: ReadAloudState) => void;
  /** The last paragraph was read to its end. */
  onEnd?: () => void;
  onError?: (error: string) => void;
}

export interface ReadAloud {
  /** Starts at paragraph `from` (or the next one read aloud, when it is skipped). */
  play(from: number): void;
  pause(): void;
  resume(): void;
  stop(): void;
  next(): void;
  previous(): void;
  readonly state: ReadAloudState;
  /** The paragraph being read, or -1 before anything was. */
  readonly current: number;
}

export function createReadAloud(o: ReadAloudOptions): ReadAloud {
  let state: ReadAloudState = 'stopped';
  let current = -1;
  let pieces: Piece[] = [];
  let piece = 0;
  /** Bumped on every cancel: events of an utterance from before it are stale and ignored. */
  let generation = 0;

  const setState = (s: ReadAloudState) => {
    if (s === state) return;
    state = s;
    o.onState(s);
  };

  const spoken = (from: number, step: 1 | -1): number => {
    for (let i = from; i >= 0 && i < o.paragraphs.length; i += step) {
      const p = o.paragraphs[i];
      if (p && !p.skip && p.text.trim()) return i;
    }
    return -1;
  };

  function speakPiece() {
    const p = pieces[piece];
    if (!p) return afterParagraph();
    const mine = ++generation;
    const u = o.makeUtterance(p.text);
    u.voice = o.voice;
    u.rate = o.rate;
    u.lang = o.voice?.lang ?? o.lang;
    u.onend = () => {
      if (mine !== generation || state !== 'playing') return;
      piece++;
      speakPiece();
    };
    u.onerror = (e) => {
      if (mine !== generation) return; // the end of an utterance we cancelled ourselves
      if (e.error === 'interrupted' || e.error === 'canceled') return;
      generation++;
      setState('stopped');
      o.onError?.(e.error ?? 'unknown');
    };
    u.onboundary = (e) => {
      if (mine !== generation || (e.name !== undefined && e.name !== 'word')) return;
      o.onWord?.(current, p.start + e.charIndex, e.charLength ?? wordLength(p.text, e.charIndex));
    };
    // Chrome's queue can be left stuck by an earlier page or utterance; a cancel first clears it.
    o.engine.cancel();
    o.engine.speak(u);
  }

  function startParagraph(i: number) {
    current = i;
    pieces = splitForSpeech(o.paragraphs[i]?.text ?? '');
    piece = 0;
    o.onParagraph(i);
    speakPiece();
  }

  function afterParagraph() {
    const next = spoken(current + 1, 1);
    if (next === -1) {
      generation++;
      setState('stopped');
      o.onEnd?.();
      return;
    }
    startParagraph(next);
  }

  const cancel = () => {
    generation++;
    o.engine.cancel();
  };

  return {
    play(from) {
      const i = spoken(Math.max(0, from), 1);
      if (i === -1) return;
      setState('playing');
      startParagraph(i);
    },
    pause() {
      if (state !== 'playing') return;
      if (o.pauseResumes) o.engine.pause();
      else cancel();
      setState('paused');
    },
    resume() {
      if (state !== 'paused') return;
      setState('playing');
      if (o.pauseResumes) o.engine.resume();
      else startParagraph(current);
    },
    stop() {
      if (state === 'stopped') return;
      cancel();
      setState('stopped');
    },
    next() {
      const i = spoken(current + 1, 1);
      if (i === -1 || state === 'stopped') return;
      cancel();
      setState('playing');
      startParagraph(i);
    },
    previous() {
      const i = spoken(current - 1, -1);
      if (i === -1 || state === 'stopped') return;
      cancel();
      setState('playing');
      startParagraph(i);
    },
    get state() {
      return state;
    },
    get current() {
      return current;
    },
  };
}

function wordLength(text: string, at: number): number {
  const m = /^[^\s]+/.exec(text.slice(at));
  return m ? m[0].length : 0;
}

/**
 * The voices, waiting for them when the engine loads them late (Chrome fills the list after a
 * `voiceschanged`; some engines never fire it): at most `timeoutMs`, then the list is asked for again.
 */
export function voicesOf(
  engine: SpeechEngine,
  timeoutMs = 1500,
  setTimer: (fn: () => void, ms: number) => unknown = setTimeout,
): Promise<Voice[]> {
  const now = engine.getVoices();
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      engine.removeEventListener('voiceschanged', finish);
      resolve(engine.getVoices());
    };
    engine.addEventListener('voiceschanged', finish);
    setTimer(finish, timeoutMs);
  });
}

/** The chosen voice if it is still installed, else the default for the story's language, else any for it. */
export function pickVoice(voices: readonly Voice[], chosen: string | null, lang: string): Voice | null {
  const byUri = voices.find((v) => v.voiceURI === chosen);
  if (byUri) return byUri;
  const base = lang.toLowerCase().split('-')[0] ?? '';
  const same = voices.filter((v) => v.lang.toLowerCase().split(/[-_]/)[0] === base);
  return same.find((v) => v.default) ?? same[0] ?? voices.find((v) => v.default) ?? voices[0] ?? null;
}
