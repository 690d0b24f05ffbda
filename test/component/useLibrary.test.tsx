import { act, render, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { useLibrary, type FirstScreen, type LibrarySource, type LibraryState } from '../../components/hooks/useLibrary';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import type { SortKey } from '../../lib/library';
import { catalogEntry, progressRecord, seedRecord, webStory } from '../support/records';

const entries = [catalogEntry('a', 'Alpha', 100), catalogEntry('b', 'Beta', 200)];

/** A progress service's library side, with every record at hand and saves the test announces. */
function source(all: ProgressRecord[], stories: WebStoryRecord[]) {
  const listeners = new Set<(c: { progress: ProgressRecord; story?: WebStoryRecord }) => void>();
  const s: LibrarySource & { announce(p: ProgressRecord, story?: WebStoryRecord): void } = {
    all: vi.fn(async () => all),
    webStories: vi.fn(async () => stories),
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    announce: (progress, story) => {
      for (const l of listeners) l({ progress, story });
    },
  };
  return s;
}

function mount(src: LibrarySource, first: Promise<FirstScreen>, options: Parameters<typeof useLibrary>[2] = {}) {
  const seen = {} as { state: LibraryState };
  function View() {
    seen.state = useLibrary(src, first, options);
    return null;
  }
  render(<View />);
  return seen;
}

const ids = (s: LibraryState) => s.rows?.map((r) => `${r.id}:${r.percent}`) ?? null;

describe('useLibrary', () => {
  it('"recent": lists the first screen at once, and every record once it is painted', async () => {
    const src = source([seedRecord('a', 1, 10), seedRecord('b', 2, 20)], [webStory('9', 3)]);
    let painted: () => void = () => {};
    const seen = mount(
      src,
      Promise.resolve({ entries, recent: { progress: [seedRecord('b', 2, 20)], stories: [], storyCount: 1 }, sort: 'recent' }),
      {
        later: (fn) => (painted = fn),
      },
    );
    await waitFor(() => expect(ids(seen.state)).toEqual(['a:0', 'b:20']));
    expect(src.all).not.toHaveBeenCalled();
    expect(seen.state.shelf?.webCount).toBe(1);
    act(() => painted());
    await waitFor(() => expect(seen.state.shelf?.complete).toBe(true));
    expect(ids(seen.state)).toEqual(['a:10', 'b:20', 'web:ao3:9:0']);
  });

  it('another order shows no rows until every record is read, then in the stored order', async () => {
    const src = source([seedRecord('a', 1, 10)], []);
    const seen = mount(src, Promise.resolve({ entries, recent: { progress: [], stories: [], storyCount: 0 }, sort: 'title' as SortKey }), {
      later: () => {},
    });
    await waitFor(() => expect(seen.state.shelf?.complete).toBe(true));
    expect(seen.state.sort).toBe('title');
    expect(ids(seen.state)).toEqual(['a:10', 'b:0']);
  });

  it('merges a save heard from another view, and a new sort is shown and stored', async () => {
    const src = source([], []);
    const saveSort = vi.fn();
    const seen = mount(src, Promise.resolve({ entries, recent: { progress: [], stories: [], storyCount: 0 }, sort: 'recent' }), {
      saveSort,
      later: (fn) => fn(),
    });
    await waitFor(() => expect(seen.state.shelf?.complete).toBe(true));
    act(() => src.announce(progressRecord('web:ao3:5', 9, { percent: 50 }), webStory('5', 9)));
    expect(ids(seen.state)).toEqual(['a:0', 'b:0', 'web:ao3:5:50']);
    expect(seen.state.shelf?.webCount).toBe(1);
    act(() => seen.state.setSort('length'));
    expect(seen.state.sort).toBe('length');
    expect(saveSort).toHaveBeenCalledWith('length');
  });

  it('reload reads every record again (after an import)', async () => {
    const records = [seedRecord('a', 1, 10)];
    const src = source(records, []);
    const seen = mount(src, Promise.resolve({ entries, recent: { progress: [], stories: [], storyCount: 0 }, sort: 'recent' }), {
      later: (fn) => fn(),
    });
    await waitFor(() => expect(ids(seen.state)).toEqual(['a:10', 'b:0']));
    records.push(seedRecord('b', 5, 70));
    await act(() => seen.state.reload());
    expect(ids(seen.state)).toEqual(['a:10', 'b:70']);
  });

  it('says when the first screen cannot be read', async () => {
    const seen = mount(source([], []), Promise.reject(new Error('no catalog')));
    await waitFor(() => expect(seen.state.failed).toBe(true));
    expect(seen.state.rows).toBeNull();
  });
});
