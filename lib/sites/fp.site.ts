import { ffnLayoutSite } from './ffn.site';

/** FictionPress, fanfiction.net's sister site for original fiction: the same addresses, `/s/{story}/{chapter}/{slug}`. */
export const fpSite = ffnLayoutSite({
  id: 'fp',
  name: 'FictionPress',
  label: 'siteFp',
  domain: 'fictionpress.com',
  // Off until the reader turns it on: the install warning names fanfiction.net and AO3 alone.
  onByDefault: false,
});
