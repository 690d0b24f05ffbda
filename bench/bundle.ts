import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';

/** bench/read-page.entry.ts as one minified classic script, built in memory (about a second). */
export async function readPageBundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: resolve(import.meta.dirname, 'read-page.entry.ts'),
        formats: ['iife'],
        name: 'ficwellBenchReadPage',
        fileName: 'read-page',
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs[0]?.output.find((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (!chunk) throw new Error('Could not bundle lib/sites for the page.');
  return chunk.code;
}
