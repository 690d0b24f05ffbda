/**
 * `npm run bench`: Ficwell's budgets measured in real browsers, as ratios against floors taken in the same run
 * where the figure is a time. Prints a table, writes bench/results.json, exits 1 when a budget is missed.
 *
 * Options (environment): BENCH_RUNS (runs per figure, default 7; medians are reported),
 * BENCH_BROWSERS (comma-separated, default "chromium,firefox"), BENCH_SECTIONS (comma-separated, any of size,
 * popup, reader, saved, panel, scroll, close, backup, restyle, huge, sync; default all: for a quick look at one figure, never for the record).
 * Needs the bench builds (`npm run build:bench`: `wxt build --mode bench` with NODE_ENV=production, for both browsers)
 * and the store zips (`npm run zip`).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH_BUILDS, EMPTY_PAGE, launch, type BenchBrowser, type BrowserName, type Tab } from './browsers';
import { benchBackup } from './backup';
import { benchPanelOpen } from './panel-open';
import { benchPopup } from './popup';
import { benchReaderOpen, benchReaderScroll } from './reader';
import { metric, printTable, writeResults, type Metric } from './report';
import { benchHuge } from './huge';
import { benchRestyle } from './restyle';
import { benchSaved } from './saved';
import { startSiteServer } from './server';
import { benchSize } from './size';
import { benchSyncBrowser, benchSyncModel } from './sync';
import { benchPanelClose } from './writes';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BROWSERS = (process.env.BENCH_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()) as BrowserName[];
const SECTIONS = new Set(
  (process.env.BENCH_SECTIONS ?? 'size,popup,reader,saved,panel,scroll,close,backup,restyle,huge,sync').split(',').map((s) => s.trim()),
);

function log(message: string) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** A blank extension page that reads and writes the extension's IndexedDB for the sections. */
async function controlTab(b: BenchBrowser): Promise<Tab> {
  const tab = await b.newTab();
  await tab.goto(`${b.origin}/popup.html`); // the first Ficwell page creates the database
  await tab.waitFor(`window.__bench?.rows > 0`, 20_000, 'the library');
  await tab.goto(`${b.origin}${EMPTY_PAGE}`);
  await tab.waitFor(`document.readyState === 'complete'`, 10_000, 'the blank page');
  return tab;
}

async function section(name: string, metrics: Metric[], fn: () => Promise<Metric[]>) {
  if (!SECTIONS.has(name.split(' ').at(-1) ?? '')) return;
  const t = Date.now();
  log(`${name}...`);
  try {
    metrics.push(...(await fn()));
  } catch (e) {
    // One section that cannot finish must not cost the others' figures: it is recorded as a missed budget.
    const [browser, what] = name.split(' ') as [BrowserName, string];
    const m = metric(`${what}.section-failed`, BROWSERS.includes(browser) ? browser : 'build', null, '', {
      note: String(e).split('\n')[0],
    });
    m.pass = false;
    metrics.push(m);
    log(`${name} FAILED: ${String(e)}`);
    return;
  }
  log(`${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

async function main() {
  for (const name of BROWSERS) {
    if (!existsSync(join(BENCH_BUILDS[name], 'manifest.json'))) {
      throw new Error(`${BENCH_BUILDS[name]} is missing: run \`npm run build:bench\` first.`);
    }
  }
  const started = Date.now();
  const loadBefore = loadavg().map((l) => Math.round(l * 100) / 100);
  const metrics: Metric[] = [];
  const versions: Record<string, string> = {};
  await section('size', metrics, async () => benchSize());
  await section('sync', metrics, benchSyncModel);

  const server = await startSiteServer();
  try {
    for (const name of BROWSERS) {
      log(`${name}: launching`);
      const b = await launch(name, { sitePort: server.port });
      versions[name] = b.version;
      try {
        let control = await controlTab(b);
        await section(`${name} popup`, metrics, () => benchPopup(b, control, RUNS));
        await section(`${name} reader`, metrics, () => benchReaderOpen(b, control, RUNS));
        await section(`${name} saved`, metrics, () => benchSaved(b, control, RUNS));
        // The heap is the whole extension renderer's: no other extension page stays open meanwhile.
        await control.close();
        await section(`${name} scroll`, metrics, () => benchReaderScroll(b));
        control = await controlTab(b);
        await section(`${name} close`, metrics, () => benchPanelClose(b, Math.min(RUNS, 5)));
        // After the close figures: the panel section leaves the panel's options pointing at its blank page.
        await section(`${name} panel`, metrics, () => benchPanelOpen(b, RUNS));
        await section(`${name} backup`, metrics, () => benchBackup(b, control, Math.min(RUNS, 3)));
        await section(`${name} restyle`, metrics, () => benchRestyle(b, RUNS));
        await section(`${name} huge`, metrics, () => benchHuge(b, Math.min(RUNS, 3)));
        await section(`${name} sync`, metrics, () => benchSyncBrowser(b, control));
        await control.close();
      } finally {
        await b.close();
      }
    }
  } finally {
    await server.close();
  }

  console.log('');
  printTable(metrics);
  const file = join(root, 'bench/results.json');
  writeResults(file, metrics, {
    date: new Date().toISOString(),
    runs: RUNS,
    browsers: versions,
    // Other work on the machine shows in absolute figures (the longest task above all): note how busy it was.
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverage: { before: loadBefore, after: loadavg().map((l) => Math.round(l * 100) / 100) },
    },
    seconds: Math.round((Date.now() - started) / 1000),
  });
  const failed = metrics.filter((m) => m.pass === false);
  console.log(
    `\n${metrics.length} figures, ${failed.length} budgets missed; written to ${file} (${Math.round((Date.now() - started) / 1000)} s).`,
  );
  if (failed.length) console.log('Why budgets are missed, and what would meet them: bench/README.md.');
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
