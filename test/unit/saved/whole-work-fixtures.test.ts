/**
 * Data-driven: every folder of test/fixtures/whole-work/ is an answer a "Save whole work" request can get
 * (source.html at url.txt, with the HTTP status of expected.json), and expected.json, written by hand from the
 * page, says what the run makes of it: the chapter it saves, or the failure it stops on.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WholeWorkPlan, WholeWorkRequest } from '../../../lib/saved/whole-work';
import { FFN_GAP_MS } from '../../../lib/sites/ffn';
import { runWholeWork, type WholeWorkFailureReason } from '../../../lib/saved/whole-work-run';
import { answer, deps, FIXTURES, fakeClock, fakeSite, fakeStore, fixtureUrl, pageOf } from './fake-site';

type Expected =
  | { chapter: number; paragraphs: number; first: string; last: string }
  /** `request`: the address asked for, when the answer came from another (a redirect to url.txt). */
  | { status: number; failure: WholeWorkFailureReason; request?: string };

const cases = readdirSync(join(FIXTURES, 'whole-work'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `whole-work/${d.name}`);

/** One request for `asked`, as a plan would make it. */
function planFor(asked: string): WholeWorkPlan {
  const url = new URL(asked);
  const ffn = url.hostname.endsWith('fanfiction.net');
  const [, storyId = '', chapter] = (ffn ? /^\/s\/(\d+)\/(\d+)/ : /^\/works\/(\d+)/).exec(url.pathname) ?? [];
  const request: WholeWorkRequest = ffn ? { kind: 'chapter', chapter: Number(chapter), url: asked } : { kind: 'full-work', url: asked };
  // The page being read only matters for the chapters taken from it: none here.
  const page = pageOf(ffn ? 'whole-work/ffn-chapter-1' : 'ao3/middle-chapter');
  return { site: ffn ? 'ffn' : 'ao3', storyId, page, total: 3, saved: [], fromPage: [], requests: [request], gapMs: ffn ? FFN_GAP_MS : 0 };
}

describe('whole-work fixtures', () => {
  it('has the cases issue 15 asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)('%s', async (dir) => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, dir, 'expected.json'), 'utf8')) as Expected;
    const url = fixtureUrl(dir);
    const asked = 'request' in expected && expected.request ? expected.request : url;
    const clock = fakeClock();
    const site = fakeSite(clock, { [asked]: answer(dir, { url, status: 'status' in expected ? expected.status : 200 }) });
    const store = fakeStore();
    const result = await runWholeWork(planFor(asked), deps(clock, site, store));

    if ('failure' in expected) {
      expect(result).toMatchObject({ kind: 'failed', failure: { reason: expected.failure, url: asked } });
      expect(store.batches).toEqual([]);
      return;
    }
    expect(result.kind).toBe('done');
    expect(store.batches).toEqual([[expected.chapter]]);
    const texts = store.chapters.get(expected.chapter)?.paragraphs.map((p) => p.text) ?? [];
    expect([texts.length, texts[0], texts.at(-1)]).toEqual([expected.paragraphs, expected.first, expected.last]);
  });
});
