import { act, fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { FIRST_ROWS, Library } from '../../components/Library';
import { seedItems, webItems, type LibraryItem } from '../../lib/library';
import { catalogEntry, progressRecord, seedRecord, webStory } from '../support/records';
import { observers } from './setup';

const NOW = Date.UTC(2026, 10, 23, 12);
const entries = [
  catalogEntry('never-alone', 'Never Alone', 880, { characters: ['Kyoko Sakura'] }),
  catalogEntry('just-you', 'just you and I', 9050, { characters: ['Homura Akemi'], summary: 'Lost together in empty worlds' }),
  catalogEntry('glass-hearts', 'Glass Hearts', 4757, { titleIsAuthors: false, warnings: ['Character death'] }),
];
const records = new Map([
  ['seed:just-you', seedRecord('just-you', NOW - 5 * 60_000, 50)],
  ['seed:glass-hearts', seedRecord('glass-hearts', NOW - 86400_000, 100, NOW - 86400_000)],
]);
const items = seedItems(entries, records);

const rowIds = () => screen.getAllByRole('listitem').map((li) => li.dataset.story);

function renderLibrary(props: Partial<Parameters<typeof Library>[0]> = {}) {
  const onOpen = vi.fn<(item: LibraryItem) => void>();
  const onSort = vi.fn();
  const view = render(<Library items={items} sort="recent" now={NOW} onOpen={onOpen} onSort={onSort} {...props} />);
  return { ...view, onOpen, onSort };
}

describe('Library', () => {
  it('lists the stories in the order asked, with what the reader has done with each', () => {
    renderLibrary();
    expect(rowIds()).toEqual(['just-you', 'glass-hearts', 'never-alone']);
    const started = within(screen.getByRole('button', { name: /just you and I/ }));
    expect(started.getByText('50%')).toBeTruthy();
    expect(started.getByText(/Continue/)).toBeTruthy();
    expect(started.getByText(/5 min ago/)).toBeTruthy();
    const finished = screen.getAllByRole('listitem')[1]!;
    expect(finished.dataset.finished).toBe('true');
    expect(within(finished).getByText(/Read again/)).toBeTruthy();
    expect(within(finished).getByText(/Character death/)).toBeTruthy();
    expect(within(screen.getAllByRole('listitem')[2]!).getByText('Read →')).toBeTruthy();
  });

  it('opens the story whose row is clicked', () => {
    const { onOpen } = renderLibrary();
    fireEvent.click(screen.getByRole('button', { name: /Glass Hearts/ }));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen.mock.calls[0]?.[0].id).toBe('glass-hearts');
  });

  it('asks for another order, and shows the order it is given', () => {
    const { onSort, rerender } = renderLibrary();
    const select = screen.getByLabelText('Sort by') as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'title' } });
    expect(onSort).toHaveBeenCalledWith('title');
    rerender(<Library items={items} sort="title" now={NOW} onOpen={() => {}} onSort={onSort} />);
    expect(select.value).toBe('title');
    expect(rowIds()).toEqual(['glass-hearts', 'just-you', 'never-alone']);
  });

  it('keeps its rows where they were drawn while a save from another view comes in, until the records are read again', () => {
    const { onOpen, rerender } = renderLibrary({ reads: 1 });
    expect(rowIds()).toEqual(['just-you', 'glass-hearts', 'never-alone']);
    // Never Alone is read in another tab: its row shows the new percent, but no row moves under the pointer.
    const saved = new Map(records).set('seed:never-alone', seedRecord('never-alone', NOW - 60_000, 30));
    const later = seedItems(entries, saved);
    const props = { now: NOW, onOpen, onSort: () => {} };
    rerender(<Library items={later} sort="recent" reads={1} {...props} />);
    expect(rowIds()).toEqual(['just-you', 'glass-hearts', 'never-alone']);
    expect(within(screen.getAllByRole('listitem')[2]!).getByText('30%')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Glass Hearts/ }));
    expect(onOpen.mock.calls[0]?.[0].id).toBe('glass-hearts');
    // Read again (after an import), the order is the sort's once more.
    rerender(<Library items={later} sort="recent" reads={2} {...props} />);
    expect(rowIds()).toEqual(['never-alone', 'just-you', 'glass-hearts']);
  });

  it('follows the sort while the records are still being read', () => {
    const { onOpen, rerender } = renderLibrary();
    const saved = new Map(records).set('seed:never-alone', seedRecord('never-alone', NOW - 60_000, 30));
    rerender(<Library items={seedItems(entries, saved)} sort="recent" now={NOW} onOpen={onOpen} onSort={() => {}} />);
    expect(rowIds()).toEqual(['never-alone', 'just-you', 'glass-hearts']);
  });

  it('searches as the reader types, and offers the whole list back when nothing matches', () => {
    renderLibrary();
    const search = screen.getByRole('searchbox');
    fireEvent.input(search, { target: { value: 'homura' } });
    expect(rowIds()).toEqual(['just-you']);
    fireEvent.input(search, { target: { value: 'walpurgisnacht' } });
    expect(screen.queryAllByRole('listitem')).toEqual([]);
    expect(screen.getByRole('status').textContent).toContain('walpurgisnacht');
    fireEvent.click(screen.getByRole('button', { name: 'Show all stories' }));
    expect(rowIds()).toHaveLength(3);
  });

  it('shows a web story with its site, author and chapter', () => {
    const web = webItems(
      [
        webStory('7', NOW - 60_000, {
          site: 'ffn',
          title: 'Lanterns',
          authors: ['quietmoth'],
          chapterCount: 12,
          chapter: { number: 7, title: null, url: 'http://www.fanfiction.net/s/7/7/' },
        }),
      ],
      new Map([['web:ffn:7', progressRecord('web:ffn:7', NOW - 60_000, { percent: 40.6 })]]),
    );
    renderLibrary({ items: web });
    const row = within(screen.getByRole('listitem'));
    expect(row.getByText(/FanFiction\.Net/)).toBeTruthy();
    expect(row.getByText('by quietmoth')).toBeTruthy();
    expect(row.getByText(/Chapter 7 of 12/)).toBeTruthy();
    expect(row.getByText('40%')).toBeTruthy();
  });

  it("shows a web story's rating, summary and warnings as a bundled story's are shown", () => {
    const ao3 = webStory('9', NOW - 60_000, {
      title: 'Tea',
      rating: 'Mature',
      warnings: ['Graphic Depictions Of Violence', 'Major Character Death'],
      summary: 'Two travellers and a lantern.',
    });
    const rows = [...webItems([ao3], new Map()), ...items];
    const { container } = renderLibrary({ items: rows });
    const web = container.querySelector('[data-story="web:ao3:9"]') as HTMLElement;
    expect(within(web).getByText(/Archive of Our Own · Rated Mature/)).toBeTruthy();
    // The very elements a bundled row draws its summary and warnings in.
    const bundled = container.querySelector('[data-story="glass-hearts"]') as HTMLElement;
    expect(bundled.querySelector('.row-warning')?.textContent).toBe('Warning: Character death');
    expect(web.querySelector('.row-warning')?.textContent).toBe('Warning: Graphic Depictions Of Violence; Major Character Death');
    expect(web.querySelector('.row-summary')?.textContent).toBe('Two travellers and a lantern.');
  });

  it('draws a long library a page at a time, the first page first', () => {
    const many = seedItems(
      Array.from({ length: 60 }, (_, i) => catalogEntry(`s-${i}`, `Story ${i}`, 100 + i)),
      new Map(),
    );
    const { container } = renderLibrary({ items: many });
    expect(rowIds()).toHaveLength(FIRST_ROWS);
    expect(container.querySelector('.more-rows')).not.toBeNull(); // the marker that loads more when near
    act(() => {
      for (const o of observers) o.intersect();
    });
    expect(rowIds()).toHaveLength(FIRST_ROWS + 40);
    act(() => {
      for (const o of observers) o.intersect();
    });
    expect(rowIds()).toHaveLength(60);
    expect(container.querySelector('.more-rows')).toBeNull();
  });
});
