import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FIRST_ROWS, Library } from '../../components/Library';
import { useLibrary, type FirstScreen } from '../../components/hooks/useLibrary';
import { useSettings } from '../../components/hooks/useSettings';
import { t } from '../../components/i18n';
import type { LibraryItem } from '../../lib/library';
import type { ReaderState } from '../../lib/messages';
import { loadCatalog } from '../../platform/data';
import { useBrowserMessages } from '../../platform/i18n';
import { askTab } from '../../platform/messages';
import { openStoryInPanel } from '../../platform/panel';
import { createProgressService } from '../../platform/progress';
import { loadUi, saveUi } from '../../platform/ui-state';
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
// Known before any click: the panel must open inside the click's gesture, with no await first.
const windowId = browser.windows.getCurrent().then((w) => w.id);

const closeIfPopup = () => {
  if (browser.extension.getViews({ type: 'popup' }).includes(window)) window.close();
};

function Popup() {
  useSettings(document.documentElement);
  const { shelf, rows, sort, setSort, failed } = useLibrary(progress, firstScreen, { saveSort: (s) => void saveUi({ sort: s }) });
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
    if (shelf?.complete) document.documentElement.dataset.ready = 'true';
  }, [shelf?.complete]);

  const open = (item: LibraryItem) => {
    if (item.kind === 'web' && item.url) {
      // The chapter's own page: the content script restyles it and brings the saved paragraph back.
      browser.tabs.create({ url: item.url }).then(closeIfPopup, () => setError(t('chapterOpenFailed')));
      return;
    }
    openStoryInPanel(item.id, win).then(
      closeIfPopup,
      (e: unknown) => setError(t('readerOpenFailed', e instanceof Error ? e.message : String(e))),
    );
  };
  const shown = error ?? (failed ? t('libraryLoadFailed') : undefined);

  return (
    <main aria-labelledby="library-title">
      <header class="popup-header">
        <h1 id="library-title">{t('extName')}</h1>
        <span class="row-meta">{shelf ? t('libraryCount', shelf.entries.length + shelf.webCount) : t('loading')}</span>
      </header>
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
      {rows && <Library items={rows} sort={sort} now={Date.now()} onSort={setSort} onOpen={open} />}
    </main>
  );
}

render(<Popup />, document.getElementById('app') as HTMLElement);
