/**
 * Bundled by bench/bundle.ts into the page under test, so the benchmark can time Ficwell's own page reading
 * (site adapter or Readability fallback, sanitizer included) exactly as the content script runs it.
 */
import { readPage } from '../lib/sites';

(globalThis as unknown as { __ficwellReadPage: typeof readPage }).__ficwellReadPage = readPage;
