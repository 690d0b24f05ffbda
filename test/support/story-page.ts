import type { Block } from '../../lib/doc/model';
import { noDetails, type ChapterPart, type StoryPage } from '../../lib/sites/types';

/** A chapter part of plain paragraphs, as an adapter hands it out (the document model): `texts[p]` is paragraph p. */
export function textPart(number: number, texts: readonly string[], notes: ChapterPart['notes'] = []): ChapterPart {
  const blocks: Block[] = texts.map((text, p) => ({ kind: 'paragraph', p, role: 'text', spans: [{ kind: 'text', text }] }));
  const paragraphs = texts.map((text) => ({ text, words: text.split(/\s+/).filter(Boolean).length, role: 'text' as const }));
  return { number, notes, blocks, paragraphs, words: paragraphs.reduce((n, p) => n + p.words, 0) };
}

/** A note of one paragraph. */
export function textNote(kind: ChapterPart['notes'][number]['kind'], text: string): ChapterPart['notes'][number] {
  return { kind, text, blocks: [{ kind: 'paragraph', p: null, role: 'text', spans: [{ kind: 'text', text }] }] };
}

/** A story page from a site with nothing but what `patch` gives it (an AO3 work unless it says otherwise). */
export function storyPage(patch: Partial<StoryPage> & Pick<StoryPage, 'parts'>): StoryPage {
  return {
    site: 'ao3',
    storyId: '1',
    source: 'adapter',
    url: 'https://archiveofourown.org/works/1',
    storyUrl: 'https://archiveofourown.org/works/1',
    title: 'A story',
    authors: [],
    ...noDetails(),
    links: {},
    fullWork: false,
    ...patch,
  };
}
