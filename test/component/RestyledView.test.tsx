import { render, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { RestyledView } from '../../components/RestyledView';
import type { Block } from '../../lib/doc/model';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { ChapterPart, StoryPage } from '../../lib/sites/types';

/** A chapter of `n` paragraphs, as an adapter hands it out (the document model, no nodes). */
function bigPage(n: number): StoryPage {
  const blocks: Block[] = Array.from({ length: n }, (_, p) => ({
    kind: 'paragraph',
    p,
    role: 'text',
    spans: [{ kind: 'text', text: `Paragraph ${p}.` }],
  }));
  const part: ChapterPart = {
    number: 1,
    notes: [
      {
        kind: 'chapter-notes',
        text: 'A note.',
        blocks: [{ kind: 'paragraph', p: null, role: 'text', spans: [{ kind: 'text', text: 'A note.' }] }],
      },
    ],
    blocks,
    paragraphs: blocks.map((_, p) => ({ text: `Paragraph ${p}.`, words: 2, role: 'text' })),
    words: 2 * n,
  };
  return {
    site: 'ao3',
    storyId: '1',
    source: 'adapter',
    url: 'https://archiveofourown.org/works/1',
    storyUrl: 'https://archiveofourown.org/works/1',
    title: 'Big',
    authors: [],
    fandoms: [],
    warnings: [],
    categories: [],
    relationships: [],
    characters: [],
    tags: [],
    genres: [],
    notes: [],
    chapters: [],
    parts: [part],
    links: {},
    fullWork: false,
  };
}

describe('RestyledView', () => {
  it('draws as far as the saved paragraph at once, the rest later, every paragraph numbered once', async () => {
    const n = 1500;
    const { container } = render(
      <RestyledView
        page={bigPage(n)}
        settings={DEFAULT_SETTINGS}
        root={document}
        initial={{ part: 0, p: 1200, offset: 0 }}
        onPosition={vi.fn()}
        onSettings={vi.fn()}
        onOriginal={vi.fn()}
      />,
    );
    const text = container.querySelector('.chapter-text') as HTMLElement;
    // In the first render: the saved paragraph is there.
    expect(text.querySelector('[data-p="1200"]')?.textContent).toBe('Paragraph 1200.');
    await waitFor(() => expect(text.querySelectorAll('[data-p]')).toHaveLength(n), { timeout: 20_000 });
    const ps = Array.from(text.querySelectorAll('[data-p]'));
    expect(ps.map((el) => Number(el.getAttribute('data-p')))).toEqual(Array.from({ length: n }, (_, i) => i));
    // Paragraphs are the text's direct children (slices leave no wrapper), and the note carries no number.
    expect(Array.from(text.children).every((el) => el.tagName === 'P')).toBe(true);
    expect(container.querySelector('.note')?.innerHTML).toBe('<p>A note.</p>');
  }, 30_000);
});
