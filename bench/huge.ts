import type { BenchBrowser } from './browsers';
import { HUGE } from './huge-pages';
import { metric, type Metric } from './report';
import { plainUrl } from './server';
import { median, ratio, settle } from './stats';

/**
 * Huge pages (issue 18): the reader painted (navigation start to the probe's `readerPainted`, see
 * bench/probe.ts) and the longest task from navigation start until the whole page is read (the bench build's
 * `ficwell:restyle:whole` mark, entrypoints/restyle, and a second more for the reader drawn again). The budgets are absolute: the first chapter painted
 * within 1 s, no task over 200 ms. A task is seen as the longest gap in a loop of 10 ms timers started before
 * the page's own scripts (both browsers; Firefox has no Long Tasks API), so it counts the browser's own parsing of
 * the page as well as Ficwell: the same page where Ficwell does not run (bench/server.ts `plainUrl`) gives that
 * floor, with its first contentful paint, in the same run.
 */
const PAINT_BUDGET_MS = 1000;
const TASK_BUDGET_MS = 200;

/** Before the page's own scripts: the longest gap between 10 ms timer ticks, when it began, and every gap over budget. */
const GAPS = `(() => {
  const g = { longest: 0, at: 0, over: [] };
  Object.defineProperty(window, '__gaps', { value: g });
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    if (now - last > g.longest) { g.longest = now - last; g.at = last; }
    if (now - last > ${TASK_BUDGET_MS}) g.over.push([Math.round(last), Math.round(now - last)]);
    last = now;
    setTimeout(tick, 10);
  };
  setTimeout(tick, 10);
})();`;

type PageName = keyof typeof HUGE;

interface Run {
  painted: number;
  whole: number;
  longest: number;
  longestAt: number;
  /** Gaps over budget: [began at, lasted] in ms. */
  over: [number, number][];
}

const WHOLE = `performance.getEntriesByName('ficwell:restyle:whole')[0]?.startTime`;

async function runOnce(b: BenchBrowser, url: string): Promise<Run> {
  const tab = await b.newTab({ initScript: GAPS });
  try {
    await tab.goto(url);
    await tab.waitFor(`window.__bench?.readerPainted > 0`, 60_000, `the reader on ${url}`);
    await tab.waitFor(`${WHOLE} > 0`, 120_000, `the whole of ${url} read`);
    // A second more: the reader drawn again with the whole page comes after the mark.
    await tab.waitFor(`performance.now() > ${WHOLE} + 1000`, 5000, 'a second after the whole page was read');
    return await tab.eval<Run>(
      `({ painted: window.__bench.readerPainted, whole: ${WHOLE}, longest: window.__gaps.longest, longestAt: window.__gaps.at, over: window.__gaps.over })`,
    );
  } finally {
    await tab.close();
    await settle();
  }
}

/** The same page without Ficwell: its first contentful paint, and its longest task until a second after load. */
async function plainOnce(b: BenchBrowser, url: string): Promise<{ fcp: number; longest: number }> {
  const tab = await b.newTab({ initScript: GAPS });
  try {
    await tab.goto(plainUrl(url));
    const fcp = `performance.getEntriesByName('first-contentful-paint')[0]?.startTime`;
    await tab.waitFor(`${fcp} > 0 && document.readyState === 'complete'`, 60_000, `${url} loaded without Ficwell`);
    await tab.waitFor(`performance.now() > performance.getEntriesByType('navigation')[0].loadEventEnd + 1000`, 5000, 'a second after load');
    return await tab.eval<{ fcp: number; longest: number }>(`({ fcp: ${fcp}, longest: window.__gaps.longest })`);
  } finally {
    await tab.close();
    await settle();
  }
}

export async function benchHuge(b: BenchBrowser, runs: number): Promise<Metric[]> {
  const out: Metric[] = [];
  for (const name of Object.keys(HUGE) as PageName[]) {
    const { url } = HUGE[name];
    await runOnce(b, url); // warm-up (and the server generates the page)
    const rs: Run[] = [];
    const plain: { fcp: number; longest: number }[] = [];
    for (let i = 0; i < runs; i++) {
      rs.push(await runOnce(b, url));
      plain.push(await plainOnce(b, url));
    }
    const painted = rs.map((r) => r.painted);
    const longest = rs.map((r) => r.longest);
    const plainFcp = median(plain.map((p) => p.fcp));
    const plainLongest = median(plain.map((p) => p.longest));
    out.push(
      metric(`huge.reader-painted.${name}`, b.name, median(painted), 'ms', {
        samples: painted,
        max: PAINT_BUDGET_MS,
        note: `navigation start to the reader painted; the page without Ficwell paints first at ${Math.round(plainFcp)} ms (${ratio(median(painted), plainFcp).toFixed(2)}×)`,
      }),
      metric(`huge.longest-task.${name}`, b.name, median(longest), 'ms', {
        samples: longest,
        max: TASK_BUDGET_MS,
        note: `the longest gap in a 10 ms timer loop from navigation start until a second after the page is read whole (begun at ${Math.round(median(rs.map((r) => r.longestAt)))} ms, median; gaps over budget, [begun, lasted]: ${rs.map((r) => JSON.stringify(r.over)).join(' ')}; read whole at ${rs.map((r) => Math.round(r.whole)).join(', ')} ms); the page without Ficwell, until a second after its load: ${Math.round(plainLongest)} ms`,
      }),
      metric(`huge.read-whole.${name}`, b.name, median(rs.map((r) => r.whole)), 'ms', {
        samples: rs.map((r) => r.whole),
        note: 'navigation start to the whole page read (the reader drawn again with all of it)',
      }),
      metric(`huge.plain-longest-task.${name}`, b.name, plainLongest, 'ms', {
        samples: plain.map((p) => p.longest),
        note: "floor: the browser's own longest task on the same page where Ficwell does not run",
      }),
    );
  }
  return out;
}
