import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { readPage } from '../../lib/sites';
import type { SiteId } from '../../lib/sites/registry';
import type { StoryPage } from '../../lib/sites/types';

/**
 * A page case under test/fixtures: the page as the site served it (source.html), the address it came from
 * (url.txt) and what the test expects of it (expected.json, whose shape each suite gives as `E`).
 */
export function readFixture<E>(dir: string): { html: string; url: string; expected: E } {
  return {
    html: readFileSync(join(dir, 'source.html'), 'utf8'),
    url: readFileSync(join(dir, 'url.txt'), 'utf8').trim(),
    expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as E,
  };
}

/** The story a site fixture (`test/fixtures/<dir>`, e.g. `ffn/middle-chapter`) reads as; throws when it is none. */
export function fixtureStory(dir: string): StoryPage {
  const at = join(import.meta.dirname, '..', 'fixtures', dir);
  const url = readFileSync(join(at, 'url.txt'), 'utf8').trim();
  const dom = new JSDOM(readFileSync(join(at, 'source.html'), 'utf8'), { url });
  const r = readPage(dom.window.document, new URL(url), dom.window as never);
  if (r.kind !== 'story') throw new Error(`${dir} is not readable`);
  return r.page;
}

/**
 * Each site's addresses that its adapter is held to (test/fixtures/urls.json): `stories`, which it must accept and
 * every other adapter reject, and `notStories`, pages of the site that every adapter must reject.
 */
export const SITE_URLS: Record<SiteId, { stories: string[]; notStories: string[] }> = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'urls.json'), 'utf8'),
);
