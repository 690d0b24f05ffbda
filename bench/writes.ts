import { TOP_PARAGRAPH } from '../test/e2e/support/harness';
import type { BenchBrowser, Tab } from './browsers';
import { OPEN_DB_SOURCE, getProgress } from './db';
import { STORIES } from './reader';
import { metric, type Metric } from './report';
import { median, sleep } from './stats';

/**
 * 4b. Closing the panel: the real side panel (Chrome) / sidebar (Firefox), opened by a click in the library as
 * a reader would. The reader scrolls twice, 150 ms apart: the first position is written at once, the second
 * waits behind the 500 ms throttle, and the panel closes 60 ms later, before the throttle would have written
 * it. The library page then polls IndexedDB (every ~2 ms, on a connection opened beforehand) and reports the
 * time from the close call to the record holding that last position, written by whichever comes first: the
 * panel's pagehide flush or the background's save when the panel's port disconnects.
 * (Writes per second while scrolling and while still are measured in bench/reader.ts.)
 */
const STORY = STORIES.largest;
const KEY = `seed:${STORY}`;
const BUDGET_MS = 100;

const VIEW = `(globalThis.browser ?? globalThis.chrome).extension.getViews().find((v) => v.location.pathname === '/sidepanel.html' && v !== window)`;
const inPanel = <T>(tab: Tab, body: string) => tab.eval<T>(`((w) => w ? (${body})(w) : null)(${VIEW})`);

/** Installed in the panel before each close: when its document is hidden or unloaded (epoch ms). */
const HIDDEN = `(w) => {
  const report = () => new w.BroadcastChannel('ficwell-bench').postMessage(w.performance.timeOrigin + w.performance.now());
  w.document.addEventListener('visibilitychange', () => w.document.visibilityState === 'hidden' && report());
  w.addEventListener('pagehide', report);
}`;

/**
 * Installed in the library page: a DB connection opened in advance, the close-then-poll routine, and a
 * BroadcastChannel on which the panel reports (see HIDDEN) when its document learns that it is closing.
 */
const INSTALL = `(async () => {
  window.__db = await (${OPEN_DB_SOURCE})();
  // Positions are stored as {part, paragraph}: the paragraph number across the story is derived, as the reader does.
  const { outline } = await (await fetch('/data/stories/${STORY}.json')).json();
  const starts = [0];
  for (const s of outline.sections) starts.push(starts[starts.length - 1] + s.paragraphs);
  window.__n = (pos) => (pos ? starts[pos.part] + pos.paragraph : null);
  new BroadcastChannel('ficwell-bench').onmessage = (e) => { window.__hiddenAt ??= e.data; };
  window.__closeAndWait = (close, key, expected) => {
    window.__hiddenAt = null;
    const t0 = performance.now();
    window.__closedAt = performance.timeOrigin + t0;
    close(); // first, and synchronously: Firefox closes the sidebar only inside the click's user gesture
    const read = () => new Promise((res) => {
      const r = window.__db.transaction('progress').objectStore('progress').get(key);
      r.onsuccess = () => res(r.result);
      r.onerror = () => res(undefined);
    });
    return (async () => {
      let rec;
      while (performance.now() - t0 < 5000) {
        rec = await read();
        if (rec && window.__n(rec.position) === expected) return { ms: performance.now() - t0 };
        await new Promise((r) => setTimeout(r, 2));
      }
      return { ms: null, last: window.__n(rec?.position) };
    })();
  };
})()`;

async function closePanelTimed(b: BenchBrowser, library: Tab, expected: number): Promise<{ ms: number | null; last?: number | null }> {
  if (b.name === 'chromium') {
    return library.eval(`(async () => {
      const w = await chrome.windows.getCurrent();
      return window.__closeAndWait(() => chrome.sidePanel.close({ windowId: w.id }), '${KEY}', ${expected});
    })()`);
  }
  // Firefox: sidebarAction.close() needs a user gesture, so a real click on a button calls it.
  await library.eval(`(() => {
    const b = document.createElement('button');
    b.id = 'bench-close-sidebar';
    b.textContent = 'Close sidebar';
    b.style = 'position:fixed;top:0;left:0;z-index:99';
    b.addEventListener('click', () => {
      window.__closed = null;
      window.__closeAndWait(() => browser.sidebarAction.close(), '${KEY}', ${expected}).then((r) => (window.__closed = r));
      b.remove();
    });
    document.body.append(b);
  })()`);
  await library.click('#bench-close-sidebar');
  await library.waitFor(`window.__closed != null`, 10_000, 'the close measurement');
  return library.eval(`window.__closed`);
}

export async function benchPanelClose(b: BenchBrowser, runs: number): Promise<Metric[]> {
  const library = await b.newTab();
  const times: number[] = [];
  const hidden: number[] = [];
  const afterHidden: number[] = [];
  let lost = 0;
  let trivial = 0;
  try {
    await library.goto(`${b.origin}/popup.html`);
    await library.waitFor(`window.__bench?.rows > 0`, 20_000, 'the library');
    await library.eval(INSTALL);
    for (let i = 0; i < runs; i++) {
      await library.click(`[data-story="${STORY}"] button`);
      await library.waitFor(
        `!!${VIEW} && ${VIEW}.location.hash === '#story=${STORY}' && ${VIEW}.document.documentElement.dataset.complete === 'true'`,
        20_000,
        'the panel to show the story',
      );
      await inPanel(library, `(w) => w.scrollTo(0, 0)`);
      await sleep(700); // out of the throttle window
      await inPanel(library, `(w) => w.scrollBy(0, 600)`);
      await sleep(150);
      await inPanel(library, `(w) => w.scrollBy(0, 900)`);
      await sleep(60); // a frame or two for the reader to take the position
      const expected = (await inPanel<number>(library, TOP_PARAGRAPH)) ?? -1;
      await inPanel(library, HIDDEN);
      const before = await getProgress(library, KEY);
      if (before && (await library.eval<number | null>(`window.__n(${JSON.stringify(before.position)})`)) === expected) trivial++;
      const r = await closePanelTimed(b, library, expected);
      await library.waitFor(`!${VIEW} && window.__hiddenAt != null`, 10_000, 'the panel to close');
      const hiddenAfter = await library.eval<number>(`window.__hiddenAt - window.__closedAt`);
      hidden.push(hiddenAfter);
      if (r.ms === null) lost++;
      else {
        times.push(r.ms);
        afterHidden.push(Math.max(0, r.ms - hiddenAfter));
      }
    }
  } finally {
    await library.close();
  }
  const notes = [
    `${times.length} closes measured; the panel learned it was closing after ${Math.round(median(hidden))} ms and the last position was stored ${Math.round(median(afterHidden))} ms after that (medians)`,
  ];
  if (lost) notes.push(`${lost} of ${runs} closes never wrote the last position within 5 s`);
  if (trivial) notes.push(`${trivial} runs had the last position written before the close`);
  const value = lost ? null : median(times);
  const m = metric('writes.close-to-last-write', b.name, value, 'ms', { max: BUDGET_MS, samples: times, note: notes.join('; ') });
  if (lost) m.pass = false;
  return [
    m,
    metric('writes.close-to-panel-hidden', b.name, median(hidden), 'ms', {
      samples: hidden,
      note: "from the close call until the panel document is hidden or unloaded: the browser's share, before which the panel cannot know it is closing",
    }),
    metric('writes.panel-hidden-to-last-write', b.name, lost ? null : median(afterHidden), 'ms', {
      samples: afterHidden,
      note: "from the panel learning it is closing to the last position stored (0 when it was stored before): Ficwell's share",
    }),
  ];
}
