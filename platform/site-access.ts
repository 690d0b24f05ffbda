import { browser } from 'wxt/browser';
import type { SiteAccessApi, SiteState } from '../lib/sites/access';
import { sites } from '../lib/sites/registry';
import { send } from './messages';

/** The browser's permissions and run-time content scripts, for the background's site access (lib/sites/access.ts). */
export const browserSiteAccessApi: SiteAccessApi = {
  contains: (origins) => browser.permissions.contains({ origins }),
  remove: (origins) => browser.permissions.remove({ origins }),
  registered: async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id),
  register: (scripts) => browser.scripting.registerContentScripts(scripts.map((s) => ({ ...s, persistAcrossSessions: true }))),
  unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
};

/** Calls `listener` when the reader (or the browser's own settings) grants or revokes any permission. */
export function onPermissionsChanged(listener: () => void): void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
}

/** Whether each optional site is on, read from an extension page without waking the background. */
export function optionalSiteStates(): Promise<SiteState[]> {
  return Promise.all(
    sites.optionalIds.map(async (id) => ({
      id,
      on: await browser.permissions.contains({ origins: sites.patternsOf(id) }).catch(() => false),
    })),
  );
}

/** What turning a site on or off came to: whether the browser granted it (on only), and every state after. */
export interface SiteSwitchResult {
  granted: boolean;
  states: SiteState[];
}

/**
 * From an extension page, inside the reader's click: asks the browser for the site's story pages (the call
 * comes first, before any await, or the browser no longer sees the user gesture and refuses), then has the
 * background register its script. Turning it off leaves both to the background.
 */
export function switchSite(site: string, on: boolean): Promise<SiteSwitchResult> {
  const asked = on ? browser.permissions.request({ origins: sites.patternsOf(site) }).catch(() => false) : Promise.resolve(true);
  return asked.then(async (granted) => ({ granted, states: await send('site-access', { site, on }) }));
}
