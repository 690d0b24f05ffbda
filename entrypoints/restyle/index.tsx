import { render } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ChapterNav, pageEndsStory, pageSource } from '../../components/page-source';
import { Reader } from '../../components/Reader';
import { applySettings } from '../../components/theme';
import { webKey } from '../../lib/db/keys';
import type { ProgressRecord } from '../../lib/db/schema';
import { parseTabMessage, type ReaderState, type SaveReply } from '../../lib/messages';
import { isSaved } from '../../lib/save-reply';
import { chaptersOfPage, inBatches } from '../../lib/saved/store-message';
import type { Settings } from '../../lib/settings';
import { readabilityFallback, type ReadabilityModule } from '../../lib/sites/fallback';
import { adapters, parseStoryUrl, readPageInSteps, readPageWith, type ReadResult } from '../../lib/sites/read';
import type { PageRest, SiteFeedback, StoryPage } from '../../lib/sites/types';
import { anchorOnPage, webPercent, webProgressRecord, webStoryRecord, type WebAnchor } from '../../lib/web-progress';
import { installPageStyles, removeStaleStyles, type PageStyles } from '../../platform/cloak';
import { backgroundApi, send } from '../../platform/messages';
import { connectReaderPort, type WebPortReport } from '../../platform/reader-port';
import { createPositionReporter } from '../../platform/position-reporter';
import { loadSettings, saveSettings, watchSettings } from '../../platform/settings';
import { useBrowserMessages } from '../../platform/i18n';
import { browserSpeech } from '../../platform/speech';
import type { ReadAloudSetup } from '../../components/hooks/useReadAloud';
import { t, type MessageKey } from '../../components/i18n';
import type { EndAction } from '../../components/StoryEnd';
import { WholeWorkControl } from '../../components/WholeWorkControl';
import { createLifetime, type Lifetime } from './lifetime';
import { readRest } from './read-rest';
import { mountView, removeStaleViews } from './view';
import { useWholeWork } from './whole-work';

/** Longest the page stays hidden while Ficwell decides; after that the original shows whatever happens. */
const CLOAK_LIMIT_MS = 3000;

/**
 * The limit while a huge page is read whole before the first paint (a saved place beyond what is read first):
 * the reading goes on in tasks, so the page is not stuck, and showing the original page in the meantime would
 * flash it before the reader.
 */
const CLOAK_READING_MS = 10_000;

/** Timing marks for the benchmark (bench/restyle.ts); a store build leaves none for a page to read. */
const mark = (name: string) => {
  if (import.meta.env.MODE === 'bench') performance.mark(`ficwell:restyle:${name}`);
};

/**
 * The restyling content script. It is built as an unlisted script and listed in the manifest by wxt.config.ts,
 * not through WXT's defineContentScript: WXT's content-script context announces every start with a
 * `window.postMessage` naming the extension and the script, which tells any page that Ficwell is installed, and
 * a page that posts the same message makes the context tear the view down. Updates and removal are noticed
 * here instead (./lifetime.ts), with nothing posted to the page.
 */
export default defineUnlistedScript(() => {
  mark('start');
  const pageStyles = installPageStyles(document);
  try {
    // What an earlier copy of this script left when the extension was updated under it.
    removeStaleViews(document);
    removeStaleStyles(document);
    pageStyles.cloak(true);
  } catch (e) {
    pageStyles.remove();
    throw e;
  }
  const life = createLifetime();
  let uncloak = setTimeout(() => pageStyles.cloak(false), CLOAK_LIMIT_MS);
  const cloakLonger = () => {
    clearTimeout(uncloak);
    uncloak = setTimeout(() => pageStyles.cloak(false), CLOAK_READING_MS);
  };
  life.onEnd(() => {
    clearTimeout(uncloak);
    pageStyles.remove();
  }); // an updated or removed extension leaves the page as it was
  start(life, pageStyles, cloakLonger).catch((e: unknown) => {
    // Whatever went wrong, the page shows at once, as it was.
    pageStyles.remove();
    console.warn('Ficwell could not restyle this page; it is left as it was.', e);
  });
});

async function start(life: Lifetime, pageStyles: PageStyles, cloakLonger: () => void): Promise<void> {
  useBrowserMessages();
  // The saved position (and which chapters are saved) is asked for now, from the URL alone, so the background's
  // answer (it may have to wake up first) arrives while the page is still loading rather than after it has been read.
  const url = new URL(location.href);
  const loc = parseStoryUrl(url);
  const earlyKey = loc && webKey(loc.site, loc.storyId);
  const early = earlyKey
    ? { key: earlyKey, position: backgroundApi.webPosition(earlyKey).catch(() => null), have: savedOf(earlyKey) }
    : null;
  const settings = await loadSettings();
  if (!settings.autoRestyle) pageStyles.cloak(false);
  await domReady();

  let result: ReadResult;
  try {
    result = await read(document, url);
  } catch (e) {
    console.warn('Ficwell could not read this page; it is left as it was.', e);
    result = { kind: 'unsupported' };
  }
  if (result.kind !== 'story') {
    pageStyles.remove();
    answerTabRequests(
      life,
      () => ({ available: false, showing: false }),
      () => {},
    );
    return;
  }
  const key = webKey(result.page.site, result.page.storyId);
  const saved = await (early?.key === key ? early.position : backgroundApi.webPosition(key).catch(() => null));
  const have = await (early?.key === key ? early.have : savedOf(key));
  let { page, rest } = result;
  // A huge page is shown from what is read first, the rest read on in short tasks; but a saved place beyond
  // that is only there once the whole page is read.
  if (rest && saved && placeBeyond(page, saved)) {
    if (settings.autoRestyle) cloakLonger();
    const whole = await readRest(rest, life);
    if (!whole) return;
    page = whole;
    rest = undefined;
  }
  mountReader(life, page, rest, saved, have, settings, pageStyles);
}

/** Whether the saved place may lie in what a page read in steps does not hold yet. */
function placeBeyond(page: StoryPage, saved: ProgressRecord): boolean {
  const at = anchorOnPage(page, saved);
  return at ? saved.position.paragraph > at.p : page.fullWork;
}

/** The chapter numbers saved of a story; none known when the background cannot say. */
function savedOf(key: string): Promise<number[]> {
  return send('saved-chapters', { key }).catch(() => []);
}

/**
 * The site adapter first (a huge page with the rest still to read: see readRest); only when it does not
 * recognise a story page is Readability loaded (the background injects it into this content script's world)
 * and tried.
 */
async function read(doc: Document, url: URL): Promise<ReadResult> {
  const first = readPageInSteps(doc, url, window);
  if (first.kind !== 'needs-fallback') return first;
  await backgroundApi.loadReadability();
  const lib = (globalThis as { ficwellReadability?: ReadabilityModule }).ficwellReadability;
  if (!lib) return { kind: 'not-readable', reason: 'unparseable' };
  return readPageWith(doc, url, window, readabilityFallback(lib));
}

function domReady(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

function answerTabRequests(life: Lifetime, state: () => ReaderState, toggle: () => void) {
  const listener = (message: unknown): Promise<ReaderState> | undefined => {
    const m = parseTabMessage(message);
    if (!m) return undefined;
    if (m.type === 'toggle-reader') toggle();
    return Promise.resolve(state());
  };
  browser.runtime.onMessage.addListener(listener);
  life.onEnd(() => {
    try {
      browser.runtime.onMessage.removeListener(listener);
    } catch {
      // the extension is gone: so is the listener
    }
  });
}

function mountReader(
  life: Lifetime,
  page: StoryPage,
  rest: PageRest | undefined,
  saved: ProgressRecord | null,
  have: number[],
  settings: Settings,
  pageStyles: PageStyles,
) {
  const initial = saved ? anchorOnPage(page, saved) : null;

  let setShowing: (on: boolean) => void = () => {};
  let showing = settings.autoRestyle;
  const control = { show: (_on: boolean) => {} };
  const { host, shadow, container } = mountView(document);
  // The reader's theme and type before anything is drawn: the first draw measures what fits on the first
  // screen, and the first frame is in the reader's own settings. (They were applied in an effect, which Preact
  // runs after the frame is painted: that frame had the defaults, and the whole view was restyled and laid
  // out again just after.) App's layout effect takes over at once, with the system theme's listener.
  applySettings(container, settings)();
  render(
    <App
      page={page}
      rest={rest}
      root={shadow}
      view={container}
      life={life}
      initialSettings={settings}
      initial={initial}
      saved={saved}
      have={have}
      bindShow={(fn) => (setShowing = fn)}
      requestShow={(on) => control.show(on)}
    />,
    container,
  );

  let originalScroll = 0;
  let current: boolean | null = null;
  const show = (on: boolean) => {
    if (on === current) return;
    if (on) originalScroll = window.scrollY;
    showing = on;
    current = on;
    pageStyles.reading(on);
    pageStyles.cloak(false);
    setShowing(on);
    if (on) mark('done');
    if (!on) window.scrollTo(0, originalScroll);
  };
  control.show = show;
  show(showing);
  answerTabRequests(
    life,
    () => ({ available: true, showing }),
    () => show(!showing),
  );
  life.onEnd(() => {
    render(null, container);
    host.remove();
  });
}

interface AppProps {
  /** The story, or with `rest`, what of it is read so far. */
  page: StoryPage;
  /** The rest of a huge page, read while the reader shows `page` (./read-rest.ts). */
  rest: PageRest | undefined;
  root: ShadowRoot;
  /** The element inside the shadow root that carries the settings (never the host: a page can read that). */
  view: HTMLElement;
  life: Lifetime;
  initialSettings: Settings;
  initial: WebAnchor | null;
  saved: ProgressRecord | null;
  /** The chapters of this story saved when the page was opened. */
  have: number[];
  bindShow: (fn: (on: boolean) => void) => void;
  requestShow: (on: boolean) => void;
}

const FEEDBACK_LABEL: Record<SiteFeedback['kind'], MessageKey> = { kudos: 'siteKudos', comment: 'siteComment', review: 'siteReview' };

/**
 * The site's feedback controls this page has. Taking one shows the original page at that control, focused:
 * the reader then uses the site's own kudos button or text box; Ficwell sends nothing itself.
 */
function feedbackOn(page: StoryPage, showOriginal: () => void): EndAction[] {
  const site = adapters.find((a) => a.id === page.site);
  return (site?.feedback ?? [])
    .filter((f) => document.querySelector(f.selector))
    .map((f) => ({
      label: t(FEEDBACK_LABEL[f.kind]),
      onAct() {
        showOriginal();
        const el = document.querySelector<HTMLElement>(f.selector);
        el?.scrollIntoView({ block: 'center' });
        el?.focus({ preventScroll: true });
      },
    }));
}

/** Whether the page is being looked at: not prerendered, and its tab in front (not opened in the background). */
const isLive = () => !(document as Document & { prerendering?: boolean }).prerendering && document.visibilityState === 'visible';

function App({ page: first, rest, root, view, life, initialSettings, initial, saved, have, bindShow, requestShow }: AppProps) {
  // What is shown: `first`, then, when a huge page has been read whole, that page at the reader's place then.
  // Nothing is recorded (the place, the offline copy, the library entry) until the page is whole.
  const [shown, setShown] = useState({ page: first, initial, whole: !rest });
  const { page, whole } = shown;
  const pageNow = useRef(page);
  pageNow.current = page;
  const place = useRef(initial);
  const [restFailed, setRestFailed] = useState(false);
  const [settings, setSettings] = useState(initialSettings);
  const [showing, setShowing] = useState(false);
  // The rest is read once the reader is shown, after its first frame. (Read from the first render's effect,
  // its first task ran before that frame: the view is switched on just after the first render, and Preact
  // runs a component's pending effects as soon as it renders again.)
  const readingRest = useRef(false);
  useEffect(() => {
    if (!rest || !showing || readingRest.current) return;
    readingRest.current = true;
    readRest(rest, life)
      .then((read) => {
        if (!read) return;
        mark('whole');
        setShown({ page: read, initial: place.current, whole: true });
      })
      .catch((e: unknown) => {
        // What was read stays, said to be only part; nothing of it is recorded (the original page has it all).
        console.warn('Ficwell could not read the rest of this page; what was read is shown.', e);
        setRestFailed(true);
      });
  }, [showing]);
  const [live, setLive] = useState(isLive);
  const [notSaved, setNotSaved] = useState(false);
  const [feedback] = useState(() => feedbackOn(page, () => requestShow(false)));
  bindShow(setShowing);

  useEffect(() => watchSettings(setSettings), []);
  // Changes of settings, before the next paint (mountReader applied the first ones before the first render).
  useLayoutEffect(() => applySettings(view, settings), [settings]);
  useEffect(() => {
    // A prerendered next chapter, or a chapter opened in a background tab, is not being read yet: record
    // nothing until the reader actually sees it.
    if (live) return;
    const onChange = () => {
      if (isLive()) setLive(true);
    };
    document.addEventListener('prerenderingchange', onChange);
    document.addEventListener('visibilitychange', onChange);
    return () => {
      document.removeEventListener('prerenderingchange', onChange);
      document.removeEventListener('visibilitychange', onChange);
    };
  }, [live]);

  const [tracker] = useState(() => {
    // Throttled writes through the background, every report on the port, the pending one written when the
    // page is hidden or left (platform/position-reporter.ts). The background's answer says whether the
    // position was stored; anything but a yes shows "not saved" until a later save works.
    const reporter = createPositionReporter<WebPortReport, unknown>({
      write: (r) => backgroundApi.saveWebProgress(r.story, r.progress),
      port: connectReaderPort(),
      onResult: (reply) => setNotSaved(!isSaved(reply)),
      onError: () => setNotSaved(true),
    });
    life.onEnd(() => void reporter.dispose());
    return {
      report(anchor: WebAnchor, atEnd: boolean) {
        if (!life.alive) return;
        const now = Date.now();
        const read = pageNow.current;
        reporter.report({ kind: 'web', story: webStoryRecord(read, anchor, now), progress: webProgressRecord(read, anchor, atEnd, now) });
      },
    };
  });
  // Opening a chapter records it in the library, at the saved paragraph or the top: but never moves the story
  // back (an earlier chapter opened to look something up). Only the reader's own scrolling does that.
  useEffect(() => {
    if (!live || !showing || !whole) return;
    const at = initial ?? { part: 0, p: 0, offset: 0 };
    if (saved && webPercent(page, at) < saved.percent) return;
    tracker.report(at, false);
  }, [live, showing, whole]);

  // The chapters shown are kept for reading anywhere (the side panel, offline), once per page and from what
  // the page already gave: no request to the site. A copy that does not fit (quota) is said above the view;
  // the position is saved on its own, and the reading goes on.
  const copied = useRef(false);
  const [copyFull, setCopyFull] = useState(false);
  useEffect(() => {
    if (!live || !showing || !whole || copied.current) return;
    copied.current = true;
    void saveCopy(page).then((r) => setCopyFull(!r.ok && r.reason === 'quota'));
  }, [live, showing, whole]);
  const wholeWork = useWholeWork(page, have, life);
  const source = useMemo(
    () => pageSource(page, whole ? {} : { partial: t(restFailed ? 'readingRestFailedShort' : 'readingRestShort') }),
    [page, whole, restFailed],
  );

  if (!showing) {
    return (
      <button type="button" class="switch-back" onClick={(e) => e.isTrusted && requestShow(true)}>
        {t('readInFicwell')}
      </button>
    );
  }
  return (
    <>
      {copyFull && (
        <p class="save-notice copy-full" role="status">
          {t('savedNotForOffline')}
        </p>
      )}
      <Reader
        key={whole ? 'whole' : 'first'}
        source={source}
        class="restyled"
        focusView
        root={root}
        initial={shown.initial}
        settings={settings}
        notice={notSaved ? t('restyleNotSaved') : null}
        onPosition={(r) => {
          place.current = r.place;
          if (live && whole) tracker.report(r.place, r.atEnd);
        }}
        onSettings={(s) => {
          setSettings(s);
          void saveSettings(s);
        }}
        back={{ label: t('originalPage'), icon: '↩', onClick: () => requestShow(false), keyshortcuts: 'Alt+Shift+R' }}
        end={
          whole
            ? {
                finished: pageEndsStory(page),
                actions: feedback,
                extra: wholeWork.offered ? (
                  <WholeWorkControl status={wholeWork.status} onSave={wholeWork.save} onCancel={wholeWork.cancel} />
                ) : undefined,
              }
            : null
        }
        after={
          whole ? (
            <ChapterNav page={page} />
          ) : (
            <p class="reading-rest" role="status">
              {t(restFailed ? 'readingRestFailed' : 'readingRest')}
            </p>
          )
        }
        nextChapter={page.fullWork || !whole ? undefined : page.links.next}
        speech={speech ?? undefined}
      />
    </>
  );
}

/** The page's chapters saved for reading anywhere, a batch per message (`inBatches`); the first refusal stops it. */
async function saveCopy(page: StoryPage): Promise<SaveReply> {
  let reply: SaveReply = { ok: true }; // replaced: there is one batch at least
  for (const batch of inBatches(chaptersOfPage(page))) {
    reply = await backgroundApi.saveChapters(batch);
    if (!reply.ok) break;
  }
  return reply;
}

// Read aloud through the browser's speech engine, as in the side panel (Firefox on Linux ignores pause()).
// The page's Media Session is left to the page: it may play media of its own (a podfic), and handlers set
// from here would take its media keys and show it what is being read.
const engine = browserSpeech();
const speech: ReadAloudSetup | null = engine && { ...engine, pauseResumes: !import.meta.env.FIREFOX, mediaSession: null };
