import { describe, expect, it } from 'vitest';
import { firstPaintPage } from '../../modules/first-paint';

const BUILT = `<!DOCTYPE html>
<html lang="en">
  <head>
    <title>x</title>
    <script type="module" crossorigin src="/chunks/popup-A1.js"></script>
    <link rel="modulepreload" crossorigin href="/chunks/library-B2.js">
    <link rel="stylesheet" crossorigin href="/assets/library-C3.css">
    <link rel="stylesheet" crossorigin href="/assets/other-D4.css">
  </head>
  <body>
    <div id="first"></div>
    <script src="/popup-first.js"></script>
    <div id="app"></div>
  </body>
</html>`;

describe("the popup's built page", () => {
  const css: Record<string, string> = { 'assets/library-C3.css': '.row{color:red}</style><script>x</script>' };
  const page = firstPaintPage(BUILT, (f) => css[f], '/popup-first.js');

  it('inlines the stylesheets it has, escaped so they cannot close their element, and keeps the others as links', () => {
    expect(page).toContain('<style>.row{color:red}<\\/style><script>x</script></style>');
    expect(page).not.toContain('library-C3.css');
    expect(page).toContain('<link rel="stylesheet" crossorigin href="/assets/other-D4.css">');
  });

  it('names the module on the first-paint script, which starts it, and preloads it and its imports at the end of the body', () => {
    expect(page).toContain('<script src="/popup-first.js" data-module="/chunks/popup-A1.js"></script>');
    expect(page).not.toContain('type="module"'); // a module script would hold the page's load event
    const order = [
      'data-module',
      'id="app"',
      'modulepreload" crossorigin href="/chunks/popup-A1.js"',
      '/chunks/library-B2.js',
      '</body>',
    ].map((s) => page.indexOf(s));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.slice(0, page.indexOf('<body>'))).not.toMatch(/modulepreload/);
  });

  it('names the module without preloading it when told to (the Firefox build)', () => {
    const firefox = firstPaintPage(BUILT, (f) => css[f], '/popup-first.js', false);
    expect(firefox).toContain('data-module="/chunks/popup-A1.js"');
    expect(firefox).not.toContain('href="/chunks/popup-A1.js"');
    expect(firefox).toContain('<link rel="modulepreload" crossorigin href="/chunks/library-B2.js">');
  });

  it('keeps the module script, at the end of the body, where the page has no first-paint script to start it', () => {
    for (const kept of [firstPaintPage(BUILT, (f) => css[f]), firstPaintPage(BUILT, (f) => css[f], '/panel-first.js')]) {
      expect(kept).toContain('<script src="/popup-first.js"></script>');
      expect(kept.indexOf('<script type="module" crossorigin src="/chunks/popup-A1.js"></script>')).toBeGreaterThan(
        kept.indexOf('id="app"'),
      );
    }
  });

  it('leaves a page without a module script as it was, but for its styles', () => {
    const plain = '<html><head><link rel="stylesheet" href="/a.css"></head><body><p>x</p></body></html>';
    expect(firstPaintPage(plain, () => 'p{}')).toBe('<html><head><style>p{}</style></head><body><p>x</p></body></html>');
  });
});
