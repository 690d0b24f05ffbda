import { describe, expect, it } from 'vitest';
import { BROWSERS } from './support/harness';
import { fakeSpeechSource } from './support/fake-speech-page';
import { GENERATED_STORY } from './support/pages';
import { useSiteBrowser } from './support/site';
import { clickInView, inView, pollView, READER_SHOWN, scrollViewTo, viewAtParagraph } from './support/view';

// Read aloud in a restyled chapter page: the same control and the same place as in the side panel. The
// scripted speech engine is put into the content script's world (where the view looks `speechSynthesis` up),
// through scripting.executeScript as the view helpers reach the closed shadow root; the page's own world
// never sees it.
const chapterUrl = (n: number) => `http://www.fanfiction.net/s/${GENERATED_STORY.id}/${n}/${GENERATED_STORY.slug}`;
const URL2 = chapterUrl(2);

interface Said {
  text: string;
  p: number | null;
  inView: boolean;
}

describe.each(BROWSERS)('read aloud in a restyled page in %s', (name) => {
  const site = useSiteBrowser(name, '/popup.html');
  const shown = (url: string) => pollView(site.ext, url, READER_SHOWN, 10_000, 'the restyled view');
  const said = () => inView<Said[]>(site.ext, URL2, `() => globalThis.__speech ?? []`);
  const install = (ms: number) =>
    inView<boolean>(site.ext, URL2, `(root) => { const ROOT = root; return ${fakeSpeechSource(ms, 'ROOT')}; }`);
  const toParagraph = (n: number) => scrollViewTo(site.ext, URL2, n);

  /** Opens chapter 2 with paragraph `n` at the reading line and starts reading aloud there, each utterance of the scripted voice taking `ms`. */
  const readAloudFrom = async (n: number, ms: number) => {
    const page = await site.h.openPage(URL2);
    await shown(URL2);
    await toParagraph(n);
    await viewAtParagraph(site.ext, URL2, n, 5000, `paragraph ${n} at the reading line`);
    expect(await install(ms)).toBe(true);
    await clickInView(site.ext, page, URL2, '.read-aloud', false);
    return page;
  };

  it('from the middle of a chapter: paragraphs read in order with the view following; paused and reopened at the paragraph being read', async () => {
    let page = await readAloudFrom(40, 250);
    await pollView(site.ext, URL2, `() => new Set((globalThis.__speech ?? []).map((s) => s.p)).size >= 4`, 20_000, 'three paragraphs read');
    const log = await said();
    const order = log.map((s) => s.p).filter((p, i, all) => p !== all[i - 1]);
    expect(order.slice(0, 4)).toEqual([40, 41, 42, 43]);
    expect(log.every((s) => s.inView)).toBe(true);
    const texts = await inView<string[]>(
      site.ext,
      URL2,
      `(root) => [40, 41, 42].map((n) => root.querySelector('[data-part] [data-p="' + n + '"]').textContent.replace(/\\s+/g, ' ').trim())`,
    );
    for (const [i, text] of texts.entries()) {
      expect(
        log
          .filter((s) => s.p === 40 + i)
          .map((s) => s.text)
          .join(' ')
          .replace(/\s+/g, ' '),
      ).toBe(text);
    }
    await clickInView(site.ext, page, URL2, '.read-aloud', false); // pause
    const reading = await inView<number>(site.ext, URL2, `(root) => Number(root.querySelector('.reading-aloud').dataset.p)`);
    expect(reading).toBeGreaterThanOrEqual(43);
    expect(await inView<string>(site.ext, URL2, `(root) => root.querySelector('.read-aloud').textContent`)).toMatch(/Resume/);

    await (page as { close(): Promise<void> }).close();
    page = await site.h.openPage(URL2);
    await shown(URL2);
    await viewAtParagraph(site.ext, URL2, reading, 10_000, `paragraph ${reading} back at the top`);
    await (page as { close(): Promise<void> }).close();
  });

  it('read to the end of the chapter, it offers the next chapter on the site', async () => {
    const page = await readAloudFrom(77, 60);
    await pollView(site.ext, URL2, `(root) => !!root.querySelector('.chapter-read a[rel="next"]')`, 20_000, 'the next chapter offered');
    expect(await inView<string>(site.ext, URL2, `(root) => root.querySelector('.chapter-read a[rel="next"]').href`)).toBe(chapterUrl(3));
    expect(await inView<string>(site.ext, URL2, `(root) => root.querySelector('.read-aloud').getAttribute('aria-pressed')`)).toBe('false');
    await (page as { close(): Promise<void> }).close();
  });
});
