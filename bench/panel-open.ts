import { EMPTY_PANEL_PAGE, type BenchBrowser, type Tab } from './browsers';
import { STORIES } from './reader';
import { metric, type Metric } from './report';
import { median, ratio, settle } from './stats';

/**
 * 4c. A click in the popup to the story's text painted in the side panel (Chrome) / sidebar (Firefox), against
 * the same kind of click opening a blank page in the panel. Both clicks are real input in the popup's page;
 * the story's is the library row's own handler (platform/panel.ts openStoryInPanel), the floor's a button
 * that makes the same calls for the blank page. Times run from the click event's timestamp to the probe's
 * "painted" in the panel (first story paragraph / first frame after load), both as epoch times
 * (timeOrigin + timestamp): two documents, one clock. The two alternate, the panel closed between runs.
 */
const BUDGET = 1.3;
const STORY = STORIES.smallest;
const API = `(globalThis.browser ?? globalThis.chrome)`;
const VIEW = (path: string) => `${API}.extension.getViews().find((v) => v.location.pathname === '${path}' && v !== window)`;

const INSTALL = `(async () => {
  window.__win = (await ${API}.windows.getCurrent()).id;
  document.addEventListener('click', (e) => { window.__clickAt = performance.timeOrigin + e.timeStamp; }, true);
  const b = document.createElement('button');
  b.id = 'bench-blank-panel';
  b.textContent = 'Blank panel';
  b.style = 'position:fixed;bottom:0;right:0;z-index:99';
  b.addEventListener('click', () => {
    if (globalThis.browser?.sidebarAction) {
      browser.sidebarAction.setPanel({ panel: browser.runtime.getURL('${EMPTY_PANEL_PAGE}') });
      browser.sidebarAction.open();
    } else {
      chrome.sidePanel.setOptions({ path: '${EMPTY_PANEL_PAGE.slice(1)}', enabled: true });
      chrome.sidePanel.open({ windowId: window.__win });
    }
  });
  document.body.append(b);
  const c = document.createElement('button');
  c.id = 'bench-close-panel';
  c.textContent = 'Close panel';
  c.style = 'position:fixed;bottom:0;left:0;z-index:99';
  c.addEventListener('click', () => globalThis.browser?.sidebarAction ? browser.sidebarAction.close() : chrome.sidePanel.close({ windowId: window.__win }));
  document.body.append(c);
})()`;

async function closePanel(popup: Tab): Promise<void> {
  await popup.click('#bench-close-panel'); // Firefox closes the sidebar only inside a user gesture
  await popup.waitFor(
    `!${API}.extension.getViews().some((v) => v !== window && (v.location.pathname === '/sidepanel.html' || v.location.pathname === '${EMPTY_PANEL_PAGE}'))`,
    10_000,
    'the panel to close',
  );
}

async function once(popup: Tab, which: 'story' | 'blank'): Promise<number> {
  const path = which === 'story' ? '/sidepanel.html' : EMPTY_PANEL_PAGE;
  const marker = which === 'story' ? 'para' : 'load';
  await popup.eval(`window.__clickAt = null`);
  await popup.click(which === 'story' ? `[data-story="${STORY}"] button` : '#bench-blank-panel');
  const view = VIEW(path);
  await popup.waitFor(`!!${view}?.__bench?.${marker}`, 20_000, `${which} painted in the panel`);
  const ms = await popup.eval<number>(`${view}.performance.timeOrigin + ${view}.__bench.${marker} - window.__clickAt`);
  await closePanel(popup);
  await settle(popup);
  return ms;
}

export async function benchPanelOpen(b: BenchBrowser, runs: number): Promise<Metric[]> {
  const popup = await b.newTab();
  const blank: number[] = [];
  const story: number[] = [];
  try {
    await popup.setViewport(400, 600);
    await popup.goto(`${b.origin}/popup.html`);
    await popup.waitFor(`document.documentElement.dataset.ready === 'true'`, 20_000, 'the library');
    await popup.eval(INSTALL);
    await once(popup, 'blank'); // warm-up
    await once(popup, 'story');
    for (let i = 0; i < runs; i++) {
      blank.push(await once(popup, 'blank'));
      story.push(await once(popup, 'story'));
    }
  } finally {
    await popup.close();
  }
  const e = median(blank);
  const s = median(story);
  return [
    metric('panel.click-to-blank', b.name, e, 'ms', {
      samples: blank,
      note: 'floor: the same click opening a blank page in the panel, to its first frame after load',
    }),
    metric('panel.click-to-story', b.name, s, 'ms', {
      samples: story,
      note: `click on "${STORY}" in the popup to its first paragraph painted in the panel`,
    }),
    metric('panel.click-ratio', b.name, ratio(s, e), 'x', { max: BUDGET }),
  ];
}
