import type { ProgressRecord, WebStoryRecord } from '../lib/db/schema';
import { layout } from '../lib/sync/buckets';
import { createSyncEngine } from '../lib/sync/engine';
import { encodeEntry, entryFrom, type SyncEntry } from '../lib/sync/entry';
import { FakeSyncArea, MAX_WRITE_OPERATIONS_PER_HOUR, QUOTA_BYTES } from '../test/support/fake-sync-area';
import { MemorySyncStore } from '../test/support/memory-sync-store';
import type { BenchBrowser, Tab } from './browsers';
import { metric, unmeasurable, type Metric } from './report';

/**
 * Sync (issue 16): what reading costs in the browser's sync quota. Sizes are counted as Chrome counts them
 * (each value's JSON plus its key) on libraries of generated stories with titles at the sync limit, and
 * checked against the browser's own count where it gives one (`storage.sync.getBytesInUse`). Write
 * operations come from an hour of simulated reading through the real engine on a fake area that enforces
 * Chrome's limits, on a simulated clock: a count, not a time.
 */
const NOW = Date.UTC(2026, 11, 1, 12);

function library(count: number): SyncEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const id = String(10_000_000 + i * 7919);
    const key = `web:ao3:${id}`;
    const progress: ProgressRecord = {
      key,
      position: { part: 4, paragraph: 37, offset: 0.42 },
      percent: 33.3,
      updatedAt: NOW - i * 60_000,
      finishedAt: null,
    };
    const story: WebStoryRecord = {
      key,
      site: 'ao3',
      storyId: id,
      storyUrl: `https://archiveofourown.org/works/${id}`,
      title: `The Long Story Number ${i} of the Library`,
      authors: [],
      fandoms: [],
      chapterCount: 30,
      words: 120_000,
      chapter: { number: 5, title: null, url: `https://archiveofourown.org/works/${id}/chapters/${40_000_000 + i}` },
      updatedAt: progress.updatedAt,
    };
    return entryFrom(progress, story, 'k3f9a');
  });
}

const bytesOf = (buckets: Map<string, unknown>) => [...buckets].reduce((n, [k, v]) => n + FakeSyncArea.bytes(k, v), 0);

/** Figures that need no browser: bytes per story, bytes in use, writes per hour. */
export async function benchSyncModel(): Promise<Metric[]> {
  const web = JSON.stringify(encodeEntry(library(1)[0] as SyncEntry)).length + 1;
  const seed =
    JSON.stringify(
      encodeEntry(
        entryFrom(
          {
            key: 'seed:her-outstretched-hand',
            position: { part: 3, paragraph: 12, offset: 0.5 },
            percent: 61.2,
            updatedAt: NOW,
            finishedAt: null,
          },
          undefined,
          'k3f9a',
        ),
      ),
    ).length + 1;
  const at1000 = layout(library(1000));
  const at5000 = layout(library(5000));
  const out = [
    metric('sync bytes per web story (title at the 24-character limit)', 'build', web, 'B'),
    metric('sync bytes per bundled story', 'build', seed, 'B'),
    metric('sync bytes in use, 1,000 web stories', 'build', bytesOf(at1000.buckets), 'B', {
      max: QUOTA_BYTES * 0.9,
      note: `${at1000.kept.length} of 1,000 in sync; Chrome allows ${QUOTA_BYTES}`,
    }),
    metric('sync bytes in use, 5,000 web stories', 'build', bytesOf(at5000.buckets), 'B', {
      max: QUOTA_BYTES * 0.9,
      note: `the ${at5000.kept.length} most recent in sync, the rest on this device`,
    }),
    metric('stories in sync, of 5,000', 'build', at5000.kept.length, 'stories', { note: 'at least 1,000 is the aim' }),
    metric('sync writes in an hour of reading', 'build', await hourOfReading(), 'writes', {
      max: MAX_WRITE_OPERATIONS_PER_HOUR / 10,
      note: `Chrome allows ${MAX_WRITE_OPERATIONS_PER_HOUR} an hour, 120 a minute`,
    }),
  ];
  return out;
}

/** A position every 5 s for an hour, a chapter change every 4 minutes, on a simulated clock. */
async function hourOfReading(): Promise<number> {
  let t = NOW;
  const timers: { at: number; fn: () => void }[] = [];
  const area = new FakeSyncArea(() => t);
  const store = new MemorySyncStore();
  const engine = createSyncEngine({
    area,
    store,
    device: 'bench',
    now: () => t,
    setTimer: (fn, ms) => {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimer: (h) => void timers.splice(timers.indexOf(h as (typeof timers)[number]), 1),
  });
  await engine.start();
  const before = area.writes.length;
  for (let s = 0; s < 3600; s += 5) {
    t = NOW + s * 1000;
    for (const due of timers.filter((x) => x.at <= t)) {
      timers.splice(timers.indexOf(due), 1);
      due.fn();
    }
    await new Promise((r) => setTimeout(r, 0));
    const chapter = Math.floor(s / 240);
    store.save(
      {
        key: 'web:ffn:1',
        position: { part: chapter, paragraph: s % 240, offset: 0 },
        percent: chapter,
        updatedAt: t,
        finishedAt: null,
      },
      {
        key: 'web:ffn:1',
        site: 'ffn',
        storyId: '1',
        storyUrl: 'https://www.fanfiction.net/s/1/1/',
        title: 'Bench',
        authors: [],
        fandoms: [],
        chapterCount: 20,
        words: null,
        chapter: { number: chapter + 1, title: null, url: `https://www.fanfiction.net/s/1/${chapter + 1}/` },
        updatedAt: t,
      },
    );
    engine.changed();
    if (s % 240 === 0) engine.soon();
  }
  engine.stop();
  return area.writes.length - before;
}

/** The browser's own count of the 5,000-story layout, written into its real sync area. */
export async function benchSyncBrowser(b: BenchBrowser, tab: Tab): Promise<Metric[]> {
  const { buckets } = layout(library(5000));
  const items = Object.fromEntries(buckets);
  const api = `(globalThis.browser ?? globalThis.chrome)`;
  const name = 'sync bytes in use, 5,000 web stories, as the browser counts';
  await tab.eval(`${api}.storage.sync.set(${JSON.stringify(items)})`);
  const counted = await tab.eval<number | string>(
    `(async () => { const s = ${api}.storage.sync; if (!s.getBytesInUse) return 'no getBytesInUse'; try { return await s.getBytesInUse(null); } catch (e) { return String(e); } })()`,
  );
  await tab.eval(`${api}.storage.sync.clear()`);
  if (typeof counted !== 'number') return [unmeasurable(name, b.name, 'B', `this browser gives no count: ${counted}`)];
  return [metric(name, b.name, counted, 'B', { max: QUOTA_BYTES * 0.9, note: `our count: ${bytesOf(buckets)}` })];
}
