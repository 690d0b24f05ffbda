import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Library } from '../../components/Library';
import type { CatalogEntry } from '../../lib/catalog';
import { seedKey } from '../../lib/db/progress';
import type { ProgressRecord } from '../../lib/db/schema';
import { libraryItems, type SortKey } from '../../lib/library';
import { loadCatalog } from '../../platform/data';
import { openStoryInPanel } from '../../platform/panel';
import { createProgressService } from '../../platform/progress';
import { loadUi, saveUi } from '../../platform/ui-state';
import { loadSettings, watchSettings } from '../../platform/settings';
import { applySettings } from '../../components/theme';
import type { Settings } from '../../lib/settings';
import '../../components/base.css';
import '../../components/library.css';
import './style.css';

const progress = createProgressService();

function Popup() {
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [records, setRecords] = useState(new Map<string, ProgressRecord>());
  const [sort, setSort] = useState<SortKey>('recent');
  const [windowId, setWindowId] = useState<number>();
  const [error, setError] = useState<string>();
  const [canSave, setCanSave] = useState(true);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void loadSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  useEffect(() => (settings ? applySettings(document.documentElement, settings) : undefined), [settings]);

  useEffect(() => {
    // Only the catalog and the progress records: the popup never loads story text.
    Promise.all([loadCatalog(), progress.all(), loadUi()]).then(
      ([catalog, saved, ui]) => {
        setRecords(new Map(saved.map((r) => [r.key, r])));
        setSort(ui.sort);
        setEntries(catalog);
      },
      () => setError('The library could not be loaded.'),
    );
    // Known before any click: the panel must open inside the click's gesture, with no await first.
    browser.windows.getCurrent().then((w) => setWindowId(w.id));
    const offAvailability = progress.onAvailability(setCanSave);
    const offChange = progress.onChange((r) => setRecords((m) => new Map(m).set(r.key, r)));
    return () => {
      offAvailability();
      offChange();
    };
  }, []);
  useEffect(() => {
    if (entries) document.documentElement.dataset.ready = 'true';
  }, [entries]);

  const open = (id: string) => {
    openStoryInPanel(id, windowId).then(
      () => {
        if (browser.extension.getViews({ type: 'popup' }).includes(window)) window.close();
      },
      (e: unknown) => setError(`The reader could not be opened: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  return (
    <main aria-labelledby="library-title">
      <header class="popup-header">
        <h1 id="library-title">Ficwell</h1>
        <span class="row-meta">{entries ? `${entries.length} stories` : 'Loading…'}</span>
      </header>
      {error && (
        <p class="notice" role="alert">
          {error}
        </p>
      )}
      {!canSave && <p class="notice quiet">Reading progress cannot be read or saved right now.</p>}
      {entries && (
        <Library
          items={libraryItems(entries, records, seedKey)}
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
