import type { AnyPage, Harness } from './harness';
import { evaluate } from './harness';

/**
 * The restyled view's shadow root is closed, and its host is a plain `div` after <body>: a page's scripts (and
 * so a test's `page.evaluate`, which runs in the page's world) cannot reach into it. Tests reach it the way
 * only the extension can: from an extension page, `scripting.executeScript` into the tab's content-script
 * world, where `dom.openOrClosedShadowRoot` (Chrome) / `element.openOrClosedShadowRoot` (Firefox) opens it.
 *
 * `body` is the source of a function `(root, host) => value` run there (root is null while there is no
 * view); its value must be JSON-serializable.
 */
export async function inView<T>(ext: AnyPage, pageUrl: string, body: string): Promise<T> {
  return evaluate<T>(
    ext,
    `(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const tabs = (await api.tabs.query({})).filter((t) => t.url === ${JSON.stringify(pageUrl)});
      if (!tabs.length) throw new Error('no tab at ' + ${JSON.stringify(pageUrl)});
      const tab = tabs.reduce((a, b) => (b.id > a.id ? b : a));
      const [res] = await api.scripting.executeScript({
        target: { tabId: tab.id },
        func: () => {
          const rootOf = (el) => el.openOrClosedShadowRoot ?? globalThis.chrome?.dom?.openOrClosedShadowRoot?.(el) ?? null;
          const host = [...document.documentElement.children].find((el) => el.localName === 'div' && rootOf(el)) ?? null;
          const root = host ? rootOf(host) : null;
          return (${body})(root, host);
        },
      });
      return res?.result ?? null;
    })()`,
  );
}

/** Source of a function (root) => the paragraph (data-p) at the top of the restyled view, measured independently of the view's own code. */
export const VIEW_TOP_PARAGRAPH = `(root) => {
  const line = root.querySelector('.reader-bar').getBoundingClientRect().bottom + 8;
  for (const p of root.querySelectorAll('[data-part] [data-p]')) if (p.getBoundingClientRect().bottom > line) return Number(p.dataset.p);
  return -1;
}`;

/**
 * Scrolls the restyled view so that paragraph `n` starts at the reading line, where VIEW_TOP_PARAGRAPH finds it,
 * once it is drawn (a long chapter draws its first screen first and the rest in idle time: a reader cannot
 * scroll to text that is not there yet either).
 */
export async function scrollViewTo(ext: AnyPage, pageUrl: string, n: number): Promise<void> {
  await pollView(
    ext,
    pageUrl,
    `(root) => {
      const p = root?.querySelector('[data-p="${n}"]');
      if (!p) return false;
      p.scrollIntoView();
      window.scrollBy(0, -(root.querySelector('.reader-bar').getBoundingClientRect().bottom + 8));
      return true;
    }`,
    10_000,
    `paragraph ${n} drawn`,
  );
}

/** Whether the reader shows in the tab at `pageUrl` (the view drew its story header). */
export const READER_SHOWN = `(root) => !!root?.querySelector('.restyled h1')`;

/** Waits for `body` (see inView) to return something truthy. */
export async function pollView(ext: AnyPage, pageUrl: string, body: string, timeout = 15_000, what = 'the view'): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await inView(ext, pageUrl, body)) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** Waits until paragraph `n` is at the top of the restyled view at `pageUrl`, as VIEW_TOP_PARAGRAPH finds it. */
export const viewAtParagraph = (ext: AnyPage, pageUrl: string, n: number, timeout = 10_000, what = `paragraph ${n} at the top`) =>
  pollView(ext, pageUrl, `(root) => (${VIEW_TOP_PARAGRAPH})(root) === ${n}`, timeout, what);

/**
 * Clicks, with real input, the element `selector` matches inside the view, scrolled into view first unless
 * `scroll` is false (a control in the sticky bar is always in view, and scrolling to it would move the text).
 * It is clicked once it stands still (two looks 100 ms apart agree): a control below a chapter moves down
 * while the rest of the chapter is drawn in idle time, and a person aims at where it is, not where it was.
 */
export async function clickInView(ext: AnyPage, page: AnyPage, pageUrl: string, selector: string, scroll = true): Promise<void> {
  const look = (scrollTo: boolean) =>
    inView<{ x: number; y: number } | null>(
      ext,
      pageUrl,
      `(root) => {
      const el = root?.querySelector(${JSON.stringify(selector)});
      if (!el) return null;
      if (${scrollTo}) el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }`,
    );
  const deadline = Date.now() + 10_000;
  let box = await look(scroll);
  for (;;) {
    if (!box) throw new Error(`Nothing to click in the view: ${selector}`);
    await new Promise((r) => setTimeout(r, 100));
    const again = await look(false);
    if (again && Math.abs(again.x - box.x) < 1 && Math.abs(again.y - box.y) < 1) break;
    if (Date.now() > deadline) throw new Error(`${selector} never stood still in the view`);
    box = scroll ? await look(true) : again;
  }
  await (page as { mouse: { click(x: number, y: number): Promise<void> } }).mouse.click(box.x, box.y);
}

/** Brings a tab to the front, as a person switching to it would. */
export async function bringToFront(page: AnyPage): Promise<void> {
  await (page as { bringToFront(): Promise<void> }).bringToFront();
}

/** The stored reading settings, read from extension storage. */
export const storedSettings = (ext: AnyPage) =>
  evaluate<Record<string, unknown> | null>(
    ext,
    `(globalThis.browser ?? globalThis.chrome).storage.local.get('settings').then((r) => r.settings ?? null)`,
  );

export type { Harness };

/**
 * What the content script in the tab at `pageUrl` answers the popup (`reader-state`): it answers only once it
 * has decided what the page is (`available: false` for a page it leaves as it was). Null while nothing answers.
 */
export const readerState = (ext: AnyPage, pageUrl: string) =>
  evaluate<{ available: boolean; showing: boolean } | null>(
    ext,
    `(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const tab = (await api.tabs.query({})).filter((t) => t.url === ${JSON.stringify(pageUrl)}).reduce((a, b) => (!a || b.id > a.id ? b : a), null);
    if (!tab) return null;
    return api.tabs.sendMessage(tab.id, { type: 'reader-state' }).catch(() => null);
  })()`,
  );

/** Source of a function (root) => the restyled view's progress fill: it changes with every position the view reports. */
const VIEW_PROGRESS = `(root) => root?.querySelector('.reader-bar .progress-fill')?.style.transform ?? ''`;

/**
 * Scrolls the view at `pageUrl` to paragraph `n`, then waits until the view has taken (and so reported) a position
 * other than the one it showed before: its progress fill changed.
 */
export async function readViewTo(ext: AnyPage, pageUrl: string, n: number): Promise<void> {
  const before = await inView<string>(ext, pageUrl, VIEW_PROGRESS);
  await scrollViewTo(ext, pageUrl, n);
  await pollView(
    ext,
    pageUrl,
    `(root) => { const now = (${VIEW_PROGRESS})(root); return now !== '' && now !== ${JSON.stringify(before)}; }`,
    5000,
    `the view to take paragraph ${n}`,
  );
}
