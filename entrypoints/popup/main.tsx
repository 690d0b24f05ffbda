import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FIRST_ROWS, Library } from '../../components/Library';
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
// Started before the first render, and only what the first screen needs (never story text): the most
// recently read records, not a whole library of thousands. The rest is read once that screen is painted.
const firstScreen = Promise.all([loadCatalog(), progress.recent(FIRST_ROWS), loadUi()]);
const settingsLoading = loadSettings();

interface Shelf {
  entries: CatalogEntry[];
  records: Map<string, ProgressRecord>;
  web: Map<string, WebStoryRecord>;
  /** Web stories in all (the header's count), known before they are all read. */
  webCount: number;
  /** Every record has been read; until then only the first screen's are here. */
  complete: boolean;
}

/** Keeps the newer of two records with the same key (a save heard while the whole library was being read). */
function newer<T extends { updatedAt: number }>(a: Map<string, T>, b: ReadonlyMap<string, T>): Map<string, T> {
  const out = new Map(a);
  for (const [k, v] of b) if ((out.get(k)?.updatedAt ?? -Infinity) < v.updatedAt) out.set(k, v);
  return out;
}

function Popup() {
  const [shelf, setShelf] = useState<Shelf | null>(null);
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
    const readAll = () =>
      Promise.all([progress.all(), progress.webStories()]).then(([saved, stories]) =>
        setShelf((s) =>
          s && {
            ...s,
            records: newer(new Map(saved.map((r) => [r.key, r])), s.records),
            web: newer(new Map(stories.map((x) => [x.key, x])), s.web),
            webCount: stories.length,
            complete: true,
          },
        ),
      );
    firstScreen.then(
      ([entries, recent, ui]) => {
        setSort(ui.sort);
        const shelf: Shelf = { entries, records: new Map(), web: new Map(), webCount: recent.storyCount, complete: false };
        if (ui.sort !== 'recent') {
          // Another order needs every record before its first row is known.
          setShelf(shelf);
          return readAll();
        }
        // The most recent records are the first rows of the "recent" order; the others come after them.
        setShelf({ ...shelf, records: new Map(recent.progress.map((r) => [r.key, r])), web: new Map(recent.stories.map((x) => [x.key, x])) });
        requestAnimationFrame(() => setTimeout(() => void readAll(), 0));
      },
      () => setError(t('libraryLoadFailed')),
    );
    // Known before any click: the panel must open inside the click's gesture, with no await first.
    browser.windows.getCurrent().then((w) => setWindowId(w.id));
    const offAvailability = progress.onAvailability(setCanSave);
    const offChange = progress.onChange(({ progress: r, story }) =>
      setShelf((s) => {
        if (!s) return s;
        const web = story ? new Map(s.web).set(story.key, story) : s.web;
        return { ...s, records: new Map(s.records).set(r.key, r), web, webCount: s.complete ? web.size : s.webCount };
      }),
    );
    return () => {
      offAvailability();
      offChange();
    };
  }, []);
  useEffect(() => {
    if (shelf?.complete) document.documentElement.dataset.ready = 'true';
  }, [shelf?.complete]);
  // Until everything is read, rows are shown only in the order the first screen can vouch for.
  const listed = shelf && (shelf.complete || sort === 'recent') ? shelf : null;

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
        <span class="row-meta">{shelf ? t('libraryCount', shelf.entries.length + shelf.webCount) : t('loading')}</span>
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
      {listed && (
        <Library
          items={[...seedItems(listed.entries, listed.records), ...webItems([...listed.web.values()], listed.records)]}
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
