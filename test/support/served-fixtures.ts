import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const fixtures = resolve(import.meta.dirname, '../fixtures');

/**
 * Every fixture folder that has a url.txt, as the address it was taken from and its source.html: what the e2e
 * and bench site servers answer at that address. Files beside the site folders (the case tables) are skipped.
 */
export function servedFixtures(): { url: URL; source: string }[] {
  const out: { url: URL; source: string }[] = [];
  for (const site of readdirSync(fixtures, { withFileTypes: true })) {
    if (!site.isDirectory()) continue;
    for (const c of readdirSync(join(fixtures, site.name), { withFileTypes: true })) {
      const dir = join(fixtures, site.name, c.name);
      if (!c.isDirectory() || !existsSync(join(dir, 'url.txt'))) continue;
      out.push({ url: new URL(readFileSync(join(dir, 'url.txt'), 'utf8').trim()), source: join(dir, 'source.html') });
    }
  }
  return out;
}
