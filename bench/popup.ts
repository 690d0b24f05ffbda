import { EMPTY_PAGE, type BenchBrowser, type Tab } from './browsers';
import { addLibrary, clearAll, generatedLibrary } from './db';
import { metric, type Metric } from './report';
import { median, ratio, settle } from './stats';

/**
 * 1. Popup: navigation start to the library painted (the probe's `rows`: first story row in the DOM, then the
 * next frame), against an empty extension page's navigation start to its first frame after `load`. Each load
 * is a new tab, like each opening of the popup is a new document; the two pages alternate so that drift in
 * the machine's speed falls on both sides of the ratio.
 */
const BUDGET = 1.5;
const LIBRARIES = [2000, 20_000];
/** The whole library read and listed (data-ready painted), with the largest library: an absolute budget. */
const READY_BUDGET_MS = 300;
const VIEWPORT = { width: 400, height: 600 }; // the popup's body is 380 px wide

async function loadOnce(
  b: BenchBrowser,
  control: Tab,
  path: string,
  marker: 'rows' | 'load',
  s?: Pick<Series, 'ready' | 'live'>,
): Promise<number> {
  const tab = await b.newTab();
  try {
    await tab.setViewport(VIEWPORT.width, VIEWPORT.height);
    await tab.goto(`${b.origin}${path}`);
    await tab.waitFor(`window.__bench?.${marker} > 0`, 20_000, `${path} painted`);
    if (s) {
      await tab.waitFor(`window.__bench?.ready > 0 && window.__bench?.live > 0`, 20_000, `${path}: the whole library`);
      s.ready.push(await tab.eval<number>(`window.__bench.ready`));
      s.live.push(await tab.eval<number>(`window.__bench.live`));
    }
    return await tab.eval<number>(`window.__bench.${marker}`);
  } finally {
    await tab.close();
    await settle(control);
  }
}

interface Series {
  empty: number[];
  popup: number[];
  ready: number[];
  /** The popup's own rows painted in place of its first paint's (they open stories from here). */
  live: number[];
}

async function series(b: BenchBrowser, control: Tab, runs: number): Promise<Series> {
  // Warm-up: first loads fill caches and start the extension process; the popup's first load after the
  // library changed also leaves its snapshot of the first screen (lib/library-snapshot.ts) for the next.
  await loadOnce(b, control, EMPTY_PAGE, 'load');
  await loadOnce(b, control, '/popup.html', 'rows', { ready: [], live: [] });
  const s: Series = { empty: [], popup: [], ready: [], live: [] };
  for (let i = 0; i < runs; i++) {
    s.empty.push(await loadOnce(b, control, EMPTY_PAGE, 'load'));
    s.popup.push(await loadOnce(b, control, '/popup.html', 'rows', s));
  }
  return s;
}

export async function benchPopup(b: BenchBrowser, control: Tab, runs: number): Promise<Metric[]> {
  const out: Metric[] = [];
  const record = (label: string, s: Series, readyBudget?: number) => {
    const e = median(s.empty);
    const p = median(s.popup);
    out.push(
      metric(`popup.empty-page.${label}`, b.name, e, 'ms', {
        samples: s.empty,
        note: 'floor: blank extension page, navigation start to first frame after load',
      }),
      metric(`popup.library-painted.${label}`, b.name, p, 'ms', { samples: s.popup }),
      metric(`popup.load-ratio.${label}`, b.name, ratio(p, e), 'x', { max: BUDGET }),
      metric(`popup.rows-live.${label}`, b.name, median(s.live), 'ms', {
        samples: s.live,
        note: "navigation start to the popup's own rows painted, replacing the first paint's (entrypoints/popup-first.tsx), whose rows do nothing when clicked",
      }),
      metric(`popup.library-ready.${label}`, b.name, median(s.ready), 'ms', {
        samples: s.ready,
        max: readyBudget,
        note: 'navigation start to the whole library read and listed (data-ready), painted',
      }),
    );
  };

  await clearAll(control);
  record('seeds', await series(b, control, runs)); // the bundled stories only (five), no progress

  const seeds = await control.eval<number>(`fetch('/data/catalog.json').then((r) => r.json()).then((c) => c.length)`);
  for (const size of LIBRARIES) {
    await clearAll(control);
    await addLibrary(control, generatedLibrary(size));
    const rows = await countRows(b);
    // The popup draws its rows a page at a time; its header counts them all.
    if (rows !== size + seeds) throw new Error(`The popup counts ${rows} stories, expected ${size + seeds}.`);
    record(`${size}-stories`, await series(b, control, runs), size === LIBRARIES.at(-1) ? READY_BUDGET_MS : undefined);
  }
  await clearAll(control);
  return out;
}

async function countRows(b: BenchBrowser): Promise<number> {
  const tab = await b.newTab();
  try {
    await tab.goto(`${b.origin}/popup.html`);
    await tab.waitFor(`window.__bench?.ready > 0`, 20_000, 'the popup');
    return await tab.eval<number>(`Number(document.querySelector('.popup-header .row-meta').textContent.replace(/\\D/g, ''))`);
  } finally {
    await tab.close();
  }
}
