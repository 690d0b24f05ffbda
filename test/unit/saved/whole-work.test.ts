import { describe, expect, it } from 'vitest';
import { planWholeWork } from '../../../lib/saved/whole-work';
import { FFN_GAP_MS } from '../../../lib/sites/ffn';
import { pageOf } from './fake-site';

const FFN = 'https://www.fanfiction.net/s/1234567';

describe('planning "Save whole work" on fanfiction.net', () => {
  it('asks for every chapter not on the page, one by one, paced', () => {
    const plan = planWholeWork(pageOf('whole-work/ffn-chapter-1'), new Set());
    expect(plan).toMatchObject({ site: 'ffn', storyId: '1234567', total: 3, saved: [], gapMs: FFN_GAP_MS });
    expect(plan?.fromPage.map((p) => p.number)).toEqual([1]);
    expect(plan?.requests).toEqual([
      { kind: 'chapter', chapter: 2, url: `${FFN}/2/The-Lantern-Road` },
      { kind: 'chapter', chapter: 3, url: `${FFN}/3/The-Lantern-Road` },
    ]);
  });

  it('resumes from what is saved: saved chapters are neither asked for nor taken from the page again', () => {
    const plan = planWholeWork(pageOf('ffn/middle-chapter'), new Set([1, 2]));
    expect(plan?.saved).toEqual([1, 2]);
    expect(plan?.fromPage).toEqual([]);
    expect(plan?.requests.map((r) => r.url)).toEqual([`${FFN}/3/The-Lantern-Road`]);
  });

  it('asks nothing when every chapter is saved', () => {
    expect(planWholeWork(pageOf('ffn/middle-chapter'), new Set([1, 2, 3]))?.requests).toEqual([]);
  });

  it("keeps the host the page was read from (the mobile site) and builds the addresses itself, not from the page's menu", () => {
    const page = pageOf('ffn/middle-chapter', 'https://m.fanfiction.net/s/1234567/2/The-Lantern-Road');
    const planted = { ...page, chapters: page.chapters.map((c) => ({ ...c, url: 'https://evil.example/s/1/1/' })) };
    expect(planWholeWork(planted, new Set([2]))?.requests.map((r) => r.url)).toEqual([
      'https://m.fanfiction.net/s/1234567/1/The-Lantern-Road',
      'https://m.fanfiction.net/s/1234567/3/The-Lantern-Road',
    ]);
  });

  it('plans nothing for a page the adapter did not read (the Readability fallback) or whose URL is not its own', () => {
    const page = pageOf('ffn/middle-chapter');
    expect(planWholeWork({ ...page, source: 'readability' }, new Set())).toBeUndefined();
    expect(planWholeWork({ ...page, url: 'https://evil.example/s/1234567/2/' }, new Set())).toBeUndefined();
    expect(planWholeWork({ ...page, storyId: '7' }, new Set())).toBeUndefined();
  });
});

describe('planning "Save whole work" on a site whose definition does not offer it', () => {
  it("plans nothing, even on FictionPress, which has fanfiction.net's layout and adapter", () => {
    expect(planWholeWork(pageOf('fp/chapter'), new Set())).toBeUndefined();
    expect(planWholeWork(pageOf('royalroad/chapter'), new Set())).toBeUndefined();
  });
});

describe('planning "Save whole work" on AO3', () => {
  it("asks once, for the work's full view", () => {
    const plan = planWholeWork(pageOf('ao3/middle-chapter'), new Set());
    expect(plan).toMatchObject({ site: 'ao3', storyId: '4242424', total: 3, gapMs: 0 });
    expect(plan?.fromPage.map((p) => p.number)).toEqual([2]);
    expect(plan?.requests).toEqual([{ kind: 'full-work', url: 'https://archiveofourown.org/works/4242424?view_full_work=true' }]);
  });

  it('adds view_adult=true only when the page being read shows the gate was passed', () => {
    const passed = pageOf('ao3/middle-chapter', 'https://archiveofourown.org/works/4242424/chapters/10000002?view_adult=true');
    expect(planWholeWork(passed, new Set())?.requests.map((r) => r.url)).toEqual([
      'https://archiveofourown.org/works/4242424?view_full_work=true&view_adult=true',
    ]);
    const notPassed = planWholeWork(pageOf('ao3/middle-chapter'), new Set());
    expect(notPassed?.requests.map((r) => r.url).join()).not.toContain('view_adult');
  });

  it('asks on the mirror the page was read from, outside any collection', () => {
    const page = pageOf('ao3/middle-chapter', 'https://archiveofourown.gay/collections/Fest/works/4242424/chapters/10000002');
    expect(planWholeWork(page, new Set())?.requests.map((r) => r.url)).toEqual([
      'https://archiveofourown.gay/works/4242424?view_full_work=true',
    ]);
  });

  it('asks nothing when the page being read is the full view itself: its chapters are taken from it', () => {
    const plan = planWholeWork(pageOf('ao3/full-work'), new Set([1]));
    expect(plan?.requests).toEqual([]);
    expect(plan?.fromPage.map((p) => p.number)).toEqual([2, 3]);
  });
});
