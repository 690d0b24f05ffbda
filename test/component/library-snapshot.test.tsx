import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Library } from '../../components/Library';
import { PopupFirstScreen, PopupHeader } from '../../components/PopupFirstScreen';
import { useLibrary, type FirstScreen, type LibrarySource } from '../../components/hooks/useLibrary';
import { webItems } from '../../lib/library';
import { libraryOnScreen, readSnapshot, SNAPSHOT_KEY, takeSnapshot, writeSnapshot, type LibrarySnapshot } from '../../lib/library-snapshot';
import { catalogEntry, progressRecord, webStory } from '../support/records';

/**
 * The popup's first screen from its snapshot (entrypoints/popup/main.tsx wires the same pieces): drawn as text,
 * replaced by the records' rows as soon as they are read, and kept again from those rows only.
 */
const NOW = Date.UTC(2026, 10, 23, 12);
const entries = [catalogEntry('a', 'Alpha', 100)];
const source: LibrarySource = {
  all: vi.fn(async () => []),
  webStories: vi.fn(async () => []),
  recent: vi.fn(async () => ({ progress: [], stories: [], storyCount: 0, next: null })),
  onChange: () => () => {},
};

function View({ snapshot, first }: { snapshot: LibrarySnapshot | null; first: Promise<FirstScreen> }) {
  const { rows, sort, shelf, failed } = useLibrary(source, first, { later: () => {} });
  const s = libraryOnScreen(snapshot, { rows, sort, count: shelf ? shelf.entries.length + shelf.webCount : undefined, failed });
  if (!s) return null;
  return (
    <main data-snapshot={s.fromSnapshot ? 'shown' : undefined}>
      <p data-testid="count">{s.count}</p>
      <Library
        items={s.items}
        sort={s.sort}
        now={NOW}
        onSort={() => {}}
        onOpen={() => {}}
        onFirstRows={(f) => rows && s.count !== undefined && writeSnapshot(localStorage, takeSnapshot(f, sort, s.count))}
      />
    </main>
  );
}

const titles = () => [...document.querySelectorAll('.row-title')].map((e) => e.textContent);

describe('the popup painted from its snapshot', () => {
  it('shows the snapshot as text at once, then the records, then keeps the records as the snapshot', async () => {
    localStorage.clear();
    const hostile = '<img src=x onerror="window.__hit=1">';
    const old = webItems([webStory('1', NOW - 1000, { title: hostile }), webStory('2', NOW - 2000, { title: 'Deleted since' })], new Map());
    const snapshot = takeSnapshot(old, 'recent', 40);
    let resolve!: (f: FirstScreen) => void;
    const first = new Promise<FirstScreen>((r) => (resolve = r));
    render(<View snapshot={snapshot} first={first} />);

    // The first frame: the snapshot's rows, their titles as text (no element made of them), no write yet.
    expect(document.querySelector('main')?.dataset.snapshot).toBe('shown');
    expect(titles()).toEqual([hostile, 'Deleted since']);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('count').textContent).toBe('40');
    expect(localStorage.getItem(SNAPSHOT_KEY)).toBeNull();

    // The records say otherwise: story 1 was read again with a new title, story 2 is gone.
    const story = webStory('1', NOW, { title: 'Renamed' });
    resolve({
      entries,
      recent: { progress: [progressRecord(story.key, NOW, { percent: 60 })], stories: [story], storyCount: 1 },
      sort: 'recent',
    });
    await waitFor(() => expect(document.querySelector('main')?.dataset.snapshot).toBeUndefined());
    expect(titles()).toEqual(['Renamed', 'Alpha']);
    expect(screen.getByTestId('count').textContent).toBe('2');
    expect(document.querySelector('.row-percent')?.textContent).toBe('60%');

    // What is kept for the next popup is what was drawn from the records.
    await waitFor(() => expect(readSnapshot(localStorage)?.items.map((i) => i.title)).toEqual(['Renamed', 'Alpha']));
    expect(readSnapshot(localStorage)?.count).toBe(2);
  });

  it('with no snapshot, waits for the records as before', async () => {
    localStorage.clear();
    let resolve!: (f: FirstScreen) => void;
    render(<View snapshot={null} first={new Promise<FirstScreen>((r) => (resolve = r))} />);
    expect(document.querySelector('.story-row')).toBeNull();
    resolve({ entries, recent: { progress: [], stories: [], storyCount: 0 }, sort: 'recent' });
    await waitFor(() => expect(titles()).toEqual(['Alpha']));
  });
});

describe("the popup's first paint (entrypoints/popup-first.tsx)", () => {
  it('draws the header and the snapshot rows as text, with the markup the popup draws from the same snapshot', () => {
    const hostile = '<img src=x onerror="window.__hit=1">';
    const items = webItems([webStory('1', NOW - 1000, { title: hostile, summary: '<b>bold</b>' }), webStory('2', NOW - 2000)], new Map());
    const snapshot = takeSnapshot(items, 'recent', 7);
    const first = render(<PopupFirstScreen snapshot={snapshot} now={NOW} />);
    expect(titles()).toEqual([hostile, items[1]?.title]);
    expect(document.querySelector('img, b')).toBeNull();
    expect(document.querySelector('.popup-header .row-meta')?.textContent).toBe('7 stories');
    const early = first.container.innerHTML;
    first.unmount();

    // The popup's own first render from that snapshot (entrypoints/popup/main.tsx): the same nodes, so
    // replacing one with the other in one task changes nothing on screen.
    const popup = render(
      <main aria-labelledby="library-title" data-snapshot="shown">
        <PopupHeader count={snapshot.count} />
        <Library saved={new Map()} items={snapshot.items} sort={snapshot.sort} now={NOW} onSort={() => {}} onOpen={() => {}} reads={0} />
      </main>,
    );
    expect(popup.container.innerHTML).toBe(early);
  });
});
