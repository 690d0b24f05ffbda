/**
 * The optional sites' content scripts follow their permissions (lib/sites/access.ts), against a fake of the
 * browser's permissions and run-time content scripts that refuses what the browser refuses (an id registered
 * twice, an id unregistered that is not there).
 */
import { describe, expect, it } from 'vitest';
import { createSiteAccess, scriptId, type SiteAccessApi, type SiteScript } from '../../../lib/sites/access';
import { deriveSites, SITES, sites } from '../../../lib/sites/registry';
import type { SiteDefinition } from '../../../lib/sites/site';

function fakeBrowser(granted: string[] = []) {
  const origins = new Set(granted);
  const scripts = new Map<string, SiteScript>();
  const calls: string[] = [];
  const api: SiteAccessApi = {
    contains: async (o) => o.every((x) => origins.has(x)),
    remove: async (o) => {
      for (const x of o) origins.delete(x);
      return true;
    },
    registered: async () => [...scripts.keys()],
    register: async (list) => {
      for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of list) scripts.set(s.id, s);
      calls.push(`register ${list.map((s) => s.id).join(',')}`);
    },
    unregister: async (ids) => {
      for (const id of ids) if (!scripts.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
      for (const id of ids) scripts.delete(id);
      calls.push(`unregister ${ids.join(',')}`);
    },
  };
  return { api, origins, scripts, calls };
}

const extra: SiteDefinition<'extra'> = {
  id: 'extra',
  name: 'Extra',
  label: 'siteFp',
  hosts: ['www.extra.test'],
  storyPaths: ['/story/*', '/chapters/*'],
  onByDefault: false,
  chapterRef: () => '',
  chapterUrl: (id) => `https://www.extra.test/story/${id}`,
};
const list = deriveSites<string>([...SITES, extra]);

describe('optional sites: scripts follow permissions', () => {
  it('FictionPress is optional, its patterns its two hosts’ story pages', () => {
    expect(sites.optionalIds).toContain('fp');
    expect(sites.patternsOf('fp')).toEqual(['*://www.fictionpress.com/s/*', '*://m.fictionpress.com/s/*']);
  });

  it('nothing granted: nothing registered, every optional site off', async () => {
    const b = fakeBrowser();
    expect(await createSiteAccess(b.api, list).reconcile()).toEqual(list.optionalIds.map((id) => ({ id, on: false })));
    expect(b.scripts.size).toBe(0);
  });

  it('a site granted gets the manifest’s own script on exactly its story pages, at document_start, once', async () => {
    const b = fakeBrowser(list.patternsOf('extra'));
    const access = createSiteAccess(b.api, list);
    // Start-up and the permission event arrive together: the second pass finds it registered.
    const [states] = await Promise.all([access.reconcile(), access.reconcile(), access.set('extra', true)]);
    expect(states.find((s) => s.id === 'extra')).toEqual({ id: 'extra', on: true });
    expect(b.scripts.get(scriptId('extra'))).toEqual({
      id: 'site-extra',
      matches: ['*://www.extra.test/story/*', '*://www.extra.test/chapters/*'],
      js: ['restyle.js'],
      runAt: 'document_start',
    });
    expect(b.calls).toEqual(['register site-extra']);
  });

  it('a site only partly granted stays off', async () => {
    const b = fakeBrowser(['*://www.extra.test/story/*']);
    const states = await createSiteAccess(b.api, list).reconcile();
    expect(states.find((s) => s.id === 'extra')?.on).toBe(false);
    expect(b.scripts.size).toBe(0);
  });

  it('turning a site on that the browser did not grant leaves it off', async () => {
    const b = fakeBrowser();
    const states = await createSiteAccess(b.api, list).set('extra', true);
    expect(states.find((s) => s.id === 'extra')?.on).toBe(false);
    expect(b.scripts.size).toBe(0);
  });

  it('turning it off unregisters the script and gives the permission back', async () => {
    const b = fakeBrowser([...list.patternsOf('extra'), ...list.patternsOf('fp')]);
    const access = createSiteAccess(b.api, list);
    await access.reconcile();
    const states = await access.set('extra', false);
    expect(states).toContainEqual({ id: 'extra', on: false });
    expect(states).toContainEqual({ id: 'fp', on: true });
    expect([...b.scripts.keys()]).toEqual(['site-fp']);
    for (const p of list.patternsOf('extra')) expect(b.origins.has(p)).toBe(false);
    // Off again: nothing left to unregister, nothing refused.
    expect((await access.set('extra', false)).find((s) => s.id === 'extra')?.on).toBe(false);
  });

  it('a permission revoked in the browser’s own settings: the next pass unregisters its script', async () => {
    const b = fakeBrowser(list.patternsOf('fp'));
    const access = createSiteAccess(b.api, list);
    await access.reconcile();
    expect(b.scripts.has('site-fp')).toBe(true);
    b.origins.clear();
    await access.reconcile();
    expect(b.scripts.has('site-fp')).toBe(false);
  });

  it('a failed registration rejects this pass and leaves the next one able to try', async () => {
    const b = fakeBrowser(list.patternsOf('fp'));
    const register = b.api.register;
    b.api.register = async () => Promise.reject(new Error('busy'));
    const access = createSiteAccess(b.api, list);
    await expect(access.reconcile()).rejects.toThrow('busy');
    b.api.register = register;
    expect((await access.reconcile()).find((s) => s.id === 'fp')?.on).toBe(true);
    expect(b.scripts.has('site-fp')).toBe(true);
  });
});
