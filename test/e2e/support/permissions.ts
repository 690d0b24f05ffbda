import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../../public/_locales/en/messages.json';
import { sites } from '../../../lib/sites/registry';
import { clickAt, poll, type Harness } from './harness';
import type { SiteBrowser } from './site';

/**
 * Headless Chromium cannot show the prompt `permissions.request()` opens for a permission not yet held, and
 * no switch answers it (`--apps-gallery-install-auto-confirm-for-tests` covers installs only): the request
 * stays pending. A permission already held is granted at once, without a prompt. So the test grants it the
 * way the browser records a reader's "Allow": in the profile's Preferences (the extension's granted and
 * active permissions; Chromium on Linux does not enforce that file's integrity), with the browser closed,
 * then starts it again. Firefox needs none of this: `extensions.webextOptionalPermissionPrompts=false`
 * (test/e2e/support/harness.ts) grants a request without its doorhanger.
 */
export async function holdInChromiumProfile(h: Harness, origins: readonly string[]): Promise<void> {
  if (h.name !== 'chromium') throw new Error('Only Chromium is given a permission through its profile');
  const id = new URL(h.origin).host;
  await h.restart(() => {
    const file = join(h.profile, 'Default', 'Preferences');
    const prefs = JSON.parse(readFileSync(file, 'utf8')) as {
      extensions: { settings: Record<string, Record<string, { explicit_host?: string[] }>> };
    };
    const settings = prefs.extensions.settings[id];
    if (!settings) throw new Error(`No settings of extension ${id} in ${file}`);
    for (const key of ['granted_permissions', 'active_permissions']) {
      const set = settings[key] ?? {};
      settings[key] = set;
      set.explicit_host = [...new Set([...(set.explicit_host ?? []), ...origins])];
    }
    writeFileSync(file, JSON.stringify(prefs));
  });
}

/** The Sites section's switch of a site, in the popup. */
export const siteSwitch = (id: string) => `document.querySelector('.sites [data-site="${id}"] input')`;

/** A site's name as the library labels its stories (English). */
export const siteName = (id: string) => (en as Record<string, { message: string }>)[sites.site(id as never).label]?.message ?? id;

/**
 * Turns optional sites on, each browser the one way a test can (above). Firefox: the reader's click on each
 * site's switch in the popup `site.ext`, whose request the test preference grants, and the message that
 * follows. Chromium: every site's story pages written into the profile at once, one restart, and the popup
 * opened again as `site.ext` (the restart closed the old one). Returns once every switch shows on.
 */
export async function grantOptionalSites(site: SiteBrowser, ids: readonly string[], popup = '/popup.html'): Promise<void> {
  if (site.h.name === 'firefox') {
    for (const id of ids) {
      await clickAt(site.ext, siteSwitch(id));
      const said = `${siteName(id)} on: its pages open in the reader.`;
      await poll(
        site.ext,
        `document.querySelector('.site-message')?.textContent === ${JSON.stringify(said)}`,
        10_000,
        `${id}'s switch to say on`,
      );
    }
  } else {
    await holdInChromiumProfile(
      site.h,
      ids.flatMap((id) => sites.patternsOf(id)),
    );
    site.ext = await site.h.openExtensionPage(popup);
  }
  for (const id of ids) await poll(site.ext, `${siteSwitch(id)}?.checked === true`, 5000, `${id}'s switch on`);
}
