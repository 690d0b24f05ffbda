import { act, render, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { PAGE_RECORDS, useLibrary, type FirstScreen, type LibrarySource, type LibraryState } from '../../components/hooks/useLibrary';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import type { PageMark } from '../../lib/db/progress';
import { sortItems, type RecentRecords, type SortKey } from '../../lib/library';
import { catalogEntry, progressRecord, seedRecord, webStory } from '../support/records';

const entries = [catalogEntry('a', 'Alpha', 100), catalogEntry('b', 'Beta', 200)];

/** A progress service's library side, with every record at hand and saves the test announces. */
function source(all: ProgressRecord[], stories: WebStoryRecord[]) {
  const listeners = new Set<(c: { progress: ProgressRecord; story?: WebStoryRecord }) => void>();
  const s: LibrarySource & { announce(p: ProgressRecord, story?: WebStoryRecord): void } = {
    all: vi.fn(async () => all),
    webStories: vi.fn(async () => stories),
    recent: vi.fn(async (limit: number, after?: PageMark | null) => page(all, stories, limit, after)),
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

/** ProgressStore.recent over records in memory: newest first, equal times by the greater key. */
function page(all: ProgressRecord[], stories: WebStoryRecord[], limit: number, after?: PageMark | null): RecentRecords {
  const order = [...all].sort((a, b) => b.updatedAt - a.updatedAt || (a.key < b.key ? 1 : -1));
  const from = after ? order.findIndex((r) => r.updatedAt < after.updatedAt || (r.updatedAt === after.updatedAt && r.key < after.key)) : 0;
  const progress = from < 0 ? [] : order.slice(from, from + limit);
  const last = progress.at(-1);
  const more = from >= 0 && from + limit < order.length;
  return {
    progress,
    stories: stories.filter((s) => progress.some((p) => p.key === s.key)),
    storyCount: stories.length,
    next: more && last ? { updatedAt: last.updatedAt, key: last.key } : null,
  };
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

  it('paged: lists the first screen whole at once, reads a page at the end of the list, and all of it for a search', async () => {
    // 450 web stories read at 450 different times (some equal, to cross a page on a tie), bundled 'a' read first of all.
    const stories = Array.from({ length: 450 }, (_, i) => webStory(String(i), 1000 + Math.floor(i / 2)));
    const progress = [seedRecord('a', 1, 10), ...stories.map((s) => progressRecord(s.key, s.updatedAt))];
    const src = source(progress, stories);
    const expected = [...progress].sort((x, y) => y.updatedAt - x.updatedAt || (x.key < y.key ? 1 : -1)).map((r) => r.key);
    const keys = (st: LibraryState) => sortItems(st.rows ?? [], 'recent').map((r) => r.progress?.key ?? r.id);
    const seen = mount(src, Promise.resolve({ entries, recent: page(progress, stories, 12), sort: 'recent' }), {
      paged: true,
      later: (fn) => fn(),
    });
    // The first screen is the list, whole: final order, the count known; the unread 'b' waits for the end.
    await waitFor(() => expect(seen.state.listed).toBe(true));
    expect(seen.state.partial).toBe(true);
    expect(keys(seen.state)).toEqual(expected.slice(0, 12));
    expect(seen.state.shelf?.webCount).toBe(450);
    expect(src.all).not.toHaveBeenCalled();

    act(() => seen.state.more('end'));
    await waitFor(() => expect(keys(seen.state)).toEqual(expected.slice(0, 12 + PAGE_RECORDS)));
    act(() => seen.state.more('end'));
    await waitFor(() => expect(keys(seen.state)).toEqual(expected.slice(0, 12 + 2 * PAGE_RECORDS)));
    expect(src.all).not.toHaveBeenCalled();

    // A search reads every record, the unread story too.
    act(() => seen.state.more('search'));
    await waitFor(() => expect(seen.state.shelf?.complete).toBe(true));
    expect(seen.state.partial).toBe(false);
    expect(keys(seen.state)).toEqual([...expected, 'b']);
  });

  it('says when the first screen cannot be read', async () => {
    const seen = mount(source([], []), Promise.reject(new Error('no catalog')));
    await waitFor(() => expect(seen.state.failed).toBe(true));
    expect(seen.state.rows).toBeNull();
  });
});
