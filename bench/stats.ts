/** Small statistics for repeated runs: the benchmark reports medians, and ratios of medians. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);

export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Extension pages share one renderer process: a closed tab's teardown and garbage collection would fall into
 * the next page's load. Each measured load starts after this pause and, where the browser allows it
 * (Chromium), a full garbage collection in that process.
 */
export async function settle(inProcess?: { gc?(): Promise<void> }): Promise<void> {
  await sleep(300);
  await inProcess?.gc?.();
}
