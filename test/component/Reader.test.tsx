import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { dispatchTrusted, trustedClick } from './trusted-input';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Reader, type PositionReport, type ReaderProps } from '../../components/Reader';
import { indexOutline, positionAt } from '../../lib/position';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import type { Block } from '../../lib/story/chunks';
import { splitStory } from '../../lib/story/outline';
import { catalogEntry } from '../support/records';
import { GLASS, parsedSeed } from '../support/seeds';

// Glass Hearts: sections I to V, a summary and a warning before the story, its text in several chunks.
const { outline, chunks } = splitStory(parsedSeed(GLASS));
const entry = catalogEntry('glass-hearts', 'Glass Hearts', outline.words);
const index = indexOutline(outline);
const firstOf = (section: number) => index.address.findIndex((a) => a.part === section);

function renderReader(patch: Partial<ReaderProps> = {}) {
  const onPosition = vi.fn<(r: PositionReport) => void>();
  const onSettings = vi.fn<(s: Settings) => void>();
  const onNotesToggle = vi.fn();
  const onLibrary = vi.fn();
  const loadChunk = vi.fn((i: number) => Promise.resolve(chunks[i] as Block[]));
  const props: ReaderProps = {
    entry,
    outline,
    initial: null,
    initialChunks: new Map([[0, chunks[0] as Block[]]]),
    loadChunk,
    settings: DEFAULT_SETTINGS,
    frontMatterOpen: true,
    endNotesOpen: true,
    notice: null,
    onPosition,
    onSettings,
    onNotesToggle,
    onLibrary,
    ...patch,
  };
  const view = render(<Reader {...props} />);
  return { ...view, props, onPosition, onSettings, onNotesToggle, onLibrary, loadChunk };
}

/** A key the reader pressed (the reader's keys ignore keys a script dispatched). */
const press = (target: EventTarget, key: string, init: KeyboardEventInit = {}) =>
  dispatchTrusted(target, new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init }));

const drawn = (container: Element) => container.querySelectorAll('[data-p]').length;

beforeEach(() => {
  delete document.documentElement.dataset.complete;
});

describe('Reader', () => {
  it('draws the chunks it is given at once, the others as boxes, then loads the rest nearest first', async () => {
    expect(chunks.length).toBeGreaterThan(3);
    const { container, loadChunk } = renderReader();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Glass Hearts');
    expect(drawn(container)).toBe(chunks[0]!.filter((b) => b.kind === 'paragraph').length);
    expect(container.querySelectorAll('.chunk-placeholder')).toHaveLength(chunks.length - 1);
    await waitFor(() => expect(document.documentElement.dataset.complete).toBe('true'));
    expect(drawn(container)).toBe(outline.paragraphs);
    expect(container.querySelectorAll('.chunk-placeholder')).toHaveLength(0);
    expect(loadChunk.mock.calls.map(([i]) => i)).toEqual(chunks.map((_, i) => i).slice(1));
  });

  it('says so in its place when a chunk cannot be loaded, and draws the others', async () => {
    const { container } = renderReader({
      loadChunk: (i) => (i === 2 ? Promise.reject(new Error('gone')) : Promise.resolve(chunks[i] as Block[])),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not be loaded');
    await waitFor(() => expect(drawn(container)).toBe(outline.paragraphs - chunks[2]!.filter((b) => b.kind === 'paragraph').length));
  });

  it('opens at a saved position with its progress shown', () => {
    const n = firstOf(3);
    const initial = positionAt(index, n, 0);
    renderReader({ initial, initialChunks: new Map() });
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
    expect(onPosition.mock.calls[0]?.[0]).toMatchObject({ position: { part: 2, paragraph: 0, offset: 0 }, atEnd: false });
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
    const loadChunk = vi.fn((_i: number) => new Promise<Block[]>(() => {}));
    const { onPosition, rerender, props } = renderReader({ loadChunk });
    rerender(<Reader {...props} goTo={{ position: place, seq: 1 }} />);
    expect(onPosition).toHaveBeenCalledTimes(1);
    expect(onPosition.mock.calls[0]?.[0]).toMatchObject({ position: { part: 3, paragraph: 5, offset: 0.25 }, atEnd: false });
    // Its part is asked for at once, not left to the idle-time fill.
    expect(loadChunk.mock.calls.map(([i]) => i)).toContain(outline.chunks.findIndex((c) => c.first <= n && n <= c.last));
    rerender(<Reader {...props} goTo={{ position: place, seq: 1 }} />);
    expect(onPosition).toHaveBeenCalledTimes(1);
    rerender(<Reader {...props} goTo={{ position: place, seq: 2 }} />);
    expect(onPosition).toHaveBeenCalledTimes(2);
  });

  it('reader keys: n and p move by section, + and - change the text size; none while typing', () => {
    const { onPosition, onSettings } = renderReader();
    press(document, 'n');
    press(document, 'n');
    expect(onPosition.mock.calls.map(([r]) => r.position.part)).toEqual([1, 2]);
    press(document, 'p');
    expect(onPosition.mock.calls.at(-1)?.[0].position.part).toBe(1);
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
    const { container, onNotesToggle, onLibrary } = renderReader();
    const front = container.querySelector<HTMLDetailsElement>('details.front-matter')!;
    expect(front.open).toBe(true);
    expect(front.querySelector('summary')?.textContent).toBe('Before the story: summary, warning');
    act(() => {
      front.open = false;
      front.dispatchEvent(new Event('toggle'));
    });
    expect(onNotesToggle).toHaveBeenCalledWith('front', false);
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
