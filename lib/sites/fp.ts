/**
 * FictionPress (desktop `www.` and mobile `m.`): fanfiction.net's layout (lib/sites/ffn.ts reads both), for
 * original fiction. Its stories belong to a category (the breadcrumb "Fiction > Fantasy"), not a fandom: the
 * category stands where the library shows a story's fandom. Page structure: test/fixtures/fp/.
 */

import { ffnLayoutAdapter, type FfnLayout } from './ffn';
import { fpSite } from './fp.site';

export const FP_LAYOUT: FfnLayout<'fp'> = {
  site: fpSite,
  // A category (`/fiction/Fantasy/`, `/poetry/Love/`), search, "just in", communities and forums.
  listingPath: /^\/(?:(?:fiction|poetry)\/|search\b|j\/|communities\/|community\/|betareaders\/|forums\/|topic\/)/,
  // The category's link; the breadcrumb's first link (`/fiction/`, "Fiction") names only the kind of writing.
  fandomHref: /^\/(?:fiction|poetry)\/[^/]+\/?$/,
  titleSuffix: { site: 'FictionPress', kind: 'fiction' },
};

export const fp = ffnLayoutAdapter(FP_LAYOUT, {
  exampleUrls: [
    'https://www.fictionpress.com/s/2961893/1/Mother-of-Learning',
    'https://www.fictionpress.com/s/2961893/40/Mother-of-Learning',
    'https://www.fictionpress.com/s/2961893/',
    'http://www.fictionpress.com/s/3238329/2/',
    'https://m.fictionpress.com/s/2961893/3/Mother-of-Learning',
  ],
  nonStoryUrls: [
    'https://www.fictionpress.com/',
    'https://www.fictionpress.com/fiction/Fantasy/',
    'https://www.fictionpress.com/poetry/',
    'https://www.fictionpress.com/search/?keywords=magic&type=story',
    'https://www.fictionpress.com/u/1234567/Someone',
    'https://m.fictionpress.com/j/0/1/0/',
    'https://fictionpress.com/s/2961893/1/',
  ],
});
