import { Component, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CatalogEntry } from '../lib/catalog';
import { formatMinutes, formatWords } from './format';
import { t } from './i18n';
import { SEED_NOTE_LABEL as KIND_LABEL } from './note-labels';
import { indexOutline, minutesLeft, paragraphOf, percentRead, positionAt, totalWords, type Position } from '../lib/position';
import { spansText } from '../lib/doc/from-dom';
import { chunkOf, renderOrder, type Block } from '../lib/story/chunks';
import { Blocks } from './Blocks';
import type { Note } from '../lib/story/model';
import { withoutLabel } from '../lib/story/notes';
import type { ChunkRange, StoryOutline } from '../lib/story/outline';
import { stepFontSize, type Settings } from '../lib/settings';
import { ReaderBar, type Sheet } from './ReaderBar';
import { StoryEnd, type EndLink } from './StoryEnd';
import { useReaderKeys } from './hooks/useReaderKeys';
import { ReadAloudControl } from './ReadAloudControl';
import { useReadAloud, type ReadAloudSetup } from './hooks/useReadAloud';
import { markReading, markWord } from './reading-mark';
import { useParagraphAnchor } from './useParagraphAnchor';

export interface PositionReport {
  position: Position;
  percent: number;
  /** The end of the story came into view. */
  atEnd: boolean;
}

export interface ReaderProps {
  entry: CatalogEntry;
  outline: StoryOutline;
  /** Where to open; null opens at the start. */
  initial: Position | null;
  /** Chunks already loaded (those around `initial`): they are drawn in the first render. */
  initialChunks: ReadonlyMap<number, Block[]>;
  /** Loads the blocks of chunk i; the reader asks for the rest of the story this way, nearest chunks first. */
  loadChunk: (i: number) => Promise<Block[]>;
  settings: Settings;
  frontMatterOpen: boolean;
  endNotesOpen: boolean;
  /** A quiet message shown under the header (for example when progress cannot be saved). */
  notice: string | null;
  /** Shown under the header too: an offer the reader may take (a place reached on another device). */
  banner?: ComponentChildren;
  /** Where to go from the end of the story (the next unfinished one), once known. */
  next?: EndLink | null;
  /** Offered at the end of the story, under the way onward (the EPUB download). */
  endExtra?: ComponentChildren;
  /** A place the reader asked to go to (an offer taken); each new `seq` moves there once. */
  goTo?: { position: Position; seq: number } | null;
  onPosition: (report: PositionReport) => void;
  onSettings: (settings: Settings) => void;
  onNotesToggle: (which: 'front' | 'end', open: boolean) => void;
  onLibrary: () => void;
  /** The speech engine to read aloud with (the entrypoint passes the browser's; tests a fake); none hides nothing, the control then says there is no voice. */
  speech?: ReadAloudSetup | null;
}

/** What reading aloud says, in order: notes before the story, its paragraphs, notes after it. */
interface SpokenItem {
  text: string;
  skip: boolean;
  /** The story paragraph, or null for a note. */
  n: number | null;
  note?: { where: 'front' | 'end'; i: number };
}

/** Paragraphs loaded and drawn per slice while the rest of a long story fills in. */
const PARAGRAPHS_PER_SLICE = 400;

interface Anchor {
  n: number;
  offset: number;
}

/** A chunk's blocks once loaded; 'failed' when its file could not be read. */
type Loaded = Block[] | 'failed' | undefined;

/**
 * The side-panel reader. Long stories draw the chunks around the saved paragraph first and load and draw
 * the rest slice by slice; the reading position is kept as a paragraph anchor and re-applied after anything
 * that moves text (more chunks drawn, a resize, a font change).
 */
export function Reader(props: ReaderProps) {
  const { entry, outline } = props;
  const index = useMemo(() => indexOutline(outline), [outline]);
  const chunks = outline.chunks;
  const initialAnchor = props.initial ? { n: paragraphOf(index, props.initial), offset: props.initial.offset } : null;
  const [loaded, setLoaded] = useState<Loaded[]>(() => chunks.map((_, i) => props.initialChunks.get(i)));
  const [percent, setPercent] = useState(() => (initialAnchor ? percentRead(index, initialAnchor) : 0));
  /** The section being read, named in the bar and marked in the contents. */
  const [section, setSection] = useState(() => index.address[initialAnchor?.n ?? 0]?.part ?? 0);
  const showAt = (n: number, pct: number) => {
    setPercent(pct);
    setSection(index.address[n]?.part ?? 0);
  };
  const header = useRef<HTMLElement>(null);
  const article = useRef<HTMLElement>(null);
  const [sheet, setSheet] = useState<Sheet>(null);
  const { settings } = props;
  const total = totalWords(index);

  const { anchor, restore } = useParagraphAnchor<Anchor>(initialAnchor, {
    root: document,
    container: article,
    line: () => (header.current?.getBoundingClientRect().bottom ?? 0) + 8,
    // A paragraph in a part that could not be read is held by that part's notice, so the place stays usable.
    elementOf: (a) =>
      document.querySelector<HTMLElement>(`[data-p="${a.n}"]`) ??
      document.querySelector<HTMLElement>(`.chunk-failed[data-chunk="${chunkOf(chunks, a.n)}"]`),
    isPending: (a) => loaded[chunkOf(chunks, a.n)] === undefined,
    anchorOf: (el, offset) => ({ n: Number(el.dataset.p), offset }),
    layout: `${settings.fontSize},${settings.lineHeight},${settings.width},${settings.paragraphSpacing},${settings.fontFamily}|${loaded.filter(Boolean).length}`,
    onRead(found, prev) {
      const last = document.querySelector<HTMLElement>(`[data-p="${index.address.length - 1}"]`);
      const atEnd = !!last && last.getBoundingClientRect().bottom <= window.innerHeight;
      const pct = atEnd ? 100 : percentRead(index, found);
      showAt(found.n, pct);
      const moved = !prev || prev.n !== found.n || Math.abs(prev.offset - found.offset) > 0.005;
      if (moved || atEnd) props.onPosition({ position: positionAt(index, found.n, found.offset), percent: pct, atEnd });
    },
  });

  // Load and draw the rest of a long story, nearest chunks first, one slice at a time.
  const loading = useRef(new Set<number>());
  const load = (wanted: number[]) => {
    const fresh = wanted.filter((i) => !loading.current.has(i));
    for (const i of fresh) loading.current.add(i);
    return Promise.all(
      fresh.map((i) =>
        props.loadChunk(i).then(
          (blocks): [number, Loaded] => [i, blocks],
          (): [number, Loaded] => [i, 'failed'],
        ),
      ),
    ).then((got) => {
      if (got.length) setLoaded((prev) => prev.map((c, i) => c ?? got.find(([k]) => k === i)?.[1]));
    });
  };
  useEffect(() => {
    if (loaded.every(Boolean)) return;
    // In idle time: the first slice must not hold up the first paint of the text already there.
    const handle = requestIdleCallback(
      () => {
        const wanted: number[] = [];
        let budget = PARAGRAPHS_PER_SLICE;
        for (const i of renderOrder(chunks.length, chunkOf(chunks, anchor.current?.n ?? 0))) {
          if (loaded[i] || loading.current.has(i)) continue;
          wanted.push(i);
          budget -= (chunks[i] as ChunkRange).last - (chunks[i] as ChunkRange).first + 1;
          if (budget <= 0) break;
        }
        void load(wanted);
      },
      { timeout: 500 },
    );
    return () => cancelIdleCallback(handle);
  }, [loaded, chunks]);
  useEffect(() => {
    if (loaded.every(Boolean)) document.documentElement.dataset.complete = 'true';
  }, [loaded]);

  /** Moves to paragraph n (loading its part first if need be) and reports it as the reader's place. */
  const moveTo = (n: number, offset: number) => {
    anchor.current = { n, offset };
    const c = chunkOf(chunks, n);
    if (!loaded[c]) void load([c]);
    else restore();
    const pct = percentRead(index, anchor.current);
    props.onPosition({ position: positionAt(index, n, offset), percent: pct, atEnd: false });
    showAt(n, pct);
  };
  const jumpTo = (sectionIndex: number) => {
    const first = index.address.findIndex((a) => a.part === sectionIndex);
    if (first !== -1) moveTo(first, 0);
  };
  useEffect(() => {
    if (props.goTo) moveTo(paragraphOf(index, props.goTo.position), props.goTo.position.offset);
  }, [props.goTo?.seq]);

  // Read aloud: the paragraph being read is marked and kept at the reading line; pausing or stopping saves
  // the place at it, as reading does.
  const loadedNow = useRef(loaded);
  loadedNow.current = loaded;
  const spoken = useRef<SpokenItem[]>([]);
  const spokenItems = (): SpokenItem[] => {
    const texts: string[] = new Array<string>(index.address.length).fill('');
    for (const c of loadedNow.current)
      if (Array.isArray(c)) for (const b of c) if (b.kind === 'paragraph' && b.p !== null) texts[b.p] = spansText(b.spans);
    const notes = (where: 'front' | 'end', list: Note[]) =>
      list.map((note, i): SpokenItem => ({ text: note.text, skip: settings.storyOnly, n: null, note: { where, i } }));
    return [
      ...notes('front', outline.frontMatter),
      ...texts.map((text, n): SpokenItem => ({ text, skip: false, n })),
      ...notes('end', outline.endNotes),
    ];
  };
  const elementOfItem = (item: SpokenItem | undefined): HTMLElement | null => {
    if (!item) return null;
    if (item.n !== null) return document.querySelector<HTMLElement>(`[data-p="${item.n}"]`);
    const cls = item.note?.where === 'front' ? '.front-matter' : '.end-notes';
    return article.current?.querySelectorAll<HTMLElement>(`${cls} .note p`)[item.note?.i ?? 0] ?? null;
  };
  const savePlace = (n: number) => {
    anchor.current = { n, offset: 0 };
    const pct = percentRead(index, anchor.current);
    showAt(n, pct);
    props.onPosition({ position: positionAt(index, n, 0), percent: pct, atEnd: false });
  };
  const read = useReadAloud({
    setup: props.speech ?? null,
    paragraphs: () => (spoken.current = spokenItems()),
    voiceURI: settings.voice,
    rate: settings.rate,
    lang: 'en',
    title: entry.title,
    onParagraph(i) {
      const item = spoken.current[i];
      const el = elementOfItem(item);
      markReading(el);
      if (item?.n != null) {
        savePlace(item.n);
        restore();
      } else if (el?.offsetParent) {
        window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - ((header.current?.getBoundingClientRect().bottom ?? 0) + 8));
      }
    },
    onWord(i, start, length) {
      markWord(elementOfItem(spoken.current[i]), start, length);
    },
    onHalt(i) {
      const n = spoken.current[i]?.n;
      if (n != null) savePlace(n);
    },
  });
  /** Where reading aloud starts: the paragraph at the reading line (the notes before the story at its very top). */
  const readFrom = () => {
    const a = anchor.current;
    return !a || (a.n === 0 && a.offset <= 0) ? 0 : outline.frontMatter.length + a.n;
  };

  const currentSection = () => index.address[anchor.current?.n ?? 0]?.part ?? 0;
  const headed = outline.sections.filter((s) => s.heading);
  useReaderKeys({
    next: () => currentSection() < outline.sections.length - 1 && jumpTo(currentSection() + 1),
    previous: () => jumpTo(Math.max(0, currentSection() - 1)),
    larger: () => props.onSettings(stepFontSize(settings, 1)),
    smaller: () => props.onSettings(stepFontSize(settings, -1)),
    contents: headed.length > 1 ? () => setSheet('contents') : undefined,
    readAloud: () => read.toggle(readFrom()),
    readNext: () => read.active() && read.next(),
    readPrevious: () => read.active() && read.previous(),
  });
  const left = minutesLeft(total, percent);
  const rounded = Math.floor(percent);
  /** The notes before or after the story, folded as the reader left them; nothing when there are none. */
  const edgeNotes = (which: 'front' | 'end') => {
    const front = which === 'front';
    const notes = front ? outline.frontMatter : outline.endNotes;
    if (notes.length === 0) return null;
    return (
      <Notes
        class={front ? 'front-matter' : 'end-notes'}
        summary={t(front ? 'beforeStory' : 'afterStory')}
        notes={notes}
        open={front ? props.frontMatterOpen : props.endNotesOpen}
        onToggle={(o) => props.onNotesToggle(which, o)}
      />
    );
  };

  return (
    <div class="reader">
      <ReaderBar
        barRef={header}
        back={{ label: t('backToLibrary'), icon: '←', onClick: props.onLibrary }}
        where={outline.sections[section]?.heading ?? null}
        percent={percent}
        progress={left ? t('progressShort', rounded, formatMinutes(left)) : t('progressFinished', rounded)}
        progressText={t('progressText', rounded, formatMinutes(left))}
        readAloud={<ReadAloudControl state={read.state} voices={read.voices} onToggle={() => read.toggle(readFrom())} />}
        contents={headed.length > 1 ? outline.sections.map((x, i) => ({ label: x.heading ?? t('sectionN', i + 1) })) : []}
        current={section}
        onContents={jumpTo}
        sheet={sheet}
        onSheet={setSheet}
        settings={settings}
        onSettings={props.onSettings}
        voices={read.voiceList}
        offer={props.banner}
      />
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
              {entry.fandom} · {formatWords(outline.words)} · {formatMinutes(outline.readingMinutes)}
            </p>
          </header>
          {edgeNotes('front')}
          <StoryText chunks={chunks} loaded={loaded} fontSize={settings.fontSize} />
          {edgeNotes('end')}
          <StoryEnd finished next={props.next} onLibrary={props.onLibrary} extra={props.endExtra} />
        </article>
      </main>
    </div>
  );
}

interface StoryTextProps {
  chunks: ChunkRange[];
  loaded: Loaded[];
  fontSize: number;
}

/**
 * The story's paragraphs. It re-renders only when more of it is drawn or the text size changes, not when
 * the reader's progress changes on every scroll (diffing thousands of paragraphs per frame showed in traces).
 */
class StoryText extends Component<StoryTextProps> {
  override shouldComponentUpdate(next: StoryTextProps) {
    return next.chunks !== this.props.chunks || next.loaded !== this.props.loaded || next.fontSize !== this.props.fontSize;
  }
  override render({ chunks, loaded, fontSize }: StoryTextProps) {
    return chunks.map((chunk, i) => {
      const blocks = loaded[i];
      if (blocks === 'failed') {
        return (
          <p class="notice chunk-failed" key={i} data-chunk={i} role="alert">
            {t('chunkFailed')}
          </p>
        );
      }
      return blocks ? (
        <div class="chunk" key={i}>
          <Blocks blocks={blocks} />
        </div>
      ) : (
        // Held back until drawn: a box of about the right height keeps the scroll bar honest.
        <div class="chunk-placeholder" key={i} style={{ height: `${Math.round(chunk.words * 0.45 * (fontSize / 18))}px` }} />
      );
    });
  }
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
          <p>{withoutLabel(note.text, t(KIND_LABEL[note.kind]))}</p>
        </div>
      ))}
    </details>
  );
}
