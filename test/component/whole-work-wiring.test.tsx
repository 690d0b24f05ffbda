import { render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { WholeWorkControl } from '../../components/WholeWorkControl';
import { useWholeWork } from '../../entrypoints/restyle/whole-work';
import { createLifetime } from '../../entrypoints/restyle/lifetime';
import type { ChaptersToSave } from '../../lib/saved/store';
import type { StoryPage } from '../../lib/sites/types';
import { fixtureHtml, pageOf } from '../unit/saved/fake-site';
import { trustedClick } from './trusted-input';

/**
 * The restyled page's wiring of "Save whole work" (entrypoints/restyle/whole-work.ts), with the background
 * faked behind the fake browser's runtime messages and `fetch` stubbed: what is asked, when, and what is sent.
 */
const FULL = 'https://archiveofourown.org/works/4242424?view_full_work=true';

function Harness({ page, have }: { page: StoryPage; have: number[] }) {
  const w = useWholeWork(page, have, createLifetime());
  return w.offered ? <WholeWorkControl status={w.status} onSave={w.save} onCancel={w.cancel} /> : <p>nothing offered</p>;
}

describe('Save whole work on a restyled page', () => {
  let saved: Set<number>;
  let sent: ChaptersToSave[];
  let queries: number;
  const fetch = vi.fn(async (url: string, _init: RequestInit) => ({
    status: 200,
    url,
    headers: new Headers(),
    text: async () => fixtureHtml('ao3/full-work'),
  }));

  beforeEach(() => {
    fakeBrowser.reset();
    fetch.mockClear();
    vi.stubGlobal('fetch', fetch);
    saved = new Set();
    sent = [];
    queries = 0;
    // The background: what is saved, and the chapters handed to it.
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: { type: string } & Partial<ChaptersToSave>) => {
      if (m.type === 'saved-chapters') {
        queries++;
        return [...saved].sort((a, b) => a - b);
      }
      if (m.type === 'save-chapters') {
        sent.push(m as ChaptersToSave);
        for (const c of m.chapters ?? []) saved.add(c.number);
        return { ok: true };
      }
      return undefined;
    }) as never);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('is offered from the first render, asks the site nothing before the click, then saves what is missing', async () => {
    render(<Harness page={pageOf('ao3/middle-chapter')} have={[]} />);
    screen.getByRole('button', { name: 'Save whole work' }); // there at once: its arrival moves no text
    saved.add(2); // the page's own chapter, as its copy stored it
    expect(queries).toBe(0);
    expect(fetch).not.toHaveBeenCalled();

    trustedClick(screen.getByRole('button', { name: 'Save whole work' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Whole work saved: 3 chapters'));
    // One request, from the page's origin with its cookies, refusing to read another origin's answer.
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe(FULL);
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ credentials: 'same-origin', mode: 'same-origin' });
    // The full view's chapters not saved yet, in one save-chapters message.
    expect(sent.map((r) => r.chapters.map((c) => c.number))).toEqual([[1, 3]]);
    expect(sent[0]?.key).toBe('web:ao3:4242424');
    // Planned again on the click, from what the background says now.
    expect(queries).toBe(1);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers nothing when the chapters the page does not show are saved, or when no site adapter read the page', () => {
    // Chapter 2 is the page's own: it saves it without a request.
    const { unmount } = render(<Harness page={pageOf('ao3/middle-chapter')} have={[1, 3]} />);
    expect(screen.getByText('nothing offered')).toBeTruthy();
    unmount();
    const readability: StoryPage = { ...pageOf('ao3/middle-chapter'), source: 'readability' };
    render(<Harness page={readability} have={[]} />);
    expect(screen.getByText('nothing offered')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a click a script makes starts nothing', async () => {
    render(<Harness page={pageOf('ao3/middle-chapter')} have={[2]} />);
    screen.getByRole('button', { name: 'Save whole work' }).click();
    await new Promise((r) => setTimeout(r, 10));
    expect(fetch).not.toHaveBeenCalled();
    expect(queries).toBe(0);
  });
});
