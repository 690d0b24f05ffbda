import { render, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { RestyledView } from '../../components/RestyledView';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { storyPage, textNote, textPart } from '../support/story-page';

/** A chapter of `n` paragraphs with a note before them, as an adapter hands it out (the document model, no nodes). */
const bigPage = (n: number) =>
  storyPage({
    title: 'Big',
    parts: [
      textPart(
        1,
        Array.from({ length: n }, (_, p) => `Paragraph ${p}.`),
        [textNote('chapter-notes', 'A note.')],
      ),
    ],
  });

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

  it('shows the whole-work slot at the end of the chapter, after the site feedback', () => {
    const { container } = render(
      <RestyledView
        page={bigPage(3)}
        settings={DEFAULT_SETTINGS}
        root={document}
        initial={null}
        onPosition={vi.fn()}
        onSettings={vi.fn()}
        onOriginal={vi.fn()}
        feedback={[{ label: 'Kudos', onAct: vi.fn() }]}
        wholeWork={<p class="slot">whole work</p>}
      />,
    );
    const end = container.querySelector('.story-end');
    expect(end?.querySelector('.slot')?.textContent).toBe('whole work');
    const feedback = end?.querySelector('button');
    expect(feedback?.textContent).toBe('Kudos');
    expect(feedback?.compareDocumentPosition(end?.querySelector('.slot') as Node)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
  });
});
