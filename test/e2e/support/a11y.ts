import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { evaluate, type AnyPage } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string;
  targets: string[];
}

/** Runs axe-core inside the page (WCAG 2.1 A and AA rules) and returns serious and critical violations. */
export async function seriousViolations(page: AnyPage, include?: string): Promise<Violation[]> {
  if (!(await evaluate<boolean>(page, `typeof window.axe === 'object'`))) await evaluate(page, `${axeSource};0`);
  return evaluate<Violation[]>(
    page,
    `axe.run(${include ? `{ include: [${JSON.stringify(include)}] }` : 'document'}, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], resultTypes: ['violations'] })
      .then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) })))`,
  );
}

/**
 * Contrast of real rendered colours: for every element with its own text among `selector` (inside `root`),
 * the computed colour against the first opaque background up its ancestors (through shadow hosts).
 * Returns the pairs under `min`.
 */
export function lowContrast(page: AnyPage, rootExpr: string, selector: string, min = 4.5) {
  return evaluate<{ text: string; ratio: number; fg: string; bg: string }[]>(
    page,
    `(() => {
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
      const root = ${rootExpr};
      const out = [];
      for (const el of root.querySelectorAll(${JSON.stringify(selector)})) {
        if (!el.checkVisibility?.() && el.offsetParent === null) continue;
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own) continue;
        const fg = parse(getComputedStyle(el).color);
        const bg = bgOf(el);
        const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        const ratio = (hi + 0.05) / (lo + 0.05);
        if (ratio < ${min}) out.push({ text: el.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, fg: getComputedStyle(el).color, bg: JSON.stringify(bg) });
      }
      return out;
    })()`,
  );
}
