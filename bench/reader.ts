import type { ProgressRecord } from '../lib/db/schema';
import type { BenchBrowser, Tab } from './browsers';
import { deleteProgress, putProgress } from './db';
import { EXPECT_KEY } from './probe';
import { metric, unmeasurable, type Metric } from './report';
import { median, ratio, settle, sleep } from './stats';

/**
 * 2. Reader: sidepanel.html#story=<id> in a tab (the same document the side panel shows), from navigation
 * start to the first paragraph painted (no saved position) and to the saved position shown (a position
 * half-way through, under the reading line in a painted frame). Then, for the 500,000-word story: the longest
 * main-thread task while scrolling it with real wheel input, IndexedDB writes per second while scrolling and
 * while still, and the page's JS heap.
 */
export const STORIES = { smallest: 'her-outstretched-hand', largest: 'just-you-and-i', generated: 'bench-500k' } as const;
type Which = keyof typeof STORIES;
const OPEN_BUDGET = 1.3;
export const PANEL_VIEWPORT = { width: 400, height: 800 }; // about a side panel's size

interface Address {
  part: number;
  paragraph: number;
  n: number;
  total: number;
}

/** The paragraph half-way through a story, addressed like a saved Position. */
export function middleOf(control: Tab, id: string): Promise<Address> {
  return control.eval<Address>(`(async () => {
    const { outline } = await (await fetch('/data/stories/${id}.json')).json();
    const target = Math.floor(outline.paragraphs / 2);
    let n = 0;
    for (const [s, section] of outline.sections.entries()) {
      if (target < n + section.paragraphs) return { part: s, paragraph: target - n, n: target, total: outline.paragraphs };
      n += section.paragraphs;
    }
    throw new Error('no paragraph ' + target);
  })()`);
}

export const savedRecord = (id: string, a: Address): ProgressRecord => ({
  key: `seed:${id}`,
  position: { part: a.part, paragraph: a.paragraph, offset: 0 },
  percent: 50,
  updatedAt: Date.now(),
  finishedAt: null,
});

export async function openOnce(b: BenchBrowser, control: Tab, id: string, marker: 'para' | 'pos'): Promise<number> {
  const tab = await b.newTab();
  try {
    await tab.setViewport(PANEL_VIEWPORT.width, PANEL_VIEWPORT.height);
    await tab.goto(`${b.origin}/sidepanel.html#story=${id}`);
    await tab.waitFor(`window.__bench?.${marker} > 0`, 30_000, `${id}: ${marker}`);
    return await tab.eval<number>(`window.__bench.${marker}`);
  } finally {
    await tab.close();
    await settle(control);
  }
}

export async function benchReaderOpen(b: BenchBrowser, control: Tab, runs: number): Promise<Metric[]> {
  const which = Object.keys(STORIES) as Which[];
  const middle = Object.fromEntries(await Promise.all(which.map(async (w) => [w, await middleOf(control, STORIES[w])]))) as Record<
    Which,
    Address
  >;
  const first = Object.fromEntries(which.map((w) => [w, [] as number[]])) as Record<Which, number[]>;
  const saved = Object.fromEntries(which.map((w) => [w, [] as number[]])) as Record<Which, number[]>;

  const fresh = async (w: Which) => {
    await deleteProgress(control, `seed:${STORIES[w]}`);
    await control.eval(`localStorage.removeItem('${EXPECT_KEY}')`);
    return openOnce(b, control, STORIES[w], 'para');
  };
  const atSaved = async (w: Which) => {
    await putProgress(control, savedRecord(STORIES[w], middle[w]));
    await control.eval(`localStorage.setItem('${EXPECT_KEY}', '${middle[w].n}')`);
    return openOnce(b, control, STORIES[w], 'pos');
  };
  for (const w of which) await fresh(w); // warm-up
  for (let i = 0; i < runs; i++) {
    // Each round starts with another story, so no story always follows the 500k one's teardown.
    for (const w of [...which.slice(i % which.length), ...which.slice(0, i % which.length)]) {
      first[w].push(await fresh(w));
      saved[w].push(await atSaved(w));
    }
  }
  await control.eval(`localStorage.removeItem('${EXPECT_KEY}')`);
  for (const w of which) await deleteProgress(control, `seed:${STORIES[w]}`);

  const out: Metric[] = [];
  for (const [label, series] of [
    ['first-paragraph', first],
    ['saved-position', saved],
  ] as const) {
    for (const w of which) out.push(metric(`reader.${label}.${STORIES[w]}`, b.name, median(series[w]), 'ms', { samples: series[w] }));
    out.push(
      metric(`reader.${label}.ratio.largest-seed`, b.name, ratio(median(series.largest), median(series.smallest)), 'x'),
      metric(`reader.${label}.ratio.500k`, b.name, ratio(median(series.generated), median(series.smallest)), 'x', { max: OPEN_BUDGET }),
    );
  }
  return out;
}

/** Installed in the reader after it is fully drawn: counts IndexedDB puts, long tasks and frame gaps. */
const INSTRUMENT = `(() => {
  const s = (window.__scroll = { puts: [], longtasks: [], frames: [], longtaskApi: PerformanceObserver.supportedEntryTypes.includes('longtask') });
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    s.puts.push({ t: performance.now(), store: this.name });
    return put.apply(this, args);
  };
  if (s.longtaskApi) new PerformanceObserver((list) => {
    for (const e of list.getEntries()) s.longtasks.push({ t: e.startTime, d: e.duration });
  }).observe({ type: 'longtask' });
  // Chromium: what the slow frames spent their time on (script, or style and layout, or the rest of rendering).
  s.loaf = [];
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const end = e.startTime + e.duration;
      s.loaf.push({ t: e.startTime, d: e.duration, script: e.scripts.reduce((n, x) => n + x.duration, 0),
        styleLayout: e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0, render: e.renderStart ? end - e.renderStart : 0 });
    }
  }).observe({ type: 'long-animation-frame' });
  const frame = (t) => { s.frames.push(t); if (s.frames.length < 100000) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})()`;

interface Instrumented {
  loaf: { t: number; d: number; script: number; styleLayout: number; render: number }[];
  puts: { t: number; store: string }[];
  longtasks: { t: number; d: number }[];
  frames: number[];
  longtaskApi: boolean;
}

const WHEEL_STEPS = 100;
const WHEEL_PX = 120;
const WHEEL_EVERY_MS = 50; // 2,400 px/s: brisk, steady reading-speed scrolling
const SETTLE_MS = 1000; // the throttled trailing write and smooth scrolling finish here
const STILL_MS = 3000;

/** Opens the 500k story at its start (benchReaderOpen leaves no saved position); no other extension page open. */
export async function benchReaderScroll(b: BenchBrowser): Promise<Metric[]> {
  const id = STORIES.generated;
  const tab = await b.newTab();
  const out: Metric[] = [];
  try {
    await tab.setViewport(PANEL_VIEWPORT.width, PANEL_VIEWPORT.height);
    await tab.goto(`${b.origin}/sidepanel.html#story=${id}`);
    await tab.waitFor(`document.documentElement.dataset.complete === 'true'`, 60_000, 'the 500k story fully drawn');
    const drawn = await tab.eval<number>(`performance.now()`);
    out.push(
      metric('reader.fully-drawn.500k', b.name, drawn, 'ms', { note: 'navigation start until every chunk is drawn (polled, ±25 ms)' }),
    );
    await sleep(500);
    await tab.gc?.(); // start from a collected heap, whatever the earlier sections left in this process
    await tab.eval(INSTRUMENT);

    const y0 = await tab.eval<number>('scrollY');
    const t0 = await tab.eval<number>('performance.now()');
    const started = Date.now();
    for (let i = 0; i < WHEEL_STEPS; i++) {
      await tab.wheel(WHEEL_PX);
      const next = started + (i + 1) * WHEEL_EVERY_MS;
      await sleep(Math.max(0, next - Date.now()));
    }
    const t1 = await tab.eval<number>('performance.now()');
    await sleep(SETTLE_MS);
    const s0 = await tab.eval<number>('performance.now()');
    await sleep(STILL_MS);
    const s1 = await tab.eval<number>('performance.now()');
    const y1 = await tab.eval<number>('scrollY');
    if (y1 - y0 < WHEEL_STEPS * WHEEL_PX * 0.5) throw new Error(`The wheel scrolled only ${y1 - y0} px of ${WHEEL_STEPS * WHEEL_PX}.`);
    const r = await tab.eval<Instrumented>('window.__scroll');

    const puts = (from: number, to: number) => r.puts.filter((p) => p.store === 'progress' && p.t >= from && p.t < to).length;
    const scrolling = puts(t0, t1);
    out.push(
      metric('writes.per-second.scrolling', b.name, scrolling / ((t1 - t0) / 1000), 'writes/s', {
        max: 2,
        note: `${scrolling} writes in ${Math.round(t1 - t0)} ms of wheel scrolling (${y1 - y0} px) in the 500k story`,
      }),
      metric('writes.per-second.still', b.name, puts(s0, s1) / ((s1 - s0) / 1000), 'writes/s', {
        max: 0,
        note: `counted over ${STILL_MS} ms, from ${SETTLE_MS} ms after the last wheel event`,
      }),
    );

    const gaps = r.frames.filter((t) => t >= t0 && t <= t1 + 200).map((t, i, a) => (i ? t - (a[i - 1] as number) : 0));
    if (r.longtaskApi) {
      const tasks = r.longtasks.filter((l) => l.t >= t0 && l.t <= t1 + 200);
      const longest = tasks.reduce((m, l) => Math.max(m, l.d), 0);
      const frames = r.loaf.filter((l) => l.t >= t0 && l.t <= t1 + 200).sort((a, b) => b.d - a.d);
      const f = frames[0];
      const ms = (x: number) => Math.round(x);
      const where = f
        ? `; longest animation frame ${ms(f.d)} ms: script ${ms(f.script)} ms (scripts of 5 ms or more), rendering ${ms(f.render)} ms of which style and layout ${ms(f.styleLayout)} ms; ${frames.length} frames over 50 ms`
        : '';
      out.push(
        metric('reader.scroll.longest-task.500k', b.name, longest, 'ms', {
          max: 50,
          note:
            (tasks.length
              ? `${tasks.length} tasks of 50 ms or more while scrolling`
              : 'no task of 50 ms or more (the Long Tasks API reports only those)') + where,
        }),
      );
    } else {
      out.push(
        unmeasurable(
          'reader.scroll.longest-task.500k',
          b.name,
          'ms',
          'this browser has no Long Tasks API (PerformanceObserver "longtask"); see longest-frame-gap',
          50,
        ),
      );
    }
    out.push(
      metric('reader.scroll.longest-frame-gap.500k', b.name, Math.max(0, ...gaps), 'ms', {
        note: 'longest time between two animation frames while scrolling (a long task or a slow frame)',
      }),
    );

    if (tab.heap) {
      const h = await tab.heap();
      out.push(
        metric('reader.js-heap.500k', b.name, h.used / 2 ** 20, 'MB', {
          max: 60,
          note: `V8 heap used after a full GC, whole extension renderer (Runtime.getHeapUsage); DOM (Blink C++) heap besides: ${(h.embedder / 2 ** 20).toFixed(1)} MB`,
        }),
      );
    } else {
      out.push(
        unmeasurable(
          'reader.js-heap.500k',
          b.name,
          'MB',
          "no way to read one page's JS heap from the test driver (no performance.memory, no heap usage over WebDriver BiDi)",
          60,
        ),
      );
    }
  } finally {
    await tab.close();
  }
  return out;
}
