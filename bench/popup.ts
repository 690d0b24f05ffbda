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
const LIBRARY = 2000;
const VIEWPORT = { width: 400, height: 600 }; // the popup's body is 380 px wide

async function loadOnce(b: BenchBrowser, control: Tab, path: string, marker: 'rows' | 'load'): Promise<number> {
  const tab = await b.newTab();
  try {
    await tab.setViewport(VIEWPORT.width, VIEWPORT.height);
    await tab.goto(`${b.origin}${path}`);
    await tab.waitFor(`window.__bench?.${marker} > 0`, 20_000, `${path} painted`);
    return await tab.eval<number>(`window.__bench.${marker}`);
  } finally {
    await tab.close();
    await settle(control);
  }
}

async function series(b: BenchBrowser, control: Tab, runs: number): Promise<{ empty: number[]; popup: number[] }> {
  await loadOnce(b, control, EMPTY_PAGE, 'load'); // warm-up: first loads fill caches and start the extension process
  await loadOnce(b, control, '/popup.html', 'rows');
  const empty: number[] = [];
  const popup: number[] = [];
  for (let i = 0; i < runs; i++) {
    empty.push(await loadOnce(b, control, EMPTY_PAGE, 'load'));
    popup.push(await loadOnce(b, control, '/popup.html', 'rows'));
  }
  return { empty, popup };
}

export async function benchPopup(b: BenchBrowser, control: Tab, runs: number): Promise<Metric[]> {
  const out: Metric[] = [];
  const record = (label: string, s: { empty: number[]; popup: number[] }) => {
    const e = median(s.empty);
    const p = median(s.popup);
    out.push(
      metric(`popup.empty-page.${label}`, b.name, e, 'ms', { samples: s.empty, note: 'floor: blank extension page, navigation start to first frame after load' }),
      metric(`popup.library-painted.${label}`, b.name, p, 'ms', { samples: s.popup }),
      metric(`popup.load-ratio.${label}`, b.name, ratio(p, e), 'x', { max: BUDGET }),
    );
  };

  await clearAll(control);
  record('seeds', await series(b, control, runs)); // the bundled stories only (five), no progress

  const seeds = await control.eval<number>(`fetch('/data/catalog.json').then((r) => r.json()).then((c) => c.length)`);
  await addLibrary(control, generatedLibrary(LIBRARY));
  const rows = await countRows(b);
  // The popup draws its rows a page at a time; its header counts them all.
  if (rows !== LIBRARY + seeds) throw new Error(`The popup counts ${rows} stories, expected ${LIBRARY + seeds}.`);
  record(`${LIBRARY}-stories`, await series(b, control, runs));
  await clearAll(control);
  return out;
}

async function countRows(b: BenchBrowser): Promise<number> {
  const tab = await b.newTab();
  try {
    await tab.goto(`${b.origin}/popup.html`);
    await tab.waitFor(`window.__bench?.rows > 0`, 20_000, 'the popup');
    return await tab.eval<number>(`Number(document.querySelector('.popup-header .row-meta').textContent.replace(/\\D/g, ''))`);
  } finally {
    await tab.close();
  }
}
