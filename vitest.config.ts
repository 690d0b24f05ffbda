import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Test tiers, fastest first: `unit` (pure logic, fake browser, fake IndexedDB), `component` (Preact
 * components rendered into jsdom), `security` (the fuzz sample and hostile or oversized pages: slow, so kept
 * out of the unit run), `files` (the files Ficwell writes, checked by outside validators: EPUBCheck on every
 * EPUB) and `e2e` (real browsers against the built extension).
 */
const SECURITY = ['test/security/**/*.test.ts'];
const setupFiles = ['fake-indexeddb/auto', 'test/unit/support/i18n.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          exclude: SECURITY,
          setupFiles,
          environment: 'node',
          // Files share a worker's module state (each test sets up what it uses), and workers are threads,
          // which start sooner than forked processes: 18-20 s instead of 21-24 s here (759 tests, 1 December).
          isolate: false,
          pool: 'threads',
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'component',
          include: ['test/component/**/*.test.{ts,tsx}'],
          setupFiles: [...setupFiles, 'test/component/setup.ts'],
          environment: 'jsdom',
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'security',
          include: SECURITY,
          setupFiles,
          environment: 'node',
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'files',
          include: ['test/files/**/*.test.ts'],
          setupFiles,
          environment: 'node',
          // A JVM per book, two at a time: a test may wait for the books before it.
          testTimeout: 300_000,
        },
      },
      {
        // Real browsers against the built extension (`npm run zip` first). One file at a time: two cores.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
