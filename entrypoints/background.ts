import type { Browser } from '@wxt-dev/browser';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from '../lib/background';
import { askTab } from '../platform/messages';
import { createProgressService, createSavedService } from '../platform/progress';
import { askToPersist } from '../platform/persist';
import { listenForReaders } from '../platform/reader-port';
import { migrateLegacyUi } from '../platform/ui-state';
import { browserSyncArea, deviceId, syncEnabled, syncStatus, syncStoreOver } from '../platform/sync';
import { createSyncService } from '../lib/sync/service';
import { createSiteAccess } from '../lib/sites/access';
import { browserSiteAccessApi, onPermissionsChanged } from '../platform/site-access';

declare const chrome: typeof Browser;

export default defineBackground(() => {
  const progress = createProgressService();
  const sync = createSyncService({
    enabled: syncEnabled,
    area: browserSyncArea(),
    store: syncStoreOver(progress),
    deviceId,
    saveStatus: (s) => syncStatus.set(s),
  });
  // Positions saved by the views (they write IndexedDB themselves) go out with the next sync batch too.
  progress.onChange((change) => change.origin !== 'sync' && sync.changed());
  // The optional sites' scripts follow their permissions: now, and whenever a permission changes.
  const siteAccess = createSiteAccess(browserSiteAccessApi);
  const followPermissions = () => void siteAccess.reconcile().catch((e: unknown) => console.error('Ficwell: site scripts', e));
  followPermissions();
  onPermissionsChanged(followPermissions);
  const background = createBackground({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    progress,
    saved: createSavedService(),
    persist: askToPersist,
    injectReadability: (tabId, frameId) =>
      browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/readability.js'] }),
    toggleReader: (tabId) => askTab(tabId, { type: 'toggle-reader' }),
    openPanel: import.meta.env.CHROME ? (windowId) => chrome.sidePanel.open({ windowId }) : undefined,
    sync,
    siteAccess,
  });

  // Reader views hand over their last position when they close.
  listenForReaders((report) => background.savePortReport(report));
  // Content scripts reach IndexedDB only through here; every message is checked before it is used.
  browser.runtime.onMessage.addListener((message: unknown, sender) => background.onMessage(message, sender));
  browser.commands.onCommand.addListener((command, tab) => void background.onCommand(command, tab));
  void migrateLegacyUi();
});
