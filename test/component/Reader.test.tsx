import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { dispatchTrusted, trustedClick } from './trusted-input';
import { describe, expect, it, vi } from 'vitest';
import { Reader } from '../../components/Reader';
import { indexOutline, positionAt } from '../../lib/position';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { Block } from '../../lib/story/chunks';
import { glass, renderPageReader, renderStoryReader, storyReaderProps } from '../support/reader';
import { storyPage, textNote, textPart } from '../support/story-page';

// Glass Hearts: sections I to V, a summary and a warning before the story, its text in several chunks.
const { outline, chunks } = glass;
const index = indexOutline(outline);
const firstOf = (section: number) => index.address.findIndex((a) => a.part === section);
const renderReader = renderStoryReader;

/** A key the reader pressed (the reader's keys ignore keys a script dispatched). */
const press = (target: EventTarget, key: string, init: KeyboardEventInit = {}) =>
  dispatchTrusted(target, new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init }));

const drawn = (container: Element) => container.querySelectorAll('[data-p]').length;

describe('Reader with a bundled story', () => {
  it('draws the chunks it is given at once, the others as boxes, then loads the rest nearest first', async () => {
    expect(chunks.length).toBeGreaterThan(3);
    const { container, loadPiece, onComplete } = renderReader();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Glass Hearts');
    expect(drawn(container)).toBe(chunks[0]!.filter((b) => b.kind === 'paragraph').length);
    expect(container.querySelectorAll('.chunk-placeholder')).toHaveLength(chunks.length - 1);
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
    expect(drawn(container)).toBe(outline.paragraphs);
    expect(container.querySelectorAll('.chunk-placeholder')).toHaveLength(0);
    expect(loadPiece.mock.calls.map(([i]) => i)).toEqual(chunks.map((_, i) => i).slice(1));
  });

  it('says so in its place when a chunk cannot be loaded, and draws the others', async () => {
    const { container } = renderReader({
      loadPiece: (i) => (i === 2 ? Promise.reject(new Error('gone')) : Promise.resolve(chunks[i] as Block[])),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not be loaded');
    await waitFor(() => expect(drawn(container)).toBe(outline.paragraphs - chunks[2]!.filter((b) => b.kind === 'paragraph').length));
  });

  it('opens at a saved position with its progress shown', () => {
    const n = firstOf(3);
    const initial = positionAt(index, n, 0);
    renderReader({ initial, given: new Map() });
    const bar = screen.getByRole('progressbar', { name: 'Reading progress' });
    const expected = Math.floor((index.wordsBefore[n]! / index.wordsBefore.at(-1)!) * 100);
    expect(bar.getAttribute('aria-valuenow')).toBe(String(expected));
    expect(expected).toBeGreaterThan(30);
  });

  it('the bar names the section; its contents sheet marks it, jumps to a section and reports that position', () => {
    const { onPosition } = renderReader();
    const bar = screen.getByRole('progressbar', { name: 'Reading progress' });
    expect(bar.querySelector('.where')?.textContent).toBe('I');
    const toggle = screen.getByRole('button', { name: 'Contents' });
    expect(screen.queryByRole('navigation', { name: 'Contents' })).toBeNull();
    trustedClick(toggle);
    const toc = screen.getByRole('navigation', { name: 'Contents' });
    const items = within(toc).getAllByRole('button');
    expect(items.map((b) => b.textContent)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(items.map((b) => b.getAttribute('aria-current'))).toEqual(['true', null, null, null, null]);
    expect(document.activeElement).toBe(items[0]);
    trustedClick(within(toc).getByRole('button', { name: 'III' }));
    expect(onPosition).toHaveBeenCalledTimes(1);
    expect(onPosition.mock.calls[0]?.[0]).toMatchObject({ place: { part: 2, p: 0, offset: 0 }, atEnd: false });
    // The sheet closed, the bar now names section III, and the contents mark it when opened again.
    expect(screen.queryByRole('navigation', { name: 'Contents' })).toBeNull();
    expect(bar.querySelector('.where')?.textContent).toBe('III');
    trustedClick(toggle);
    expect(
      within(screen.getByRole('navigation', { name: 'Contents' }))
        .getByRole('button', { name: 'III' })
        .getAttribute('aria-current'),
    ).toBe('true');
  });

  it('t opens the contents and Escape closes a sheet, giving the focus back to its button', () => {
    renderReader();
    const toggle = screen.getByRole('button', { name: 'Settings' });
    toggle.focus();
    trustedClick(toggle);
    const sheet = screen.getByRole('region', { name: 'Reading settings' });
    expect(sheet.contains(document.activeElement)).toBe(true);
    dispatchTrusted(document.activeElement!, new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(screen.queryByRole('region', { name: 'Reading settings' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
    press(document, 't');
    expect(screen.getByRole('navigation', { name: 'Contents' })).toBeTruthy();
  });

  it("goes to a place it is handed once per seq, loading that part first, and reports it as the reader's place", () => {
    const n = firstOf(3) + 5;
    const place = positionAt(index, n, 0.25);
    const loadPiece = vi.fn((_i: number) => new Promise<Block[]>(() => {}));
    const { onPosition, rerender, props } = renderReader({ loadPiece });
    const goTo = (seq: number) => storyReaderProps({ goTo: { position: place, seq } }).props.goTo;
    rerender(<Reader {...props} goTo={goTo(1)} />);
    expect(onPosition).toHaveBeenCalledTimes(1);
    expect(onPosition.mock.calls[0]?.[0]).toMatchObject({ place: { part: 3, p: 5, offset: 0.25 }, atEnd: false });
    // Its part is asked for at once, not left to the idle-time fill.
    expect(loadPiece.mock.calls.map(([i]) => i)).toContain(outline.chunks.findIndex((c) => c.first <= n && n <= c.last));
    rerender(<Reader {...props} goTo={goTo(1)} />);
    expect(onPosition).toHaveBeenCalledTimes(1);
    rerender(<Reader {...props} goTo={goTo(2)} />);
    expect(onPosition).toHaveBeenCalledTimes(2);
  });

  it('reader keys: n and p move by section, + and - change the text size; none while typing', () => {
    const { onPosition, onSettings } = renderReader();
    press(document, 'n');
    press(document, 'n');
    expect(onPosition.mock.calls.map(([r]) => r.place.part)).toEqual([1, 2]);
    press(document, 'p');
    expect(onPosition.mock.calls.at(-1)?.[0].place.part).toBe(1);
    press(document, '+');
    press(document, '-');
    expect(onSettings.mock.calls.map(([s]) => s.fontSize)).toEqual([19, 17]);
    trustedClick(screen.getByRole('button', { name: 'Settings' }));
    press(screen.getByRole('slider', { name: /Line height/ }), 'n');
    press(document, '+', { ctrlKey: true });
    fireEvent.keyDown(window, { key: 'n' }); // a key a script dispatched
    fireEvent.keyDown(window, { key: '+' });
    expect(onPosition).toHaveBeenCalledTimes(3);
    expect(onSettings).toHaveBeenCalledTimes(2);
  });

  it('the settings sheet and its text-size buttons hand back new settings', () => {
    const { onSettings } = renderReader({ settings: { ...DEFAULT_SETTINGS, fontSize: 24 } });
    const toggle = screen.getByRole('button', { name: 'Settings' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    trustedClick(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    trustedClick(screen.getByRole('button', { name: 'Larger text' }));
    expect(onSettings).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, fontSize: 26 });
    trustedClick(screen.getByRole('radio', { name: 'Dark' }));
    expect(onSettings).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, fontSize: 24, theme: 'dark' });
    trustedClick(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('radio', { name: 'Dark' })).toBeNull();
  });

  it('collapsing the front matter is reported; the Library button asks for the list', async () => {
    const { container, onFold, onLibrary } = renderReader();
    const front = container.querySelector<HTMLDetailsElement>('details.front-matter')!;
    expect(front.open).toBe(true);
    expect(front.querySelector('summary')?.textContent).toBe('Before the story: summary, warning');
    act(() => {
      front.open = false;
      front.dispatchEvent(new Event('toggle'));
    });
    expect(onFold).toHaveBeenCalledWith('front', false);
    const back = container.querySelector<HTMLButtonElement>('.reader-bar .back')!;
    expect(back.textContent).toMatch(/Library/);
    fireEvent.click(back);
    expect(onLibrary).not.toHaveBeenCalled(); // a script's click is not the reader's
    await Promise.resolve(); // the script that clicked has returned
    trustedClick(back);
    expect(onLibrary).toHaveBeenCalledTimes(1);
    // The end of the story leads back to the library too.
    trustedClick(within(screen.getByRole('region', { name: 'The end' })).getByRole('button', { name: /Library/ }));
    expect(onLibrary).toHaveBeenCalledTimes(2);
  });

  it('shows a notice it is given', () => {
    renderReader({ notice: 'Progress cannot be saved right now' });
    expect(screen.getByRole('status').textContent).toBe('Progress cannot be saved right now');
  });
});

/** A chapter of `n` paragraphs with a note before them, as an adapter hands it out (the document model, no nodes). */
const bigPage = (n: number) =>
  storyPage({
    title: 'Big',
    parts: [
      textPart(
        1,
        Array.from({ length: n }, (_, p) => `Paragraph ${p}.`),
        [textNote('chapter-notes', 'A note.')],
      ),
    ],
  });

describe('Reader with a site page', () => {
  it('draws as far as the saved paragraph at once, the rest later, every paragraph numbered once', async () => {
    const n = 1500;
    const { container } = renderPageReader(bigPage(n), { initial: { part: 0, p: 1200, offset: 0 } });
    const text = container.querySelector('.chapter-text') as HTMLElement;
    // In the first render: the saved paragraph is there.
    expect(text.querySelector('[data-p="1200"]')?.textContent).toBe('Paragraph 1200.');
    await waitFor(() => expect(text.querySelectorAll('[data-p]')).toHaveLength(n), { timeout: 20_000 });
    const ps = Array.from(text.querySelectorAll('[data-p]'));
    expect(ps.map((el) => Number(el.getAttribute('data-p')))).toEqual(Array.from({ length: n }, (_, i) => i));
    // Paragraphs are the text's direct children (slices leave no wrapper), and the note carries no number.
    expect(Array.from(text.children).every((el) => el.tagName === 'P')).toBe(true);
    expect(container.querySelector('.chapter .note')?.innerHTML).toBe('<p>A note.</p>');
  }, 30_000);

  it('shows the whole-work slot at the end of the chapter, after the site feedback', () => {
    const { container } = renderPageReader(bigPage(3), {
      end: { finished: false, actions: [{ label: 'Kudos', onAct: vi.fn() }], extra: <p class="slot">whole work</p> },
    });
    const end = container.querySelector('.story-end');
    expect(end?.querySelector('.slot')?.textContent).toBe('whole work');
    const feedback = end?.querySelector('button');
    expect(feedback?.textContent).toBe('Kudos');
    expect(feedback?.compareDocumentPosition(end?.querySelector('.slot') as Node)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
  });

  it('the same bar: the chapter and percent, the original page button, no read-aloud control without speech', () => {
    const page = storyPage({
      title: 'Lanterns',
      chapterCount: 4,
      parts: [textPart(2, ['One.', 'Two.'])],
      links: { next: 'https://www.fanfiction.net/s/1/3/Lanterns' },
    });
    const { container, onOriginal, onPosition } = renderPageReader(page);
    const bar = screen.getByRole('progressbar', { name: 'Reading progress' });
    expect(bar.querySelector('.where')?.textContent).toBe('Chapter 2 of 4');
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.queryByRole('button', { name: 'Read aloud' })).toBeNull();
    expect(container.querySelector('.chapter-nav a[rel="next"]')?.getAttribute('href')).toBe('https://www.fanfiction.net/s/1/3/Lanterns');
    trustedClick(container.querySelector<HTMLButtonElement>('.reader-bar .back')!);
    expect(onOriginal).toHaveBeenCalledTimes(1);
    // + and - change the text size here too; n goes to the site's next page, not to a place in this view.
    press(document, '+');
    expect(onPosition).not.toHaveBeenCalled();
  });

  it("a chapter page of several chapters (a forum's reader page) lays every one out at once", () => {
    const page = storyPage({
      title: 'Thread',
      parts: [textPart(11, ['A.', 'B.']), textPart(12, ['C.']), textPart(13, ['D.'])],
    });
    const { container } = renderPageReader(page);
    expect(container.querySelectorAll('[data-part]')).toHaveLength(3);
    expect(container.querySelectorAll('.part-deferred')).toHaveLength(0);
    // It names no chapter count: the bar claims no "of N", the details at least the chapters shown.
    expect(screen.getByRole('progressbar', { name: 'Reading progress' }).querySelector('.where')?.textContent).toBe('Chapter 11');
    expect(container.textContent).toContain('13/? chapters');
  });

  it('a full work lists its chapters in the contents and jumps between them in the page', () => {
    const page = storyPage({
      title: 'Whole',
      fullWork: true,
      chapterCount: 3,
      parts: [textPart(1, ['A.', 'B.']), textPart(2, ['C.', 'D.']), textPart(3, ['E.'])],
    });
    const { container, onPosition } = renderPageReader(page);
    expect(container.querySelectorAll('.part-deferred')).toHaveLength(3);
    trustedClick(screen.getByRole('button', { name: 'Contents' }));
    const toc = screen.getByRole('navigation', { name: 'Contents' });
    trustedClick(within(toc).getAllByRole('button')[2]!);
    expect(onPosition.mock.calls.at(-1)?.[0]).toMatchObject({ place: { part: 2, p: 0, offset: 0 }, atEnd: false });
    expect(screen.getByRole('progressbar', { name: 'Reading progress' }).querySelector('.where')?.textContent).toBe('Chapter 3 of 3');
  });
});
