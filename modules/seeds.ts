import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineWxtModule } from 'wxt/modules';
import { buildSeedData, storyFiles, type SeedMeta } from '../lib/catalog';
import { generateStoryText } from '../lib/story/generate';

/**
 * Parses the bundled seeds at build time into `data/catalog.json` (what the popup lists) and, per story, an
 * outline file `data/stories/<id>.json` and its text in chunk files `data/stories/<id>/<n>.json` (what the
 * reader loads, the chunk at the saved position first), so no view parses text at run time and the popup
 * never loads story text.
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
      for (const { path, contents } of data.flatMap(storyFiles)) files.push({ relativeDest: path.slice(1), contents });
      // `wxt build --mode bench` (npm run bench) adds a generated 500,000-word story, reachable only by its
      // deep link (sidepanel.html#story=bench-500k); the store builds never carry it.
      if (wxt.config.mode === 'bench') {
        const big = buildSeedData([{ ...BENCH_META, file: 'generated' }], () => generateStoryText(500_000, 7));
        for (const { path, contents } of big.flatMap(storyFiles)) files.push({ relativeDest: path.slice(1), contents });
      }
    });
  },
});

const BENCH_META: Omit<SeedMeta, 'file'> = {
  id: 'bench-500k',
  title: 'Generated 500,000-word story',
  titleIsAuthors: false,
  fandom: 'Benchmark',
  source: { site: 'generated', url: null },
  characters: [],
  warnings: [],
  summary: 'Generated text for measuring the reader with a very long story.',
  summaryIsAuthors: false,
};
