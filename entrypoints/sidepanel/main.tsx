import { render } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SyncControls } from '../../components/SyncControls';
import { SiteControls } from '../../components/SiteControls';
import { useSiteAccess } from '../../components/hooks/useSiteAccess';
import { RemoteOffer } from '../../components/RemoteOffer';
import { useSync } from '../../components/hooks/useSync';
import { formatAgo } from '../../components/format';
import { browserSyncArea } from '../../platform/sync';
import { BackupControls, exportResultText, importResultText } from '../../components/BackupControls';
import { EpubDownload } from '../../components/EpubDownload';
import { saveBlob } from '../../platform/download';
import { FIRST_ROWS, Library } from '../../components/Library';
import { Reader, type PositionReport } from '../../components/Reader';
import { storySource } from '../../components/story-source';
import type { EndLink } from '../../components/StoryEnd';
import { useLibrary, type FirstScreen } from '../../components/hooks/useLibrary';
import { loadPanelView, usePanelView, type PanelSources, type PanelView } from '../../components/hooks/usePanelView';
import { useSettings } from '../../components/hooks/useSettings';
import { useUiState } from '../../components/hooks/useUiState';
import { t } from '../../components/i18n';
import { WEB_NOTE_LABEL } from '../../components/note-labels';
import type { StoryFile } from '../../lib/catalog';
import { seedKey } from '../../lib/db/keys';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import type { LibraryItem } from '../../lib/library';
import { isWebKey } from '../../lib/records';
import type { SavedSummary } from '../../lib/saved/store';
import { bookChunks, bookPercent, bookWordsLeft, savedBook, type BookText, type SavedBook } from '../../lib/saved/store-outline';
import { SavedChoice, savedLabels, savedTotalLabel } from '../../components/SavedChoice';
import { takeSnapshot, writeSnapshot } from '../../lib/library-snapshot';
import { forgetLast, forgetScreen } from '../../lib/screen-snapshot';
import { useKeptScreen } from '../../components/hooks/useKeptScreen';
import { nextUnfinished } from '../../lib/library';
import { sameParagraph, type Position } from '../../lib/position';
import { parseRoute, routeHash } from '../../lib/route';
import type { Settings } from '../../lib/settings';
import { loadSettings } from '../../platform/settings';
import type { Block } from '../../lib/story/chunks';
import { exportLibrary, importLibrary } from '../../platform/backup';
import { loadCatalog, loadChunk, loadStory } from '../../platform/data';
import { useBrowserMessages } from '../../platform/i18n';
import { createPositionReporter } from '../../platform/position-reporter';
import { createProgressService, createSavedService } from '../../platform/progress';
import { connectReaderPort, type PortReport } from '../../platform/reader-port';
import { loadUi, saveUi, type UiState } from '../../platform/ui-state';
import { localStore } from '../../platform/local-storage';
import { browserSpeech, mediaSession } from '../../platform/speech';
import type { ReadAloudSetup } from '../../components/hooks/useReadAloud';
import '../../components/base.css';
import '../../components/library.css';
import '../../components/reader.css';

useBrowserMessages();
const progress = createProgressService();

/** A saved web work's EPUB: its record, its outline and every saved chapter read first; the zip library loads only then. */
async function savedWorkEpub(key: string, storyOnly: boolean): Promise<Blob> {
  const [m, story, copy] = await Promise.all([import('../../components/epub'), progress.webStory(key), saved.story(key)]);
  if (!story || !copy) throw new Error('no saved copy');
  const chapters = await Promise.all(copy.chapters.map((c) => saved.chapter(key, c.number)));
  return m.savedEpub(
    story,
    copy,
    chapters.filter((c) => c !== undefined),
    storyOnly,
  );
}
const saved = createSavedService();
/** Where a story's position is stored: a bundled story's id is its seed key's; a web story's id is its key. */
const keyOf = (id: string) => (isWebKey(id) ? id : seedKey(id));

/** Saved web stories opened in this panel: the library record and the book the reader reads. */
const books = new Map<string, { story: WebStoryRecord; book: SavedBook; chunk: (k: number) => Promise<Block[]> }>();
const bookText: BookText = {
  chapter: (n) => t('chapterN', n),
  missing: t('savedMissing'),
  readOnSite: t('savedReadOnSite'),
  note: (kind) => t(WEB_NOTE_LABEL[kind]),
};
/** A saved web story as the reader opens it (lib/saved/store-outline.ts), read from IndexedDB alone: offline too. */
async function loadSavedStory(key: string): Promise<StoryFile | undefined> {
  const [story, copy] = await Promise.all([progress.webStory(key), saved.story(key)]);
  if (!story || !copy || copy.chapters.length === 0) return undefined;
  const book = savedBook(story, copy, bookText);
  books.set(key, { story, book, chunk: bookChunks(book, (n) => saved.chapter(key, n), bookText) });
  return book.file;
}
async function loadSavedChunk(key: string, k: number) {
  const open = books.get(key);
  if (!open) throw new Error(`${key} is not open`);
  return open.chunk(k);
}

const sources: PanelSources = {
  loadStory: (id) => (isWebKey(id) ? loadSavedStory(id) : loadStory(id)),
  loadChunk: (id, i) => (isWebKey(id) ? loadSavedChunk(id, i) : loadChunk(id, i)),
  saved: (id) => progress.get(keyOf(id)),
  lastStory: () => loadUi().then((ui) => ui.lastStory),
  setLastStory: (id) => void saveUi({ lastStory: id }),
};

// Read aloud through the browser's speech engine. Firefox on Linux ignores pause(): there pausing cancels
// and resuming starts the paragraph again.
const engine = browserSpeech();
const speech: ReadAloudSetup | null = engine && { ...engine, pauseResumes: !import.meta.env.FIREFOX, mediaSession: mediaSession() };

interface Opening {
  view: PanelView;
  ui: UiState;
  settings: Settings;
}

function Panel({ opening }: { opening: Opening | null }) {
  const view = usePanelView(sources, opening?.view);
  const [ui, updateUi] = useUiState(opening?.ui);
  // A change in any view shows here at once.
  const [settings, changeSettings] = useSettings(document.documentElement, opening ? { initial: opening.settings } : {});
  const [canSave, setCanSave] = useState(true);
  useEffect(() => progress.onAvailability(setCanSave), []);
  useEffect(() => {
    document.title = view.kind === 'story' ? `${view.data.entry.title} · ${t('extName')}` : t('extName');
  }, [view]);

  if (view.kind === 'loading' || !ui || !settings)
    return (
      <p class="notice" role="status">
        {t('loading')}
      </p>
    );
  if (view.kind === 'library') return <LibraryScreen message={view.message} />;
  return (
    <StoryScreen
      key={view.data.entry.id}
      data={view.data}
      initial={view.initial}
      chunks={view.chunks}
      ui={ui}
      settings={settings}
      onSettings={changeSettings}
      notice={canSave ? null : t('progressNotSaved')}
      update={updateUi}
    />
  );
}

function LibraryScreen({ message }: { message?: string }) {
  const firstScreen = useMemo(
    (): Promise<FirstScreen> =>
      Promise.all([loadCatalog(), progress.recent(FIRST_ROWS), loadUi()]).then(([entries, recent, ui]) => ({
        entries,
        recent,
        sort: ui.sort,
      })),
    [],
  );
  const library = useLibrary(progress, firstScreen, { saveSort: (sort) => void saveUi({ sort }) });
  // Back from a story: the library opens at its top (its search box), not where the story was scrolled to.
  useLayoutEffect(() => window.scrollTo(0, 0), []);
  // Opened again with no story named, the panel opens here, not on a story's kept screen.
  useEffect(() => forgetLast(localStore()), []);
  const [backupMessage, setBackupMessage] = useState<string | null>(null);
  const sync = useSync();
  const siteAccess = useSiteAccess();
  // Web stories with saved chapters: marked in their rows; choosing one offers the copy here or the site.
  const [summaries, setSummaries] = useState<ReadonlyMap<string, SavedSummary>>(new Map());
  const readSummaries = () => saved.summaries().then((all) => setSummaries(new Map(all.map((s) => [s.key, s]))));
  useEffect(() => void readSummaries(), []);
  const [choice, setChoice] = useState<LibraryItem | null>(null);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const labels = useMemo(() => savedLabels(summaries, library.rows), [summaries, library.rows]);
  const chosen = choice && summaries.get(choice.id);
  const openSite = (item: LibraryItem) => item.url && void browser.tabs.create({ url: item.url });
  useEffect(() => {
    // Ready once every record is listed (or reading them failed), as in the popup.
    if (library.shelf?.complete || library.failed) document.documentElement.dataset.ready = 'true';
  }, [library.shelf?.complete, library.failed]);
  return (
    <main aria-label={t('library')}>
      {message && (
        <p class="notice" role="alert">
          {message}
        </p>
      )}
      {library.failed && (
        <p class="notice" role="alert">
          {t('libraryLoadFailed')}
        </p>
      )}
      {savedMessage && (
        <p class="notice quiet" role="status">
          {savedMessage}
        </p>
      )}
      {choice && chosen && (
        <SavedChoice
          story={choice}
          summary={chosen}
          onRead={() => (location.hash = routeHash({ kind: 'story', id: choice.id }))}
          onSite={() => {
            setChoice(null);
            openSite(choice);
          }}
          onDelete={() =>
            void saved.remove(choice.id).then(async (r) => {
              if (r.ok) forgetScreen(localStore(), choice.id); // its text goes with the copy
              // The rows learn what is saved before the message says it: no frame claims a copy just deleted.
              await readSummaries().catch(() => undefined);
              setChoice(null);
              setSavedMessage(t(r.ok ? 'savedDeleted' : 'savedDeleteFailed'));
            })
          }
          onClose={() => setChoice(null)}
          epub={
            <EpubDownload
              title={choice.title}
              build={(storyOnly) => savedWorkEpub(choice.id, storyOnly)}
              onDownload={(blob, name) => saveBlob(document, blob, name)}
            />
          }
        />
      )}
      {summaries.size > 0 && <p class="row-meta saved-total">{savedTotalLabel(summaries)}</p>}
      {library.rows && (
        <Library
          saved={labels}
          items={library.rows}
          sort={library.sort}
          now={Date.now()}
          onSort={library.setSort}
          reads={library.reads}
          // The popup paints its first screen from this (lib/library-snapshot.ts): an import here changes it.
          onFirstRows={(first) => {
            const s = library.shelf;
            if (s) writeSnapshot(localStore(), takeSnapshot(first, library.sort, s.entries.length + s.webCount));
          }}
          onOpen={(item) => {
            // A story from a site with saved chapters offers its copy here; else it opens its chapter page, where
            // the content script restores the paragraph.
            if (item.kind === 'web' && summaries.has(item.id)) setChoice(item);
            else if (item.kind === 'web') openSite(item);
            else location.hash = routeHash({ kind: 'story', id: item.id });
          }}
        />
      )}
      <SiteControls {...siteAccess} />
      <SyncControls
        enabled={sync.enabled}
        status={sync.status}
        now={Date.now()}
        firefox={import.meta.env.FIREFOX}
        onToggle={sync.setEnabled}
        onSyncNow={() => void sync.syncNow()}
        onClear={() => void browserSyncArea().clear()}
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
                if (r.ok) await library.reload();
              },
              () => setBackupMessage(t('backupFailed', t('backupUnreadable'))),
            )
        }
      />
    </main>
  );
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

function StoryScreen({ data, ui, update, ...props }: StoryScreenProps) {
  const id = data.entry.id;
  const key = keyOf(id);
  // Throttled writes, every position handed to the background too, and the last one written when the
  // panel is hidden or closed (platform/position-reporter.ts).
  const reporter = useMemo(
    () =>
      createPositionReporter<PortReport>({
        write: (r) => (r.kind === 'web' ? progress.saveWeb(r.story, r.progress) : progress.save(r.progress)),
        port: connectReaderPort(),
      }),
    [id],
  );
  useEffect(() => () => void reporter.dispose(), [reporter]);
  useEffect(() => {
    document.documentElement.dataset.ready = 'true'; // the story is drawn (tests wait for this)
  }, []);
  // The screen the panel's first paint draws when it opens on this story again (entrypoints/panel-first.ts).
  useKeptScreen(id, props.settings, localStore(), () => app.firstElementChild);

  // Where this panel is now, and a place another device reached (offered, never jumped to).
  const here = useRef<Position | null>(props.initial);
  const [offer, setOffer] = useState<ProgressRecord | null>(null);
  const [goTo, setGoTo] = useState<{ position: Position; seq: number } | null>(null);
  useEffect(
    () =>
      progress.onChange((c) => {
        if (c.origin !== 'sync' || c.progress.key !== key) return;
        if (!here.current || !sameParagraph(c.progress.position, here.current)) setOffer(c.progress);
      }),
    [id],
  );

  const source = useMemo(() => {
    // A saved web story counts as its restyled pages and the library do: by chapters.
    const web = books.get(id);
    const count = web?.story.chapterCount ?? null;
    return storySource(
      data.entry,
      data.outline,
      web && {
        percent: (position) => bookPercent(web.book, count, position),
        wordsLeft: (percent, part) => bookWordsLeft(web.book, count, percent, part),
      },
    );
  }, [data]);
  const onPosition = (r: PositionReport) => {
    const now = Date.now();
    const position = source.positionOf(r.place);
    here.current = position;
    const web = books.get(id);
    if (web) {
      // A saved web story: the chapter read is where the library's Continue goes, and the percent is counted
      // as the restyled page counts it, so either view takes up the other's place.
      const { story, book } = web;
      const number = position.part + 1;
      const chapter = { number, title: book.titles[position.part] ?? null, url: book.urls[position.part] ?? story.storyUrl };
      const percent = bookPercent(book, story.chapterCount, position);
      reporter.report({
        kind: 'web',
        story: { ...story, chapter, updatedAt: now },
        progress: { key, position, percent, updatedAt: now, finishedAt: null },
      });
      return;
    }
    reporter.report({
      kind: 'seed',
      progress: { key: seedKey(id), position, percent: r.percent, updatedAt: now, finishedAt: r.atEnd ? now : null },
    });
  };
  // The story to offer at the end: the next one in the library not yet finished.
  const [next, setNext] = useState<EndLink | null>(null);
  useEffect(() => {
    Promise.all([loadCatalog(), progress.all()]).then(
      ([entries, all]) => {
        const e = nextUnfinished(entries, new Map(all.map((r) => [r.key, r])), id);
        setNext(e && { label: t('nextStory', e.title), onOpen: () => (location.hash = routeHash({ kind: 'story', id: e.id })) });
      },
      () => setNext(null), // the library cannot be read: the end offers the library itself
    );
  }, [id]);
  const section = offer && data.outline.sections[offer.position.part];
  return (
    <Reader
      source={source}
      initial={props.initial && source.placeOf(props.initial)}
      goTo={goTo && { place: source.placeOf(goTo.position), seq: goTo.seq }}
      given={props.chunks}
      loadPiece={(i) => sources.loadChunk(id, i)}
      onComplete={() => {
        document.documentElement.dataset.complete = 'true'; // the whole story is drawn (tests wait for this)
      }}
      settings={props.settings}
      folds={{ front: ui.frontMatterOpen[id] ?? true, end: ui.endNotesOpen[id] ?? true }}
      onFold={(which, open) =>
        which === 'front'
          ? update({ frontMatterOpen: { ...ui.frontMatterOpen, [id]: open } })
          : update({ endNotesOpen: { ...ui.endNotesOpen, [id]: open } })
      }
      notice={props.notice}
      offer={
        offer && (
          <RemoteOffer
            where={section?.heading ?? t('syncPlacePercent', Math.floor(offer.percent))}
            ago={formatAgo(offer.updatedAt, Date.now())}
            onGo={() => {
              setGoTo({ position: offer.position, seq: (goTo?.seq ?? 0) + 1 });
              here.current = offer.position;
              setOffer(null);
            }}
            onDismiss={() => setOffer(null)}
          />
        )
      }
      onPosition={onPosition}
      onSettings={props.onSettings}
      back={{ label: t('backToLibrary'), icon: '←', onClick: () => (location.hash = routeHash({ kind: 'library' })) }}
      end={{
        finished: true,
        next,
        onLibrary: () => (location.hash = routeHash({ kind: 'library' })),
        // The zip library loads only when a book is made; every chunk of the text is read first.
        extra: (
          <EpubDownload
            title={data.entry.title}
            build={(storyOnly) =>
              Promise.all([import('../../components/epub'), ...data.outline.chunks.map((_, i) => loadChunk(id, i))]).then(
                ([m, ...chunks]) => m.seedEpub(data.entry, data.outline, chunks, storyOnly),
              )
            }
            onDownload={(blob, name) => saveBlob(document, blob, name)}
          />
        ),
      }}
      speech={speech}
    />
  );
}

// The story (outline, saved position, opening chunks), the view state and the settings are read as the
// module starts and the first render waits for them: the panel's first frame is the story itself, not a
// "Loading" notice followed by a frame for each hook's effect (Preact runs effects after a paint). If any
// read fails, the panel renders as before and each hook reads for itself.
// The first paint's screen (entrypoints/panel-first.ts) goes in the same task as this first render, before the
// reader measures anything: no frame shows both.
const app = document.getElementById('app') as HTMLElement;
function dropFirstPaint(view?: PanelView) {
  const first = document.getElementById('first');
  const drawn = first?.dataset.story;
  // A story named that the panel could not open is not drawn again from its screen either. (With no story
  // named, the panel may rightly open another one: the story it showed last in another window.)
  const named = parseRoute(location.hash).kind === 'story';
  if (drawn && named && view && !(view.kind === 'story' && view.data.entry.id === drawn)) forgetScreen(localStore(), drawn);
  first?.remove();
}
Promise.all([loadPanelView(sources, location.hash), loadUi(), loadSettings()]).then(
  ([view, ui, settings]) => {
    dropFirstPaint(view);
    render(<Panel opening={{ view, ui, settings }} />, app);
  },
  () => {
    dropFirstPaint();
    render(<Panel opening={null} />, app);
  },
);
