import { browser } from 'wxt/browser';
import { localItem } from './storage-item';

/**
 * Small view state in extension storage (not IndexedDB): what the reader had open and how. Each field is
 * its own storage item (`ui.lastStory`, `ui.frontMatterOpen`, `ui.endNotesOpen`, `ui.sort`), so a view that
 * changes one never writes back another view's older copy of the rest, and each is normalized on read:
 * a stored `null` or junk reads as the default.
 */
export type SortChoice = 'recent' | 'title' | 'length';
export interface UiState {
  /** The story the panel showed last, or null when it was on the library. */
  lastStory: string | null;
  /** Front matter / end notes open or collapsed, per story id; absent means the default (open). */
  frontMatterOpen: Record<string, boolean>;
  endNotesOpen: Record<string, boolean>;
  sort: SortChoice;
}

export const DEFAULT_UI: UiState = { lastStory: null, frontMatterOpen: {}, endNotesOpen: {}, sort: 'recent' };

const SORTS: readonly unknown[] = ['recent', 'title', 'length'];
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const normalizers: { [K in keyof UiState]: (raw: unknown) => UiState[K] } = {
  lastStory: (raw) => (typeof raw === 'string' && raw.length > 0 && raw.length <= 200 ? raw : null),
  frontMatterOpen: (raw) => openMap(raw),
  endNotesOpen: (raw) => openMap(raw),
  sort: (raw) => (SORTS.includes(raw) ? (raw as SortChoice) : 'recent'),
};

/** Only boolean entries survive; anything else in the map (or a map that is not one) is dropped. */
function openMap(raw: unknown): Record<string, boolean> {
  if (!isObj(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
}

const define = <K extends keyof UiState>(key: K) => {
  const normalize = normalizers[key];
  const item = localItem(`ui.${key}`, normalize);
  return {
    key: item.key,
    get: item.get,
    /** One write of the whole item, no read first: two views writing it leave the later write whole. */
    set: (value: UiState[K]): Promise<void> => item.set(normalize(value)),
    watch: item.watch,
  };
};

/** The items themselves, for views that read or watch one field. */
export const uiItems = {
  lastStory: define('lastStory'),
  frontMatterOpen: define('frontMatterOpen'),
  endNotesOpen: define('endNotesOpen'),
  sort: define('sort'),
};

const KEYS = Object.keys(uiItems) as (keyof UiState)[];
/** Where releases before the per-field items kept all of it, as one object. */
const LEGACY_KEY = 'ui';

/**
 * Moves the old single `ui` object into the per-field items (a field already in its item wins: it was
 * written by this release) and removes it. Safe to run in several views at once: every run writes the
 * same values. Runs in the background at start and before the first read of any view.
 */
export async function migrateLegacyUi(): Promise<void> {
  const got = (await browser.storage.local.get([LEGACY_KEY, ...KEYS.map((k) => uiItems[k].key)])) as Record<string, unknown>;
  const legacy = got[LEGACY_KEY];
  if (legacy === undefined) return;
  const old = isObj(legacy) ? legacy : {};
  const moved: Record<string, unknown> = {};
  for (const k of KEYS) if (got[uiItems[k].key] === undefined && old[k] !== undefined) moved[uiItems[k].key] = normalizers[k](old[k]);
  if (Object.keys(moved).length) await browser.storage.local.set(moved);
  await browser.storage.local.remove(LEGACY_KEY);
}

let migrated: Promise<void> | null = null;
const migrateOnce = () => (migrated ??= migrateLegacyUi().catch(() => {}));

/**
 * Every field at once, each normalized, in one read of storage: the popup's and the panel's first screens
 * wait for it (it was a read for the old object, then one per field: two round trips, five calls). When a
 * release before the per-field items left the old object, it is moved first and the fields read again.
 */
export async function loadUi(): Promise<UiState> {
  try {
    const keys = KEYS.map((k) => uiItems[k].key);
    let got = (await browser.storage.local.get([LEGACY_KEY, ...keys])) as Record<string, unknown>;
    if (got[LEGACY_KEY] !== undefined) {
      await migrateLegacyUi().catch(() => {});
      got = (await browser.storage.local.get(keys)) as Record<string, unknown>;
    }
    const field = <K extends keyof UiState>(k: K): UiState[K] => normalizers[k](got[uiItems[k].key]);
    return {
      lastStory: field('lastStory'),
      frontMatterOpen: field('frontMatterOpen'),
      endNotesOpen: field('endNotesOpen'),
      sort: field('sort'),
    };
  } catch {
    return DEFAULT_UI;
  }
}

/** Compatibility: writes only the fields in `patch`, each as one write of its own item. */
export async function saveUi(patch: Partial<UiState>): Promise<void> {
  await migrateOnce();
  const writes: Promise<void>[] = [];
  if (patch.lastStory !== undefined) writes.push(uiItems.lastStory.set(patch.lastStory));
  if (patch.frontMatterOpen !== undefined) writes.push(uiItems.frontMatterOpen.set(patch.frontMatterOpen));
  if (patch.endNotesOpen !== undefined) writes.push(uiItems.endNotesOpen.set(patch.endNotesOpen));
  if (patch.sort !== undefined) writes.push(uiItems.sort.set(patch.sort));
  await Promise.all(writes);
}
