import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Harness } from './harness';

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
