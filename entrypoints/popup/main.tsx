import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FIRST_ROWS, Library } from '../../components/Library';
import { PopupHeader } from '../../components/PopupFirstScreen';
import { useLibrary, type FirstScreen } from '../../components/hooks/useLibrary';
import { useSync } from '../../components/hooks/useSync';
import { syncStatusText } from '../../components/SyncControls';
import { SiteControls } from '../../components/SiteControls';
import { useSiteAccess } from '../../components/hooks/useSiteAccess';
import { useSettings } from '../../components/hooks/useSettings';
import { t } from '../../components/i18n';
import type { LibraryItem } from '../../lib/library';
import { libraryOnScreen, readSnapshot, takeSnapshot, writeSnapshot } from '../../lib/library-snapshot';
import type { ReaderState } from '../../lib/messages';
import { loadCatalog } from '../../platform/data';
import { useBrowserMessages } from '../../platform/i18n';
import { askTab } from '../../platform/messages';
import { openStoryInPanel } from '../../platform/panel';
import { askToPersist } from '../../platform/persist';
import { createProgressService, createSavedService } from '../../platform/progress';
import { SavedChoice, savedLabels } from '../../components/SavedChoice';
import type { SavedSummary } from '../../lib/saved/store';
import { loadUi, saveUi } from '../../platform/ui-state';
import { localStore } from '../../platform/local-storage';
import '../../components/base.css';
import '../../components/library.css';
import './style.css';

useBrowserMessages();
document.title = t('actionTitle'); // <title> holds the manifest's message name for WXT
const progress = createProgressService();
// Started before the first render, and only what the first screen needs (never story text): the most
// recently read records, not a whole library of thousands. The rest is read once that screen is painted.
const firstScreen: Promise<FirstScreen> = Promise.all([loadCatalog(), progress.recent(FIRST_ROWS), loadUi()]).then(
  ([entries, recent, ui]) => ({ entries, recent, sort: ui.sort }),
);
// The first screen as last drawn, read synchronously: the rows are on screen in the first frame, before
// IndexedDB answers. The records' own rows replace them as soon as they are read (lib/library-snapshot.ts).
const snapshotStore = localStore();
const snapshot = readSnapshot(snapshotStore);
// Which web stories have saved chapters: a small record per story, no text (lib/saved/store.ts).
const summaries = createSavedService()
  .summaries()
  .then((all) => new Map(all.map((s) => [s.key, s])));
// Chrome's background (a service worker) cannot ask for persistent storage (platform/persist.ts): the popup does, once copies exist.
if (import.meta.env.CHROME) void summaries.then((m) => m.size > 0 && askToPersist());
// Known before any click: the panel must open inside the click's gesture, with no await first.
const windowId = browser.windows.getCurrent().then((w) => w.id);

const closeIfPopup = () => {
  if (browser.extension.getViews({ type: 'popup' }).includes(window)) window.close();
};

function Popup() {
  useSettings(document.documentElement);
  // Paged: with thousands of stories, reading every record is most of a second; the list reads them a page
  // at a time as it is scrolled, and all of them for a search or another order.
  const { shelf, rows, sort, setSort, failed, reads, listed, partial, more } = useLibrary(progress, firstScreen, {
    saveSort: (s) => void saveUi({ sort: s }),
    paged: true,
  });
  const [error, setError] = useState<string>();
  const [canSave, setCanSave] = useState(true);
  const [tab, setTab] = useState<{ id: number; state: ReaderState } | null>(null);
  const [win, setWin] = useState<number>();
  useEffect(() => void windowId.then(setWin), []);
  useEffect(() => progress.onAvailability(setCanSave), []);
  useEffect(() => {
    // On a restyled fanfiction.net or AO3 tab, the toolbar button also switches reader and original.
    void browser.tabs.query({ active: true, currentWindow: true }).then(async ([active]) => {
      if (active?.id === undefined) return;
      const state = await askTab(active.id, { type: 'reader-state' });
      if (state?.available) setTab({ id: active.id, state });
    });
  }, []);
  useEffect(() => {
    if (listed) document.documentElement.dataset.ready = 'true';
  }, [listed]);
  // A row chosen while the snapshot was still showing opens from the records once they are in: a story from
  // a site must open the chapter the records hold, not the one the snapshot remembered.
  const [pending, setPending] = useState<string | null>(null);
  const [saved, setSaved] = useState<ReadonlyMap<string, SavedSummary>>(new Map());
  useEffect(() => void summaries.then(setSaved), []);
  const [choice, setChoice] = useState<LibraryItem | null>(null);
  const labels = useMemo(() => savedLabels(saved, rows), [saved, rows]);
  const inPanel = (id: string) =>
    openStoryInPanel(id, win).then(closeIfPopup, (e: unknown) =>
      setError(t('readerOpenFailed', e instanceof Error ? e.message : String(e))),
    );
  useEffect(() => {
    if (!rows || pending === null) return;
    setPending(null);
    const item = rows.find((r) => r.id === pending);
    if (item) open(item);
  }, [rows, pending]);
  const screen = libraryOnScreen(snapshot, { rows, sort, count: shelf ? shelf.entries.length + shelf.webCount : undefined, failed });
  const count = screen?.count;
  const countRef = useRef(count);
  countRef.current = count;

  const open = (item: LibraryItem) => {
    if (!rows && item.kind === 'web') return setPending(item.id);
    // Saved chapters: the copy in the side panel (offline too), or the site.
    if (item.kind === 'web' && saved.has(item.id) && choice?.id !== item.id) return setChoice(item);
    if (item.kind === 'web' && item.url) {
      // The chapter's own page: the content script restyles it and brings the saved paragraph back.
      browser.tabs.create({ url: item.url }).then(closeIfPopup, () => setError(t('chapterOpenFailed')));
      return;
    }
    void inPanel(item.id);
  };
  const chosen = choice && saved.get(choice.id);
  const shown = error ?? (failed ? t('libraryLoadFailed') : undefined);
  const sync = useSync();
  const siteAccess = useSiteAccess();

  return (
    <main aria-labelledby="library-title" data-snapshot={screen?.fromSnapshot ? 'shown' : undefined}>
      <PopupHeader count={count} />
      {sync.enabled && (
        <p class="row-meta sync-line" role="status" data-last-sync={sync.status?.lastSyncAt ?? undefined}>
          {syncStatusText(sync.status, Date.now())}
        </p>
      )}
      {shown && (
        <p class="notice" role="alert">
          {shown}
        </p>
      )}
      {!canSave && <p class="notice quiet">{t('progressUnavailable')}</p>}
      {tab && (
        <div class="tab-switch">
          <button
            type="button"
            class="bar-button"
            onClick={() =>
              void askTab(tab.id, { type: 'toggle-reader' }).then((state) => {
                if (state) setTab({ id: tab.id, state });
                closeIfPopup();
              })
            }
          >
            {t(tab.state.showing ? 'showOriginalPage' : 'readThisPage')}
          </button>
        </div>
      )}
      {choice && chosen && (
        <SavedChoice
          story={choice}
          summary={chosen}
          // Straight from the click: the panel opens only inside the gesture.
          onRead={() => void inPanel(choice.id)}
          onSite={() => open(choice)}
          onClose={() => setChoice(null)}
        />
      )}
      {screen && (rows || screen.fromSnapshot) && (
        <Library
          saved={labels}
          items={screen.items}
          sort={screen.sort}
          now={Date.now()}
          onSort={setSort}
          onOpen={open}
          reads={reads}
          partial={partial}
          onMore={more}
          // Kept only from the records' rows, never from the snapshot's own.
          onFirstRows={(first) =>
            rows && countRef.current !== undefined && writeSnapshot(snapshotStore, takeSnapshot(first, sort, countRef.current))
          }
        />
      )}
      <SiteControls {...siteAccess} />
    </main>
  );
}

render(<Popup />, document.getElementById('app') as HTMLElement);
// The first paint's copy of the same screen (entrypoints/popup-first.tsx), replaced in this task: the frame
// after it shows the popup's own rows, drawn from the same snapshot, in the same place.
document.getElementById('first')?.remove();
