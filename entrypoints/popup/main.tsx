import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { StoryList } from '../../components/StoryList';
import type { CatalogEntry } from '../../lib/catalog';
import { loadCatalog } from '../../platform/data';
import { openStoryInPanel } from '../../platform/panel';
import '../../components/base.css';
import '../../components/library.css';
import './style.css';

function Popup() {
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [windowId, setWindowId] = useState<number>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    loadCatalog().then(setEntries, () => setError('The library could not be loaded.'));
    // Known before any click: the panel must open inside the click's gesture, with no await first.
    browser.windows.getCurrent().then((w) => setWindowId(w.id));
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
      {error && <p class="notice" role="alert">{error}</p>}
      {entries && <StoryList entries={entries} onOpen={open} />}
    </main>
  );
}

render(<Popup />, document.getElementById('app') as HTMLElement);
