/**
 * Writes test/fixtures/db/v3.json: the records of a database as release 3 (IndexedDB schema 3) left it,
 * each made by that release's own code, not by hand: bundled positions by its `positionAt` and
 * `percentRead` over its parse of the seeds, web positions and library records by its `webProgressRecord`
 * and `webStoryRecord` over its reading of the pages the e2e site server serves.
 *
 *   npx jiti scripts/db-fixture-v3.ts <root of a release-3 checkout, with node_modules>
 *
 * Release 3 is commit ddc250c. The pages come from this checkout (test/fixtures, test/e2e/support/pages.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { ffnChapterPage } from '../test/e2e/support/pages';

const release = resolve(process.argv[2] ?? '');
const here = resolve(import.meta.dirname, '..');
const from = (path: string) => import(resolve(release, path));

const { parseStory } = await from('lib/story/parse.ts');
const { outlineOf } = await from('lib/story/outline.ts');
const { indexOutline, positionAt, percentRead } = await from('lib/position.ts');
const { readPage } = await from('lib/sites/index.ts');
const { webProgressRecord, webStoryRecord } = await from('lib/web-progress.ts');

const catalog = JSON.parse(readFileSync(resolve(release, 'seeds/catalog.json'), 'utf8')) as { stories: { id: string; file: string }[] };

/** Release 3's record of bundled story `id` at paragraph `n` of its whole text (as its reader reported it). */
function seed(id: string, n: (index: { address: { section: number }[] }) => number, offset: number, updatedAt: number, finished = false) {
  const meta = catalog.stories.find((s) => s.id === id);
  if (!meta) throw new Error(`no seed ${id}`);
  const parsed = parseStory(readFileSync(resolve(release, 'seeds', meta.file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const index = indexOutline(outlineOf(parsed.story));
  const k = n(index);
  return {
    key: `seed:${id}`,
    position: positionAt(index, k, offset),
    percent: finished ? 100 : percentRead(index, { n: k, offset }),
    updatedAt,
    finishedAt: finished ? updatedAt : null,
  };
}

/** Release 3's reading of a page. */
function page(url: string, html: string) {
  const dom = new JSDOM(html, { url });
  const r = readPage(dom.window.document, new URL(url), dom.window);
  if (r.kind !== 'story') throw new Error(`${url} is not a story`);
  return r.page;
}
const fixturePage = (dir: string) =>
  page(
    readFileSync(resolve(here, 'test/fixtures', dir, 'url.txt'), 'utf8').trim(),
    readFileSync(resolve(here, 'test/fixtures', dir, 'source.html'), 'utf8'),
  );

/** A web story as release 3's restyled view reported it: part index and paragraph on that page. */
function web(p: ReturnType<typeof page>, anchor: { part: number; p: number; offset: number }, now: number) {
  return { story: webStoryRecord(p, anchor, now), progress: webProgressRecord(p, anchor, false, now) };
}

const firstOf = (index: { address: { section: number }[] }, section: number) => index.address.findIndex((a) => a.section === section);
const generated = ffnChapterPage('/s/7000001/2/Three-Lanterns');
if (!generated) throw new Error('no generated chapter');
const webs = [
  // A chapter page: the page's only part (index 0) is chapter 2.
  web(page('https://www.fanfiction.net/s/7000001/2/Three-Lanterns', generated), { part: 0, p: 40, offset: 0 }, 1764000300000),
  web(fixturePage('ffn/middle-chapter'), { part: 0, p: 3, offset: 0.25 }, 1764000200000),
  // An AO3 full work: every chapter on one page, part index 1 is chapter 2.
  web(fixturePage('ao3/full-work'), { part: 1, p: 2, offset: 0.5 }, 1764000100000),
];

const fixture = {
  description:
    "A database as release 3 (IndexedDB schema 3, commit ddc250c) left it: progress with its by-updated index, webStories with its own. Every record made by that release's code (scripts/db-fixture-v3.ts); positions are {section, paragraph, n, offset}.",
  version: 3,
  progress: [
    // Section 3 (index 2) of a story of five: n, the paragraph across the story, differs from paragraph.
    seed('glass-hearts', (i) => firstOf(i, 2) + 6, 0.4, 1764000400000),
    seed('never-alone', (i) => Math.floor(i.address.length / 2), 0.5, 1763900000000),
    seed('her-outstretched-hand', (i) => i.address.length - 1, 1, 1763800000000, true),
    ...webs.map((w) => w.progress),
  ],
  webStories: webs.map((w) => w.story),
};
writeFileSync(resolve(here, 'test/fixtures/db/v3.json'), `${JSON.stringify(fixture, null, 2)}\n`);
