import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CatalogEntry } from '../lib/catalog';
import { formatMinutes, formatWords } from './format';
import { t, type MessageKey } from './i18n';
import { indexStory, minutesLeft, paragraphOf, percentRead, positionAt, totalWords, type Position } from '../lib/position';
import { chunkOf, chunkStory, renderOrder, type Block, type Chunk } from '../lib/story/chunks';
import type { Note, NoteKind, Story } from '../lib/story/model';
import { stepFontSize, type Settings } from '../lib/settings';
import { SettingsPanel } from './SettingsPanel';
import { useParagraphAnchor } from './useParagraphAnchor';

export interface PositionReport {
  position: Position;
  percent: number;
  /** The end of the story came into view. */
  atEnd: boolean;
}

export interface ReaderProps {
  entry: CatalogEntry;
  story: Story;
  /** Where to open; null opens at the start. */
  initial: Position | null;
  settings: Settings;
  frontMatterOpen: boolean;
  endNotesOpen: boolean;
  /** A quiet message shown under the header (for example when progress cannot be saved). */
  notice: string | null;
  onPosition: (report: PositionReport) => void;
  onSettings: (settings: Settings) => void;
  onNotesToggle: (which: 'front' | 'end', open: boolean) => void;
  onLibrary: () => void;
}

/** Paragraphs drawn per idle slice while the rest of a long story fills in. */
const PARAGRAPHS_PER_SLICE = 400;

const KIND_LABEL: Record<NoteKind, MessageKey> = {
  disclaimer: 'noteDisclaimer',
  warning: 'noteWarning',
  summary: 'noteSummary',
  'authors-note': 'noteAuthors',
  copyright: 'noteCopyright',
};

interface Anchor {
  n: number;
  offset: number;
}

/**
 * The side-panel reader. Long stories render the chunk holding the saved paragraph first and fill in the
 * rest in idle slices; the reading position is kept as a paragraph anchor and re-applied after anything
 * that moves text (more chunks drawn, a resize, a font change).
 */
export function Reader(props: ReaderProps) {
  const { entry, story } = props;
  const index = useMemo(() => indexStory(story), [story]);
  const chunks = useMemo(() => chunkStory(story), [story]);
  const initialAnchor = props.initial ? { n: paragraphOf(index, props.initial), offset: props.initial.offset } : null;
  const [drawn, setDrawn] = useState<boolean[]>(() => {
    const at = chunkOf(chunks, initialAnchor?.n ?? 0);
    return chunks.map((_, i) => Math.abs(i - at) <= 1);
  });
  const [percent, setPercent] = useState(() => (initialAnchor ? percentRead(index, initialAnchor) : 0));
  const header = useRef<HTMLElement>(null);
  const article = useRef<HTMLElement>(null);
  const toc = useRef<HTMLElement>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const { settings } = props;
  const total = totalWords(index);

  const { anchor, restore } = useParagraphAnchor<Anchor>(initialAnchor, {
    root: document,
    container: article,
    line: () => (header.current?.getBoundingClientRect().bottom ?? 0) + 8,
    elementOf: (a) => document.querySelector<HTMLElement>(`[data-p="${a.n}"]`),
    anchorOf: (el, offset) => ({ n: Number(el.dataset.p), offset }),
    layout: `${settings.fontSize},${settings.lineHeight},${settings.width},${settings.paragraphSpacing},${settings.fontFamily}|${drawn.filter(Boolean).length}`,
    onRead(found, prev) {
      const last = document.querySelector<HTMLElement>(`[data-p="${index.address.length - 1}"]`);
      const atEnd = !!last && last.getBoundingClientRect().bottom <= window.innerHeight;
      const pct = atEnd ? 100 : percentRead(index, found);
      setPercent(pct);
      const moved = !prev || prev.n !== found.n || Math.abs(prev.offset - found.offset) > 0.005;
      if (moved || atEnd) props.onPosition({ position: positionAt(index, found.n, found.offset), percent: pct, atEnd });
    },
  });

  // Fill in the rest of a long story, nearest chunks first, one idle slice at a time.
  useEffect(() => {
    if (drawn.every(Boolean)) return;
    const handle = setTimeout(() => {
      const next = [...drawn];
      let budget = PARAGRAPHS_PER_SLICE;
      for (const i of renderOrder(chunks.length, chunkOf(chunks, anchor.current?.n ?? 0))) {
        if (next[i]) continue;
        next[i] = true;
        budget -= (chunks[i] as Chunk).last - (chunks[i] as Chunk).first + 1;
        if (budget <= 0) break;
      }
      setDrawn(next);
    }, 0);
    return () => clearTimeout(handle);
  }, [drawn, chunks]);
  useEffect(() => {
    if (drawn.every(Boolean)) document.documentElement.dataset.complete = 'true';
  }, [drawn]);

  const jumpTo = (sectionIndex: number) => {
    const first = index.address.findIndex((a) => a.section === sectionIndex);
    if (first === -1) return;
    anchor.current = { n: first, offset: 0 };
    const c = chunkOf(chunks, first);
    if (!drawn[c]) setDrawn((d) => d.map((v, i) => v || i === c));
    else restore();
    props.onPosition({ position: positionAt(index, first, 0), percent: percentRead(index, anchor.current), atEnd: false });
    setPercent(percentRead(index, anchor.current));
  };

  const currentSection = () => index.address[anchor.current?.n ?? 0]?.section ?? 0;
  useEffect(() => {
    // Reader keys; none of them while typing in a field or with a modifier held.
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).closest?.('input, select, textarea')) return;
      const sections = story.sections.length;
      if ((e.key === 'n' || e.key === ']') && currentSection() < sections - 1) jumpTo(currentSection() + 1);
      else if (e.key === 'p' || e.key === '[') jumpTo(Math.max(0, currentSection() - 1));
      else if (e.key === '+' || e.key === '=') props.onSettings(stepFontSize(settings, 1));
      else if (e.key === '-') props.onSettings(stepFontSize(settings, -1));
      else if (e.key === 't') toc.current?.querySelector<HTMLElement>('button')?.focus();
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });
  const left = minutesLeft(total, percent);
  const rounded = Math.floor(percent);
  const headed = story.sections.filter((s) => s.heading);

  return (
    <div class="reader">
      <header class="reader-bar" ref={header}>
        <button type="button" class="bar-button" onClick={props.onLibrary}>
          <span aria-hidden="true">←</span> {t('backToLibrary')}
        </button>
        <div
          class="progress"
          role="progressbar"
          aria-label={t('readingProgress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={rounded}
          aria-valuetext={t('progressText', rounded, formatMinutes(left))}
        >
          <span class="progress-text">
            {left ? t('progressShort', rounded, formatMinutes(left)) : t('progressFinished', rounded)}
          </span>
          <span class="progress-track">
            <span class="progress-fill" style={{ transform: `scaleX(${percent / 100})` }} />
          </span>
        </div>
        <div class="font-buttons" role="group" aria-label={t('textSize')}>
          <button type="button" class="bar-button" data-action="smaller" aria-keyshortcuts="-" onClick={() => props.onSettings(stepFontSize(settings, -1))}>
            <span aria-hidden="true">A−</span>
            <span class="visually-hidden">{t('smallerText')}</span>
          </button>
          <button type="button" class="bar-button" data-action="larger" aria-keyshortcuts="+" onClick={() => props.onSettings(stepFontSize(settings, 1))}>
            <span aria-hidden="true">A+</span>
            <span class="visually-hidden">{t('largerText')}</span>
          </button>
          <button type="button" class="bar-button" aria-expanded={settingsOpen} aria-controls="reading-settings" onClick={() => setSettingsOpen(!settingsOpen)}>
            {t('settings')}
          </button>
        </div>
      </header>
      {settingsOpen && <SettingsPanel settings={settings} onChange={props.onSettings} onClose={() => setSettingsOpen(false)} />}
      {props.notice && (
        <p class="notice quiet" role="status">
          {props.notice}
        </p>
      )}
      <main>
      <article class="story" lang="en" aria-labelledby="story-title" ref={article}>
        <header class="story-header">
          <h1 id="story-title">{entry.title}</h1>
          {!entry.titleIsAuthors && <p class="title-note">{t('displayTitleNote')}</p>}
          <p class="story-meta">
            {entry.fandom} · {formatWords(story.words)} · {formatMinutes(story.readingMinutes)}
          </p>
        </header>
        {story.frontMatter.length > 0 && (
          <Notes class="front-matter" summary={t('beforeStory')} notes={story.frontMatter} open={props.frontMatterOpen} onToggle={(o) => props.onNotesToggle('front', o)} />
        )}
        {headed.length > 1 && (
          <nav class="toc" aria-label={t('contents')} ref={toc} aria-keyshortcuts="t">
            <h2 class="notes-heading">{t('contents')}</h2>
            <ol>
              {story.sections.map((s, i) =>
                s.heading ? (
                  <li key={s.id}>
                    <button type="button" class="toc-link" onClick={() => jumpTo(i)}>
                      {s.heading}
                    </button>
                  </li>
                ) : null,
              )}
            </ol>
          </nav>
        )}
        <StoryText chunks={chunks} drawn={drawn} fontSize={settings.fontSize} />
        {story.endNotes.length > 0 && (
          <Notes class="end-notes" summary={t('afterStory')} notes={story.endNotes} open={props.endNotesOpen} onToggle={(o) => props.onNotesToggle('end', o)} />
        )}
      </article>
      </main>
    </div>
  );
}

interface StoryTextProps {
  chunks: Chunk[];
  drawn: boolean[];
  fontSize: number;
}

/**
 * The story's paragraphs. It re-renders only when more of it is drawn or the text size changes, not when
 * the reader's progress changes on every scroll (diffing thousands of paragraphs per frame showed in traces).
 */
class StoryText extends Component<StoryTextProps> {
  override shouldComponentUpdate(next: StoryTextProps) {
    return next.chunks !== this.props.chunks || next.drawn !== this.props.drawn || next.fontSize !== this.props.fontSize;
  }
  override render({ chunks, drawn, fontSize }: StoryTextProps) {
    return chunks.map((chunk, i) =>
      drawn[i] ? (
        <div class="chunk" key={i}>
          {chunk.blocks.map(renderBlock)}
        </div>
      ) : (
        // Held back until drawn: a box of about the right height keeps the scroll bar honest.
        <div class="chunk-placeholder" key={i} style={{ height: `${Math.round(chunk.words * 0.45 * (fontSize / 18))}px` }} />
      ),
    );
  }
}

function renderBlock(block: Block, i: number) {
  if (block.kind === 'heading') {
    return (
      <h2 class="section-heading" id={block.id} key={`h${i}`}>
        {block.text}
      </h2>
    );
  }
  if (block.kind === 'break') return <hr class="scene-break" key={`b${i}`} aria-label={t('sceneBreak')} />;
  return (
    <p data-p={block.n} key={`p${block.n}`}>
      {block.paragraph.spans.map((s) => (s.em ? <em class="telepathy">{s.text}</em> : s.text))}
    </p>
  );
}

function Notes(props: { class: string; summary: string; notes: Note[]; open: boolean; onToggle: (open: boolean) => void }) {
  return (
    <details
      class={`notes ${props.class}`}
      open={props.open}
      onToggle={(e) => {
        const open = (e.currentTarget as HTMLDetailsElement).open;
        if (open !== props.open) props.onToggle(open);
      }}
    >
      <summary class="notes-heading">
        {props.summary}: {[...new Set(props.notes.map((n) => t(KIND_LABEL[n.kind]).toLowerCase()))].join(', ')}
      </summary>
      {props.notes.map((note, i) => (
        <div class="note" key={i}>
          <span class="note-kind">{t(KIND_LABEL[note.kind])}</span>
          <p>{note.text}</p>
        </div>
      ))}
    </details>
  );
}
