import type { Browser } from '@wxt-dev/browser';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isRequest } from '../lib/messages';
import { askTab } from '../platform/messages';
import { createProgressService } from '../platform/progress';
import { listenForReaders } from '../platform/reader-port';

declare const chrome: typeof Browser;

export default defineBackground(() => {
  const progress = createProgressService();

  // Reader views hand over their last position when they close.
  listenForReaders(({ progress: record, story }) => (story ? progress.saveWeb(story, record) : progress.save(record)));

  // Content scripts reach IndexedDB only through here; every message is checked before it is used.
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id || !isRequest(message)) return undefined;
    if (message.type === 'web-progress') return progress.saveWeb(message.story, message.progress).then(() => true);
    if (message.type === 'web-position') return progress.get(message.key).then((r) => r ?? null);
    // Only into the frame that asked: a content script of ours on a fiction page (see entrypoints/readability.ts).
    if (sender.tab?.id === undefined) return undefined;
    return browser.scripting
      .executeScript({ target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] }, files: ['/readability.js'] })
      .then(() => true);
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-reader' && tab?.id !== undefined) void askTab(tab.id, { type: 'toggle-reader' });
    // Chrome has no built-in command for the side panel; a command is a user gesture, so it may open it.
    if (command === 'open-reader' && import.meta.env.CHROME && tab?.windowId !== undefined) {
      void chrome.sidePanel.open({ windowId: tab.windowId });
    }
  });
});
