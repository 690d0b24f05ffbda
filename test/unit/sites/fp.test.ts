/** FictionPress: fanfiction.net's layout read with FictionPress's hosts and names (lib/sites/fp.ts). */
import { describe, expect, it } from 'vitest';
import { readPage } from '../../../lib/sites';
import { FFN_LAYOUT, titleFromDocumentTitle } from '../../../lib/sites/ffn';
import { fp, FP_LAYOUT } from '../../../lib/sites/fp';
import { load } from './helpers';

describe('FictionPress', () => {
  it.each([
    ['The Glass Orchard Chapter 1: Seedlings, a fantasy fiction | FictionPress', 'The Glass Orchard'],
    ['Small Hours, a romance fiction | FictionPress', 'Small Hours'],
    // fanfiction.net's suffix is not FictionPress's: the title is kept whole.
    ['Small Hours, a naruto fanfic | FanFiction', 'Small Hours, a naruto fanfic | FanFiction'],
  ])('the <title> %j gives the story title %j', (title, want) => {
    expect(titleFromDocumentTitle(title, FP_LAYOUT.titleSuffix)).toBe(want);
  });

  it('and fanfiction.net keeps its own suffix', () => {
    expect(titleFromDocumentTitle('Small Hours Chapter 2, a naruto fanfic | FanFiction', FFN_LAYOUT.titleSuffix)).toBe('Small Hours');
  });

  it.each([
    'https://www.fictionpress.com/fiction/Fantasy/',
    'https://www.fictionpress.com/poetry/Love/',
    'https://m.fictionpress.com/j/0/1/0/',
  ])('leaves the listing %s alone', (url) => {
    const { doc, win } = load('<html><body><div id="content_wrapper_inner"><p>A list of stories.</p></div></body></html>', url);
    expect(readPage(doc, new URL(url), win)).toEqual({ kind: 'not-readable', reason: 'listing' });
  });

  it('addresses its stories on its own desktop host, mobile pages included', () => {
    expect(fp.parseUrl(new URL('https://m.fictionpress.com/s/2961893/3/Mother-of-Learning'))).toEqual({
      site: 'fp',
      storyId: '2961893',
      chapter: 3,
      slug: 'Mother-of-Learning',
      fullWork: false,
      storyUrl: 'https://www.fictionpress.com/s/2961893/1/Mother-of-Learning',
    });
    expect(fp.chapterUrl('2961893', 3, '')).toBe('https://www.fictionpress.com/s/2961893/3/');
  });
});
