import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { BackupControls, exportResultText, importResultText } from '../../components/BackupControls';
import { Library } from '../../components/Library';
import { exportLibrary, importLibrary } from '../../platform/backup';
import { Reader, type PositionReport } from '../../components/Reader';
import type { CatalogEntry, StoryFile } from '../../lib/catalog';
import { seedKey } from '../../lib/db/progress';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import { seedItems, webItems } from '../../lib/library';
import { browser } from 'wxt/browser';
import { indexOutline, paragraphOf, type Position } from '../../lib/position';
import { chunkOf, type Block } from '../../lib/story/chunks';
import { createSaver } from '../../lib/saver';
import { loadCatalog, loadChunk, loadStory } from '../../platform/data';
import { createProgressService } from '../../platform/progress';
import { useBrowserMessages } from '../../platform/i18n';
import { t } from '../../components/i18n';
import { connectReaderPort } from '../../platform/reader-port';
import { loadUi, saveUi, type UiState } from '../../platform/ui-state';
import { loadSettings, saveSettings, watchSettings } from '../../platform/settings';
import { applySettings } from '../../components/theme';
import type { Settings } from '../../lib/settings';
import '../../components/base.css';
import '../../components/library.css';
import '../../components/reader.css';

useBrowserMessages();
const progress = createProgressService();

type View =
  | { kind: 'loading' }
  | { kind: 'story'; data: StoryFile; initial: Position | null; chunks: ReadonlyMap<number, Block[]> }
  | { kind: 'library'; entries: CatalogEntry[]; stories: WebStoryRecord[]; records: Map<string, ProgressRecord>; message?: string };

const storyIdFromHash = (hash: string) => new URLSearchParams(hash.replace(/^#/, '')).get('story');

function Panel() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [ui, setUi] = useState<UiState | null>(null);
  const [canSave, setCanSave] = useState(true);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [backupMessage, setBackupMessage] = useState<string | null>(null);

  useEffect(() => progress.onAvailability(setCanSave), []);
  useEffect(() => {
    void loadSettings().then(setSettings);
    return watchSettings(setSettings); // a change in any view shows here at once
  }, []);
  useEffect(() => (settings ? applySettings(document.documentElement, settings) : undefined), [settings]);
  useEffect(() => {
    const show = async () => {
      const state = await loadUi();
      setUi(state);
      let id = storyIdFromHash(location.hash);
      // #library asks for the list; no hash at all reopens the story the panel showed last.
      if (id === null && location.hash !== '#library' && state.lastStory) {
        id = state.lastStory; // the panel reopens on the story it showed last
        history.replaceState(null, '', `#story=${encodeURIComponent(id)}`);
      }
      // The story's outline and its saved position load side by side, then the text around that position.
      const [data, saved] = id ? await Promise.all([loadStory(id), progress.get(seedKey(id))]) : [undefined, undefined];
      if (data) {
        const initial = saved?.position ?? null;
        setView({ kind: 'story', data, initial, chunks: await openingChunks(data, initial) });
        void saveUi({ lastStory: data.entry.id });
        return;
      }
      const [entries, records, stories] = await Promise.all([loadCatalog(), progress.all(), progress.webStories()]);
      setView({
        kind: 'library',
        entries,
        stories,
        records: new Map(records.map((r) => [r.key, r])),
        message: id ? t('unknownStory', id) : undefined,
      });
      void saveUi({ lastStory: null });
    };
    void show();
    addEventListener('hashchange', show);
    return () => removeEventListener('hashchange', show);
  }, []);
  useEffect(() => {
    document.title = view.kind === 'story' ? `${view.data.entry.title} · ${t('extName')}` : t('extName');
    if (view.kind !== 'loading') document.documentElement.dataset.ready = 'true';
  }, [view]);

  if (view.kind === 'loading' || !ui || !settings) return <p class="notice" role="status">{t('loading')}</p>;
  if (view.kind === 'library') {
    return (
      <main aria-label={t('library')}>
        {view.message && (
          <p class="notice" role="alert">
            {view.message}
          </p>
        )}
        <Library
          items={[...seedItems(view.entries, view.records), ...webItems(view.stories, view.records)]}
          sort={ui.sort}
          now={Date.now()}
          onSort={(sort) => {
            setUi({ ...ui, sort });
            void saveUi({ sort });
          }}
          onOpen={(item) => {
            // A story from a site opens its chapter page, where the content script restores the paragraph.
            if (item.kind === 'web' && item.url) void browser.tabs.create({ url: item.url });
            else location.hash = `story=${encodeURIComponent(item.id)}`;
          }}
        />
        <BackupControls
          message={backupMessage}
          onExport={() => void exportLibrary(progress, document).then((r) => setBackupMessage(exportResultText(r)))}
          onImport={(file) =>
            void file
              .text()
              .then((text) => importLibrary(progress, text))
              .then(
                async (r) => {
                  setBackupMessage(importResultText(r));
                  if (!r.ok) return;
                  const records = await progress.all();
                  setView({ ...view, records: new Map(records.map((x) => [x.key, x])) });
                },
                () => setBackupMessage(t('backupFailed', t('backupUnreadable'))),
              )
          }
        />
      </main>
    );
  }
  const { data, initial, chunks } = view;
  const id = data.entry.id;
  const update = (patch: Partial<UiState>) => {
    setUi({ ...ui, ...patch });
    void saveUi(patch);
  };
  return (
    <StoryScreen
      key={id}
      data={data}
      initial={initial}
      chunks={chunks}
      ui={ui}
      settings={settings}
      onSettings={(s) => {
        setSettings(s);
        void saveSettings(s);
      }}
      notice={canSave ? null : t('progressNotSaved')}
      update={update}
    />
  );
}

/**
 * The chunk holding the opening paragraph and the next one, loaded before the reader's first render so the
 * text below the reading line is there in its first frame; the rest (the text above included) follows in
 * idle time. One that fails is left to the reader, which says so in its place.
 */
async function openingChunks({ entry, outline }: StoryFile, initial: Position | null): Promise<Map<number, Block[]>> {
  const at = chunkOf(outline.chunks, initial ? paragraphOf(indexOutline(outline), initial) : 0);
  const wanted = [at, at + 1].filter((i) => i < outline.chunks.length);
  const got = await Promise.all(wanted.map((i) => loadChunk(entry.id, i).then((blocks) => [i, blocks] as const, () => undefined)));
  return new Map(got.filter((g) => g !== undefined));
}

interface StoryScreenProps {
  data: StoryFile;
  initial: Position | null;
  chunks: ReadonlyMap<number, Block[]>;
  ui: UiState;
  settings: Settings;
  onSettings: (s: Settings) => void;
  notice: string | null;
  update: (p: Partial<UiState>) => void;
}

function StoryScreen(props: StoryScreenProps) {
  const { data, ui, update } = props;
  const id = data.entry.id;
  const saver = useMemo(() => createSaver<ProgressRecord>({ write: (r) => progress.save(r) }), [id]);
  const port = useMemo(connectReaderPort, [id]);
  useEffect(() => () => port.close(), [port]);
  useEffect(() => {
    // Hiding or closing the panel writes the last position at once (and the background holds it too).
    const flush = () => void saver.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      flush();
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [saver]);

  const onPosition = (r: PositionReport) => {
    const now = Date.now();
    const record = { key: seedKey(id), position: r.position, percent: r.percent, updatedAt: now, finishedAt: r.atEnd ? now : null };
    saver.update(record);
    port.post({ kind: 'seed', progress: record });
  };
  return (
    <Reader
      entry={data.entry}
      outline={data.outline}
      initial={props.initial}
      initialChunks={props.chunks}
      loadChunk={(i) => loadChunk(id, i)}
      settings={props.settings}
      frontMatterOpen={ui.frontMatterOpen[id] ?? true}
      endNotesOpen={ui.endNotesOpen[id] ?? true}
      notice={props.notice}
      onPosition={onPosition}
      onSettings={props.onSettings}
      onNotesToggle={(which, open) =>
        which === 'front'
          ? update({ frontMatterOpen: { ...ui.frontMatterOpen, [id]: open } })
          : update({ endNotesOpen: { ...ui.endNotesOpen, [id]: open } })
      }
      onLibrary={() => (location.hash = 'library')}
    />
  );
}

render(<Panel />, document.getElementById('app') as HTMLElement);
