/**
 * Royal Road and the XenForo reader beyond their fixture folders: a place kept on one of their chapters
 * comes back through the library record and sync to the same chapter, and the edge rules the fixtures do not
 * show (a class is no proof of hiding; a reader page without threadmarks is not read as one).
 */
import { describe, expect, it } from 'vitest';
import { readPage } from '../../../lib/sites';
import { sites } from '../../../lib/sites/registry';
import { decodeEntry, encodeEntry, entryFrom } from '../../../lib/sync/entry';
import { anchorOnPage, webProgressRecord, webStoryRecord } from '../../../lib/web-progress';
import { forumPage, royalRoadPage } from '../../fuzz/pages';
import { fixtureStory } from '../../support/fixtures';
import { load } from './helpers';

const NOW = Date.UTC(2026, 11, 1);

describe.each([
  ['royalroad/chapter', 0],
  ['spacebattles/chapter', 1],
  ['sufficientvelocity/chapter', 1],
  ['questionablequesting/chapter', 0],
])('%s: a place on part %i', (dir, partIndex) => {
  it('travels through the library record and sync back to the page that shows it', () => {
    const page = fixtureStory(dir);
    const anchor = { part: partIndex, p: 1, offset: 0.5 };
    const story = webStoryRecord(page, anchor, NOW);
    const progress = webProgressRecord(page, anchor, false, NOW);
    const decoded = decodeEntry(encodeEntry(entryFrom(progress, story, 'dev1')), NOW);
    expect(decoded?.web?.chapter).toBe(page.parts[partIndex]?.number);
    // The address sync rebuilds leads to the same page of the same story...
    const rebuilt = new URL(decoded?.web?.url ?? '');
    const site = sites.site(page.site);
    expect(site.chapterRef(rebuilt.href)).toBe(site.chapterRef(page.url));
    // ...where the place lands on the same part and paragraph.
    expect(anchorOnPage(page, progress)).toEqual(anchor);
  });
});

describe('Royal Road copy protection', () => {
  const page = (head: string, text: string) =>
    royalRoadPage({
      fictionId: '1',
      chapterId: '2',
      slug: 's',
      chapterSlug: 'c',
      title: 'T',
      chapterTitle: 'Chapter 1',
      author: 'a',
      head,
      text,
    });

  it('a class that no rule hides stays, whatever its name or its sentence', () => {
    const { url, html } = page('', '<p>One.</p><p class="cmE4YjYx">Stolen from Royal Road, says this visible sentence.</p><p>Three.</p>');
    const { doc, win } = load(html, url);
    const r = readPage(doc, new URL(url), win);
    expect(r.kind === 'story' && r.page.parts[0]?.paragraphs.map((p) => p.text)).toEqual([
      'One.',
      'Stolen from Royal Road, says this visible sentence.',
      'Three.',
    ]);
  });

  it('the hidden class is dropped wherever it sits: a paragraph, a span, inside a note', () => {
    const { url, html } = page(
      '<style>.cmE4YjYx { display: none; }</style>',
      '<p>One.</p><p class="cmE4YjYx">Hidden.</p><p>Two.<span class="cmE4YjYx"> Hidden span.</span></p>',
    );
    const withNote = html.replace(
      '<div class="chapter-inner chapter-content">',
      '<div class="portlet solid author-note-portlet"><div class="portlet-body author-note"><p>Note.</p><p class="cmE4YjYx">Hidden in the note.</p></div></div><div class="chapter-inner chapter-content">',
    );
    const { doc, win } = load(withNote, url);
    const r = readPage(doc, new URL(url), win);
    if (r.kind !== 'story') throw new Error(JSON.stringify(r));
    expect(r.page.parts[0]?.paragraphs.map((p) => p.text)).toEqual(['One.', 'Two.']);
    expect(r.page.parts[0]?.notes.map((n) => [n.kind, n.text])).toEqual([['chapter-notes', 'Note.']]);
  });
});

describe('XenForo reader pages', () => {
  const spec = {
    site: 'spacebattles' as const,
    threadId: '42',
    slug: 'x',
    page: 1,
    pages: 1,
    title: 'T',
    author: 'a',
  };

  it('a reader page whose posts carry no threadmark is not read as chapters (the fallback may try)', () => {
    const { url, html } = forumPage({ ...spec, posts: [{ id: '1', body: 'A reply.' }] });
    const { doc, win } = load(html, url);
    expect(readPage(doc, new URL(url), win).kind).not.toBe('story');
  });

  it('numbers the threadmarks of a later page after those of the pages before it', () => {
    const { url, html } = forumPage({
      ...spec,
      page: 3,
      pages: 3,
      posts: [
        { id: '5', threadmark: 'Chapter 21: Rain', body: 'One.' },
        { id: '6', threadmark: 'Chapter 22', body: 'Two.' },
      ],
    });
    const { doc, win } = load(html, url);
    const r = readPage(doc, new URL(url), win);
    if (r.kind !== 'story') throw new Error(JSON.stringify(r));
    expect(r.page.parts.map((p) => [p.number, p.title ?? null])).toEqual([
      [21, 'Rain'],
      [22, null],
    ]);
    expect(r.page.links.prev).toBe('https://forums.spacebattles.com/threads/x.42/reader/page-2');
  });
});
