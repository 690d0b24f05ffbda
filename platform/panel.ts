import type { Browser } from '@wxt-dev/browser';
import type { Browser as Firefox } from 'webextension-polyfill';
import { browser as wxtBrowser } from 'wxt/browser';

declare const chrome: typeof Browser;
// wxt/browser is webextension-polyfill at run time (see wxt.config.ts); its Firefox-only APIs need its types.
const browser = wxtBrowser as unknown as Firefox;

export function readerPath(storyId: string): string {
  return `/sidepanel.html#story=${encodeURIComponent(storyId)}`;
}

/**
 * Opens the side panel (Chrome) or sidebar (Firefox) on a story. Call it straight from a click handler and
 * before any await: both browsers only open the panel inside a user gesture, and an await ends the gesture.
 */
export function openStoryInPanel(storyId: string, windowId: number | undefined): Promise<unknown> {
  const path = readerPath(storyId);
  if (import.meta.env.FIREFOX) {
    return Promise.all([browser.sidebarAction.setPanel({ panel: browser.runtime.getURL(path) }), browser.sidebarAction.open()]);
  }
  // setOptions is not awaited: open() must run in this same task to keep the gesture.
  const options = chrome.sidePanel.setOptions({ path: path.slice(1), enabled: true });
  const open =
    windowId === undefined ? Promise.reject(new Error('No window to open the side panel in.')) : chrome.sidePanel.open({ windowId });
  return Promise.all([options, open]);
}
