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

export const fp = ffnLayoutAdapter(FP_LAYOUT);
