import { describe, expect, it } from 'vitest';
import { planWholeWork, type WholeWorkPlan } from '../../../lib/saved/whole-work';
import { FFN_GAP_MS } from '../../../lib/sites/ffn';
import { retryAfter, runWholeWork, type WholeWorkProgress } from '../../../lib/saved/whole-work-run';
import { answer, deps, fakeClock, fakeSite, fakeStore, pageOf } from './fake-site';

const CH = (n: number) => `https://www.fanfiction.net/s/1234567/${n}/The-Lantern-Road`;
const FULL = 'https://archiveofourown.org/works/4242424?view_full_work=true';

function plan(dir: string, have: Set<number>, url?: string): WholeWorkPlan {
  const p = planWholeWork(pageOf(dir, url), have);
  if (!p) throw new Error('no plan');
  return p;
}

/** Reading chapter 1 of The Lantern Road, nothing saved yet: chapters 2 and 3 are asked for. */
function ffnRun(routes: Parameters<typeof fakeSite>[1], store = fakeStore()) {
  const clock = fakeClock();
  const site = fakeSite(clock, routes);
  return { clock, site, store, plan: plan('whole-work/ffn-chapter-1', store.have()) };
}

const FFN_ROUTES = { [CH(2)]: answer('ffn/middle-chapter'), [CH(3)]: answer('whole-work/ffn-chapter-3') };

describe('Save whole work on fanfiction.net', () => {
  it('saves every chapter, one request at a time, at least 5 s apart on the clock', async () => {
    // A slow answer: the next request still waits the whole gap after it.
    const slow = { ...FFN_ROUTES, [CH(2)]: answer('ffn/middle-chapter', { latencyMs: 7_000 }) };
    const { clock, site, store, plan: p } = ffnRun(slow);
    const progress: WholeWorkProgress[] = [];
    const result = await runWholeWork(p, deps(clock, site, store, { onProgress: (x) => progress.push(x) }));

    expect(result).toEqual({ kind: 'done', done: 3, total: 3 });
    expect(site.calls.map((c) => c.url)).toEqual([CH(2), CH(3)]);
    const [first, second] = site.calls;
    expect(second!.at - first!.end).toBeGreaterThanOrEqual(FFN_GAP_MS);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(FFN_GAP_MS);
    expect(clock.waits).toEqual([FFN_GAP_MS]);
    // Chapter 1 from the page being read, then one chapter per answer.
    expect(store.batches).toEqual([[1], [2], [3]]);
    expect(store.chapters.get(3)?.paragraphs.map((x) => x.text)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `Placeholder paragraph ${i} of chapter 3.`),
    );
    expect(progress).toEqual([
      { done: 0, total: 3 },
      { done: 1, total: 3 },
      { done: 2, total: 3 },
      { done: 3, total: 3 },
    ]);
  });

  it('waits only what is left of the gap when time has passed since the last answer', async () => {
    const { clock, site, store, plan: p } = ffnRun(FFN_ROUTES);
    const late = deps(clock, site, store);
    // Saving chapter 2 takes 2 s: 3 s of the gap are left.
    const result = await runWholeWork(p, {
      ...late,
      save: async (parts, page) => {
        if (parts[0]?.number === 2) clock.advance(2_000);
        await store.save(parts, page);
      },
    });
    expect(result.kind).toBe('done');
    expect(clock.waits).toEqual([3_000]);
    expect(site.calls[1]!.at - site.calls[0]!.end).toBe(FFN_GAP_MS);
  });

  it.each([
    ['a Cloudflare challenge page (HTTP 403)', answer('ffn/cloudflare-challenge', { status: 403 }), { reason: 'challenge', status: 403 }],
    ['a Cloudflare challenge page (HTTP 200)', answer('ffn/cloudflare-challenge'), { reason: 'challenge', status: 200 }],
    [
      'an answer Cloudflare marks as a challenge',
      { html: '<!DOCTYPE html><title>www.fanfiction.net</title><p>…</p>', status: 503, headers: { 'cf-mitigated': 'challenge' } },
      { reason: 'challenge', status: 503 },
    ],
    ['a plain 403', { html: '<h1>Forbidden</h1>', status: 403 }, { reason: 'forbidden', status: 403 }],
    [
      'a 429 with Retry-After in seconds',
      { html: '', status: 429, headers: { 'Retry-After': '120' } },
      { reason: 'rate-limited', retryAfterSeconds: 120 },
    ],
    ['a 429 without Retry-After', { html: '', status: 429 }, { reason: 'rate-limited', status: 429 }],
    ["FFN's Story Not Found page", answer('ffn/story-not-found'), { reason: 'not-found' }],
    ['a 404', { html: 'Not found', status: 404 }, { reason: 'not-found', status: 404 }],
    ['a 500', { html: 'Oops', status: 500 }, { reason: 'http-error', status: 500 }],
    ['another story at the address asked for', answer('ffn/one-chapter'), { reason: 'different-work' }],
    [
      'a redirect to another story',
      answer('ffn/one-chapter', { url: 'https://www.fanfiction.net/s/2345678/1/Small-Hours' }),
      { reason: 'different-work' },
    ],
    [
      'a page that is not a story',
      { html: '<!DOCTYPE html><title>FanFiction</title><p>Welcome</p>', url: 'https://www.fanfiction.net/' },
      { reason: 'unexpected-page' },
    ],
  ])('stops at once on %s, asks nothing more, keeps what was saved', async (_name, failing, failure) => {
    const { clock, site, store, plan: p } = ffnRun({ ...FFN_ROUTES, [CH(2)]: failing });
    const result = await runWholeWork(p, deps(clock, site, store));
    expect(result).toEqual({ kind: 'failed', failure: expect.objectContaining({ ...failure, url: CH(2), chapter: 2 }), done: 1, total: 3 });
    expect(site.calls.map((c) => c.url)).toEqual([CH(2)]);
    expect([...store.chapters.keys()]).toEqual([1]);
  });

  it('reports a Retry-After given as an HTTP date as the seconds left on the clock', async () => {
    const clock = fakeClock(Date.UTC(2026, 11, 1, 12, 0, 0));
    const site = fakeSite(clock, { [CH(2)]: { html: '', status: 429, headers: { 'retry-after': 'Tue, 01 Dec 2026 12:02:00 GMT' } } });
    const store = fakeStore();
    const result = await runWholeWork(plan('whole-work/ffn-chapter-1', new Set()), deps(clock, site, store));
    // Asked at 12:00:00, answered 300 ms later: 119.7 s left, rounded up.
    expect(result.kind === 'failed' && result.failure).toMatchObject({ reason: 'rate-limited', retryAfterSeconds: 120 });
  });

  it('does not take the chapter that happens to be shown for the one asked for', async () => {
    const { clock, site, store, plan: p } = ffnRun({ ...FFN_ROUTES, [CH(3)]: answer('ffn/middle-chapter') });
    const result = await runWholeWork(p, deps(clock, site, store));
    expect(result).toMatchObject({ kind: 'failed', failure: { reason: 'different-work', chapter: 3 }, done: 2 });
    expect([...store.chapters.keys()]).toEqual([1, 2]);
  });

  it('can be cancelled while a request is out: its answer is not saved, nothing more is asked', async () => {
    const controller = new AbortController();
    const abortingOnChapter2 = {
      ...FFN_ROUTES,
      [CH(2)]: () => {
        controller.abort();
        return answer('ffn/middle-chapter');
      },
    };
    const { clock, site, store, plan: p } = ffnRun(abortingOnChapter2);
    const result = await runWholeWork(p, deps(clock, site, store, { signal: controller.signal }));
    expect(result).toEqual({ kind: 'cancelled', done: 1, total: 3 });
    expect(site.calls.map((c) => c.url)).toEqual([CH(2)]);
    expect([...store.chapters.keys()]).toEqual([1]);
  });

  it('can be cancelled during the wait between requests', async () => {
    const controller = new AbortController();
    const { clock, site, store, plan: p } = ffnRun(FFN_ROUTES);
    const result = await runWholeWork(
      p,
      deps(clock, site, store, {
        signal: controller.signal,
        sleep: async (ms, signal) => {
          controller.abort();
          await clock.sleep(ms, signal);
        },
      }),
    );
    expect(result).toEqual({ kind: 'cancelled', done: 2, total: 3 });
    expect(site.calls.map((c) => c.url)).toEqual([CH(2)]);
  });

  it('resumes: a plan from what a stopped run saved asks only for the rest', async () => {
    const store = fakeStore();
    const first = ffnRun({ ...FFN_ROUTES, [CH(3)]: { html: '', status: 429, headers: { 'retry-after': '60' } } }, store);
    expect((await runWholeWork(first.plan, deps(first.clock, first.site, store))).kind).toBe('failed');
    expect([...store.chapters.keys()]).toEqual([1, 2]);

    const again = ffnRun(FFN_ROUTES, store);
    expect(again.plan.fromPage).toEqual([]);
    const result = await runWholeWork(again.plan, deps(again.clock, again.site, store));
    expect(result).toEqual({ kind: 'done', done: 3, total: 3 });
    expect(again.site.calls.map((c) => c.url)).toEqual([CH(3)]);
  });

  it('a store that fails stops the run: what was stored before stays, nothing more is asked', async () => {
    const store = fakeStore((parts) => parts.some((p) => p.number === 2));
    const { clock, site, plan: p } = ffnRun(FFN_ROUTES, store);
    const result = await runWholeWork(p, deps(clock, site, store));
    expect(result).toMatchObject({ kind: 'failed', failure: { reason: 'save-failed', chapter: 2 }, done: 1 });
    expect(site.calls.map((c) => c.url)).toEqual([CH(2)]);
    expect([...store.chapters.keys()]).toEqual([1]);
  });

  it('a request that fails (offline) stops the run', async () => {
    const { clock, store, plan: p } = ffnRun({});
    const result = await runWholeWork(p, {
      ...deps(clock, fakeSite(clock, {}), store),
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect(result).toMatchObject({ kind: 'failed', failure: { reason: 'network', chapter: 2 }, done: 1 });
  });
});

describe('Save whole work on AO3', () => {
  it('asks once and saves the chapters the full view adds, in one write', async () => {
    const clock = fakeClock();
    const site = fakeSite(clock, { [FULL]: answer('ao3/full-work') });
    const store = fakeStore();
    const result = await runWholeWork(plan('ao3/middle-chapter', store.have()), deps(clock, site, store));
    expect(result).toEqual({ kind: 'done', done: 3, total: 3 });
    expect(site.calls.map((c) => c.url)).toEqual([FULL]);
    expect(clock.waits).toEqual([]);
    expect(store.batches).toEqual([[2], [1, 3]]);
    expect(store.chapters.get(3)?.id).toBe('10000003');
  });

  it('sends view_adult=true when the reader passed the gate, and saves the work', async () => {
    const clock = fakeClock();
    const adult = `${FULL}&view_adult=true`;
    const site = fakeSite(clock, { [adult]: answer('ao3/full-work') });
    const store = fakeStore();
    const p = plan('ao3/middle-chapter', store.have(), 'https://archiveofourown.org/works/4242424/chapters/10000002?view_adult=true');
    expect(await runWholeWork(p, deps(clock, site, store))).toEqual({ kind: 'done', done: 3, total: 3 });
    expect(site.calls.map((c) => c.url)).toEqual([adult]);
  });

  it.each([
    ['the adult-content gate', answer('whole-work/ao3-adult-gate'), 'adult-gate'],
    [
      'the login page (a redirect)',
      answer('whole-work/ao3-login', { url: 'https://archiveofourown.org/users/login?restricted=true' }),
      'login',
    ],
    ['the 404 page', answer('whole-work/ao3-not-found', { status: 404 }), 'not-found'],
    ['another work', answer('ao3/one-chapter'), 'different-work'],
    ['a single chapter instead of the full view', answer('ao3/middle-chapter'), 'incomplete'],
    ['a challenge page', answer('ffn/cloudflare-challenge', { status: 403 }), 'challenge'],
  ])('saves nothing of %s', async (_name, failing, reason) => {
    const clock = fakeClock();
    const site = fakeSite(clock, { [FULL]: failing });
    const store = fakeStore();
    // Chapter 2 is saved already: the run leaves it as it was.
    const result = await runWholeWork(plan('ao3/middle-chapter', new Set([2])), deps(clock, site, store));
    expect(result).toMatchObject({ kind: 'failed', failure: { reason, url: FULL }, done: 1, total: 3 });
    expect(store.batches).toEqual([]);
    expect(site.calls).toHaveLength(1);
  });
});

describe('Retry-After', () => {
  const now = Date.UTC(2026, 11, 1, 12, 0, 0);
  it.each([
    ['120', 120],
    [' 5 ', 5],
    ['Tue, 01 Dec 2026 12:01:30 GMT', 90],
    ['Tue, 01 Dec 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    [null, undefined],
  ])('%s is %s seconds', (value, seconds) => {
    expect(retryAfter(value, now)).toBe(seconds);
  });
});
