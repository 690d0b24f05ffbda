import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { RestyledView } from '../../components/RestyledView';
import { applySettings } from '../../components/theme';
import { webKey } from '../../lib/db/progress';
import type { ReaderState, TabRequest } from '../../lib/messages';
import { createSaver } from '../../lib/saver';
import type { Settings } from '../../lib/settings';
import { readabilityFallback, type ReadabilityModule } from '../../lib/sites/fallback';
import { parseStoryUrl, readPageWith, type ReadResult } from '../../lib/sites/read';
import { storyMatchPatterns } from '../../lib/sites/matches';
import type { StoryPage } from '../../lib/sites/types';
import { anchorOnPage, webProgressRecord, webStoryRecord, type WebAnchor } from '../../lib/web-progress';
import { installPageStyles } from '../../platform/cloak';
import { backgroundApi } from '../../platform/messages';
import { connectReaderPort, type PortReport } from '../../platform/reader-port';
import { loadSettings, saveSettings, watchSettings } from '../../platform/settings';
import { useBrowserMessages } from '../../platform/i18n';
import { t } from '../../components/i18n';
import baseCss from '../../components/base.css?inline';
import libraryCss from '../../components/library.css?inline';
import readerCss from '../../components/reader.css?inline';
import restyleCss from '../../components/restyle.css?inline';

/** Longest the page stays hidden while Ficwell decides; after that the original shows whatever happens. */
const CLOAK_LIMIT_MS = 3000;

export default defineContentScript({
  matches: storyMatchPatterns(),
  runAt: 'document_start',
  // The view's CSS goes into its own shadow root (see mountView), never into the page.
  cssInjectionMode: 'manual',
  async main(ctx) {
    performance.mark('ficwell:restyle:start'); // read by the benchmark (bench/)
    useBrowserMessages();
    const pageStyles = installPageStyles(document);
    pageStyles.cloak(true);
    ctx.setTimeout(() => pageStyles.cloak(false), CLOAK_LIMIT_MS);
    ctx.onInvalidated(() => pageStyles.remove()); // an updated or removed extension leaves the page as it was

    // The saved position is asked for now, from the URL alone, so the background's answer (it may have to
    // wake up first) arrives while the page is still loading rather than after it has been read.
    const url = new URL(location.href);
    const loc = parseStoryUrl(url);
    const earlyKey = loc && webKey(loc.site, loc.storyId);
    const early = earlyKey ? { key: earlyKey, position: backgroundApi.webPosition(earlyKey).catch(() => null) } : null;
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
      answerTabRequests(ctx, () => ({ available: false, showing: false }), () => {});
      return;
    }
    const key = webKey(result.page.site, result.page.storyId);
    const saved = await (early?.key === key ? early.position : backgroundApi.webPosition(key).catch(() => null));
    mountReader(ctx, result.page, saved, settings, pageStyles);
  },
});

/**
 * The site adapter first; only when it does not recognise a story page is Readability loaded (the background
 * injects it into this content script's world) and tried.
 */
async function read(doc: Document, url: URL): Promise<ReadResult> {
  const first = readPageWith(doc, url, window);
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

function answerTabRequests(ctx: ContentScriptContext, state: () => ReaderState, toggle: () => void) {
  const listener = (message: unknown): Promise<ReaderState> | undefined => {
    const m = message as TabRequest;
    if (m?.type === 'toggle-reader') toggle();
    else if (m?.type !== 'reader-state') return undefined;
    return Promise.resolve(state());
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

function mountReader(
  ctx: ContentScriptContext,
  page: StoryPage,
  saved: Awaited<ReturnType<typeof backgroundApi.webPosition>>,
  settings: Settings,
  pageStyles: ReturnType<typeof installPageStyles>,
) {
  const initial = saved ? anchorOnPage(page, saved) : null;

  let setShowing: (on: boolean) => void = () => {};
  let showing = settings.autoRestyle;
  const control = { show: (_on: boolean) => {} };
  const { shadow, host, container } = mountView(document);
  render(<App page={page} root={shadow} host={host} initialSettings={settings} initial={initial} bindShow={(fn) => (setShowing = fn)} requestShow={(on) => control.show(on)} />, container);

  let originalScroll = 0;
  const show = (on: boolean) => {
    if (on === showing && on === document.documentElement.classList.contains('ficwell-reading')) return;
    if (on) originalScroll = window.scrollY;
    showing = on;
    pageStyles.reading(on);
    pageStyles.cloak(false);
    setShowing(on);
    if (on && !performance.getEntriesByName('ficwell:restyle:done').length) performance.mark('ficwell:restyle:done');
    if (!on) window.scrollTo(0, originalScroll);
  };
  control.show = show;
  show(showing);
  answerTabRequests(ctx, () => ({ available: true, showing }), () => show(!showing));
  ctx.onInvalidated(() => {
    render(null, container);
    host.remove();
    pageStyles.remove();
  });
}

/**
 * The view's own element after <body>, with a shadow root holding its stylesheet, so the page's CSS cannot
 * reach the reader and ours cannot reach the page. The CSS is bundled text: nothing is fetched.
 */
function mountView(doc: Document) {
  const host = doc.createElement('ficwell-reader');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = [baseCss, libraryCss, readerCss, restyleCss].join('\n');
  const container = doc.createElement('div');
  shadow.append(style, container);
  doc.documentElement.append(host);
  return { shadow, host, container };
}

interface AppProps {
  page: StoryPage;
  root: ShadowRoot;
  host: HTMLElement;
  initialSettings: Settings;
  initial: WebAnchor | null;
  bindShow: (fn: (on: boolean) => void) => void;
  requestShow: (on: boolean) => void;
}

function App({ page, root, host, initialSettings, initial, bindShow, requestShow }: AppProps) {
  const [settings, setSettings] = useState(initialSettings);
  const [showing, setShowing] = useState(false);
  const [live, setLive] = useState(!(document as Document & { prerendering?: boolean }).prerendering);
  bindShow(setShowing);

  useEffect(() => watchSettings(setSettings), []);
  useEffect(() => applySettings(host, settings), [settings]);
  useEffect(() => {
    host.dataset.mode = showing ? 'reader' : 'original';
  }, [showing]);
  useEffect(() => {
    // A prerendered next chapter is not being read yet: record nothing until the reader opens it.
    if (live) return;
    const onActivate = () => setLive(true);
    document.addEventListener('prerenderingchange', onActivate, { once: true });
    return () => document.removeEventListener('prerenderingchange', onActivate);
  }, [live]);

  const [tracker] = useState(() => {
    const saver = createSaver<PortReport>({ write: (r) => backgroundApi.saveWebProgress(r.story!, r.progress) });
    const port = connectReaderPort();
    addEventListener('pagehide', () => {
      void saver.flush();
      port.close();
    });
    return {
      report(anchor: WebAnchor, atEnd: boolean) {
        const now = Date.now();
        const r = { story: webStoryRecord(page, anchor, now), progress: webProgressRecord(page, anchor, atEnd, now) };
        saver.update(r);
        port.post(r);
      },
    };
  });
  // Opening a chapter records it in the library, at the saved paragraph or the top.
  useEffect(() => {
    if (live && showing) tracker.report(initial ?? { part: 0, p: 0, offset: 0 }, false);
  }, [live, showing]);

  if (!showing) {
    return (
      <button type="button" class="switch-back" onClick={() => requestShow(true)}>
        {t('readInFicwell')}
      </button>
    );
  }
  return (
    <RestyledView
      page={page}
      settings={settings}
      root={root}
      initial={initial}
      onPosition={(a, atEnd) => live && tracker.report(a, atEnd)}
      onSettings={(s) => {
        setSettings(s);
        void saveSettings(s);
      }}
      onOriginal={() => requestShow(false)}
    />
  );
}
