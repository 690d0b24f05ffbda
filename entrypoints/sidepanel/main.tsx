import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { StoryList } from '../../components/StoryList';
import { StoryView } from '../../components/StoryView';
import type { CatalogEntry, StoryData } from '../../lib/catalog';
import { loadCatalog, loadStory } from '../../platform/data';
import '../../components/base.css';
import '../../components/library.css';
import '../../components/reader.css';

type View = { kind: 'loading' } | { kind: 'story'; data: StoryData } | { kind: 'library'; entries: CatalogEntry[]; message?: string };

function storyIdFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('story');
}

function Panel() {
  const [view, setView] = useState<View>({ kind: 'loading' });

  useEffect(() => {
    const show = async () => {
      const id = storyIdFromHash(location.hash);
      const data = id ? await loadStory(id) : undefined;
      if (data) setView({ kind: 'story', data });
      else {
        const entries = await loadCatalog();
        setView({ kind: 'library', entries, message: id ? `There is no story "${id}" in the library.` : undefined });
      }
    };
    void show();
    addEventListener('hashchange', show);
    return () => removeEventListener('hashchange', show);
  }, []);
  useEffect(() => {
    if (view.kind === 'story') document.title = `${view.data.entry.title} · Ficwell`;
    if (view.kind !== 'loading') document.documentElement.dataset.ready = 'true';
  }, [view]);

  if (view.kind === 'loading') return <p class="notice" role="status">Loading…</p>;
  if (view.kind === 'story') return <StoryView entry={view.data.entry} story={view.data.story} />;
  return (
    <main aria-label="Library">
      {view.message && <p class="notice" role="alert">{view.message}</p>}
      <StoryList entries={view.entries} onOpen={(id) => (location.hash = `story=${encodeURIComponent(id)}`)} />
    </main>
  );
}

render(<Panel />, document.getElementById('app') as HTMLElement);
