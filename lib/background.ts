import type { ProgressRecord, SavedStoryRecord, WebStoryRecord } from './db/schema';
import type { ChaptersToSave } from './saved/store';
import type { SiteAccess } from './sites/access';
import type { SyncService } from './sync/service';
import { parseMessage } from './message-requests';
import { REPLIES, type MessageType, type Reply, type RequestOf, type SaveReply } from './messages';

/** The background's view of a message's sender: the extension it came from, and its tab and frame if any. */
export interface Sender {
  id?: string;
  /** The sending document: an extension page's own URL, or a content script's web page. */
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** What the background's handlers need; the entrypoint passes the real ones, tests their own. */
export interface BackgroundDeps {
  /** This extension's id: a message from anywhere else is ignored. */
  extensionId: string;
  /** Where this extension's own pages live (`runtime.getURL('')`): some requests are theirs alone. */
  extensionOrigin: string;
  progress: {
    get(key: string): Promise<ProgressRecord | undefined>;
    save(record: ProgressRecord): Promise<Outcome>;
    saveWeb(story: WebStoryRecord, record: ProgressRecord): Promise<Outcome>;
  };
  /** Saved copies of web stories (platform/progress.ts createSavedService). */
  saved: { save(request: ChaptersToSave): Promise<Outcome>; story(key: string): Promise<SavedStoryRecord | undefined> };
  /** Injects the Readability bundle into one frame of a tab. */
  injectReadability(tabId: number, frameId: number): Promise<unknown>;
  /** Asks a tab's content script to switch between reader and original. */
  toggleReader(tabId: number): Promise<unknown>;
  /** Opens the side panel (Chrome); undefined where the browser has its own command for it. */
  openPanel?: (windowId: number) => Promise<unknown>;
  /**
   * Asks for persistent storage (platform/persist.ts), once a copy of a work is first stored in this
   * background's lifetime; never waited on (Firefox asks the person, who may never answer).
   */
  persist?: () => Promise<unknown>;
  /** The sync service (lib/sync/service.ts): told of every position stored here. */
  sync?: Pick<SyncService, 'changed' | 'soon' | 'syncNow'>;
  /** The optional sites' permissions and registered scripts (lib/sites/access.ts). */
  siteAccess?: Pick<SiteAccess, 'set'>;
  now?: () => number;
}

type Outcome = { ok: true } | { ok: false; reason: 'quota' | 'unavailable' };

export type Handlers = { [K in MessageType]: (request: RequestOf<K>, sender: Sender) => Promise<Reply<K>> };

/** The store's outcome as the protocol's reply: the caller hears why a position was not kept. */
const toReply = (o: Outcome): SaveReply => (o.ok ? { ok: true } : { ok: false, reason: o.reason });

export function createBackground(deps: BackgroundDeps) {
  const now = deps.now ?? Date.now;
  let askedToPersist = false;
  /** The reply to a save; a position that was written goes out with the next sync batch. */
  const stored = (o: Outcome): SaveReply => {
    if (o.ok) deps.sync?.changed();
    return toReply(o);
  };
  const handlers: Handlers = {
    'web-progress': async ({ story, progress }) => stored(await deps.progress.saveWeb(story, progress)),
    // The progress service answers from memory a position IndexedDB did not take (quota), so a chapter
    // reopened in the same background lifetime still lands on its paragraph.
    'web-position': async ({ key }) => (await deps.progress.get(key)) ?? null,
    // Apart from the position: a copy that does not fit (quota) never costs the reader's place.
    'save-chapters': async (request) => {
      const outcome = await deps.saved.save(request);
      if (outcome.ok && !askedToPersist && deps.persist) {
        askedToPersist = true;
        void deps.persist().catch(() => {});
      }
      return toReply(outcome);
    },
    // The outline alone (no chapter text is read); a story nothing is saved of, or a store that cannot be read, has none.
    'saved-chapters': async ({ key }) => ((await deps.saved.story(key))?.chapters ?? []).map((c) => c.number).sort((a, b) => a - b),
    'load-readability': async (_request, sender) => {
      // Only into the frame that asked: a content script of ours on a fiction page (see entrypoints/readability.ts).
      if (sender.tab?.id === undefined) return false;
      await deps.injectReadability(sender.tab.id, sender.frameId ?? 0);
      return true;
    },
    // Extension pages only: a content script has no business with sync.
    'sync-now': async (_request, sender) => (sender.url?.startsWith(deps.extensionOrigin) && deps.sync ? deps.sync.syncNow() : null),
    // Extension pages only: a page's content script must not turn a site on or off.
    'site-access': async ({ site, on }, sender) =>
      sender.url?.startsWith(deps.extensionOrigin) && deps.siteAccess ? deps.siteAccess.set(site, on) : [],
  };

  return {
    handlers,
    /**
     * runtime.onMessage: a reply promise for a message of the protocol from this extension, else undefined
     * (not ours to answer). A known message with a bad request is answered with the protocol's refusal.
     */
    onMessage(message: unknown, sender: Sender): Promise<unknown> | undefined {
      if (sender.id !== deps.extensionId) return undefined;
      const parsed = parseMessage(message, now());
      if (!parsed) return undefined;
      if ('refused' in parsed) return Promise.resolve(REPLIES[parsed.type].refused);
      const handle = handlers[parsed.type] as (request: unknown, sender: Sender) => Promise<unknown>;
      return handle(parsed, sender);
    },
    /** The last position a reader view posted before its port closed (already normalized by the port). */
    savePortReport(
      report: { kind: 'seed'; progress: ProgressRecord } | { kind: 'web'; story: WebStoryRecord; progress: ProgressRecord },
    ): Promise<SaveReply> {
      const saving = report.kind === 'web' ? deps.progress.saveWeb(report.story, report.progress) : deps.progress.save(report.progress);
      // A view closed (a panel, or a page left for the next chapter): a moment to sync sooner.
      return saving.then((o) => {
        deps.sync?.soon();
        return stored(o);
      });
    },
    onCommand(command: string, tab: { id?: number; windowId?: number } | undefined): Promise<unknown> | undefined {
      if (command === 'toggle-reader' && tab?.id !== undefined) return deps.toggleReader(tab.id);
      // Chrome has no built-in command for the side panel; a command is a user gesture, so it may open it.
      if (command === 'open-reader' && deps.openPanel && tab?.windowId !== undefined) return deps.openPanel(tab.windowId);
      return undefined;
    },
  };
}
