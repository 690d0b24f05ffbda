import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, evaluate, launch, poll, SHADOW, type AnyPage, type Harness } from './support/harness';
import { startSiteServer, type SiteServer } from './support/server';

interface Attack {
  id: string;
  kind: 'script' | 'resource' | 'clobber' | 'dos';
  case: string;
  alsoIn?: string[];
  rawPage: 'fires' | 'on-interaction' | 'inert' | 'n/a';
}
const dir = new URL('../fixtures/hostile/', import.meta.url);
const attacks = JSON.parse(readFileSync(new URL('attacks.json', dir), 'utf8')) as Attack[];
/** Payloads the raw page never runs by itself: if one shows, it came alive through Ficwell's view. */
const onlyThroughUs = new Set(attacks.filter((a) => a.rawPage === 'inert' || a.rawPage === 'on-interaction').map((a) => a.id));
const cases = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('dos-')) // the oversized cases are unit-tested (test/unit/hostile.test.ts)
  .map((d) => ({ name: d.name, url: readFileSync(new URL(`${d.name}/url.txt`, dir), 'utf8').trim().replace(/^https:/, 'http:') }));

/** Runs before the page's own scripts: records every marker call and where it came from. */
const RECORDER = `(() => {
  const calls = [];
  Object.defineProperty(window, '__ficwellCalls', { value: calls });
  window.__ficwellPwned = function (id, detail) {
    const from = document.currentScript ?? (this instanceof Element ? this : null);
    calls.push({ id: String(id), detail: String(detail ?? ''), t: performance.now(), inView: !!from && from.getRootNode() instanceof ShadowRoot });
  };
})();`;

/** Every marker the page shows: calls, and data-pwned-* attributes on <html>. */
const markers = (page: AnyPage) =>
  evaluate<{ calls: { id: string; t: number; inView: boolean }[]; attrs: string[] }>(page, `({
    calls: window.__ficwellCalls ?? [],
    attrs: Element.prototype.getAttributeNames.call(document.documentElement).filter((n) => n.startsWith('data-pwned')),
  })`);

describe.each(BROWSERS)('hostile pages in %s', (name) => {
  let h: Harness;
  let server: SiteServer;
  beforeAll(async () => {
    server = await startSiteServer();
    h = await launch(name, { sitePort: server.port });
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it.each(cases)('$name: restyled with no payload alive in the view and nothing sent anywhere because of it', async ({ url }) => {
    const firstRequest = server.requests.length;
    const page = await h.openPage(url, { initScript: RECORDER });
    await poll(page, `Document.prototype.querySelector.call(document, 'ficwell-reader')?.dataset.mode === 'reader'`, 15_000, 'the restyled view');
    const shownAt = await evaluate<number>(page, `performance.now()`);
    const attrsBefore = (await markers(page)).attrs;
    // Touch everything in the view as a reader might: hover, focus, pointer over every element.
    await evaluate(page, `(() => {
      const root = ${SHADOW.replace("document.querySelector('ficwell-reader')", "Document.prototype.querySelector.call(document, 'ficwell-reader')")};
      for (const el of root.querySelectorAll('*')) {
        for (const type of ['mouseover', 'mouseenter', 'pointerover', 'focus', 'animationstart', 'toggle']) el.dispatchEvent(new Event(type));
        if (typeof el.focus === 'function') el.focus();
      }
    })()`);
    await new Promise((r) => setTimeout(r, 1200));

    const after = await markers(page);
    expect(after.calls.filter((c) => c.inView)).toEqual([]);
    expect(after.calls.filter((c) => c.t > shownAt && onlyThroughUs.has(c.id))).toEqual([]);
    expect(after.attrs.filter((a) => !attrsBefore.includes(a))).toEqual([]);
    const beacons = server.requests.slice(firstRequest).filter((u) => new URL(u).hostname === 'beacon.test');
    expect(beacons.filter((u) => onlyThroughUs.has(new URL(u).pathname.split('/')[1] ?? ''))).toEqual([]);
    // Only the two fiction hosts and the test's beacon host are ever asked for (the raw page's own "fires"
    // payloads reach the beacon; what Ficwell adds is checked above).
    const hosts = new Set(server.requests.slice(firstRequest).map((u) => new URL(u).hostname));
    for (const host of hosts) expect(['www.fanfiction.net', 'archiveofourown.org', 'beacon.test']).toContain(host);
    // The view holds nothing live.
    expect(
      await evaluate<number>(page, `Document.prototype.querySelector.call(document, 'ficwell-reader').shadowRoot
        .querySelectorAll('script, iframe, object, embed, form, base, meta, link, svg, math, [onerror], [onload], [onclick], [srcdoc]').length`),
    ).toBe(0);
    // ...and it does show the story's text: every check above would pass on an empty view.
    expect(
      await evaluate<number>(page, `[...Document.prototype.querySelector.call(document, 'ficwell-reader').shadowRoot
        .querySelectorAll('[data-part] [data-p]')].filter((p) => p.textContent.trim() !== '').length`),
    ).toBeGreaterThan(0);
    await (page as { close(): Promise<void> }).close();
  });

  it('the extension pages are untouched: the popup lists the hostile stories as text', async () => {
    const popup = await h.openExtensionPage('/popup.html');
    expect(await evaluate<number>(popup, `document.querySelectorAll('.story-row[data-kind=web]').length`)).toBeGreaterThan(5);
    expect(await evaluate<number>(popup, `document.querySelectorAll('main :is(script, iframe, img, svg, [onerror], [onload])').length`)).toBe(0);
    expect(await evaluate<string[]>(popup, `document.documentElement.getAttributeNames().filter((n) => n.startsWith('data-pwned'))`)).toEqual([]);
  });
});
