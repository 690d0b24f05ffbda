import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusEntry } from './cases';

/**
 * The fuzzer's seed pages: every fixture case with a `source.html` and a `url.txt`, the hostile ones included
 * (the oversized ones at their small committed size), in name order so that a seed gives the same cases.
 */
export function loadCorpus(fixtures = join(import.meta.dirname ?? __dirname, '..', 'fixtures')): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  for (const group of readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const c of readdirSync(join(fixtures, group.name), { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const dir = join(fixtures, group.name, c.name);
      if (!existsSync(join(dir, 'source.html')) || !existsSync(join(dir, 'url.txt'))) continue;
      out.push({
        name: `${group.name}/${c.name}`,
        url: readFileSync(join(dir, 'url.txt'), 'utf8').trim(),
        html: readFileSync(join(dir, 'source.html'), 'utf8'),
      });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
