import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Library } from '../../components/Library';
import { formatBytes, SavedChoice, savedLabel, savedLabels, savedTotalLabel } from '../../components/SavedChoice';
import { webItems } from '../../lib/library';
import { progressRecord, webStory } from '../support/records';

const NOW = Date.UTC(2026, 11, 1, 12);
const summary = { key: 'web:ffn:42', chapters: 3, bytes: 123_456, newChapters: 0 };
const LANTERNS = { title: 'Lanterns', chapter: { number: 3, count: 5 } };

describe('saved copies in the library', () => {
  it('a row of a story with saved chapters says how many of all, short', () => {
    const story = webStory('42', NOW - 1000, { chapterCount: 5 });
    const items = webItems([story], new Map([[story.key, progressRecord(story.key, NOW - 1000)]]));
    render(
      <Library
        items={items}
        sort="recent"
        now={NOW}
        onOpen={() => {}}
        onSort={() => {}}
        saved={savedLabels(new Map([[story.key, { ...summary, key: story.key }]]), items)}
      />,
    );
    expect(screen.getByText(/3 of 5 chapters saved/)).toBeTruthy();
    expect(document.querySelector('.new-chapters')).toBeNull();
    expect(savedLabel(summary, null)).toBe('3 chapters saved');
    // A count the site gave that is below what is saved is not believed.
    expect(savedLabel(summary, 2)).toBe('3 chapters saved');
  });

  it('a row marks the chapters posted since the copy was begun and not saved yet, apart from what is saved', () => {
    const story = webStory('42', NOW - 1000, { chapterCount: 7 });
    const items = webItems([story], new Map([[story.key, progressRecord(story.key, NOW - 1000)]]));
    const marks = (newChapters: number) => savedLabels(new Map([[story.key, { ...summary, key: story.key, newChapters }]]), items);
    const { rerender } = render(<Library items={items} sort="recent" now={NOW} onOpen={() => {}} onSort={() => {}} saved={marks(2)} />);
    const row = screen.getByRole('button', { name: /W42/ });
    expect(row.querySelector('.new-chapters')?.textContent).toBe('2 new chapters');
    expect(row.querySelector('.row-saved')?.textContent).toBe(' · 3 of 7 chapters saved');
    rerender(<Library items={items} sort="recent" now={NOW} onOpen={() => {}} onSort={() => {}} saved={marks(1)} />);
    expect(row.querySelector('.new-chapters')?.textContent).toBe('1 new chapter');
    rerender(<Library items={items} sort="recent" now={NOW} onOpen={() => {}} onSort={() => {}} saved={marks(0)} />);
    expect(row.querySelector('.new-chapters')).toBeNull();
  });

  it('choosing offers the copy, the site and (where given) deleting it, with what it takes', () => {
    const on = { onRead: vi.fn(), onSite: vi.fn(), onDelete: vi.fn(), onClose: vi.fn() };
    render(<SavedChoice story={LANTERNS} summary={summary} {...on} />);
    expect(screen.getByRole('dialog', { name: 'Lanterns' }).textContent).toMatch(/3 of 5 chapters saved · about 123 kB/);
    // The first choice has the focus: Enter reads the copy.
    expect(document.activeElement?.textContent).toBe('Read in the side panel');
    fireEvent.click(screen.getByText('Read in the side panel'));
    fireEvent.click(screen.getByText('Open on the site'));
    fireEvent.click(screen.getByText('Delete saved copy'));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect([on.onRead, on.onSite, on.onDelete, on.onClose].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
  });

  it('without onDelete (the popup) neither deleting nor the size is shown', () => {
    render(<SavedChoice story={LANTERNS} summary={summary} onRead={() => {}} onSite={() => {}} onClose={() => {}} />);
    expect(screen.queryByText('Delete saved copy')).toBeNull();
    expect(screen.getByRole('dialog').textContent).not.toMatch(/kB/);
    expect(formatBytes(3_400_000)).toBe('about 3.4 MB');
    expect(formatBytes(10)).toBe('about 1 kB');
    expect(
      savedTotalLabel(
        new Map([
          ['a', { bytes: 2_500_000 }],
          ['b', { bytes: 900_000 }],
        ]),
      ),
    ).toBe('Saved copies take about 3.4 MB in all');
  });

  it('shows the EPUB download it is given, under the choices', () => {
    render(
      <SavedChoice
        story={LANTERNS}
        summary={summary}
        onRead={() => {}}
        onSite={() => {}}
        onClose={() => {}}
        epub={<button type="button">Download EPUB</button>}
      />,
    );
    expect(screen.getByRole('dialog').lastElementChild?.textContent).toBe('Download EPUB');
  });
});
