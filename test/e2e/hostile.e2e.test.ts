import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sites } from '../../lib/sites/registry';
import { afterFrames, BROWSERS, evaluate, type AnyPage } from './support/harness';
import { grantOptionalSites } from './support/permissions';
import { inView, pollView, READER_SHOWN } from './support/view';
import { useSiteBrowser } from './support/site';

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
  .filter((d) => d.isDirectory() && !d.name.startsWith('dos-')) // the oversized cases run in the security tier (test/security/hostile.test.ts)
  .map((d) => ({
    name: d.name,
    url: readFileSync(new URL(`${d.name}/url.txt`, dir), 'utf8')
      .trim()
      .replace(/^https:/, 'http:'),
  }));
/** The hosts of the cases' sites: the only fiction hosts a page may ask for. */
const caseHosts = [...new Set(cases.map((c) => new URL(c.url).hostname))];
/** The sites off by default that have cases here (Royal Road, the forums): turned on before the cases run. */
const optionalIds = [
  ...new Set(caseHosts.map((host) => sites.siteOfHost(host)?.id).filter((id) => id !== undefined && sites.isOptionalId(id))),
];

/**
 * Runs before the page's own scripts: records every marker call and where it came from. A call is from the
 * view when the element that made it sits in a shadow tree whose outermost host is a child of <html> (the
 * view's host, after <body>); the page's own declarative shadow roots sit inside <body>.
 */
const RECORDER = `(() => {
  const calls = [];
  Object.defineProperty(window, '__ficwellCalls', { value: calls });
  const inView = (el) => {
    for (let root = el.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
      if (root.host.parentNode === document.documentElement) return true;
    }
    return false;
  };
  window.__ficwellPwned = function (id, detail) {
    const from = document.currentScript ?? (this instanceof Element ? this : null);
    calls.push({ id: String(id), detail: String(detail ?? ''), t: performance.now(), inView: !!from && inView(from) });
  };
})();`;

/** Every marker the page shows: calls, and data-pwned-* attributes on <html>. */
const markers = (page: AnyPage) =>
  evaluate<{ calls: { id: string; t: number; inView: boolean }[]; attrs: string[] }>(
    page,
    `({
    calls: window.__ficwellCalls ?? [],
    attrs: Element.prototype.getAttributeNames.call(document.documentElement).filter((n) => n.startsWith('data-pwned')),
  })`,
  );

describe.each(BROWSERS)('hostile pages in %s', (name) => {
  const site = useSiteBrowser(name, '/popup.html');
  beforeAll(() => grantOptionalSites(site, optionalIds), 60_000);

  it.each(cases)('$name: restyled with no payload alive in the view and nothing sent anywhere because of it', async ({ url }) => {
    const firstRequest = site.server.requests.length;
    const page = await site.h.openPage(url, { initScript: RECORDER });
    await pollView(site.ext, url, READER_SHOWN, 15_000, 'the restyled view');
    const shownAt = await evaluate<number>(page, `performance.now()`);
    const attrsBefore = (await markers(page)).attrs;
    // Touch everything in the view as a reader might: hover, focus, pointer over every element. The call
    // returns once what that queued has run: a task after it, and two rendering frames (animation and
    // focus events, a details' toggle and the style changes hover brings are dispatched by then), and every
    // eagerly loaded image in the view has loaded or failed (an error or load handler would have fired).
    const touched = await inView<{ images: number }>(
      site.ext,
      url,
      `async (root) => {
      for (const el of root.querySelectorAll('*')) {
        for (const type of ['mouseover', 'mouseenter', 'pointerover', 'focus', 'animationstart', 'toggle']) el.dispatchEvent(new Event(type));
        if (typeof el.focus === 'function') el.focus();
      }
      await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      // (Lazy images off screen are not fetched at all, so only the others are waited for.)
      const images = [...root.querySelectorAll('img')].filter((img) => img.loading !== 'lazy');
      await Promise.all(images.map((img) => img.decode().catch(() => {})));
      return { images: images.length };
    }`,
    );
    expect(touched).not.toBeNull();
    await afterFrames(page);

    const after = await markers(page);
    expect(after.calls.filter((c) => c.inView)).toEqual([]);
    expect(after.calls.filter((c) => c.t > shownAt && onlyThroughUs.has(c.id))).toEqual([]);
    expect(after.attrs.filter((a) => !attrsBefore.includes(a))).toEqual([]);
    const beacons = site.server.requests.slice(firstRequest).filter((u) => new URL(u).hostname === 'beacon.test');
    expect(beacons.filter((u) => onlyThroughUs.has(new URL(u).pathname.split('/')[1] ?? ''))).toEqual([]);
    // Only the cases' fiction hosts and the test's beacon host are ever asked for (the raw page's own
    // "fires" payloads reach the beacon; what Ficwell adds is checked above).
    const hosts = new Set(site.server.requests.slice(firstRequest).map((u) => new URL(u).hostname));
    for (const host of hosts) expect([...caseHosts, 'beacon.test']).toContain(host);
    // The view holds nothing live: no such element, no shadow root of its own, no custom element, no data-*
    // attribute but the view's own paragraph marks.
    const live = await inView<{ live: number; shadows: number; custom: number; spoofed: number; text: number }>(
      site.ext,
      url,
      `(root) => {
      const all = [...root.querySelectorAll('*')];
      const rootOf = (el) => el.openOrClosedShadowRoot ?? globalThis.chrome?.dom?.openOrClosedShadowRoot?.(el) ?? null;
      return {
        live: root.querySelectorAll('script, iframe, object, embed, form, base, meta, link, svg, math, template, slot, [onerror], [onload], [onclick], [srcdoc]').length,
        shadows: all.filter((el) => rootOf(el)).length,
        custom: all.filter((el) => el.localName.includes('-') || el.hasAttribute('is')).length,
        spoofed: root.querySelectorAll('[data-p="999"], .chapter-text [data-part]').length,
        text: [...root.querySelectorAll('[data-part] [data-p]')].filter((p) => p.textContent.trim() !== '').length,
      };
    }`,
    );
    expect(live).toMatchObject({ live: 0, shadows: 0, custom: 0, spoofed: 0 });
    // ...and it does show the story's text: every check above would pass on an empty view.
    expect(live.text).toBeGreaterThan(0);
    await (page as { close(): Promise<void> }).close();
  });

  it('the extension pages are untouched: the popup lists the hostile stories as text', async () => {
    const popup = await site.h.openExtensionPage('/popup.html');
    expect(await evaluate<number>(popup, `document.querySelectorAll('.story-row[data-kind=web]').length`)).toBeGreaterThan(5);
    expect(
      await evaluate<number>(popup, `document.querySelectorAll('main :is(script, iframe, img, svg, [onerror], [onload])').length`),
    ).toBe(0);
    expect(
      await evaluate<string[]>(popup, `document.documentElement.getAttributeNames().filter((n) => n.startsWith('data-pwned'))`),
    ).toEqual([]);
  });
});
