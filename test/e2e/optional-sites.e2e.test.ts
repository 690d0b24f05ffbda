/**
 * Sites off by default (lib/sites/<site>.site.ts `onByDefault: false`): every one of them with a fixture at
 * test/fixtures/<site>/chapter joins this file. Without its permission its chapter page is left as it was;
 * granted, the chapter is restyled, its story is in the library, and its place comes back after a browser
 * restart; turned off in the Sites section, the page is left alone again.
 *
 * How the permission is granted differs (see test/e2e/support/permissions.ts). Firefox: the reader's click
 * in the Sites section calls `permissions.request()`, which Mozilla's test preference grants without the
 * doorhanger; the background then registers the script. Chromium: the prompt cannot be answered headless,
 * so the permission is written into the profile as the browser records a grant, and the browser restarted:
 * the background's start-up pass registers the script. Chromium does not run the click's request here.
 * Turning off is the reader's click in both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { webKey } from '../../lib/db/keys';
import { parseStoryUrl } from '../../lib/sites';
import { sites } from '../../lib/sites/registry';
import { pollUntil } from '../support/browsers';
import { storedRecord } from './support/db';
import { BROWSERS, clickAt, evaluate, poll, pollText, type AnyPage } from './support/harness';
import { grantOptionalSites, siteName, siteSwitch } from './support/permissions';
import { useSiteBrowser } from './support/site';
import { inView, pollView, READER_SHOWN, readViewTo, VIEW_TOP_PARAGRAPH, viewAtParagraph } from './support/view';

const fixtures = resolve(import.meta.dirname, '../fixtures');
const OPTIONAL = sites.optionalIds
  .filter((id) => existsSync(join(fixtures, id, 'chapter', 'url.txt')))
  .map((id) => {
    const dir = join(fixtures, id, 'chapter');
    const url = new URL(readFileSync(join(dir, 'url.txt'), 'utf8').trim());
    // The story key as Ficwell makes it: from the site's own reading of the URL, whatever its shape.
    const storyId = parseStoryUrl(url)?.storyId;
    if (!storyId) throw new Error(`${id}: the site reads no story from its fixture's URL ${url.href}`);
    url.protocol = 'http:'; // the local site server speaks plain http
    // The page's own <style> elements in <head> (Royal Road sends two, the forums none): what "untouched" finds.
    const head = readFileSync(join(dir, 'source.html'), 'utf8').split(/<\/head>/i)[0] ?? '';
    const headStyles = head.match(/<style[\s>]/gi)?.length ?? 0;
    return {
      id,
      url: url.href,
      key: webKey(id, storyId),
      headStyles,
      name: siteName(id),
    };
  });
/** A page of a site on by default: the positive control that content scripts do run in this browser now. */
const FFN = 'http://www.fanfiction.net/s/1234567/2/The-Lantern-Road';
/** The paragraph the test reads to before the restart. */
const MIDDLE = 25;

it('every optional site has a chapter fixture to join these tests', () => {
  expect(OPTIONAL.map((s) => s.id)).toEqual(sites.optionalIds);
});

describe.each(BROWSERS)('optional sites in %s', (name) => {
  const site = useSiteBrowser(name, '/popup.html');
  // Each chapter answered from its own folder: another case of the site may share its URL (Questionable
  // Questing's login page is what the same reader URL shows a visitor logged out).
  beforeAll(() => {
    for (const { id, url } of OPTIONAL) site.server.answer(url, { fixture: `${id}/chapter` });
  });

  /**
   * Whether the page is as the site sent it: shown, nothing added after <body>, no style of Ficwell's in
   * <head> (as many as its source has).
   */
  const untouched = (page: AnyPage, headStyles: number) =>
    evaluate<boolean>(
      page,
      `getComputedStyle(document.body).display !== 'none' && document.documentElement.children.length === 2 && document.head.querySelectorAll('style').length === ${headStyles}`,
    );
  /** Opens a control page on a site on by default and waits for it to be restyled, then checks `page` is still untouched. */
  const expectLeftAlone = async (page: AnyPage, headStyles: number) => {
    const control = await site.h.openPage(FFN);
    await pollView(site.ext, FFN, READER_SHOWN, 10_000, 'the control page restyled');
    expect(await untouched(page, headStyles)).toBe(true);
    await (control as { close(): Promise<void> }).close();
  };
  const switchState = (id: string) => evaluate<boolean | null>(site.ext, `${siteSwitch(id)}?.checked ?? null`);

  describe.each(OPTIONAL)('$id', ({ id, url, key, headStyles, name: siteName }) => {
    it('without its permission: the chapter page is left as it was, the Sites section says off', async () => {
      const page = await site.h.openPage(url);
      await expectLeftAlone(page, headStyles);
      expect(await switchState(id)).toBe(false);
      expect(await evaluate<string>(site.ext, `document.querySelector('.sites [data-site="ffn"]').textContent`)).toMatch(/always on/);
      await (page as { close(): Promise<void> }).close();
    });

    it('granted: the chapter is restyled, its story in the library, its place back after a restart', async () => {
      await grantOptionalSites(site, [id]);
      expect(
        await evaluate<string[]>(
          site.ext,
          `(globalThis.browser ?? globalThis.chrome).scripting.getRegisteredContentScripts().then((s) => s.map((x) => x.id))`,
        ),
      ).toEqual([`site-${id}`]);

      let page = await site.h.openPage(url);
      await pollView(site.ext, url, READER_SHOWN, 10_000, 'the restyled chapter');
      expect(await evaluate<string>(page, `getComputedStyle(document.body).display`)).toBe('none');
      await readViewTo(site.ext, url, MIDDLE);
      expect(await inView<number>(site.ext, url, VIEW_TOP_PARAGRAPH)).toBe(MIDDLE);
      await pollUntil(
        async () => (await storedRecord<{ position: { paragraph: number } }>(site.ext, 'progress', key))?.position.paragraph === MIDDLE,
        '',
        10_000,
        'the position stored',
      );

      const row = `[data-story="${key}"]`;
      const library = await site.h.openExtensionPage('/popup.html');
      await poll(library, `!!document.querySelector('${row}')`, 10_000, 'the story in the library');
      expect(await evaluate<string>(library, `document.querySelector('${row}').textContent`)).toContain(siteName);

      await site.h.restart();
      site.ext = await site.h.openExtensionPage('/popup.html');
      page = await site.h.openPage(url);
      await pollView(site.ext, url, READER_SHOWN, 10_000, 'the chapter restyled after the restart');
      await viewAtParagraph(site.ext, url, MIDDLE, 10_000, `paragraph ${MIDDLE} at the top again`);
      await (page as { close(): Promise<void> }).close();
    });

    it('turned off: the permission and the script are gone, the page is left as it was again', async () => {
      await poll(site.ext, `${siteSwitch(id)}?.checked === true`, 5000, 'the switch on');
      await clickAt(site.ext, siteSwitch(id));
      await pollText(site.ext, '.site-message', `${siteName} off: its pages are left as they are.`, 10_000, 'the switch to say off');
      expect(await switchState(id)).toBe(false);
      const api = `(globalThis.browser ?? globalThis.chrome)`;
      expect(await evaluate<boolean>(site.ext, `${api}.permissions.contains({ origins: ${JSON.stringify(sites.patternsOf(id))} })`)).toBe(
        false,
      );
      expect(await evaluate<unknown[]>(site.ext, `${api}.scripting.getRegisteredContentScripts()`)).toEqual([]);
      const page = await site.h.openPage(url);
      await expectLeftAlone(page, headStyles);
      await (page as { close(): Promise<void> }).close();
    });
  });
});
