import { describe, expect, it } from 'vitest';
import { BROWSERS, clickAt, evaluate, poll } from './support/harness';
import { clickInView, inView, pollView, READER_SHOWN, readerState, VIEW_TOP_PARAGRAPH, readViewTo, viewAtParagraph } from './support/view';
import { GENERATED_STORY } from './support/pages';
import { useSiteBrowser } from './support/site';
import { pollUntil } from '../support/browsers';

const FFN_MIDDLE = 'http://www.fanfiction.net/s/1234567/2/The-Lantern-Road';
const AO3_MIDDLE = 'http://archiveofourown.org/works/4242424/chapters/10000002';
const AO3_GATE = 'http://archiveofourown.org/works/7171717';
const chapterUrl = (n: number) => `http://www.fanfiction.net/s/${GENERATED_STORY.id}/${n}/${GENERATED_STORY.slug}`;

const TOP_PARAGRAPH = VIEW_TOP_PARAGRAPH;

describe.each(BROWSERS)('restyling fiction pages in %s', (name) => {
  const site = useSiteBrowser(name, '/popup.html');
  const restyled = (url: string) => pollView(site.ext, url, READER_SHOWN, 10_000, 'the restyled view');
  const inShadow = <T>(url: string, body: string) => inView<T>(site.ext, url, `(root) => ${body}`);

  it('restyles an FFN chapter: details, edge notes kept apart, copy blocking and page scripts left behind', async () => {
    const page = await site.h.openPage(FFN_MIDDLE);
    await restyled(FFN_MIDDLE);
    expect(await inShadow<string>(FFN_MIDDLE, `root.querySelector('h1').textContent`)).toBe('The Lantern Road');
    expect(await inShadow<string>(FFN_MIDDLE, `root.querySelector('.byline').textContent`)).toBe('by quietmoth');
    expect(await inShadow<string>(FFN_MIDDLE, `root.querySelector('.section-heading').textContent`)).toBe('Chapter 2: Crossroads');
    expect(await inShadow<string>(FFN_MIDDLE, `root.querySelector('[data-p="0"]').textContent`)).toBe(
      'Placeholder paragraph 1 of chapter 2.',
    );
    // The opening A/N and disclaimer, and the closing AN, are the chapter's notes (lib/sites/body.ts).
    expect(await inShadow<string[]>(FFN_MIDDLE, `[...root.querySelectorAll('.chapter .note')].map((n) => n.textContent.trim())`)).toEqual([
      "A/N: Placeholder author's note at the start of chapter 2.Disclaimer: Placeholder disclaimer text.",
      'AN: Placeholder closing note. Thanks for reading!',
    ]);
    expect(await inShadow<string>(FFN_MIDDLE, `getComputedStyle(root.querySelector('[data-p="2"]')).userSelect`)).not.toBe('none');
    // Nothing the page wrote carries a script, a frame, a handler or a style into the view.
    expect(
      await inShadow<number>(
        FFN_MIDDLE,
        `root.querySelectorAll('.chapter-text :is(script, iframe, [onclick], [style]), .note :is(script, iframe, [onclick], [style])').length`,
      ),
    ).toBe(0);
    // The paragraphs the browser shows in the original (the fixture's own script adds one with document.write).
    const original = await evaluate<number>(page, `document.querySelectorAll('#storytext p').length`);
    expect(original).toBe(11);
    // All of them but the three notes at the edges.
    expect(await inShadow<number>(FFN_MIDDLE, `root.querySelectorAll('.chapter-text [data-p]').length`)).toBe(original - 3);
    expect(await evaluate<string>(page, `getComputedStyle(document.body).display`)).toBe('none');
  });

  it('restyles an AO3 chapter with its summary, notes and end notes apart', async () => {
    await site.h.openPage(AO3_MIDDLE);
    await restyled(AO3_MIDDLE);
    const labels = await inShadow<string[]>(AO3_MIDDLE, `[...root.querySelectorAll('.notes-heading')].map((e) => e.textContent)`);
    expect(labels).toEqual(expect.arrayContaining(['Chapter summary', 'Chapter notes', 'Chapter end notes']));
    expect(await inShadow<string>(AO3_MIDDLE, `root.querySelector('a[rel=next]').href`)).toMatch(/\/works\/4242424\/chapters\/10000003$/);
  });

  it('a story page whose markup the adapter does not know is read by Readability, loaded only then', async () => {
    const paper = 'http://www.fanfiction.net/s/3456789/1/Paper-Boats';
    await site.h.openPage(paper);
    await restyled(paper);
    expect(await inShadow<number>(paper, `root.querySelectorAll('.chapter-text [data-p]').length`)).toBe(8);
    expect(await inShadow<number>(paper, `root.querySelectorAll('.chapter-text :is(script, iframe, [style], [onclick])').length`)).toBe(0);
    // An adapter-read page never loads it.
    const other = await site.h.openPage(FFN_MIDDLE);
    await restyled(FFN_MIDDLE);
    expect(
      await evaluate<number>(other, `performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/readability.js')).length`),
    ).toBe(0);
  });

  it('leaves a page that is not a chapter as it was (AO3 adult gate)', async () => {
    const page = await site.h.openPage(AO3_GATE);
    // The content script answers the popup once it has decided: here, that there is no story to show.
    await pollUntil(async () => (await readerState(site.ext, AO3_GATE))?.available === false, '', 10_000, 'the content script to decide');
    expect(await inView<boolean>(site.ext, AO3_GATE, `(root, host) => host !== null`)).toBe(false);
    expect(await evaluate<number>(page, `document.documentElement.children.length`)).toBe(2);
    expect(await evaluate<string>(page, `document.documentElement.outerHTML`)).not.toMatch(/ficwell/i);
    expect(await evaluate<string>(page, `getComputedStyle(document.body).visibility`)).toBe('visible');
  });

  it('next and previous move between chapters, each restyled', async () => {
    const page = await site.h.openPage(chapterUrl(1));
    await restyled(chapterUrl(1));
    await clickInView(site.ext, page, chapterUrl(1), 'a[rel=next]');
    await poll(page, `location.pathname.startsWith('/s/${GENERATED_STORY.id}/2/')`, 10_000, 'chapter 2');
    await restyled(chapterUrl(2));
    expect(await inShadow<string>(chapterUrl(2), `root.querySelector('.section-heading').textContent`)).toBe('Chapter 2: Lantern 2');
    await clickInView(site.ext, page, chapterUrl(2), 'a[rel=prev]');
    await poll(page, `location.pathname.startsWith('/s/${GENERATED_STORY.id}/1/')`, 10_000, 'chapter 1');
    await restyled(chapterUrl(1));
    expect(await inShadow<string>(chapterUrl(1), `root.querySelector('.section-heading').textContent`)).toBe('Chapter 1: Lantern 1');
    await (page as { close(): Promise<void> }).close();
  });

  it('switching to the original and back keeps the text typed into the review box', async () => {
    const url = chapterUrl(3);
    const page = await site.h.openPage(url);
    await restyled(url);
    await clickInView(site.ext, page, url, '.reader-bar .bar-button[aria-keyshortcuts="Alt+Shift+R"]');
    await poll(page, `getComputedStyle(document.body).display !== 'none'`, 5000, 'the original page');
    await clickAt(page, `document.querySelector('#review_review')`);
    await (page as { keyboard: { type(t: string): Promise<void> } }).keyboard.type('Lovely chapter');
    await clickInView(site.ext, page, url, '.switch-back');
    await restyled(url);
    expect(await evaluate<string>(page, `getComputedStyle(document.body).display`)).toBe('none');
    await clickInView(site.ext, page, url, '.reader-bar .bar-button[aria-keyshortcuts="Alt+Shift+R"]');
    await poll(page, `getComputedStyle(document.body).display !== 'none'`, 5000, 'the original page again');
    expect(await evaluate<string>(page, `document.querySelector('#review_review').value`)).toBe('Lovely chapter');
  });

  it('the switch message that the keyboard command and the toolbar button send flips the page both ways', async () => {
    const page = await site.h.openPage(chapterUrl(1));
    await restyled(chapterUrl(1));
    // What the background does for the toggle-reader command, sent to every tab: only a restyled page answers.
    const send = `(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const answers = await Promise.all((await api.tabs.query({})).map((t) => api.tabs.sendMessage(t.id, { type: 'toggle-reader' }).catch(() => undefined)));
      return answers.filter(Boolean);
    })()`;
    // (Pages left open by earlier tests answer too; this page's own state is what is checked.)
    expect(await evaluate<unknown[]>(site.ext, send)).toContainEqual({ available: true, showing: false });
    expect(await evaluate<string>(page, `getComputedStyle(document.body).display`)).not.toBe('none');
    await pollView(site.ext, chapterUrl(1), `(root) => !!root?.querySelector('.switch-back')`, 5000, 'the original page');
    expect(await evaluate<unknown[]>(site.ext, send)).toContainEqual({ available: true, showing: true });
    await restyled(chapterUrl(1));
    expect(await evaluate<string>(page, `getComputedStyle(document.body).display`)).toBe('none');
    await (page as { close(): Promise<void> }).close();
  });

  it('the story shows in the popup with its chapter and percent; Continue brings the paragraph back', async () => {
    const page = await site.h.openPage(chapterUrl(2));
    await restyled(chapterUrl(2));
    await readViewTo(site.ext, chapterUrl(2), 40);
    const top = await inView<number>(site.ext, chapterUrl(2), TOP_PARAGRAPH);
    expect(top).toBe(40);
    await (page as { close(): Promise<void> }).close();

    const popup = await site.h.openExtensionPage('/popup.html');
    const row = `[data-story="web:ffn:${GENERATED_STORY.id}"]`;
    await poll(popup, `!!document.querySelector('${row}')`, 5000, 'the web story in the library');
    const text = await evaluate<string>(popup, `document.querySelector('${row}').textContent`);
    expect(text).toMatch(/Three Lanterns/);
    expect(text).toMatch(/FanFiction\.Net/);
    // Chapter 2 of 3, 40 of 80 equal paragraphs in: (1 + 0.5) / 3 = 50%.
    expect(text).toMatch(/Chapter 2 of 3, 50%/);
    await clickAt(popup, `document.querySelector('${row} button')`);
    // Its chapters read here are saved, so the popup offers the saved copy or the site: the site.
    await poll(popup, `!!document.querySelector('.saved-choice')`, 5000, 'the choice of copy or site');
    await clickAt(popup, `document.querySelector('.saved-choice button:nth-of-type(2)')`);
    await site.h.waitForTab(chapterUrl(2));
    await restyled(chapterUrl(2));
    await viewAtParagraph(popup, chapterUrl(2), 40);
  });
});
