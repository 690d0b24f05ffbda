import { act, render, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { usePanelView, type PanelSources, type PanelView } from '../../components/hooks/usePanelView';
import type { StoryFile } from '../../lib/catalog';
import { indexOutline, positionAt } from '../../lib/position';
import type { Block } from '../../lib/story/chunks';
import { splitStory } from '../../lib/story/outline';
import { catalogEntry, progressRecord } from '../support/records';
import { GLASS, parsedSeed } from '../support/seeds';

const { outline, chunks } = splitStory(parsedSeed(GLASS));
const glass: StoryFile = { entry: catalogEntry('glass-hearts', 'Glass Hearts', outline.words), outline };
const index = indexOutline(outline);

function sources(patch: Partial<PanelSources> = {}) {
  return {
    loadStory: vi.fn(async (id: string) => (id === 'glass-hearts' ? glass : undefined)),
    loadChunk: vi.fn(async (_id: string, i: number) => chunks[i] as Block[]),
    saved: vi.fn(async (_id: string) => undefined as ReturnType<typeof progressRecord> | undefined),
    lastStory: vi.fn(async () => null as string | null),
    setLastStory: vi.fn(),
    ...patch,
  };
}

function mount(s: PanelSources) {
  const seen: { view: PanelView } = { view: { kind: 'loading' } };
  function Panel() {
    seen.view = usePanelView(s);
    return null;
  }
  render(<Panel />);
  return seen;
}

beforeEach(() => history.replaceState(null, '', '/sidepanel.html'));

describe('usePanelView', () => {
  it('#story=<id> opens the story at its saved position, with the chunk there and the next loaded', async () => {
    history.replaceState(null, '', '#story=glass-hearts');
    const n = chunks.slice(0, 2).reduce((k, c) => k + c.filter((b) => b.kind === 'paragraph').length, 0); // first paragraph of chunk 2
    const s = sources({ saved: vi.fn(async () => progressRecord('seed:glass-hearts', 1, { position: positionAt(index, n, 0.5) })) });
    const seen = mount(s);
    await waitFor(() => expect(seen.view.kind).toBe('story'));
    const view = seen.view as Extract<PanelView, { kind: 'story' }>;
    expect(view.initial).toEqual(positionAt(index, n, 0.5));
    expect([...view.chunks.keys()]).toEqual([2, 3]);
    expect(s.setLastStory).toHaveBeenCalledWith('glass-hearts');
  });

  it('a chunk that fails to load is left for the reader to try again', async () => {
    history.replaceState(null, '', '#story=glass-hearts');
    const seen = mount(
      sources({
        loadChunk: vi.fn(async (_id: string, i: number) => (i === 1 ? Promise.reject(new Error('gone')) : (chunks[i] as Block[]))),
      }),
    );
    await waitFor(() => expect(seen.view.kind).toBe('story'));
    expect([...(seen.view as Extract<PanelView, { kind: 'story' }>).chunks.keys()]).toEqual([0]);
  });

  it('no hash reopens the story shown last, and the address says so', async () => {
    const seen = mount(sources({ lastStory: vi.fn(async () => 'glass-hearts') }));
    await waitFor(() => expect(seen.view.kind).toBe('story'));
    expect(location.hash).toBe('#story=glass-hearts');
  });

  it('no hash and nothing shown before: the library', async () => {
    const s = sources();
    const seen = mount(s);
    await waitFor(() => expect(seen.view).toEqual({ kind: 'library', message: undefined }));
    expect(s.setLastStory).toHaveBeenCalledWith(null);
  });

  it('an unknown story: the library, saying which story is not there', async () => {
    history.replaceState(null, '', '#story=no-such-story');
    const seen = mount(sources());
    await waitFor(() => expect(seen.view.kind).toBe('library'));
    expect((seen.view as Extract<PanelView, { kind: 'library' }>).message).toContain('no-such-story');
  });

  it('follows the hash: #library, then a story', async () => {
    history.replaceState(null, '', '#library');
    const s = sources({ lastStory: vi.fn(async () => 'glass-hearts') });
    const seen = mount(s);
    await waitFor(() => expect(seen.view.kind).toBe('library'));
    expect(s.lastStory).not.toHaveBeenCalled(); // #library is asked for: the last story is not reopened
    await act(async () => {
      location.hash = 'story=glass-hearts'; // jsdom fires hashchange, as a browser does
    });
    await waitFor(() => expect(seen.view.kind).toBe('story'));
  });

  it('a later hash wins over a slower earlier one', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    history.replaceState(null, '', '#story=glass-hearts');
    const s = sources({
      loadStory: vi.fn(async (id: string) => {
        if (id !== 'glass-hearts') return undefined;
        await slow;
        return glass;
      }),
    });
    const seen = mount(s);
    await act(async () => {
      location.hash = 'library';
    });
    await waitFor(() => expect(seen.view.kind).toBe('library'));
    release();
    // The story's opening chunks are asked for only after its outline arrived: then let them settle.
    await waitFor(() => expect(s.loadChunk).toHaveBeenCalled());
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(seen.view.kind).toBe('library');
  });
});
