import { writeFileSync } from 'node:fs';
import type { BrowserName } from './browsers';
import { round } from './stats';

/**
 * One figure of the benchmark, as written to bench/results.json. Every budget is an upper bound; `pass` is
 * null when the figure has no budget, or when it could not be measured (then `value` is null and `note`
 * says why).
 */
export interface Metric {
  name: string;
  browser: BrowserName | 'build';
  value: number | null;
  unit: string;
  budget: { max: number } | null;
  pass: boolean | null;
  note?: string;
  /** The runs behind a median. */
  samples?: number[];
}

export function metric(
  name: string,
  browser: Metric['browser'],
  value: number | null,
  unit: string,
  options: { max?: number; note?: string; samples?: number[]; digits?: number } = {},
): Metric {
  const v = value === null || Number.isNaN(value) ? null : round(value, options.digits ?? 2);
  const budget = options.max === undefined ? null : { max: options.max };
  const m: Metric = { name, browser, value: v, unit, budget, pass: budget && v !== null ? v <= budget.max : null };
  if (options.note) m.note = options.note;
  if (options.samples) m.samples = options.samples.map((s) => round(s, 2));
  return m;
}

/** A figure that cannot be taken in this browser, and why. */
export const unmeasurable = (name: string, browser: BrowserName, unit: string, note: string, max?: number): Metric =>
  metric(name, browser, null, unit, { max, note });

export function printTable(metrics: readonly Metric[]): void {
  const rows = metrics.map((m) => [
    m.browser,
    m.name,
    m.value === null ? 'n/a' : `${m.value} ${m.unit}`,
    m.budget ? `≤ ${m.budget.max} ${m.unit}` : '',
    m.pass === null ? '' : m.pass ? 'pass' : 'FAIL',
  ]);
  const head = ['browser', 'metric', 'value', 'budget', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  const notes = metrics.filter((m) => m.note && (m.pass === false || m.value === null));
  if (notes.length) {
    console.log('\nNotes:');
    for (const m of notes) console.log(`- ${m.browser} ${m.name}: ${m.note}`);
  }
}

export function writeResults(file: string, metrics: readonly Metric[], meta: Record<string, unknown>): void {
  writeFileSync(file, `${JSON.stringify({ ...meta, metrics }, null, 2)}\n`);
}
