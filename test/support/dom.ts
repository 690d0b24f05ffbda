import { JSDOM, VirtualConsole } from 'jsdom';
import type { SanitizeWindow } from '../../lib/sanitize';
import { installSpy } from '../fuzz/check';

/**
 * The one jsdom setup for tests that read pages (site adapters, the sanitizer, hostile pages, the fuzz
 * sample). Scripts do not run unless asked; the console is quiet, since hostile pages log on purpose.
 */
export const quietConsole = new VirtualConsole();

/** A page at `url`, as a content script would see it (scripts do not run: jsdom's default). */
export function loadPage(html: string, url: string): { doc: Document; win: SanitizeWindow; url: URL; close(): void } {
  const dom = new JSDOM(html, { url, virtualConsole: quietConsole });
  const close = () => {
    try {
      dom.window.close();
    } catch {
      // jsdom's close() walks the tree recursively: very deep pages (5,000 levels) overflow its stack. Not our code.
    }
  };
  return { doc: dom.window.document, win: dom.window as unknown as SanitizeWindow, url: new URL(url), close };
}

/** A blank window for sanitizing and parsing strings. */
export function blankWindow(url = 'https://ficwell.invalid/'): SanitizeWindow {
  return new JSDOM('<!DOCTYPE html><body></body>', { url, virtualConsole: quietConsole }).window as unknown as SanitizeWindow;
}

/** Parses HTML as the reader parses sanitized output (scripting off: <noscript> content is markup), with one window. */
export function bodyParser(win: SanitizeWindow = blankWindow()): (html: string) => HTMLElement {
  const parser = new (win as unknown as { DOMParser: typeof DOMParser }).DOMParser();
  return (html) => parser.parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html').body;
}

/**
 * A document that runs scripts, where output is inserted to prove it is inert. `beforeParse` installs a
 * spy before any of the page's own markup runs.
 */
export function scriptingDom(html = '<!DOCTYPE html><body></body>', beforeParse?: (win: Window) => void): JSDOM {
  return new JSDOM(html, {
    url: 'https://ficwell.invalid/reader',
    runScripts: 'dangerously',
    virtualConsole: quietConsole,
    beforeParse: beforeParse as ((w: unknown) => void) | undefined,
  });
}

/**
 * What the output checks (test/fuzz/check.ts) run on: a parser for sanitized HTML, and a document that runs
 * scripts with the `__ficwellPwned` spy installed, where output is inserted to prove nothing in it runs.
 */
export function outputWindows(): { parse(html: string): HTMLElement; scriptWindow: Window; close(): void } {
  const parserWindow = new JSDOM('<!DOCTYPE html><body></body>', { url: 'https://ficwell.invalid/', virtualConsole: quietConsole }).window;
  const scripts = scriptingDom(undefined, installSpy);
  return {
    parse: bodyParser(parserWindow as unknown as SanitizeWindow),
    scriptWindow: scripts.window as unknown as Window,
    close() {
      parserWindow.close();
      scripts.window.close();
    },
  };
}
