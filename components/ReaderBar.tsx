import type { ComponentChildren, Ref } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Settings } from '../lib/settings';
import type { Voice } from '../lib/speech/read-aloud';
import { t } from './i18n';
import { SettingsPanel } from './SettingsPanel';
import { isTrustedInput, trusted } from './trusted';

/** What opens over the text from the bar: the reading settings or the contents. */
export type Sheet = 'settings' | 'contents' | null;

/** A line of the contents: a section or chapter, reached in this view or at its own address. */
export interface ContentsItem {
  label: string;
  /** A chapter on another page of the site (a restyled chapter page); otherwise `onContents` moves here. */
  href?: string;
}

export interface ReaderBarProps {
  /** The leading button: back to the library (side panel) or to the site's own page (restyled page). */
  back: { label: string; icon: string; onClick: () => void; keyshortcuts?: string };
  /** The section or chapter being read, or null when the story has none worth naming. */
  where: string | null;
  percent: number;
  /** How far, as shown after `where` ("41% · 12 min left"). */
  progress: string;
  /** The same for assistive technology. */
  progressText: string;
  /** The read-aloud control, where the view reads aloud. */
  readAloud?: ComponentChildren;
  contents: readonly ContentsItem[];
  /** Index in `contents` of the section or chapter being read. */
  current: number;
  onContents: (i: number) => void;
  sheet: Sheet;
  onSheet: (sheet: Sheet) => void;
  settings: Settings;
  onSettings: (settings: Settings) => void;
  voices?: readonly Voice[];
  /** An offer hanging under the bar, over the text (a place reached on another device): it moves nothing. */
  offer?: ComponentChildren;
  barRef: Ref<HTMLElement>;
}

/**
 * The reader's one-line bar, shared by the side panel and restyled pages: back, where you are and how far,
 * contents, read aloud, settings. The settings and the contents open as a sheet hanging from the bar, over the
 * text, wherever the reader is: the text behind does not move. Every handler takes only the reader's own
 * input (`trusted`), since the same bar sits in a page a script runs in.
 */
export function ReaderBar(p: ReaderBarProps) {
  const rounded = Math.floor(p.percent);
  const toggle = (which: Exclude<Sheet, null>) => trusted(() => p.onSheet(p.sheet === which ? null : which));
  return (
    <header class="reader-bar" ref={p.barRef}>
      <button
        type="button"
        class="bar-button icon-button back"
        onClick={trusted(() => p.back.onClick())}
        aria-keyshortcuts={p.back.keyshortcuts}
      >
        <span aria-hidden="true">{p.back.icon}</span>
        <span class="bar-label">{p.back.label}</span>
      </button>
      <div
        class="progress"
        role="progressbar"
        aria-label={t('readingProgress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={rounded}
        aria-valuetext={p.progressText}
      >
        <span class="progress-text">
          {p.where && <span class="where">{p.where}</span>}
          <span class="how-far">{p.progress}</span>
        </span>
        <span class="progress-track">
          <span class="progress-fill" style={{ transform: `scaleX(${p.percent / 100})` }} />
        </span>
      </div>
      {p.contents.length > 1 && (
        <button
          type="button"
          class="bar-button icon-button"
          aria-expanded={p.sheet === 'contents'}
          aria-controls="reading-contents"
          aria-keyshortcuts="t"
          onClick={toggle('contents')}
        >
          <span aria-hidden="true">☰</span>
          <span class="visually-hidden">{t('contents')}</span>
        </button>
      )}
      {p.readAloud}
      <button
        type="button"
        class="bar-button icon-button"
        aria-expanded={p.sheet === 'settings'}
        aria-controls="reading-settings"
        onClick={toggle('settings')}
      >
        <span aria-hidden="true">Aa</span>
        <span class="visually-hidden">{t('settings')}</span>
      </button>
      {p.offer && !p.sheet && <div class="bar-offer">{p.offer}</div>}
      {p.sheet && (
        <SheetFrame onClose={() => p.onSheet(null)}>
          {p.sheet === 'settings' ? (
            <SettingsPanel settings={p.settings} onChange={p.onSettings} onClose={() => p.onSheet(null)} voices={p.voices} />
          ) : (
            <Contents
              items={p.contents}
              current={p.current}
              onPick={(i) => {
                p.onSheet(null);
                p.onContents(i);
              }}
            />
          )}
        </SheetFrame>
      )}
    </header>
  );
}

/**
 * The sheet's box: hangs from the bar (it is inside the sticky bar), scrolls on its own, takes the focus when it
 * opens and gives it back to the bar as it closes; Escape closes it.
 */
function SheetFrame({ children, onClose }: { children: ComponentChildren; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  // A layout effect: Preact 11 runs a passive effect's cleanup after the next paint, so the focus would sit on
  // <body> for a frame after the sheet is gone; a layout effect's cleanup runs before the sheet leaves the DOM.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const opener = (el.getRootNode() as Document | ShadowRoot).activeElement;
    el.querySelector<HTMLElement>('[aria-current="true"], input, button, a')?.focus({ preventScroll: true });
    const onKey = trusted((e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close.current();
    });
    el.addEventListener('keydown', onKey);
    return () => {
      el.removeEventListener('keydown', onKey);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);
  return (
    <div class="sheet" ref={box}>
      {children}
    </div>
  );
}

function Contents({ items, current, onPick }: { items: readonly ContentsItem[]; current: number; onPick: (i: number) => void }) {
  return (
    <nav class="contents" id="reading-contents" aria-label={t('contents')}>
      <ul>
        {items.map((item, i) => (
          <li key={i}>
            {item.href ? (
              <a
                class="contents-link"
                href={item.href}
                aria-current={i === current ? 'true' : undefined}
                // A click a script made does not follow the link.
                onClick={(e) => isTrustedInput(e) || e.preventDefault()}
              >
                {item.label}
              </a>
            ) : (
              <button
                type="button"
                class="contents-link"
                aria-current={i === current ? 'true' : undefined}
                onClick={trusted(() => onPick(i))}
              >
                {item.label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
