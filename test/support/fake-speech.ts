import type { SpeechEngine, Utterance, Voice } from '../../lib/speech/read-aloud';

/**
 * A `speechSynthesis` that behaves as the Web Speech API specifies, on a clock the test moves: one utterance
 * spoken at a time from a queue; `start`, a `boundary` at each word and `end` as time passes; `cancel()`
 * ends the one being spoken with an `interrupted` error and drops the queued ones with `canceled`. Options
 * reproduce what real engines do: voices that arrive late, a `pause()` that does nothing (Firefox on
 * Linux), and Chrome's habit of going silent after about 15 seconds of one utterance (no `end` ever).
 */
export interface FakeSpeechOptions {
  voices?: Voice[];
  /** Voices appear only after this call to `loadVoices()`, with a `voiceschanged`. */
  lateVoices?: boolean;
  pauseWorks?: boolean;
  /** Characters spoken a second at rate 1. */
  charsPerSecond?: number;
  /** Chrome: an utterance still speaking after this long goes silent and never ends. */
  stallAfterMs?: number;
}

export const TEST_VOICES: Voice[] = [
  { name: 'English (America)', lang: 'en-US', voiceURI: 'en-us', default: true },
  { name: 'Deutsch', lang: 'de-DE', voiceURI: 'de', default: false },
];

interface Speaking {
  u: Utterance;
  /** ms of speech done. */
  done: number;
  words: number[];
  nextWord: number;
  started: boolean;
}

export class FakeSpeech implements SpeechEngine {
  readonly log: string[] = [];
  readonly spoken: string[] = [];
  paused = false;
  private queue: Utterance[] = [];
  private current: Speaking | null = null;
  private voices: Voice[];
  private listeners = new Set<() => void>();
  private o: Required<Omit<FakeSpeechOptions, 'voices' | 'lateVoices'>>;

  constructor(options: FakeSpeechOptions = {}) {
    this.voices = options.lateVoices ? [] : (options.voices ?? TEST_VOICES);
    this.pending = options.lateVoices ? (options.voices ?? TEST_VOICES) : [];
    this.o = {
      pauseWorks: options.pauseWorks ?? true,
      charsPerSecond: options.charsPerSecond ?? 15,
      stallAfterMs: options.stallAfterMs ?? Infinity,
    };
  }

  private pending: Voice[];

  get speaking(): boolean {
    return this.current !== null;
  }

  getVoices(): Voice[] {
    return [...this.voices];
  }

  loadVoices(): void {
    this.voices = this.pending;
    for (const l of this.listeners) l();
  }

  addEventListener(_type: 'voiceschanged', l: () => void): void {
    this.listeners.add(l);
  }

  removeEventListener(_type: 'voiceschanged', l: () => void): void {
    this.listeners.delete(l);
  }

  speak(u: Utterance): void {
    this.log.push(`speak:${u.text}`);
    this.queue.push(u);
    if (!this.current) this.startNext();
  }

  cancel(): void {
    this.log.push('cancel');
    const speaking = this.current;
    const queued = this.queue;
    this.current = null;
    this.queue = [];
    this.paused = false;
    speaking?.u.onerror?.({ error: 'interrupted' });
    for (const u of queued) u.onerror?.({ error: 'canceled' });
  }

  pause(): void {
    this.log.push('pause');
    if (this.o.pauseWorks) this.paused = true;
  }

  resume(): void {
    this.log.push('resume');
    this.paused = false;
  }

  /** Lets `ms` of speech time pass, firing the events that fall in it. */
  advance(ms: number): void {
    let left = ms;
    while (left > 0 && this.current && !this.paused) {
      const c = this.current;
      if (!c.started) {
        c.started = true;
        c.u.onstart?.({});
      }
      const length = (c.u.text.length / (this.o.charsPerSecond * (c.u.rate || 1))) * 1000;
      const step = Math.min(left, length - c.done);
      const stall = this.o.stallAfterMs;
      const until = Math.min(c.done + step, stall);
      const spokenChars = (until / length) * c.u.text.length;
      while (c.nextWord < c.words.length && (c.words[c.nextWord] as number) <= spokenChars) {
        const at = c.words[c.nextWord++] as number;
        c.u.onboundary?.({ name: 'word', charIndex: at, charLength: /^\S+/.exec(c.u.text.slice(at))?.[0].length ?? 0 });
        if (this.current !== c) return;
      }
      if (c.done + step >= stall && length > stall) {
        left = 0; // silent from here on: Chrome's 15-second cut
        c.done = stall;
        break;
      }
      c.done += step;
      left -= step;
      if (c.done >= length) {
        this.current = null;
        this.spoken.push(c.u.text);
        c.u.onend?.({});
        if (!this.current) this.startNext();
      }
    }
  }

  private startNext() {
    const u = this.queue.shift();
    if (!u) return;
    const words: number[] = [];
    for (const m of u.text.matchAll(/\S+/g)) words.push(m.index);
    this.current = { u, done: 0, words, nextWord: 0, started: false };
  }
}

/** What `new SpeechSynthesisUtterance(text)` gives. */
export function makeUtterance(text: string): Utterance {
  return { text, voice: null, rate: 1, lang: '', onstart: null, onend: null, onerror: null, onboundary: null };
}
