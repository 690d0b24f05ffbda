/**
 * Runs one fuzz case through every path that reads a page: `readPage` (the site adapter, and the registry's
 * Readability fallback when the adapter does not recognise the page) and the Readability fallback on its
 * own. Records exceptions, time, and every violation of the output rules (test/fuzz/check.ts).
 *
 * The environment (jsdom in Node) is passed in, so this file stays free of it.
 */

import type { SanitizeWindow } from '../../lib/sanitize';
import { parseStoryUrl, readPage, type ReadResult } from '../../lib/sites';
import { readWithReadability } from '../../lib/sites/readability';
import type { StoryPage } from '../../lib/sites/types';
import { DECOY_LINKS, htmlViolations, probeScripts, storyHtmls, urlViolations } from './check';
import type { FuzzCase } from './cases';

export interface FuzzEnv {
  /** The page as the content script would see it (no scripts run). */
  load(html: string, url: string): { doc: Document; win: SanitizeWindow; close(): void };
  /** Parses sanitized HTML into an element (a body) for the output walk. */
  parse(html: string): ParentNode;
  /** A window that runs scripts, with the `__ficwellPwned` spy installed (see check.ts `probeScripts`). */
  scriptWindow?: Window;
  now(): number;
}

export interface Failure {
  rule: 'exception' | 'slow' | 'unsafe-html' | 'unsafe-nodes' | 'script-ran' | 'url' | 'page-changed';
  /** Which path: "readPage" or "readability". */
  path: string;
  detail: string;
}

export interface CaseReport {
  failures: Failure[];
  /** jsdom parse of the page (not our code; reported, not limited). */
  parseMs: number;
  /** readPage (adapter, plus the fallback when the registry runs it). */
  readPageMs: number;
  /** readWithReadability on its own. */
  fallbackMs: number;
  result: string;
  /**
   * jsdom itself could not load the page (e.g. jsdom 27 throws a string out of its constructor for
   * `<style>@import url(</style>`): the case says nothing about our code and is not a failure.
   */
  harnessError?: string;
}

export interface RunLimits {
  /** Most milliseconds for one case: readPage plus the Readability fallback path. */
  caseMs: number;
  /** Also run the script probe (a second document that runs scripts) on every output. */
  probe: boolean;
  /** Check that reading leaves the page unchanged (costs two serializations). */
  checkUnchanged: boolean;
}

export const DEFAULT_LIMITS: RunLimits = { caseMs: 1000, probe: true, checkUnchanged: true };

function describe(e: unknown): string {
  if (e instanceof Error) {
    const frame = (e.stack ?? '')
      .split('\n')
      .slice(1, 4)
      .map((l) => l.trim())
      .join(' | ');
    return `${e.name}: ${e.message} [${frame}]`;
  }
  return String(e);
}

function checkPage(page: StoryPage, path: string, url: URL, env: FuzzEnv, limits: RunLimits, out: Failure[]): void {
  const htmls = storyHtmls(page, (env.parse('') as Node).ownerDocument as Document);
  for (const { where, html, nodes } of htmls) {
    // The view's own nodes (the model drawn by the one renderer) and what a re-parse of their markup makes.
    for (const v of htmlViolations(html, env.parse, { allowedLinks: [DECOY_LINKS] }))
      out.push({ rule: 'unsafe-html', path, detail: `${where}: ${v.rule}: ${v.detail}` });
    for (const v of htmlViolations(html, () => nodes, { allowedLinks: [DECOY_LINKS] }))
      out.push({ rule: 'unsafe-nodes', path, detail: `${where}: ${v.rule}: ${v.detail}` });
  }
  for (const v of urlViolations(page, url)) out.push({ rule: 'url', path, detail: `${v.rule}: ${v.detail}` });
  if (limits.probe && env.scriptWindow) {
    for (const hit of probeScripts(
      env.scriptWindow,
      htmls.flatMap((h) => [h.html, h]),
    ))
      out.push({ rule: 'script-ran', path, detail: hit });
  }
}

function timeAgain(c: FuzzCase, env: FuzzEnv, url: URL, loc: ReturnType<typeof parseStoryUrl>): { readPageMs: number; fallbackMs: number } {
  const page = env.load(c.html, c.url);
  let t = env.now();
  try {
    readPage(page.doc, url, page.win);
  } catch {
    // Reported on the first run.
  }
  const readPageMs = env.now() - t;
  t = env.now();
  try {
    if (loc) readWithReadability(page.doc, url, page.win, loc);
  } catch {
    // Reported on the first run.
  }
  const fallbackMs = env.now() - t;
  page.close();
  return { readPageMs, fallbackMs };
}

function kindOf(r: ReadResult | undefined): string {
  if (!r) return 'threw';
  if (r.kind === 'story') return `story/${r.page.source}/${r.page.parts.length}p`;
  return r.kind === 'not-readable' ? `not-readable/${r.reason}` : r.kind;
}

export function runCase(c: FuzzCase, env: FuzzEnv, limits: RunLimits = DEFAULT_LIMITS): CaseReport {
  const failures: Failure[] = [];
  const url = new URL(c.url);
  let t = env.now();
  let page: ReturnType<FuzzEnv['load']>;
  try {
    page = env.load(c.html, c.url);
  } catch (e) {
    return { failures: [], parseMs: env.now() - t, readPageMs: 0, fallbackMs: 0, result: 'harness', harnessError: describe(e) };
  }
  const parseMs = env.now() - t;
  const before = limits.checkUnchanged ? page.doc.documentElement?.outerHTML : undefined;

  let result: ReadResult | undefined;
  t = env.now();
  try {
    result = readPage(page.doc, url, page.win);
  } catch (e) {
    failures.push({ rule: 'exception', path: 'readPage', detail: describe(e) });
  }
  const readPageMs = env.now() - t;

  let fallback: StoryPage | undefined;
  const loc = parseStoryUrl(url);
  t = env.now();
  if (loc) {
    try {
      fallback = readWithReadability(page.doc, url, page.win, loc);
    } catch (e) {
      failures.push({ rule: 'exception', path: 'readability', detail: describe(e) });
    }
  }
  const fallbackMs = env.now() - t;

  if (readPageMs + fallbackMs > limits.caseMs) {
    // Once more on a fresh copy, to tell a slow input from a garbage collection or a busy machine.
    const again = timeAgain(c, env, url, loc);
    if (again.readPageMs + again.fallbackMs > limits.caseMs) {
      failures.push({
        rule: 'slow',
        path: 'readPage+readability',
        detail: `${Math.round(readPageMs)} ms + ${Math.round(fallbackMs)} ms (again: ${Math.round(again.readPageMs)} ms + ${Math.round(again.fallbackMs)} ms)`,
      });
    }
  }
  if (before !== undefined && page.doc.documentElement?.outerHTML !== before) {
    failures.push({ rule: 'page-changed', path: 'readPage+readability', detail: 'the document differs after reading' });
  }
  if (result?.kind === 'story') checkPage(result.page, 'readPage', url, env, limits, failures);
  if (fallback) checkPage(fallback, 'readability', url, env, limits, failures);
  page.close();
  return { failures, parseMs, readPageMs, fallbackMs, result: `${kindOf(result)}${fallback ? ' +fallback' : ''}` };
}

/** A short, stable key for grouping failures: rule, path and the detail without positions or numbers. */
export function signature(f: Failure): string {
  const detail = f.detail
    .replace(/\[.*\]$/, '')
    .replace(/(https?:\/\/[^/"'\s]+)\/[^"'\s]*/g, '$1/…')
    .replace(/\d+(?:\.\d+)?/g, 'N')
    .slice(0, 140);
  return `${f.rule} ${f.path}: ${detail}`;
}
