import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BROWSERS, click, closePanel, evaluate, inPanel, poll, pollText, TOP_PARAGRAPH, type AnyPage } from './support/harness';
import { storedRecord } from './support/db';
import { catchDownload, caughtDownload } from './support/download';
import { GENERATED_STORY } from './support/pages';
import { useSiteBrowser } from './support/site';
import { pollUntil } from '../support/browsers';
import { inView, pollView, READER_SHOWN, readViewTo } from './support/view';

const ffnChapter = (n: number) => `http://www.fanfiction.net/s/${GENERATED_STORY.id}/${n}/${GENERATED_STORY.slug}`;
const FFN_KEY = `web:ffn:${GENERATED_STORY.id}`;
const FFN_TITLE = 'Three Lanterns'; // as the generated chapter pages give it (test/e2e/support/pages.ts)
const AO3_FULL = 'http://archiveofourown.org/works/4242424?view_full_work=true';
const AO3_MIDDLE = 'http://archiveofourown.org/works/4242424/chapters/10000002';
const AO3_KEY = 'web:ao3:4242424';

type Stored = { position: { part: number; paragraph: number; offset: number } };

/** The text of the paragraph at the panel's reading line, or null when the panel does not show the story. */
const panelTopText = (page: AnyPage) =>
  inPanel<string | null>(
    page,
    `(w) => { const n = (${TOP_PARAGRAPH})(w); return w.document.querySelector('[data-p="' + n + '"]')?.textContent ?? null; }`,
  );

describe.each(BROWSERS)('saved chapters read anywhere in %s', (name) => {
  const site = useSiteBrowser(name, '/popup.html');
  const restyled = (url: string) => pollView(site.ext, url, READER_SHOWN, 10_000, 'the restyled view');
  /** Waits until the stored position of `key` is one `wanted` accepts (or 10 s), and gives what is stored. */
  const storedWhen = async (key: string, wanted: (p: Stored['position']) => boolean) => {
    let got: Stored | null = null;
    await pollUntil(
      async () => {
        got = await storedRecord<Stored>(site.ext, 'progress', key);
        return got !== null && wanted(got.position);
      },
      '',
      10_000,
      `a position for ${key}`,
    ).catch(() => undefined);
    return got as Stored | null;
  };
  /** The text the restyled page shows at a stored position (the page shows that one chapter). */
  const textOnPage = (url: string, p: number) =>
    inView<string>(site.ext, url, `(root) => root.querySelector('[data-part] [data-p="${p}"]').textContent`);

  let ffnText = '';
  let ao3Text = '';

  /** The chapter numbers saved of each story, by key. */
  const savedNumbers = async () => {
    const saved = await evaluate<{ key: string; chapters: { number: number }[] }[]>(
      site.ext,
      `new Promise((resolve) => { const q = indexedDB.open('ficwell'); q.onsuccess = () => { const r = q.result.transaction('savedStories').objectStore('savedStories').getAll(); r.onsuccess = () => { q.result.close(); resolve(r.result); }; }; })`,
    );
    return Object.fromEntries(saved.map((s) => [s.key, s.chapters.map((c) => c.number)]));
  };

  it('reads two FFN chapters and an AO3 work (its full view, then chapter 2) restyled: each chapter is saved', async () => {
    const one = await site.h.openPage(ffnChapter(1));
    await restyled(ffnChapter(1));
    // The page sends its chapter once the reader is shown (an effect after the first paint): a tab closed
    // before that keeps nothing, so this one is closed once chapter 1 is stored.
    await pollUntil(async () => (await savedNumbers())[FFN_KEY]?.includes(1), '', 10_000, 'chapter 1 saved');
    await (one as { close(): Promise<void> }).close();

    const two = await site.h.openPage(ffnChapter(2));
    await restyled(ffnChapter(2));
    await readViewTo(site.ext, ffnChapter(2), 40);
    const ffn = await storedWhen(FFN_KEY, (p) => p.paragraph === 40);
    expect(ffn?.position.part).toBe(1);
    expect(ffn?.position.paragraph).toBe(40);
    ffnText = await textOnPage(ffnChapter(2), 40);
    await (two as { close(): Promise<void> }).close();

    const full = await site.h.openPage(AO3_FULL);
    await restyled(AO3_FULL);
    await pollUntil(async () => ((await savedNumbers())[AO3_KEY]?.length ?? 0) >= 2, '', 10_000, 'the full work saved');
    await (full as { close(): Promise<void> }).close();
    const middle = await site.h.openPage(AO3_MIDDLE);
    await restyled(AO3_MIDDLE);
    const ao3 = await storedWhen(AO3_KEY, (p) => p.part === 1);
    expect(ao3?.position.part).toBe(1);
    ao3Text = await textOnPage(AO3_MIDDLE, ao3?.position.paragraph ?? -1);
    await (middle as { close(): Promise<void> }).close();

    const numbers = await savedNumbers();
    expect(numbers[FFN_KEY]).toEqual([1, 2]);
    expect(numbers[AO3_KEY]?.length).toBeGreaterThanOrEqual(2);
  });

  it('with the site server stopped, the FFN story opens from the popup in the side panel at the saved paragraph', async () => {
    const requests = site.server.requests.length;
    await Promise.race([site.server.close(), new Promise((r) => setTimeout(r, 3000))]);
    const popup = await site.h.openExtensionPage('/popup.html');
    const row = `[data-story="${FFN_KEY}"]`;
    await poll(popup, `!!document.querySelector('${row} .row-saved')`, 5000, 'the saved mark');
    expect(await evaluate<string>(popup, `document.querySelector('${row} .row-saved').textContent`)).toMatch(/2 of 3 chapters saved/);
    await click(popup, `${row} button`);
    await poll(popup, `!!document.querySelector('.saved-choice')`, 5000, 'the choice');
    await click(popup, '.saved-choice button'); // "Read in the side panel"
    await pollUntil(async () => (await panelTopText(popup)) === ffnText, '', 15_000, 'the panel at the saved paragraph');
    // Chapter 3 was never opened: the contents name it, and its place (drawn once its chunk is loaded, in
    // idle time after the saved paragraph's) links to the site.
    await pollUntil(
      () => inPanel<boolean>(popup, `(w) => !!w.document.querySelector('[data-complete]')`),
      '',
      10_000,
      'the whole story drawn',
    );
    const missing = await inPanel<string | null>(
      popup,
      `(w) => w.document.querySelector('a[href$="/s/${GENERATED_STORY.id}/3/${GENERATED_STORY.slug}"]')?.textContent ?? null`,
    );
    expect(missing).toBe('Read it on the site');
    // The bar counts as the restyled page and the library do, by chapters: chapter 2 of 3, 40 of its 80
    // paragraphs in, is (1 + 0.5) / 3 = 50%.
    expect(await inPanel<string>(popup, `(w) => w.document.querySelector('.reader-bar .how-far').textContent`)).toMatch(/^50%/);

    // Reading on in the panel stores the position as the restyled page reads it: chapter 1, paragraph 10
    // (drawn once the reader has loaded the chapters around the one it opened at).
    await pollUntil(() => inPanel<boolean>(popup, `(w) => !!w.document.querySelector('[data-p="10"]')`), '', 10_000, 'chapter 1 drawn');
    await inPanel(
      popup,
      `(w) => {
        w.document.querySelector('[data-p="10"]').scrollIntoView();
        w.scrollBy(0, -(w.document.querySelector('.reader-bar').getBoundingClientRect().bottom + 8));
      }`,
    );
    const moved = await storedWhen(FFN_KEY, (p) => p.part === 0);
    expect(moved?.position.part).toBe(0);
    expect(moved?.position.paragraph).toBe(10);
    await closePanel(site.h, popup);
    // Nothing was asked of the site (it was down, and nothing tried).
    expect(site.server.requests.length).toBe(requests);
    await (popup as { close(): Promise<void> }).close();
  });

  it("the saved FFN story's Download EPUB in the side panel library hands the browser a book of the saved chapters", async () => {
    const panel = await site.h.openExtensionPage('/sidepanel.html#library');
    const row = `[data-story="${FFN_KEY}"]`;
    await poll(panel, `!!document.querySelector('${row} .row-saved')`, 5000, 'the saved mark');
    await catchDownload(panel);
    await click(panel, `${row} button`);
    await poll(panel, `!!document.querySelector('.saved-choice .epub-download button')`, 5000, 'the EPUB button');
    await click(panel, '.saved-choice .epub-download button');
    const got = await caughtDownload(panel);
    expect(got.name).toBe(`${FFN_TITLE}.epub`);
    const files = unzipSync(got.bytes);
    const text = (path: string) => strFromU8(files[path] ?? new Uint8Array());
    expect(text('mimetype')).toBe('application/epub+zip');
    expect(text('OEBPS/content.opf')).toContain(`<dc:title>${FFN_TITLE}</dc:title>`);
    // Chapters 1 and 2 were read and saved, chapter 3 never: the book has the two, in order, with their text.
    const chapters = Object.keys(files)
      .filter((f) => /^OEBPS\/chapter-\d+\.xhtml$/.test(f))
      .sort();
    expect(chapters).toEqual(['OEBPS/chapter-1.xhtml', 'OEBPS/chapter-2.xhtml']);
    expect(text('OEBPS/chapter-1.xhtml')).toContain('Chapter 1, paragraph 1. The lanterns');
    expect(text('OEBPS/chapter-2.xhtml')).toContain(ffnText);
    expect(text('OEBPS/chapter-2.xhtml')).not.toContain('Chapter 3, paragraph');
    await (panel as { close(): Promise<void> }).close();
  });

  it('the AO3 work opens from the side panel library at its saved paragraph; its copy can be deleted, its place kept', async () => {
    const panel = await site.h.openExtensionPage('/sidepanel.html#library');
    const row = `[data-story="${AO3_KEY}"]`;
    await poll(panel, `!!document.querySelector('${row} .row-saved')`, 5000, 'the saved mark');
    await click(panel, `${row} button`);
    await poll(panel, `!!document.querySelector('.saved-choice')`, 5000, 'the choice');
    expect(await evaluate<string>(panel, `document.querySelector('.saved-choice').textContent`)).toMatch(/about \d+ kB/);
    await click(panel, '.saved-choice button');
    await poll(
      panel,
      `(() => { const n = (${TOP_PARAGRAPH})(window); return document.querySelector('[data-p="' + n + '"]')?.textContent === ${JSON.stringify(ao3Text)}; })()`,
      15_000,
      'the reader at the saved paragraph',
    );
    const position = (await storedRecord<Stored>(panel, 'progress', AO3_KEY))?.position;
    // The chapters' notes, saved with their text, are drawn as the restyled view draws them: folds under the
    // same labels, not quotes.
    await poll(
      panel,
      `(() => { const s = new Set([...document.querySelectorAll('.story details.notes[open] > summary.notes-heading')].map((e) => e.textContent)); return ['Chapter summary', 'Chapter notes', 'Chapter end notes'].every((l) => s.has(l)); })()`,
      10_000,
      "the chapters' notes",
    );
    // The text's own quote (a letter, numbered paragraphs) is still one; no quote holds only notes.
    expect(
      await evaluate<string[]>(
        panel,
        `[...document.querySelectorAll('.story blockquote')].map((q) => q.querySelector('[data-p]')?.textContent ?? '')`,
      ),
    ).toEqual(['Placeholder quoted letter, line one.']);

    await evaluate(panel, `location.hash = '#library'`);
    await poll(panel, `!!document.querySelector('${row}')`, 5000, 'the library');
    await click(panel, `${row} button`);
    await poll(panel, `!!document.querySelector('.saved-choice')`, 5000, 'the choice');
    await click(panel, '.saved-choice button:nth-of-type(3)'); // "Delete saved copy"
    await pollText(panel, '[role=status]', 'Saved copy deleted. Your place is kept.', 5000, 'deleted');
    expect(await evaluate<boolean>(panel, `!!document.querySelector('${row} .row-saved')`)).toBe(false);
    expect((await storedRecord<Stored>(panel, 'progress', AO3_KEY))?.position).toEqual(position);
    expect(await storedRecord(panel, 'webStories', AO3_KEY)).not.toBeNull();
  });
});
