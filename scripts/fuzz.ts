/**
 * Fuzzes page reading: generated and mutated FFN/AO3 pages (test/fuzz) through `readPage` and the Readability
 * fallback in jsdom. A case fails on an uncaught exception, on taking more than --max-ms (readPage plus the
 * fallback; jsdom's own parsing is reported, not counted), on any output rule of test/fuzz/check.ts, or when a
 * payload runs in a scripting document. Exits 1 on any failure and writes the first case of each kind of
 * failure to a temp folder for reproduction.
 *
 *   JITI_JSX=1 npx jiti scripts/fuzz.ts [--cases 10000] [--seed N] [--start 0] [--workers N] [--max-ms 1000]
 *                            [--max-depth 150] [--batch 250] [--no-probe]
 *                            [--case I] [--out DIR] [--quiet]
 *
 * --case I runs case I of --seed N alone, verbosely (a failing case prints the exact command).
 */

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { makeCase, type FuzzCase } from '../test/fuzz/cases';
import { loadCorpus } from '../test/fuzz/corpus';
import { runCase, signature, type CaseReport, type FuzzEnv } from '../test/fuzz/run';
import { loadPage, outputWindows } from '../test/support/dom';

interface Options {
  cases: number;
  seed: number;
  start: number;
  workers: number;
  maxMs: number;
  maxDepth: number;
  batch: number;
  probe: boolean;
  only?: number;
  out: string;
  quiet: boolean;
  worker: boolean;
}

const ROOT = resolve(import.meta.dirname ?? __dirname, '..');

function parseArgs(argv: string[]): Options {
  const o: Options = {
    cases: 10_000,
    seed: Math.floor(Math.random() * 2 ** 31),
    start: 0,
    workers: Math.max(1, Math.min(availableParallelism(), 8)),
    maxMs: 1000,
    maxDepth: 150,
    batch: 250,
    probe: true,
    out: join(tmpdir(), 'ficwell-fuzz'),
    quiet: false,
    worker: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v)) throw new Error(`${a} needs a number`);
      return v;
    };
    if (a === '--cases') o.cases = num();
    else if (a === '--seed') o.seed = num() >>> 0;
    else if (a === '--start') o.start = num();
    else if (a === '--workers') o.workers = Math.max(1, num());
    else if (a === '--max-ms') o.maxMs = num();
    else if (a === '--max-depth') o.maxDepth = num();
    else if (a === '--batch') o.batch = Math.max(1, num());
    else if (a === '--no-probe') o.probe = false;
    else if (a === '--case') o.only = num();
    else if (a === '--out') o.out = resolve(argv[++i] ?? o.out);
    else if (a === '--quiet') o.quiet = true;
    else if (a === '--worker') o.worker = true;
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

/** jsdom for test/fuzz/run.ts: pages without scripts, a parser, and a window that runs scripts with the spy. */
function jsdomEnv(): FuzzEnv & { close(): void } {
  const { parse, scriptWindow, close } = outputWindows();
  return {
    load: loadPage,
    parse,
    scriptWindow,
    // CPU time of this process, not wall time: on a shared 2-core machine (CI runs the unit files side by
    // side) wall time measured the neighbours, and a 600 ms case came out at 1,220 ms.
    now: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
    close,
  };
}

interface Line {
  index: number;
  report: CaseReport;
  origin: string;
}

function runRange(o: Options, from: number, to: number, emit: (line: Line) => void): void {
  const corpus = loadCorpus();
  let env = jsdomEnv();
  for (let index = from; index < to; index++) {
    const c = makeCase(o.seed, index, corpus, { mutate: { maxDepth: o.maxDepth } });
    let report: CaseReport;
    try {
      report = runCase(c, env, { caseMs: o.maxMs, probe: o.probe, checkUnchanged: true });
    } catch (e) {
      // The harness itself (jsdom) failed on this input: report it, and start a fresh environment.
      const detail =
        e instanceof Error
          ? `${e.name}: ${e.message} [${(e.stack ?? '')
              .split('\n')
              .slice(1, 4)
              .map((l) => l.trim())
              .join(' | ')}]`
          : String(e);
      report = { failures: [{ rule: 'exception', path: 'harness', detail }], parseMs: 0, readPageMs: 0, fallbackMs: 0, result: 'harness' };
      env.close();
      env = jsdomEnv();
    }
    emit({ index, report, origin: c.origin });
    // jsdom keeps memory per window; a fresh environment now and then keeps long runs flat.
    if ((index - from) % 500 === 499) {
      env.close();
      env = jsdomEnv();
    }
  }
  env.close();
}

function writeRepro(o: Options, c: FuzzCase, report: CaseReport): string {
  const dir = join(o.out, `seed-${o.seed}-case-${c.index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'source.html'), c.html);
  writeFileSync(join(dir, 'url.txt'), `${c.url}\n`);
  writeFileSync(
    join(dir, 'report.json'),
    `${JSON.stringify({ seed: o.seed, index: c.index, origin: c.origin, ops: c.ops, report, repro: `JITI_JSX=1 npx jiti scripts/fuzz.ts --seed ${o.seed} --case ${c.index}` }, null, 2)}\n`,
  );
  return dir;
}

/** Workers are this script again, run by jiti's CLI (Node 20 cannot run TypeScript itself). */
function jitiCli(): string {
  return join(dirname(createRequire(join(ROOT, 'package.json')).resolve('jiti/package.json')), 'lib', 'jiti-cli.mjs');
}

/**
 * Runs the cases in child processes, `workers` at a time, each child taking a batch of at most `batch` cases
 * and exiting: jsdom 27 keeps about half a megabyte of every closed window (a few MB with DOMPurify and
 * Readability at work), so a long-lived process would grow by gigabytes over 10,000 cases.
 */
async function runWorkers(o: Options, onLine: (line: Line) => void): Promise<void> {
  const batches: [number, number][] = [];
  for (let from = o.start; from < o.start + o.cases; from += o.batch) batches.push([from, Math.min(o.start + o.cases, from + o.batch)]);
  const runBatch = ([from, to]: [number, number]) =>
    new Promise<void>((done, fail) => {
      const args = [
        ...process.execArgv,
        jitiCli(),
        resolve(ROOT, 'scripts', 'fuzz.ts'),
        '--worker',
        '--seed',
        String(o.seed),
        '--start',
        String(from),
        '--cases',
        String(to - from),
        '--max-ms',
        String(o.maxMs),
        '--max-depth',
        String(o.maxDepth),
        ...(o.probe ? [] : ['--no-probe']),
      ];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let buffer = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffer += chunk;
        let nl = buffer.indexOf('\n');
        while (nl !== -1) {
          const text = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (text.startsWith('{')) onLine(JSON.parse(text) as Line);
          nl = buffer.indexOf('\n');
        }
      });
      child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`worker for cases ${from}-${to - 1} exited with ${code}`))));
    });
  let next = 0;
  const lane = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      if (batch) await runBatch(batch);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.workers, batches.length) }, lane));
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) : 0;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));

  if (o.worker) {
    runRange(o, o.start, o.start + o.cases, (line) => process.stdout.write(`${JSON.stringify(line)}\n`));
    return;
  }

  if (o.only !== undefined) {
    const c = makeCase(o.seed, o.only, loadCorpus(), { mutate: { maxDepth: o.maxDepth } });
    const env = jsdomEnv();
    const report = runCase(c, env, { caseMs: o.maxMs, probe: o.probe, checkUnchanged: true });
    env.close();
    console.log(
      JSON.stringify({ seed: o.seed, index: c.index, origin: c.origin, url: c.url, length: c.html.length, ops: c.ops, report }, null, 2),
    );
    if (report.failures.length) console.log(`written to ${writeRepro(o, c, report)}`);
    process.exitCode = report.failures.length ? 1 : 0;
    return;
  }

  console.log(`fuzz: ${o.cases} cases from ${o.start}, seed ${o.seed}, ${o.workers} workers, limit ${o.maxMs} ms per case`);
  const started = performance.now();
  const lines: Line[] = [];
  const bySignature = new Map<string, { count: number; first: number }>();
  let done = 0;
  await runWorkers(o, (line) => {
    lines.push(line);
    done++;
    for (const f of line.report.failures) {
      const key = signature(f);
      const seen = bySignature.get(key);
      if (seen) seen.count++;
      else bySignature.set(key, { count: 1, first: line.index });
    }
    if (!o.quiet && done % 500 === 0) {
      const failed = lines.filter((l) => l.report.failures.length).length;
      console.log(`  ${done}/${o.cases} cases, ${failed} failing, ${Math.round((performance.now() - started) / 1000)} s`);
    }
  });

  const elapsed = (performance.now() - started) / 1000;
  const failing = lines.filter((l) => l.report.failures.length > 0);
  const caseMs = lines.map((l) => l.report.readPageMs + l.report.fallbackMs).sort((a, b) => a - b);
  const parseMs = lines.map((l) => l.report.parseMs).sort((a, b) => a - b);
  const slowest = [...lines].sort((a, b) => b.report.readPageMs + b.report.fallbackMs - (a.report.readPageMs + a.report.fallbackMs))[0];
  const results = new Map<string, number>();
  for (const l of lines) {
    const key = l.report.result.replace(/\/\d+p/, '');
    results.set(key, (results.get(key) ?? 0) + 1);
  }

  console.log(`\n${lines.length} cases in ${elapsed.toFixed(1)} s (seed ${o.seed})`);
  console.log(
    `results: ${[...results]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `readPage+fallback per case: median ${percentile(caseMs, 0.5).toFixed(0)} ms, p99 ${percentile(caseMs, 0.99).toFixed(0)} ms, max ${(caseMs.at(-1) ?? 0).toFixed(0)} ms` +
      (slowest ? ` (case ${slowest.index}, ${slowest.origin})` : '') +
      `; jsdom parse median ${percentile(parseMs, 0.5).toFixed(0)} ms, max ${(parseMs.at(-1) ?? 0).toFixed(0)} ms`,
  );
  const harness = lines.filter((l) => l.report.harnessError);
  if (harness.length) {
    console.log(
      `${harness.length} cases jsdom could not load (not counted as failures), e.g. case ${harness[0]?.index}: ${harness[0]?.report.harnessError?.slice(0, 120)}`,
    );
  }
  if (failing.length === 0) {
    console.log('no failures');
    return;
  }
  console.log(`\n${failing.length} failing cases, ${bySignature.size} kinds of failure:`);
  const corpus = loadCorpus();
  let written = 0;
  for (const [key, { count, first }] of [...bySignature].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  ${String(count).padStart(5)} x ${key}`);
    const c = makeCase(o.seed, first, corpus, { mutate: { maxDepth: o.maxDepth } });
    const line = lines.find((l) => l.index === first);
    const where = line && written < 50 ? ` -> ${writeRepro(o, c, line.report)}` : '';
    if (where) written++;
    console.log(`          first: case ${first} (${c.origin})${where}`);
    console.log(`          repro: JITI_JSX=1 npx jiti scripts/fuzz.ts --seed ${o.seed} --case ${first}`);
  }
  process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
