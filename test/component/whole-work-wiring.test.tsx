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

function Harness({ page, ready }: { page: StoryPage; ready: Promise<unknown> | null }) {
  const w = useWholeWork(page, ready, createLifetime());
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

  it('asks the background only once the page’s chapters went out, and the site nothing before the click', async () => {
    const page = pageOf('ao3/middle-chapter');
    const { rerender } = render(<Harness page={page} ready={null} />);
    expect(screen.getByText('nothing offered')).toBeTruthy();
    saved.add(2); // the page's own chapter, as its copy stored it
    rerender(<Harness page={page} ready={Promise.resolve({ ok: true })} />);
    await screen.findByRole('button', { name: 'Save whole work' });
    expect(queries).toBe(1);
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
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers nothing when every chapter is saved, or when the page was not read by a site adapter', async () => {
    for (const n of [1, 2, 3]) saved.add(n);
    const { unmount } = render(<Harness page={pageOf('ao3/middle-chapter')} ready={Promise.resolve({ ok: true })} />);
    await waitFor(() => expect(queries).toBe(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByText('nothing offered')).toBeTruthy();
    unmount();

    const readability: StoryPage = { ...pageOf('ao3/middle-chapter'), source: 'readability' };
    saved.clear();
    render(<Harness page={readability} ready={Promise.resolve({ ok: true })} />);
    await waitFor(() => expect(queries).toBe(2));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByText('nothing offered')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a click a script makes starts nothing', async () => {
    render(<Harness page={pageOf('ao3/middle-chapter')} ready={Promise.resolve({ ok: true })} />);
    (await screen.findByRole('button', { name: 'Save whole work' })).click();
    await new Promise((r) => setTimeout(r, 10));
    expect(fetch).not.toHaveBeenCalled();
    expect(queries).toBe(1);
  });
});
