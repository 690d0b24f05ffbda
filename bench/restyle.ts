import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AO3_WORK_URL } from './ao3-work';
import type { BenchBrowser } from './browsers';
import { readPageBundle } from './bundle';
import { metric, type Metric } from './report';
import { plainUrl } from './server';
import { median, ratio, settle, sleep } from './stats';

/**
 * 3. Restyle: from the content script's start (its `ficwell:restyle:start` mark, taken first thing at
 * document_start) to the reader painted (the probe: `html.ficwell-reading` set, then the next frame), on
 * fixture pages and a generated 100,000-word AO3 full work. Budgets: the reader painted (from navigation
 * start) against the same page's own first contentful paint where Ficwell does not run (both browsers), and
 * against Firefox's Reader View on the same page (`about:reader?url=`). Also timed, not a budget:
 * `new Readability(clone).parse()` alone, run once, cold, in the same page after the reader showed, on a clone
 * of the document with Ficwell's element taken out (the clone is made outside the timed part). Flash: the probe looks at every animation
 * frame until the reader shows; a frame where the original body is neither hidden nor `display: none` and
 * has content would paint the original page.
 */
// The marks and the class are set by the bench build only (`wxt build --mode bench`): a store build leaves
// nothing in the page that names Ficwell.
export const PAGES = {
  ffn: 'http://www.fanfiction.net/s/1234567/2/The-Lantern-Road',
  ao3: 'http://archiveofourown.org/works/4242424/chapters/10000002',
  'ao3-100k': AO3_WORK_URL,
} as const;
type PageName = keyof typeof PAGES;
/** A story URL the adapters decline (AO3's adult gate): the original page must show, so the probe must see it. */
const NOT_A_STORY = 'http://archiveofourown.org/works/7171717';
/** Ficwell's reader painted against Firefox's Reader View painted on the same page (Firefox). */
const READER_VIEW_BUDGET = 0.5;
/** Ficwell's reader painted against the page's own first contentful paint without Ficwell (both browsers). */
const PLAIN_BUDGET = 1.5;

const readabilitySource = readFileSync(createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js'), 'utf8');

interface Run {
  start: number;
  /** The parser finished (readyState 'interactive'): from here the content script may read the page. */
  domReady: number;
  done: number;
  painted: number;
  readability: number;
  readabilityChars: number;
  ficwellParse: number;
  flashFrames: number;
  /** Chromium: first contentful paint came before the reader was switched on. */
  fcpBeforeReader: boolean;
}

const TIMES = `(() => {
  const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
  const b = window.__bench;
  return {
    start: mark('ficwell:restyle:start'), done: mark('ficwell:restyle:done'),
    domReady: performance.getEntriesByType('navigation')[0]?.domInteractive ?? null,
    painted: b.readerPainted, flashFrames: b.flashFrames, fcpBeforeReader: fcp !== null && fcp < b.reading,
  };
})()`;

/**
 * Whether a page element is Ficwell's view: its host is a plain element after <body> with nothing naming it
 * (entrypoints/restyle/view.ts), so the bench tells it by place.
 */
const IS_VIEW = `((el) => el.parentNode === el.ownerDocument.documentElement && el.localName !== 'head' && el.localName !== 'body')`;

/** A copy of the page as it arrived: Ficwell's element, its hiding style and the bench build's class taken out. */
const CLONE = `(() => {
  const clone = document.cloneNode(true);
  for (const el of [...clone.documentElement.children]) if (${IS_VIEW}(el)) el.remove();
  for (const el of clone.querySelectorAll('style')) if (el.textContent.startsWith('html > body { display: none !important; }')) el.remove();
  clone.documentElement.classList.remove('ficwell-reading');
  return clone;
})()`;

const READABILITY = `(() => {
  const clone = ${CLONE};
  const t0 = performance.now();
  const article = new Readability(clone).parse();
  return { ms: performance.now() - t0, chars: article?.textContent?.length ?? 0 };
})()`;

/** Ficwell's own reading of the page (lib/sites readPage: adapter, sanitizer), timed the same way. */
const FICWELL_PARSE = `(() => {
  const clone = ${CLONE};
  const t0 = performance.now();
  const result = __ficwellReadPage(clone, new URL(location.href), window);
  return { ms: performance.now() - t0, kind: result.kind };
})()`;

async function runOnce(b: BenchBrowser, url: string, ficwellSource: string): Promise<Run> {
  const tab = await b.newTab();
  try {
    await tab.goto(url);
    await tab.waitFor(`window.__bench?.readerPainted > 0`, 30_000, `the reader on ${url}`);
    const t = await tab.eval<Omit<Run, 'readability' | 'readabilityChars' | 'ficwellParse'>>(TIMES);
    await sleep(200); // let the reader's own follow-up work finish before timing Readability
    await tab.addScript(readabilitySource);
    const r = await tab.eval<{ ms: number; chars: number }>(READABILITY);
    await tab.addScript(ficwellSource);
    const f = await tab.eval<{ ms: number; kind: string }>(FICWELL_PARSE);
    if (f.kind !== 'story') throw new Error(`Ficwell's parser read ${url} as ${f.kind}`);
    return { ...t, readability: r.ms, readabilityChars: r.chars, ficwellParse: f.ms };
  } finally {
    await tab.close();
    await settle();
  }
}

/**
 * The floor of the plain-page ratio: the same page on a host Ficwell does not run on (bench/server.ts
 * `plainUrl`), navigation start to its first contentful paint (paint timing, both browsers).
 */
async function plainOnce(b: BenchBrowser, url: string): Promise<number> {
  const tab = await b.newTab();
  try {
    await tab.goto(plainUrl(url));
    const fcp = `performance.getEntriesByName('first-contentful-paint')[0]?.startTime`;
    await tab.waitFor(`${fcp} > 0`, 30_000, `the first contentful paint of ${url} without Ficwell`);
    return await tab.eval<number>(fcp);
  } finally {
    await tab.close();
    await settle();
  }
}

/** Reader View's article text is in the page (its own placeholder and toolbar are not). */
const READER_TEXT = `(() => { const c = document.querySelector('.moz-reader-content'); return !!c && c.textContent.trim().length > 200; })()`;

/**
 * Firefox's Reader View on the same page (`about:reader?url=`, which fetches and parses the page itself):
 * navigation start to its article text painted (the probe's rule: the text in the DOM, the next frame, a task
 * from it). No preload script runs in about:reader, so the observer is set up as soon as the document answers;
 * if the text is already there by then, the time of that look is taken instead (later than the paint: it
 * counts against Ficwell), and counted in the note.
 */
async function readerViewOnce(b: BenchBrowser, url: string): Promise<{ ms: number; late: boolean }> {
  const tab = await b.newTab();
  try {
    await tab.goto(`about:reader?url=${encodeURIComponent(url)}`);
    await tab.waitFor(`location.href.startsWith('about:reader')`, 15_000, 'about:reader');
    const r = await tab.eval<{ ms: number; late: boolean } | null>(`new Promise((resolve) => {
      const painted = () => requestAnimationFrame(() => {
        const c = new MessageChannel();
        c.port1.onmessage = () => resolve({ ms: performance.now(), late: false });
        c.port2.postMessage(null);
      });
      if (${READER_TEXT}) return resolve({ ms: performance.now(), late: true });
      const mo = new MutationObserver(() => { if (${READER_TEXT}) { mo.disconnect(); painted(); } });
      mo.observe(document, { childList: true, subtree: true, characterData: true });
      setTimeout(() => resolve(null), 30000);
    })`);
    if (!r) throw new Error(`Reader View showed no article text for ${url} in 30 s`);
    return r;
  } finally {
    await tab.close();
    await settle();
  }
}

/** Whether the flash probe sees an original page at all: on a page Ficwell leaves alone it must. */
async function probeSeesOriginal(b: BenchBrowser): Promise<boolean> {
  const tab = await b.newTab();
  try {
    await tab.goto(NOT_A_STORY);
    await sleep(1500);
    return await tab.eval<boolean>(`window.__bench?.flashFrames > 0 && ![...document.documentElement.children].some(${IS_VIEW})`);
  } finally {
    await tab.close();
  }
}

export async function benchRestyle(b: BenchBrowser, runs: number): Promise<Metric[]> {
  const names = Object.keys(PAGES) as PageName[];
  const series = Object.fromEntries(names.map((n) => [n, [] as Run[]])) as Record<PageName, Run[]>;
  const plain = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<PageName, number[]>;
  const readerView = Object.fromEntries(names.map((n) => [n, [] as { ms: number; late: boolean }[]])) as Record<
    PageName,
    { ms: number; late: boolean }[]
  >;
  // Reader View exists in Firefox only; when it cannot be driven, the figure says why instead.
  let readerViewError: string | null = b.name === 'firefox' ? null : 'Chromium has no Reader View';
  const ficwell = await readPageBundle();
  for (const n of names) await runOnce(b, PAGES[n], ficwell); // warm-up
  for (const n of names) await plainOnce(b, PAGES[n]);
  // Interleaved, so drift in the machine's speed falls on both sides of each ratio.
  for (let i = 0; i < runs; i++)
    for (const n of names) {
      series[n].push(await runOnce(b, PAGES[n], ficwell));
      plain[n].push(await plainOnce(b, PAGES[n]));
      if (readerViewError === null) {
        try {
          readerView[n].push(await readerViewOnce(b, PAGES[n]));
        } catch (e) {
          readerViewError = `about:reader could not be driven: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
    }
  const probeOk = await probeSeesOriginal(b);

  const out: Metric[] = [];
  for (const n of names) {
    const rs = series[n];
    const col = (f: (r: Run) => number) => rs.map(f);
    const total = col((r) => r.painted - r.start);
    const parse = col((r) => r.readability);
    if (rs.some((r) => r.readabilityChars === 0)) throw new Error(`Readability found no article on ${PAGES[n]}`);
    const flashes = rs.filter((r) => r.flashFrames > 0 || r.fcpBeforeReader).length;
    out.push(
      metric(`restyle.start-to-reader.${n}`, b.name, median(total), 'ms', { samples: total }),
      metric(`restyle.readability-parse.${n}`, b.name, median(parse), 'ms', { samples: parse }),
      metric(`restyle.reader-painted.${n}`, b.name, median(col((r) => r.painted)), 'ms', {
        samples: col((r) => r.painted),
        note: "navigation start to Ficwell's reader painted",
      }),
      metric(`restyle.plain-page-fcp.${n}`, b.name, median(plain[n]), 'ms', {
        samples: plain[n],
        note: 'floor: the same page where Ficwell does not run, navigation start to its first contentful paint',
      }),
      metric(`restyle.plain-ratio.${n}`, b.name, ratio(median(col((r) => r.painted)), median(plain[n])), 'x', {
        max: PLAIN_BUDGET,
      }),
      ...(b.name === 'firefox'
        ? [
            metric(`restyle.reader-view-painted.${n}`, b.name, readerView[n].length ? median(readerView[n].map((r) => r.ms)) : null, 'ms', {
              samples: readerView[n].map((r) => r.ms),
              note:
                readerViewError ??
                `about:reader?url= on the same page, navigation start to its text painted; ${readerView[n].filter((r) => r.late).length} of ${readerView[n].length} runs had the text before the observer was set up (the time it was seen taken)`,
            }),
            metric(
              `restyle.reader-view-ratio.${n}`,
              b.name,
              readerView[n].length ? ratio(median(col((r) => r.painted)), median(readerView[n].map((r) => r.ms))) : null,
              'x',
              { max: READER_VIEW_BUDGET, note: readerViewError ?? undefined },
            ),
          ]
        : []),
      metric(`restyle.ratio.${n}`, b.name, ratio(median(total), median(parse)), 'x', {
        note: `not a budget (wall time against Readability's CPU time); of the ${Math.round(median(total))} ms: waiting for the page's DOM ${Math.round(median(col((r) => r.domReady - r.start)))} ms, DOM ready to reader switched on ${Math.round(median(col((r) => r.done - r.domReady)))} ms, switched on to painted ${Math.round(median(col((r) => r.painted - r.done)))} ms`,
      }),
      metric(`restyle.ficwell-parse.${n}`, b.name, median(col((r) => r.ficwellParse)), 'ms', {
        samples: col((r) => r.ficwellParse),
        note: 'lib/sites readPage alone (adapter and sanitizer, as the content script runs it), bundled into the page and timed like Readability',
      }),
      metric(`restyle.parse-ratio.${n}`, b.name, ratio(median(col((r) => r.ficwellParse)), median(parse)), 'x', {
        note: "Ficwell's page reading against Readability's, CPU only: no waiting, no rendering",
      }),
      metric(`restyle.wait-for-dom.${n}`, b.name, median(col((r) => r.domReady - r.start)), 'ms'),
      metric(`restyle.dom-ready-to-switch.${n}`, b.name, median(col((r) => r.done - r.domReady)), 'ms'),
      metric(`restyle.switch-to-painted.${n}`, b.name, median(col((r) => r.painted - r.done)), 'ms'),
      metric(`restyle.flash.${n}`, b.name, probeOk ? flashes : null, 'runs', {
        max: 0,
        note: probeOk
          ? `runs of ${rs.length} with a frame showing the original page before the reader`
          : 'not measured: the probe saw no original page even on a page Ficwell leaves alone, so it cannot see a flash',
      }),
    );
  }
  return out;
}
