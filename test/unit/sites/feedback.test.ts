import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapters } from '../../../lib/sites/read';
import { load } from './helpers';

/** Every committed fixture of a site, as its page. */
function pagesOf(site: string) {
  const root = new URL(`../../fixtures/${site}/`, import.meta.url);
  return readdirSync(root).map((dir) => {
    const at = new URL(`${dir}/`, root);
    return { dir, ...load(readFileSync(new URL('source.html', at), 'utf8'), readFileSync(new URL('url.txt', at), 'utf8').trim()) };
  });
}

describe.each(adapters.map((a) => [a.id, a] as const))("%s's feedback controls", (id, adapter) => {
  it('each is found, once, on the fixtures that keep that part of the page, and is a control a reader can use', () => {
    const pages = pagesOf(id);
    for (const f of adapter.feedback) {
      const found = pages.map((p) => p.doc.querySelectorAll(f.selector));
      expect({ kind: f.kind, pages: found.filter((n) => n.length > 0).length }).not.toEqual({ kind: f.kind, pages: 0 });
      for (const nodes of found) {
        expect(nodes.length).toBeLessThanOrEqual(1);
        for (const el of nodes) expect(['TEXTAREA', 'INPUT', 'BUTTON']).toContain(el.tagName);
      }
    }
  });
});
