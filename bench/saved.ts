import type { BenchBrowser, Tab } from './browsers';
import { AO3_WORK, AO3_WORK_URL, ao3WorkChapters } from './ao3-work';
import { deleteProgress, OPEN_DB_SOURCE, putProgress, removeSaved, savedShape } from './db';
import { EXPECT_KEY } from './probe';
import { middleOf, openOnce, PANEL_VIEWPORT, savedRecord, STORIES } from './reader';
import { metric, unmeasurable, type Metric } from './report';
import { median, ratio, settle } from './stats';

/**
 * Issue 15: the generated 100,000-word AO3 full work (bench/ao3-work.ts), saved the way a reader saves it:
 * its full view opened on the local AO3 stand-in, restyled by the content script, whose chapters the
 * background stores (the same message and store as any restyled page). Then opened from that copy in the
 * side panel's page, against the smallest bundled seed in the same run (as bench/reader.ts opens stories).
 */
const KEY = `web:ao3:${AO3_WORK.id}`;
const OPEN_BUDGET = 1.3;
/** Ficwell's reader shown on the full view to every chapter stored: see bench/README.md for why 2 s. */
const SAVE_BUDGET_MS = 2000;
/** What the copy takes in IndexedDB against the UTF-8 size of its text: see bench/README.md. */
const BYTES_BUDGET = 2;
/** JS heap of the saving page, and of the panel with the copy fully drawn: the 500k bundled story's budget (bench/reader.ts). */
const HEAP_BUDGET_MB = 60;

const usage = (control: Tab) => control.eval<number>(`navigator.storage.estimate().then((e) => e.usage ?? 0)`);

/** Polls the copy from the control page (one connection, every 10 ms) until it holds `chapters` chapters; epoch ms. */
function storedAt(control: Tab, chapters: number): Promise<number> {
  return control.eval<number>(`(async () => {
    const db = await (${OPEN_DB_SOURCE})();
    try {
      const until = Date.now() + 60000;
      while (Date.now() < until) {
        const story = await new Promise((res, rej) => {
          const r = db.transaction('savedStories').objectStore('savedStories').get(${JSON.stringify(KEY)});
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        if (story && story.chapters.length >= ${chapters}) return Date.now();
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('the saved copy did not appear within 60 s');
    } finally { db.close(); }
  })()`);
}

interface SaveRun {
  /** From the full view's navigation start to every chapter stored. */
  total: number;
  /** From Ficwell's reader painted on that page to every chapter stored. */
  afterReader: number;
  bytes: number;
}

async function saveOnce(b: BenchBrowser, control: Tab, chapters: number, last: boolean, out: Metric[]): Promise<SaveRun> {
  await removeSaved(control, KEY);
  await settle(control);
  const before = await usage(control);
  const tab = await b.newTab();
  try {
    const stored = storedAt(control, chapters);
    await tab.goto(AO3_WORK_URL);
    const at = await stored;
    await tab.waitFor(`window.__bench?.readerPainted > 0`, 30_000, 'the reader on the full work');
    const { origin, painted } = await tab.eval<{ origin: number; painted: number }>(
      `({ origin: performance.timeOrigin, painted: window.__bench.readerPainted })`,
    );
    if (last) {
      if (tab.heap) {
        const h = await tab.heap();
        out.push(
          metric('saved.save.page-js-heap.100k', b.name, h.used / 2 ** 20, 'MB', {
            max: HEAP_BUDGET_MB,
            note: `the restyled full view after its save, V8 heap after a full GC (the page and the content script's world; Runtime.getHeapUsage); DOM heap besides ${(h.embedder / 2 ** 20).toFixed(1)} MB`,
          }),
        );
      } else {
        out.push(
          unmeasurable(
            'saved.save.page-js-heap.100k',
            b.name,
            'MB',
            "no way to read one page's JS heap from the test driver (no performance.memory, no heap usage over WebDriver BiDi)",
            HEAP_BUDGET_MB,
          ),
        );
      }
    }
    return { total: at - origin, afterReader: at - (origin + painted), bytes: (await usage(control)) - before };
  } finally {
    await tab.close();
  }
}

/** The paragraph ¾ of the way through the copy, as a saved position and as the panel numbers it (`data-p`). */
function deepInside(paragraphs: number[]) {
  const total = paragraphs.reduce((a, n) => a + n, 0);
  const target = Math.floor((total * 3) / 4);
  let n = 0;
  for (const [part, count] of paragraphs.entries()) {
    if (target < n + count) return { part, paragraph: target - n, n: target, total };
    n += count;
  }
  throw new Error(`no paragraph ${target} in the saved copy`);
}

export async function benchSaved(b: BenchBrowser, control: Tab, runs: number): Promise<Metric[]> {
  const text = ao3WorkChapters();
  const utf8 = Buffer.byteLength(text.map((c) => c.join('\n')).join('\n'), 'utf8');
  const out: Metric[] = [];

  // Warm-up (the page, the content script, the server); its storage figure is the one of a database that
  // never held the copy, the runs' are of re-saves into the space the deleted copy left.
  const first = await saveOnce(b, control, text.length, false, out);
  const saves: SaveRun[] = [];
  for (let i = 0; i < runs; i++) saves.push(await saveOnce(b, control, text.length, i === runs - 1, out));
  const shape = await savedShape(control, KEY);
  if (!shape || shape.paragraphs.length !== text.length)
    throw new Error(`the saved copy has ${shape?.paragraphs.length} chapters of ${text.length}`);

  const total = saves.map((s) => s.total);
  const afterReader = saves.map((s) => s.afterReader);
  const bytes = saves.map((s) => s.bytes);
  out.push(
    metric('saved.save.100k', b.name, median(afterReader), 'ms', {
      max: SAVE_BUDGET_MS,
      samples: afterReader,
      note: `Ficwell's reader painted on the full view to all ${text.length} chapters in IndexedDB (polled every 10 ms from an extension page)`,
    }),
    metric('saved.save.from-navigation.100k', b.name, median(total), 'ms', {
      samples: total,
      note: "navigation start of the full view to all its chapters in IndexedDB (the page load is the restyle section's figure)",
    }),
    metric('saved.bytes.100k', b.name, ratio(shape.jsonBytes, utf8), 'x', {
      max: BYTES_BUDGET,
      note: `the copy's records (its outline and ${text.length} chapters) as UTF-8 JSON: ${(shape.jsonBytes / 1e6).toFixed(2)} MB for ${(utf8 / 1e6).toFixed(2)} MB of UTF-8 text`,
    }),
    metric('saved.estimate-delta.100k', b.name, first.bytes / 1e6, 'MB', {
      samples: bytes,
      note: `navigator.storage.estimate() usage after the first save less before it (extension origin); after each run's re-save (the copy deleted first): ${bytes.map((x) => (x / 1e6).toFixed(2)).join(', ')} MB`,
    }),
  );

  // Opening: the copy and the smallest seed, interleaved, each round starting with the other.
  const deep = deepInside(shape.paragraphs);
  const seed = STORIES.smallest;
  const seedMiddle = await middleOf(control, seed);
  const id = encodeURIComponent(KEY);
  const open = async (which: 'seed' | 'saved', marker: 'para' | 'pos') => {
    const a = which === 'seed' ? seedMiddle : deep;
    const key = which === 'seed' ? `seed:${seed}` : KEY;
    if (marker === 'para') {
      await control.eval(`localStorage.removeItem('${EXPECT_KEY}')`);
      await deleteProgress(control, key);
    } else {
      await putProgress(control, { ...savedRecord(seed, a), key });
      await control.eval(`localStorage.setItem('${EXPECT_KEY}', '${a.n}')`);
    }
    return openOnce(b, control, which === 'seed' ? seed : id, marker);
  };
  const series = { para: { seed: [] as number[], saved: [] as number[] }, pos: { seed: [] as number[], saved: [] as number[] } };
  for (const m of ['para', 'pos'] as const) for (const w of ['seed', 'saved'] as const) await open(w, m); // warm-up
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? (['saved', 'seed'] as const) : (['seed', 'saved'] as const);
    for (const w of order) {
      series.para[w].push(await open(w, 'para'));
      series.pos[w].push(await open(w, 'pos'));
    }
  }
  await control.eval(`localStorage.removeItem('${EXPECT_KEY}')`);
  for (const [label, m] of [
    ['first-paragraph', 'para'],
    ['saved-position', 'pos'],
  ] as const) {
    const s = series[m];
    out.push(
      metric(`saved.${label}.100k`, b.name, median(s.saved), 'ms', { samples: s.saved }),
      metric(`saved.${label}.${seed}`, b.name, median(s.seed), 'ms', { samples: s.seed }),
      metric(`saved.${label}.ratio.100k`, b.name, ratio(median(s.saved), median(s.seed)), 'x', {
        max: OPEN_BUDGET,
        note:
          label === 'saved-position'
            ? `paragraph ${deep.n} of ${deep.total} (chapter ${deep.part + 1}) under the reading line, against the seed's middle paragraph`
            : undefined,
      }),
    );
  }

  // The panel's heap with the whole copy drawn (the control page is open beside it: a blank page).
  const tab = await b.newTab();
  try {
    await tab.setViewport(PANEL_VIEWPORT.width, PANEL_VIEWPORT.height);
    await tab.goto(`${b.origin}/sidepanel.html#story=${id}`);
    await tab.waitFor(`document.documentElement.dataset.complete === 'true'`, 60_000, 'the saved copy fully drawn');
    if (tab.heap) {
      const h = await tab.heap();
      out.push(
        metric('saved.panel-js-heap.100k', b.name, h.used / 2 ** 20, 'MB', {
          max: HEAP_BUDGET_MB,
          note: `the side panel's page with the copy fully drawn, V8 heap after a full GC, whole extension renderer (a blank control page open too); DOM heap besides ${(h.embedder / 2 ** 20).toFixed(1)} MB`,
        }),
      );
    } else {
      out.push(
        unmeasurable(
          'saved.panel-js-heap.100k',
          b.name,
          'MB',
          "no way to read one page's JS heap from the test driver (no performance.memory, no heap usage over WebDriver BiDi)",
          HEAP_BUDGET_MB,
        ),
      );
    }
  } finally {
    await tab.close();
  }
  await removeSaved(control, KEY);
  return out;
}
