import type { SpeechEngine, Utterance } from '../lib/speech/read-aloud';

/**
 * The browser's speech engine. Every call looks `speechSynthesis` up when it is made rather than once at
 * load: nothing is lost in real use, and an end-to-end test can put a scripted engine in its place after the
 * page loaded (no test hook exists in the build). Null where the browser has no Web Speech synthesis.
 */
export function browserSpeech(): { engine: SpeechEngine; makeUtterance: (text: string) => Utterance } | null {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return null;
  const s = () => globalThis.speechSynthesis as unknown as SpeechEngine;
  const engine: SpeechEngine = {
    speak: (u) => s().speak(u),
    cancel: () => s().cancel(),
    pause: () => s().pause(),
    resume: () => s().resume(),
    getVoices: () => s().getVoices(),
    addEventListener: (type, l) => s().addEventListener(type, l),
    removeEventListener: (type, l) => s().removeEventListener(type, l),
  };
  const makeUtterance = (text: string) => new globalThis.SpeechSynthesisUtterance(text) as unknown as Utterance;
  return { engine, makeUtterance };
}

/** The Media Session, where the browser has one (play / pause / track keys and the system's media controls). */
export function mediaSession(): MediaSession | null {
  return typeof navigator !== 'undefined' && 'mediaSession' in navigator ? navigator.mediaSession : null;
}
