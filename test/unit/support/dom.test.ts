import { describe, expect, it } from 'vitest';
import { blankWindow, bodyParser, loadPage, scriptingDom } from '../../support/dom';

describe('the shared jsdom setup (test/support/dom.ts)', () => {
  it('loads a page at its URL without running its scripts', () => {
    const page = loadPage(
      '<!DOCTYPE html><body><p id="x">a</p><script>document.body.dataset.ran = "1"</script></body>',
      'https://www.fanfiction.net/s/1/1/',
    );
    expect(page.doc.getElementById('x')?.textContent).toBe('a');
    expect(page.doc.body.dataset.ran).toBeUndefined();
    expect(page.doc.location.href).toBe('https://www.fanfiction.net/s/1/1/');
    page.close();
  });

  it('parses with scripting off, as the reader parses sanitized HTML', () => {
    const body = bodyParser(blankWindow())('<noscript><b>kept</b></noscript>');
    expect(body.querySelector('b')?.textContent).toBe('kept');
  });

  it('a scripting document runs scripts, after the spy given', () => {
    const dom = scriptingDom('<!DOCTYPE html><body><script>window.seen = window.spy</script></body>', (w) =>
      Object.assign(w, { spy: 'installed' }),
    );
    expect((dom.window as unknown as { seen: string }).seen).toBe('installed');
    dom.window.close();
  });
});
