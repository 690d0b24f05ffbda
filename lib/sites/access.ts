import { sites as registered, type DerivedSites } from './registry';

/**
 * Sites off by default (`onByDefault: false`): the reader turns one on, the browser grants its story pages
 * (an optional host permission, asked for by the extension page the reader clicked in), and the background
 * registers the restyling script on them. The permission is the one truth: the registered scripts follow it
 * whenever the background looks (on start, on the browser's permission events, on a toggle), so a
 * permission granted or revoked in the browser's own settings is followed too.
 */

/** A content script registered at run time, in the shape `scripting.registerContentScripts` takes. */
export interface SiteScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start';
}

/** The browser APIs the reconciling needs (platform/site-access.ts gives the real ones, tests fakes). */
export interface SiteAccessApi {
  /** Whether every one of `origins` is granted. */
  contains(origins: string[]): Promise<boolean>;
  /** Gives up `origins`; whether they were removed. */
  remove(origins: string[]): Promise<boolean>;
  /** The ids of the content scripts registered at run time. */
  registered(): Promise<string[]>;
  register(scripts: SiteScript[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

/** An optional site and whether it is on (its story pages granted, so its script registered). */
export interface SiteState {
  id: string;
  on: boolean;
}

/** The registered script's id for a site: `site-<id>`. */
export const scriptId = (site: string) => `site-${site}`;

/** A site's restyling script: the manifest's own script, on the site's story pages, as early. */
export function siteScript(site: string, list: Pick<DerivedSites<string>, 'patternsOf'> = registered): SiteScript {
  return { id: scriptId(site), matches: list.patternsOf(site), js: ['restyle.js'], runAt: 'document_start' };
}

export function createSiteAccess(api: SiteAccessApi, list: Pick<DerivedSites<string>, 'optionalIds' | 'patternsOf'> = registered) {
  const optional = list.optionalIds;
  let queue: Promise<unknown> = Promise.resolve();
  /** One change at a time: two overlapping passes would register the same id twice, which the browser refuses. */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const states = (): Promise<SiteState[]> =>
    Promise.all(optional.map(async (id) => ({ id, on: await api.contains(list.patternsOf(id)).catch(() => false) })));

  /** Registers the script of every site granted and not registered, unregisters every other; the states after. */
  const reconcile = async (): Promise<SiteState[]> => {
    const now = await states();
    const present = new Set(await api.registered());
    const add = now.filter((s) => s.on && !present.has(scriptId(s.id))).map((s) => siteScript(s.id, list));
    const drop = now.filter((s) => !s.on && present.has(scriptId(s.id))).map((s) => scriptId(s.id));
    if (drop.length) await api.unregister(drop);
    if (add.length) await api.register(add);
    return now;
  };

  return {
    /** Whether each optional site is on, by its permission alone. */
    states,
    /** Brings the registered scripts in line with the permissions: on start and on every permission event. */
    reconcile: () => serial(reconcile),
    /**
     * The reader turned a site on (its page already asked the browser for the permission, in the click) or
     * off (the script unregistered, then the permission given up). The states after: the site is on only
     * when the browser granted it.
     */
    set: (site: string, on: boolean): Promise<SiteState[]> =>
      serial(async () => {
        if (!on) {
          const present = await api.registered();
          if (present.includes(scriptId(site))) await api.unregister([scriptId(site)]);
          await api.remove(list.patternsOf(site));
        }
        return reconcile();
      }),
  };
}

export type SiteAccess = ReturnType<typeof createSiteAccess>;
