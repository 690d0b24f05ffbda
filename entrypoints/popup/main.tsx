import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Library } from '../../components/Library';
import type { CatalogEntry } from '../../lib/catalog';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import { seedItems, webItems, type LibraryItem, type SortKey } from '../../lib/library';
import { loadCatalog } from '../../platform/data';
import { askTab } from '../../platform/messages';
import { openStoryInPanel } from '../../platform/panel';
import type { ReaderState } from '../../lib/messages';
import { createProgressService } from '../../platform/progress';
import { useBrowserMessages } from '../../platform/i18n';
import { t } from '../../components/i18n';
import { loadUi, saveUi } from '../../platform/ui-state';
import { loadSettings, watchSettings } from '../../platform/settings';
import { applySettings } from '../../components/theme';
import type { Settings } from '../../lib/settings';
import '../../components/base.css';
import '../../components/library.css';
import './style.css';

useBrowserMessages();
document.title = t('actionTitle'); // <title> holds the manifest's message name for WXT
const progress = createProgressService();
// Started before the first render: the list needs only these (never story text).
const loading = Promise.all([loadCatalog(), progress.all(), progress.webStories(), loadUi()]);
const settingsLoading = loadSettings();

function Popup() {
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [records, setRecords] = useState(new Map<string, ProgressRecord>());
  const [web, setWeb] = useState(new Map<string, WebStoryRecord>());
  const [sort, setSort] = useState<SortKey>('recent');
  const [windowId, setWindowId] = useState<number>();
  const [error, setError] = useState<string>();
  const [canSave, setCanSave] = useState(true);
  const [tab, setTab] = useState<{ id: number; state: ReaderState } | null>(null);
  useEffect(() => {
    // On a restyled fanfiction.net or AO3 tab, the toolbar button also switches reader and original.
    void browser.tabs.query({ active: true, currentWindow: true }).then(async ([active]) => {
      if (active?.id === undefined) return;
      const state = await askTab(active.id, { type: 'reader-state' });
      if (state?.available) setTab({ id: active.id, state });
    });
  }, []);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void settingsLoading.then(setSettings);
    return watchSettings(setSettings);
  }, []);
  useEffect(() => (settings ? applySettings(document.documentElement, settings) : undefined), [settings]);

  useEffect(() => {
    // Only the catalog and the progress records: the popup never loads story text.
    loading.then(
      ([catalog, saved, stories, ui]) => {
        setRecords(new Map(saved.map((r) => [r.key, r])));
        setWeb(new Map(stories.map((s) => [s.key, s])));
        setSort(ui.sort);
        setEntries(catalog);
      },
      () => setError(t('libraryLoadFailed')),
    );
    // Known before any click: the panel must open inside the click's gesture, with no await first.
    browser.windows.getCurrent().then((w) => setWindowId(w.id));
    const offAvailability = progress.onAvailability(setCanSave);
    const offChange = progress.onChange(({ progress: r, story }) => {
      setRecords((m) => new Map(m).set(r.key, r));
      if (story) setWeb((m) => new Map(m).set(story.key, story));
    });
    return () => {
      offAvailability();
      offChange();
    };
  }, []);
  useEffect(() => {
    if (entries) document.documentElement.dataset.ready = 'true';
  }, [entries]);

  const closeIfPopup = () => {
    if (browser.extension.getViews({ type: 'popup' }).includes(window)) window.close();
  };
  const open = (item: LibraryItem) => {
    if (item.kind === 'web' && item.url) {
      // The chapter's own page: the content script restyles it and brings the saved paragraph back.
      browser.tabs.create({ url: item.url }).then(closeIfPopup, () => setError(t('chapterOpenFailed')));
      return;
    }
    openStoryInPanel(item.id, windowId).then(
      closeIfPopup,
      (e: unknown) => setError(t('readerOpenFailed', e instanceof Error ? e.message : String(e))),
    );
  };

  return (
    <main aria-labelledby="library-title">
      <header class="popup-header">
        <h1 id="library-title">{t('extName')}</h1>
        <span class="row-meta">{entries ? t('libraryCount', entries.length + web.size) : t('loading')}</span>
      </header>
      {error && (
        <p class="notice" role="alert">
          {error}
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
      {entries && (
        <Library
          items={[...seedItems(entries, records), ...webItems([...web.values()], records)]}
          sort={sort}
          now={Date.now()}
          onSort={(s) => {
            setSort(s);
            void saveUi({ sort: s });
          }}
          onOpen={open}
        />
      )}
    </main>
  );
}

render(<Popup />, document.getElementById('app') as HTMLElement);
