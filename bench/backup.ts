import type { BenchBrowser, Tab } from './browsers';
import { addLibrary, bareImport, clearAll, generatedLibrary } from './db';
import { metric, type Metric } from './report';
import { median, ratio, settle } from './stats';

/**
 * 5. The backup round trip with a library of 20,000 stories, in the panel's library (where Export and Import
 * are). Export: the button's click to the file handed to the browser (the download link clicked; the page
 * keeps the file's text instead of saving it). Import: that file given to the Import input, into an emptied
 * database so that every position is written, to the "Imported" status shown. Each within 2 s (issue 18's
 * absolute goal). The import is also held against its floor in the same page: the file's text parsed and its
 * records put bare in one transaction (`bareImport`), which is what the browser's IndexedDB needs to take the
 * records in at all; on 2 December that floor alone was over 2 s in both browsers.
 */
const STORIES = 20_000;
const BUDGET_MS = 2000;
const FLOOR_RATIO = 1.3;

const INSTALL = `(() => {
  document.addEventListener('click', (e) => { if (e.target.closest?.('.backup .backup-actions button')) window.__exportStart = performance.now(); }, true);
  HTMLAnchorElement.prototype.click = function () {
    if (!this.download) return;
    window.__exportDone = performance.now();
    fetch(this.href).then((r) => r.text()).then((t) => { window.__file = t; });
  };
})()`;

const IMPORT = `(() => {
  window.__importDone = null;
  const status = () => document.querySelector('.backup [role=status]')?.textContent ?? '';
  const mo = new MutationObserver(() => {
    if (/^Imported/.test(status())) { window.__importDone = performance.now(); mo.disconnect(); }
  });
  mo.observe(document.querySelector('.backup'), { childList: true, subtree: true, characterData: true });
  const input = document.querySelector('.backup input[type=file]');
  const dt = new DataTransfer();
  dt.items.add(new File([window.__file], 'backup.json', { type: 'application/json' }));
  input.files = dt.files;
  window.__importStart = performance.now();
  input.dispatchEvent(new Event('change', { bubbles: true }));
})()`;

async function openLibrary(b: BenchBrowser): Promise<Tab> {
  const tab = await b.newTab();
  await tab.setViewport(400, 800);
  await tab.goto(`${b.origin}/sidepanel.html#library`);
  await tab.waitFor(`document.documentElement.dataset.ready === 'true'`, 60_000, 'the library');
  await tab.eval(INSTALL);
  return tab;
}

export async function benchBackup(b: BenchBrowser, control: Tab, runs: number): Promise<Metric[]> {
  const exports: number[] = [];
  const imports: number[] = [];
  const floors: number[] = [];
  let bytes = 0;
  let failed = '';
  await clearAll(control);
  await addLibrary(control, generatedLibrary(STORIES));
  for (let i = 0; i < runs && !failed; i++) {
    let tab = await openLibrary(b);
    try {
      await tab.eval(`window.__file = null`);
      // A click from the page: a real one would scroll the button into view, and rows are drawn as it comes near.
      await tab.eval(`document.querySelector('.backup .backup-actions button').click()`);
      await tab.waitFor(`typeof window.__file === 'string'`, 60_000, 'the exported file');
      exports.push(await tab.eval<number>(`window.__exportDone - window.__exportStart`));
      bytes = await tab.eval<number>(`new Blob([window.__file]).size`);
      const file = await tab.eval<string>(`window.__file`);
      // Import into an empty database (every position is new), from a page opened on it.
      await tab.close();
      await clearAll(control);
      tab = await openLibrary(b);
      await tab.eval(`window.__file = ${JSON.stringify(file)}`);
      await tab.eval(IMPORT);
      try {
        await tab.waitFor(`window.__importDone != null`, 120_000, 'the import');
        imports.push(await tab.eval<number>(`window.__importDone - window.__importStart`));
        await settle(control);
        await clearAll(control);
        floors.push(await bareImport(tab, 'window.__file'));
        // Far over the budget (the import writing one record per transaction): one sample says enough.
        if ((imports.at(-1) ?? 0) > 5 * BUDGET_MS) runs = i + 1;
      } catch (e) {
        failed = `${String(e)}; status: ${await tab.eval<string>(`document.querySelector('.backup [role=status]')?.textContent ?? ''`)}`;
      }
    } finally {
      await tab.close();
      await settle(control);
    }
  }
  await clearAll(control);
  const note = `${STORIES.toLocaleString('en')} stories, a ${(bytes / 1e6).toFixed(1)} MB file`;
  const imp = metric('backup.import', b.name, failed ? null : median(imports), 'ms', {
    max: BUDGET_MS,
    samples: imports,
    note: failed ? `${note}; ${failed}` : `${note}, into an empty database, to the "Imported" status`,
  });
  if (failed) imp.pass = false;
  const floor = metric('backup.import-floor-ratio', b.name, failed ? null : ratio(median(imports), median(floors)), 'x', {
    max: FLOOR_RATIO,
    note: `the import against the same file parsed and put bare in one transaction (${Math.round(median(floors))} ms)`,
  });
  if (failed) floor.pass = false;
  return [
    metric('backup.export', b.name, median(exports), 'ms', {
      max: BUDGET_MS,
      samples: exports,
      note: `${note}, Export clicked to the file handed to the browser`,
    }),
    imp,
    floor,
  ];
}
