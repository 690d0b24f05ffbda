import { createProgressStore, type Imported, type ProgressStore, type PageMark, type Recent } from '../lib/db/progress';
import { openFicwellDB, type ProgressRecord, type SavedChapterRecord, type SavedStoryRecord, type WebStoryRecord } from '../lib/db/schema';
import { createSavedStore, type ChaptersToSave, type SavedStore, type SavedSummary } from '../lib/saved/store';

/**
 * Progress for extension pages: the IndexedDB store, plus what a view needs around it. Saves are announced
 * on a BroadcastChannel so an open popup and panel agree without reopening. When IndexedDB fails, reading
 * goes on: positions are kept in memory for this service's lifetime (a view, or the background) and
 * `onAvailability(false)` lets a view show a notice; the caller of a save hears whether it was stored.
 */
export interface ProgressService {
  get(key: string): Promise<ProgressRecord | undefined>;
  all(): Promise<ProgressRecord[]>;
  /** `origin` 'sync': the place came from another device (views offer it rather than jump to it). */
  save(record: ProgressRecord, origin?: Origin): Promise<SaveOutcome>;
  saveWeb(story: WebStoryRecord, record: ProgressRecord, origin?: Origin): Promise<SaveOutcome>;
  /** A backup's records, merged in batches (newest wins); other views are told once, to reload. */
  importRecords(progress: readonly ProgressRecord[], stories: readonly WebStoryRecord[]): Promise<ImportOutcome>;
  /** Everything stored, for an export; a failure is reported, never an empty library in its place. */
  snapshot(): Promise<{ ok: true; progress: ProgressRecord[]; stories: WebStoryRecord[] } | { ok: false; reason: StoreFailure }>;
  webStories(): Promise<WebStoryRecord[]>;
  webStory(key: string): Promise<WebStoryRecord | undefined>;
  /** A page of the library by read time (lib/db/progress.ts `recent`). */
  recent(limit: number, after?: PageMark | null): Promise<Recent>;
  onChange(listener: (change: Change) => void): () => void;
  /** Many records changed at once (an import): reread what is shown. */
  onReload(listener: () => void): () => void;
  /** Called on every change of availability, and at once with `false` when IndexedDB has failed already. */
  onAvailability(listener: (available: boolean) => void): () => void;
}

/** Why IndexedDB did not take a write: the browser's storage is full, or the database cannot be used. */
export type StoreFailure = 'quota' | 'unavailable';

/** A save's result: stored (`wrote` false when a newer position was already there), or why not. */
export type SaveOutcome = { ok: true; wrote: boolean; stored: ProgressRecord } | { ok: false; reason: StoreFailure };

/** What an import wrote; `failure` says why it stopped early, if it did. */
export interface ImportOutcome {
  positions: number;
  stories: number;
  failure: StoreFailure | null;
}

export function failureOf(e: unknown): StoreFailure {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'QuotaExceededError' ? 'quota' : 'unavailable';
}

const CHANNEL = 'ficwell:progress';

/** What other views hear after a save: the stored position, and the web story when one was recorded. */
export interface Change {
  progress: ProgressRecord;
  story?: WebStoryRecord;
  origin?: Origin;
}

/** Where a saved place came from, when not from reading in this profile. */
export type Origin = 'sync';

/** On the channel beside changes: many records changed, reread them. */
interface Reload {
  reload: true;
}

export function createProgressService(
  store: ProgressStore = createProgressStore((onVersionChange) => openFicwellDB({ onVersionChange })),
): ProgressService {
  const memory = new Map<string, ProgressRecord>();
  const memoryWeb = new Map<string, WebStoryRecord>();
  const changeListeners = new Set<(c: Change) => void>();
  const reloadListeners = new Set<() => void>();
  const availabilityListeners = new Set<(ok: boolean) => void>();
  const channel = new BroadcastChannel(CHANNEL);
  let available = true;
  // The newest position seen stays in memory: it answers reads when IndexedDB failed to take it.
  const remember = (record: ProgressRecord) => {
    const known = memory.get(record.key);
    if (!known || known.updatedAt <= record.updatedAt) memory.set(record.key, record);
  };

  const setAvailable = (ok: boolean) => {
    if (ok === available) return;
    available = ok;
    for (const l of availabilityListeners) l(ok);
  };
  /** Runs `op` on IndexedDB: the listeners hear whether it worked, and when it threw `fallback` answers instead. */
  const attempt = async <T>(op: () => Promise<T>, fallback: (e: unknown) => T): Promise<T> => {
    try {
      const result = await op();
      setAvailable(true);
      return result;
    } catch (e) {
      setAvailable(false);
      return fallback(e);
    }
  };
  const failed = (e: unknown) => ({ ok: false as const, reason: failureOf(e) });
  channel.onmessage = (e: MessageEvent<Change | Reload>) => {
    if ('reload' in e.data) for (const l of reloadListeners) l();
    else for (const l of changeListeners) l(e.data);
  };

  return {
    get: (key) =>
      attempt(
        async () => {
          const stored = await store.get(key);
          const mem = memory.get(key);
          return mem && (!stored || mem.updatedAt > stored.updatedAt) ? mem : stored;
        },
        () => memory.get(key),
      ),
    all: () =>
      attempt(
        () => store.all(),
        () => [...memory.values()],
      ),
    async save(record, origin) {
      remember(record);
      return attempt<SaveOutcome>(async () => {
        const { stored, wrote } = await store.save(record);
        if (wrote) channel.postMessage({ progress: stored, ...(origin ? { origin } : {}) } satisfies Change);
        return { ok: true, wrote, stored };
      }, failed);
    },
    async saveWeb(story, record, origin) {
      remember(record);
      const known = memoryWeb.get(story.key);
      if (!known || known.updatedAt <= story.updatedAt) memoryWeb.set(story.key, story);
      return attempt<SaveOutcome>(async () => {
        const { stored, wrote } = await store.saveWeb(story, record);
        if (wrote) channel.postMessage({ progress: stored, story, ...(origin ? { origin } : {}) } satisfies Change);
        return { ok: true, wrote, stored };
      }, failed);
    },
    async importRecords(progress, stories) {
      let done: Imported;
      try {
        done = await store.importRecords(progress, stories);
      } catch (e) {
        done = { positions: 0, stories: 0, error: e };
      }
      setAvailable(done.error === null);
      if (done.positions + done.stories > 0) channel.postMessage({ reload: true } satisfies Reload);
      return { positions: done.positions, stories: done.stories, failure: done.error === null ? null : failureOf(done.error) };
    },
    snapshot: () =>
      attempt<Awaited<ReturnType<ProgressService['snapshot']>>>(async () => {
        const { progress, stories } = await store.snapshot();
        return { ok: true, progress, stories };
      }, failed),
    webStories: () =>
      attempt(
        () => store.webStories(),
        () => [...memoryWeb.values()],
      ),
    async webStory(key) {
      try {
        return (await store.webStory(key)) ?? memoryWeb.get(key);
      } catch {
        return memoryWeb.get(key);
      }
    },
    recent: (limit, after) =>
      attempt(
        () => store.recent(limit, after),
        () => {
          // What this view saved itself, all on one page.
          const progress = after ? [] : [...memory.values()].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, limit);
          const stories = progress.flatMap((r) => memoryWeb.get(r.key) ?? []);
          return { progress, stories, storyCount: memoryWeb.size, next: null };
        },
      ),
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onReload(listener) {
      reloadListeners.add(listener);
      return () => reloadListeners.delete(listener);
    },
    onAvailability(listener) {
      availabilityListeners.add(listener);
      // A view that subscribes after IndexedDB already failed (its first reads run before it renders) hears so.
      if (!available) listener(false);
      return () => availabilityListeners.delete(listener);
    },
  };
}

/** Saved copies of web stories (lib/saved/store.ts), with failures as outcomes: a copy never breaks reading. */
export interface SavedService {
  save(request: ChaptersToSave): Promise<{ ok: true } | { ok: false; reason: StoreFailure }>;
  story(key: string): Promise<SavedStoryRecord | undefined>;
  chapter(key: string, number: number): Promise<SavedChapterRecord | undefined>;
  /** Every saved story's summary; empty when IndexedDB cannot be read (nothing is offered then). */
  summaries(): Promise<SavedSummary[]>;
  remove(key: string): Promise<{ ok: true } | { ok: false; reason: StoreFailure }>;
}

export function createSavedService(
  store: SavedStore = createSavedStore((onVersionChange) => openFicwellDB({ onVersionChange })),
  now: () => number = Date.now,
): SavedService {
  const outcome = (work: Promise<void>) =>
    work.then(
      () => ({ ok: true as const }),
      (e: unknown) => ({ ok: false as const, reason: failureOf(e) }),
    );
  return {
    save: (request) => outcome(store.save(request, now())),
    story: (key) => store.story(key).catch(() => undefined),
    chapter: (key, number) => store.chapter(key, number),
    summaries: () => store.summaries().catch(() => []),
    remove: (key) => outcome(store.remove(key)),
  };
}
