import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { evaluate, type AnyPage } from './harness';
import { inView } from './view';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string;
  targets: string[];
}

/** What axe checked: how many elements it looked at under any rule, and per rule that applied, how many passed. */
export interface AxeCoverage {
  /** Distinct elements some rule checked (passed, failed or could not tell). */
  checked: number;
  /** Rule id -> elements that passed it. */
  passes: Record<string, number>;
}

const RUN_OPTIONS = `{ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }`;

/** Source of a function (results) => { violations, coverage }: the serious and critical violations and what was checked. */
const SUMMARY = `(r) => {
  const violations = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  const checked = new Set();
  for (const kind of ['passes', 'violations', 'incomplete']) for (const rule of r[kind]) for (const n of rule.nodes) checked.add(JSON.stringify(n.target));
  const passes = Object.fromEntries(r.passes.map((rule) => [rule.id, rule.nodes.length]));
  return { violations, coverage: { checked: checked.size, passes } };
}`;

/** Runs axe-core inside the page (WCAG 2.1 A and AA rules) and returns serious and critical violations. */
export async function seriousViolations(page: AnyPage, include?: string): Promise<Violation[]> {
  if (!(await evaluate<boolean>(page, `typeof window.axe === 'object'`))) await evaluate(page, `${axeSource};0`);
  const { violations } = await evaluate<{ violations: Violation[] }>(
    page,
    `axe.run(${include ? `{ include: [${JSON.stringify(include)}] }` : 'document'}, ${RUN_OPTIONS}).then(${SUMMARY})`,
  );
  return violations;
}

/**
 * Runs axe-core on the restyled view in the tab at `pageUrl`. The view is a closed shadow root, which axe
 * run from the page cannot see into: axe is injected into the content script's world instead (the route
 * support/view.ts takes, from the extension page `ext`), and for the run the view's host gets, in that world
 * only, a `shadowRoot` property naming its closed root, so axe's tree walk, selectors and elementsFromPoint
 * all enter it. axe lays out what is on screen (for colour contrast) from `document.body` down; the page's
 * body is not displayed while the reader shows and the view's host is its sibling, so for the run
 * `document.body` names the host, in that world only. The host is the whole context: axe checks the view
 * and nothing of the page.
 * Returns the serious and critical violations, and what was checked (so a test can tell an empty run).
 */
export async function viewViolations(ext: AnyPage, pageUrl: string): Promise<{ violations: Violation[]; coverage: AxeCoverage }> {
  if (!(await inView<boolean>(ext, pageUrl, `() => typeof window.axe === 'object'`))) {
    await inView(ext, pageUrl, `() => { ${axeSource}; return typeof window.axe === 'object'; }`);
  }
  const out = await inView<{ violations: Violation[]; coverage: AxeCoverage } | { error: string } | null>(
    ext,
    pageUrl,
    `async (root, host) => {
    if (!root) return { error: 'no view in the tab' };
    if (typeof window.axe !== 'object') return { error: 'axe is not loaded in the content script world' };
    Object.defineProperty(host, 'shadowRoot', { value: root, configurable: true });
    Object.defineProperty(document, 'body', { get: () => host, configurable: true });
    try {
      const r = await window.axe.run(host, ${RUN_OPTIONS});
      return (${SUMMARY})(r);
    } catch (e) {
      return { error: String(e) };
    } finally {
      delete host.shadowRoot;
      delete document.body;
    }
  }`,
  );
  if (!out) throw new Error(`axe returned nothing for the view at ${pageUrl}`);
  if ('error' in out) throw new Error(`axe on the view at ${pageUrl}: ${out.error}`);
  return out;
}

/**
 * Source of a function (root) => pairs under `min`: for every element with its own text among `selector`
 * (inside `root`), the computed colour against the first opaque background up its ancestors (through shadow
 * hosts).
 */
const contrastBody = (selector: string, min: number) => `(root) => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m[3] ?? 1 }; };
  const lum = ({ r, g, b }) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const bgOf = (el) => {
    for (let e = el; e; e = e.parentElement ?? e.getRootNode().host) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a >= 0.99) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const out = [];
  let checked = 0;
  for (const el of root.querySelectorAll(${JSON.stringify(selector)})) {
    if (!el.checkVisibility?.() && el.offsetParent === null) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    checked++;
    const fg = parse(getComputedStyle(el).color);
    const bg = bgOf(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < ${min}) out.push({ text: el.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, fg: getComputedStyle(el).color, bg: JSON.stringify(bg) });
  }
  return { low: out, checked };
}`;

export type LowContrast = { text: string; ratio: number; fg: string; bg: string };

/** Contrast of real rendered colours in a page's own document (see contrastBody); returns the pairs under `min`. */
export async function lowContrast(page: AnyPage, rootExpr: string, selector: string, min = 4.5): Promise<LowContrast[]> {
  const { low } = await evaluate<{ low: LowContrast[] }>(page, `(${contrastBody(selector, min)})(${rootExpr})`);
  return low;
}

/** The same contrast check inside the restyled view (a closed shadow root), reached from `ext` (support/view.ts). */
export async function lowContrastInView(
  ext: AnyPage,
  pageUrl: string,
  selector: string,
  min = 4.5,
): Promise<{ low: LowContrast[]; checked: number }> {
  const out = await inView<{ low: LowContrast[]; checked: number } | null>(
    ext,
    pageUrl,
    `(root) => root && (${contrastBody(selector, min)})(root)`,
  );
  if (!out) throw new Error(`No view at ${pageUrl} for the contrast check`);
  return out;
}
