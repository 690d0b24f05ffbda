import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineWxtModule } from 'wxt/modules';
import { buildSeedData, type SeedMeta } from '../lib/catalog';

/**
 * Parses the bundled seeds at build time into `data/catalog.json` (what the popup lists) and one
 * `data/stories/<id>.json` per story (what the reader loads on demand), so no view parses text at run time
 * and the popup never loads story text.
 */
export default defineWxtModule({
  name: 'ficwell-seeds',
  setup(wxt) {
    wxt.hook('build:publicAssets', (_, files) => {
      const dir = resolve(wxt.config.root, 'seeds');
      const { stories: metas } = JSON.parse(readFileSync(resolve(dir, 'catalog.json'), 'utf8')) as {
        stories: SeedMeta[];
      };
      const data = buildSeedData(metas, (file) => readFileSync(resolve(dir, file), 'utf8'));
      files.push({ relativeDest: 'data/catalog.json', contents: JSON.stringify(data.map((d) => d.entry)) });
      for (const d of data) {
        files.push({ relativeDest: `data/stories/${d.entry.id}.json`, contents: JSON.stringify(d) });
      }
    });
  },
});
