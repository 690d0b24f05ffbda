import { describe, expect, it } from 'vitest';
import { BROWSERS, click, evaluate, poll } from './support/harness';
import { GENERATED_STORY } from './support/pages';
import { useSiteBrowser } from './support/site';
import { clickInView, inView, pollView } from './support/view';

/**
 * After the last paragraph: a mark that the story (or the chapter) ends, the next unfinished story in the
 * side panel, and on a site's chapter the site's own feedback controls, shown on the reader's click.
 */
const FFN = `http://www.fanfiction.net/s/${GENERATED_STORY.id}/2/${GENERATED_STORY.slug}`;
const AO3 = 'http://archiveofourown.org/works/4242424/chapters/10000002';

describe.each(BROWSERS)('the end of a story, in %s', (name) => {
  const site = useSiteBrowser(name, '/popup.html');

  it('the side panel marks the end and offers the next story not yet finished; taking it opens that story', async () => {
    const reader = await site.h.openExtensionPage('/sidepanel.html#story=never-alone');
    await poll(reader, `document.documentElement.dataset.complete === 'true'`, 15_000, 'the story drawn');
    await evaluate(reader, `window.scrollTo(0, document.documentElement.scrollHeight)`);
    await poll(reader, `!!document.querySelector('.story-end .end-next')`, 5000, 'the next story offered');
    expect(await evaluate<string>(reader, `document.querySelector('.story-end .end-mark').textContent`)).toMatch(/The end/);
    // never-alone is the last of the catalog: the next one is the first, her-outstretched-hand.
    expect(await evaluate<string>(reader, `document.querySelector('.story-end .end-next').textContent`)).toMatch(/^Next: /);
    await click(reader, '.story-end .end-next');
    await poll(reader, `location.hash === '#story=her-outstretched-hand'`, 5000, 'the next story');
    await poll(reader, `document.querySelector('h1')?.textContent !== 'Never Alone'`, 5000, 'its title');
    await (reader as { close(): Promise<void> }).close();
  });

  it('a restyled FFN chapter ends with its end mark and the site review box, shown and focused on the reader’s click', async () => {
    const page = await site.h.openPage(FFN);
    await pollView(site.ext, FFN, `(root) => !!root?.querySelector('.story-end')`, 15_000, 'the end of the chapter');
    expect(await inView<string>(site.ext, FFN, `(root) => root.querySelector('.story-end .end-mark').textContent`)).toMatch(
      /End of the chapter/,
    );
    const buttons = await inView<string[]>(
      site.ext,
      FFN,
      `(root) => [...root.querySelectorAll('.story-end .end-actions button')].map((b) => b.textContent)`,
    );
    expect(buttons).toEqual(['Review on FanFiction.Net']);
    await clickInView(site.ext, page, FFN, '.story-end .end-actions button');
    await poll(page, `getComputedStyle(document.body).display !== 'none'`, 5000, 'the original page');
    await poll(page, `document.activeElement?.id === 'review_review'`, 5000, 'the review box focused');
    await (page as { close(): Promise<void> }).close();
  });

  it('a footnote link in a restyled chapter goes to its note in the view, below the bar', async () => {
    const page = await site.h.openPage(AO3);
    await pollView(site.ext, AO3, `(root) => !!root?.querySelector('a[href="#user-content-footnote1"]')`, 15_000, 'the footnote link');
    await clickInView(site.ext, page, AO3, 'a[href="#user-content-footnote1"]');
    await pollView(
      site.ext,
      AO3,
      `(root) => { const n = root.getElementById('user-content-footnote1').getBoundingClientRect(); const bar = root.querySelector('.reader-bar').getBoundingClientRect(); return n.top >= bar.bottom && n.top < bar.bottom + 40; }`,
      5000,
      'the note under the bar',
    );
    expect(await evaluate<string>(page, `location.hash`)).toBe('');
    await (page as { close(): Promise<void> }).close();
  });

  it('an AO3 chapter offers kudos and a comment; a script clicking them does nothing', async () => {
    const page = await site.h.openPage(AO3);
    await pollView(site.ext, AO3, `(root) => !!root?.querySelector('.story-end')`, 15_000, 'the end of the chapter');
    expect(
      await inView<string[]>(
        site.ext,
        AO3,
        `(root) => [...root.querySelectorAll('.story-end .end-actions button')].map((b) => b.textContent)`,
      ),
    ).toEqual(['Leave kudos on AO3', 'Comment on AO3']);
    // From the content script's world a script can reach the button; its click is not the reader's.
    await inView(site.ext, AO3, `(root) => root.querySelector('.story-end .end-actions button').click()`);
    await poll(page, `document.readyState === 'complete'`, 5000, 'the page');
    expect(await evaluate<string>(page, `getComputedStyle(document.body).display`)).toBe('none');
    await clickInView(site.ext, page, AO3, '.story-end .end-actions button');
    await poll(page, `getComputedStyle(document.body).display !== 'none'`, 5000, 'the original page');
    await poll(page, `document.activeElement?.id === 'kudo_submit'`, 5000, 'the kudos button focused');
    await (page as { close(): Promise<void> }).close();
  });
});
