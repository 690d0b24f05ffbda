/**
 * Source of a script that puts a scripted `speechSynthesis` into a page (the reader in a tab): each utterance
 * "speaks" for `ms`, then ends; `cancel()` interrupts, `pause()` / `resume()` hold and go on. Everything it is
 * asked to say is logged in `window.__speech` with the paragraph marked as being read at that moment and
 * whether it was in view below the reader bar (`root`: an expression for the document or shadow root the
 * reader is drawn in). Ficwell looks `speechSynthesis` up on every call
 * (platform/speech.ts), so this can run after the page loaded: the build has no test hook.
 */
export function fakeSpeechSource(ms = 250, root = 'document'): string {
  return `(() => {
    const log = [];
    window.__speech = log;
    class Utterance {
      constructor(text) { Object.assign(this, { text, voice: null, rate: 1, lang: '', onstart: null, onend: null, onerror: null, onboundary: null }); }
    }
    let current = null, timer = 0, left = 0, since = 0;
    const run = () => {
      since = Date.now();
      const u = current;
      timer = setTimeout(() => { if (current !== u) return; current = null; u.onend?.({}); }, left);
    };
    const voices = [{ name: 'Scripted', lang: 'en-US', voiceURI: 'scripted-en', default: true, localService: true }];
    const engine = {
      speak(u) {
        const mark = (${root}).querySelector('.reading-aloud');
        const bar = (${root}).querySelector('.reader-bar').getBoundingClientRect();
        const r = mark?.getBoundingClientRect();
        log.push({ text: u.text, p: mark ? Number(mark.dataset.p) : null, inView: !!r && r.top >= bar.bottom - 1 && r.top < innerHeight - 20 });
        current = u; left = ${ms};
        u.onstart?.({});
        u.onboundary?.({ name: 'word', charIndex: 0, charLength: u.text.split(' ')[0].length });
        run();
      },
      cancel() { const u = current; current = null; clearTimeout(timer); u?.onerror?.({ error: 'interrupted' }); },
      pause() { if (!current) return; clearTimeout(timer); left -= Date.now() - since; engine.paused = true; },
      resume() { if (!current || !engine.paused) return; engine.paused = false; run(); },
      paused: false,
      get speaking() { return !!current; },
      getVoices() { return voices.slice(); },
      addEventListener() {},
      removeEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
    window.SpeechSynthesisUtterance = Utterance;
    return true;
  })()`;
}
