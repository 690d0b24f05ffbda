import { Component, Fragment, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Block } from '../lib/doc/model';
import { spansText } from '../lib/doc/from-dom';
import { stepFontSize, type Settings } from '../lib/settings';
import { renderOrder } from '../lib/story/chunks';
import type { SpokenParagraph } from '../lib/speech/read-aloud';
import type { ParagraphFinder } from './anchor';
import { t } from './i18n';
import { createDrawer, type Drawer } from './progressive';
import { ReadAloudControl } from './ReadAloudControl';
import { ReaderBar, type ContentsItem, type ReaderBarProps, type Sheet } from './ReaderBar';
import { StoryEnd, type StoryEndProps } from './StoryEnd';
import { useReaderKeys } from './hooks/useReaderKeys';
import { useReadAloud, type ReadAloudSetup } from './hooks/useReadAloud';
import { markReading, markWord } from './reading-mark';
import { isTrustedInput } from './trusted';
import { useParagraphAnchor } from './useParagraphAnchor';

/**
 * A place in what the reader shows: `part` is one of the source's parts (a section of a bundled story, a
 * chapter the page shows), `p` a paragraph's index within it, `offset` how far into that paragraph (0..1).
 */
export interface Place {
  part: number;
  p: number;
  offset: number;
}

export interface PositionReport {
  place: Place;
  percent: number;
  /** The end of the text came into view. */
  atEnd: boolean;
}

/** A note drawn apart from the story text, and read aloud unless "story only". */
export interface NoteItem {
  /** Unique in the source: what read aloud finds the note's box by. */
  key: string;
  /** Its kind, shown above it when the group holds several kinds. */
  label?: string;
  blocks: readonly Block[];
  /** What is read aloud. */
  text: string;
}

/** Notes shown together in one fold. */
export interface NoteGroup {
  key: string;
  class?: string;
  summary: string;
  notes: readonly NoteItem[];
  /** The fold the reader's choice is kept for (the side panel's notes before and after the story); none, open. */
  fold?: 'front' | 'end';
}

/**
 * A run of the text drawn (or held back) together: a chunk of a bundled story, a chapter of a page. Its
 * anchorable blocks (`p` not null) are the reader's paragraphs, placed by `placeOf`.
 */
export interface Piece {
  key: string | number;
  /** Its blocks when the source has them; none, they are asked for through `ReaderProps.loadPiece`. */
  blocks?: readonly Block[];
  words: number;
  /** How many paragraphs it holds (what a slice of loading is counted in). */
  paragraphs: number;
  /** The class of the element its blocks are drawn into. */
  textClass: string;
  /** A chapter of a page: its heading, drawn above its notes and text (held in a `data-part` box), in a `section` of its own. */
  heading?: { id: string; text: string };
  before?: readonly NoteGroup[];
  after?: readonly NoteGroup[];
  /** Not laid out while off screen (content-visibility), held at about its height. */
  deferred?: boolean;
  /** What each paragraph says, when the source knows it; else the paragraph blocks' text. */
  texts?: readonly string[];
  /** The place of its anchorable block `p`. */
  placeOf(p: number): { part: number; p: number };
}

/**
 * What is read: the bundled or saved story of the side panel (components/story-source.tsx) or a site's page
 * (components/page-source.tsx). The reader draws, anchors, reads aloud and navigates it the same way.
 */
export interface ReaderSource {
  title: string;
  /** The text's `lang`, when known. */
  lang?: string;
  /** The language to read aloud in. */
  speechLang: string;
  /** Under the title: the story's facts. */
  header: ComponentChildren;
  front: readonly NoteGroup[];
  back: readonly NoteGroup[];
  pieces: readonly Piece[];
  /** The piece holding a place. */
  pieceOf(place: Place): number;
  /** The last paragraph: the end of the text is in view when its bottom is. */
  last: Place | null;
  percent(place: Place): number;
  /** The bar's progress for a percent at a part: short, and said in full. */
  progress(percent: number, part: number): { short: string; text: string };
  /** The part's name in the bar. */
  where(part: number): string | null;
  contents: readonly ContentsItem[];
  /** The contents entry marked as current at a part. */
  currentEntry(part: number): number;
  /** Where contents entry i goes in this view; null when it is a link elsewhere. */
  jump(i: number): Place | null;
  /** The place the `n` (1) and `p` (-1) keys go to; null when there is none here (or the source went elsewhere). */
  step(place: Place, dir: 1 | -1): Place | null;
}

export interface ReaderProps {
  source: ReaderSource;
  /** Where to open; null opens at the start. */
  initial: Place | null;
  /** Blocks of pieces the source did not give, already loaded (those around `initial`): drawn at once. */
  given?: ReadonlyMap<number, readonly Block[]>;
  /** Loads the blocks of piece i that are neither given nor the source's: asked for nearest the reader first. */
  loadPiece?: (i: number) => Promise<readonly Block[]>;
  settings: Settings;
  onSettings: (settings: Settings) => void;
  onPosition: (report: PositionReport) => void;
  /** The bar's leading button: back to the library, or to the site's original page. */
  back: ReaderBarProps['back'];
  /** A quiet message under the bar (progress that cannot be saved). */
  notice?: string | null;
  /** An offer hung under the bar (a place reached on another device). */
  offer?: ComponentChildren;
  /** A place the reader asked to go to (an offer taken); each new `seq` moves there once. */
  goTo?: { place: Place; seq: number } | null;
  folds?: { front: boolean; end: boolean };
  onFold?: (which: 'front' | 'end', open: boolean) => void;
  /** What ends the text; null while the text shown is not all of it (a huge page still being read). */
  end: StoryEndProps | null;
  /** After the end (a page's chapter navigation). */
  after?: ComponentChildren;
  /** The next chapter's page, offered when reading aloud reaches the end. */
  nextChapter?: string;
  /** Where to hit-test and find footnote targets: the document, or a restyled page's shadow root. */
  root?: Document | ShadowRoot;
  /** The view's own class (`restyled` in a page). */
  class?: string;
  /** Take keyboard focus when nothing has it (a restyled page, whose own body is hidden). */
  focusView?: boolean;
  /** Everything is loaded and drawn. */
  onComplete?: () => void;
  /** The speech engine to read aloud with; null shows the control saying there is no voice; none, no control. */
  speech?: ReadAloudSetup | null;
}

/** A paragraph or note to read aloud: a paragraph has its place, a note its key. */
interface SpokenItem extends SpokenParagraph {
  at?: Place;
  note?: string;
}

/** A piece's blocks once loaded; 'failed' when they could not be read. */
type Loaded = readonly Block[] | 'failed' | undefined;

/**
 * How long the first screen may take to draw before the rest goes to idle time. It stops sooner, once the
 * text drawn reaches below the window: what is under it is drawn after the first paint.
 */
const FIRST_DRAW_MS = 50;
/** Paragraphs loaded per idle slice while the rest of a long story comes in. */
const PARAGRAPHS_PER_SLICE = 400;
const START: Place = { part: 0, p: 0, offset: 0 };

/** The reader's own record of the paragraphs it drew: found by element, never by an attribute the page could write. */
interface Drawn {
  drawer: Drawer;
  /** `byPart[part][p]`: the drawn paragraph element. */
  byPart: HTMLElement[][];
  anchors: WeakMap<Element, Place>;
  drawnAt(at: { part: number; p: number }, el: HTMLElement): void;
  /** Something was drawn again, or out of document order. */
  reordered(): void;
  finder: ParagraphFinder;
  /** Each note's box by its key. */
  notes: Map<string, HTMLElement>;
  /** The notice of each piece that could not be loaded. */
  failed: Map<number, HTMLElement>;
}

function createDrawn(root: () => HTMLElement | null): Drawn {
  const anchors = new WeakMap<Element, Place>();
  const byPart: HTMLElement[][] = [];
  // Every drawn paragraph in document order, kept as they are drawn: flattening `byPart` on each scroll cost
  // a pass over every drawn paragraph. Once something is drawn out of order (a piece loaded above the
  // reader, a part drawn again) the list is rebuilt from `byPart` when asked for after something new.
  let all: HTMLElement[] = [];
  let last: { part: number; p: number } | null = null;
  let stale = false;
  const drawn: Drawn = {
    drawer: createDrawer(),
    byPart,
    anchors,
    notes: new Map(),
    failed: new Map(),
    drawnAt(at, el) {
      const list = byPart[at.part] ?? [];
      byPart[at.part] = list;
      list[at.p] = el;
      anchors.set(el, { part: at.part, p: at.p, offset: 0 });
      const inOrder = !last || at.part > last.part || (at.part === last.part && at.p > last.p);
      if (inOrder && !stale) {
        all.push(el);
        last = at;
      } else drawn.reordered();
    },
    reordered() {
      stale = true;
    },
    finder: {
      of(el) {
        const stop = root();
        for (let at: Element | null = el; at && at !== stop; at = at.parentElement) if (anchors.has(at)) return at as HTMLElement;
        return null;
      },
      all() {
        if (stale) {
          all = byPart.flat();
          stale = false;
          const lastPart = byPart.length - 1;
          last = lastPart >= 0 ? { part: lastPart, p: (byPart[lastPart]?.length ?? 1) - 1 } : null;
        }
        return all;
      },
    },
  };
  return drawn;
}

/**
 * The one reader, for the side panel and restyled pages alike: the bar and its sheets, the keys, read aloud,
 * the paragraph anchor, the notes, the text drawn in slices (components/progressive.ts: the first screen and
 * the saved paragraph before the first paint, the rest in idle time) and the end. What the source did not
 * give (a long story's chunks) is loaded nearest the reader first. Page-derived text reaches the DOM only
 * as the document model drawn by components/Blocks.tsx: nothing is parsed here.
 */
export function Reader(props: ReaderProps) {
  const { source, settings } = props;
  const root = props.root ?? document;
  const { pieces } = source;
  const bar = useRef<HTMLElement>(null);
  const body = useRef<HTMLElement>(null);
  const view = useRef<HTMLDivElement>(null);
  const [sheet, setSheet] = useState<Sheet>(null);
  const [loaded, setLoaded] = useState<Loaded[]>(() => pieces.map((x, i) => x.blocks ?? props.given?.get(i)));
  const loadedNow = useRef(loaded);
  loadedNow.current = loaded;
  const [percent, setPercent] = useState(() => source.percent(props.initial ?? START));
  /** The part being read, named in the bar and marked in the contents. */
  const [partNow, setPartNow] = useState(() => props.initial?.part ?? 0);
  const [drawn] = useState(() => createDrawn(() => body.current));
  const line = () => (bar.current?.getBoundingClientRect().bottom ?? 0) + 8;
  const elementOf = (a: Place): HTMLElement | null => drawn.byPart[a.part]?.[a.p] ?? drawn.failed.get(source.pieceOf(a)) ?? null;
  const there = (a: Place) => elementOf(a) !== null;

  // Draw: before the first paint the first screen and as far as the reader's paragraph; the rest in idle time.
  // Idle slices append what was queued, and the anchor hook's ResizeObserver puts the reader's paragraph back
  // when the text's size changes. Restoring after every slice read the layout each time (a forced layout of
  // everything drawn so far: minutes on a 67,000-paragraph chapter); only an anchor that was waiting for its
  // paragraph, and the end of the drawing, need it.
  const idle = useRef<(() => void) | null>(null);
  const waiting = useRef(false);
  const completed = useRef(false);
  const checkComplete = () => {
    if (completed.current || !drawn.drawer.finished || loadedNow.current.some((x) => x === undefined)) return;
    completed.current = true;
    props.onComplete?.();
  };
  const first = useRef(true);
  useLayoutEffect(() => {
    // The pieces and notes newly there have queued their blocks (their layout effects ran first).
    if (first.current) drawn.drawer.draw(FIRST_DRAW_MS, (last) => last.getBoundingClientRect().top > innerHeight);
    first.current = false;
    const a = anchorApi.anchor.current;
    if (a && loaded[source.pieceOf(a)] !== undefined) drawn.drawer.drawUntil(() => there(a));
    if (!idle.current && !drawn.drawer.finished) {
      idle.current = drawn.drawer.drawIdle(() => {
        const now = anchorApi.anchor.current;
        const here = !now || there(now);
        if ((here && waiting.current) || drawn.drawer.finished) anchorApi.keep();
        waiting.current = !here;
        if (drawn.drawer.finished) idle.current = null;
        checkComplete();
      });
    }
    checkComplete();
  }, [loaded]);
  useEffect(() => () => idle.current?.(), []);

  // Load what the source did not give, nearest the reader first, a slice at a time, in idle time: the first
  // slice must not hold up the first paint of the text already there.
  const loading = useRef(new Set<number>());
  const load = (wanted: number[]) => {
    const { loadPiece } = props;
    const fresh = wanted.filter((i) => !loading.current.has(i));
    if (!loadPiece || fresh.length === 0) return;
    for (const i of fresh) loading.current.add(i);
    void Promise.all(
      fresh.map((i) =>
        loadPiece(i).then(
          (blocks): [number, Loaded] => [i, blocks],
          (): [number, Loaded] => [i, 'failed'],
        ),
      ),
    ).then((got) => setLoaded((prev) => prev.map((c, i) => c ?? got.find(([k]) => k === i)?.[1])));
  };
  useEffect(() => {
    if (loaded.every((x) => x !== undefined)) return;
    const handle = requestIdleCallback(
      () => {
        const wanted: number[] = [];
        let budget = PARAGRAPHS_PER_SLICE;
        for (const i of renderOrder(pieces.length, source.pieceOf(anchorApi.anchor.current ?? START))) {
          if (loaded[i] !== undefined || loading.current.has(i)) continue;
          wanted.push(i);
          budget -= pieces[i]?.paragraphs ?? 0;
          if (budget <= 0) break;
        }
        load(wanted);
      },
      { timeout: 500 },
    );
    return () => cancelIdleCallback(handle);
  }, [loaded]);

  useEffect(() => {
    // A restyled page's own body is hidden: Firefox's Tab key finds nothing from it. Start keyboard focus in
    // the view, unless the reader already put it somewhere.
    if (!props.focusView) return;
    const active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) view.current?.focus({ preventScroll: true });
  }, []);

  const anchorApi = useParagraphAnchor<Place>(props.initial, {
    root,
    container: body,
    line,
    elementOf,
    isPending: (a) => loadedNow.current[source.pieceOf(a)] === undefined || !drawn.drawer.finished,
    anchorOf(el, offset) {
      const found = drawn.anchors.get(el);
      return found ? { part: found.part, p: found.p, offset } : null;
    },
    finder: drawn.finder,
    layout: `${settings.fontSize},${settings.lineHeight},${settings.width},${settings.paragraphSpacing},${settings.fontFamily}|${loaded.filter((x) => x !== undefined).length}`,
    onRead(found, prev) {
      const end = source.last && drawn.byPart[source.last.part]?.[source.last.p];
      const atEnd = !!end && end.getBoundingClientRect().bottom <= innerHeight;
      const moved = !prev || prev.part !== found.part || prev.p !== found.p || Math.abs(prev.offset - found.offset) > 0.005;
      if (moved || atEnd) onAt(found, atEnd);
    },
  });
  /** The reader is at `a` (read there, or moved there): shown in the bar and reported. */
  const onAt = (a: Place, atEnd = false) => {
    const pct = atEnd ? 100 : source.percent(a);
    setPercent(pct);
    setPartNow(a.part);
    props.onPosition({ place: a, percent: pct, atEnd });
  };
  /** Moves to `a` (loading and drawing its piece first if need be) and reports it as the reader's place. */
  const moveTo = (a: Place) => {
    anchorApi.anchor.current = a;
    const i = source.pieceOf(a);
    if (loaded[i] === undefined) load([i]);
    else {
      drawn.drawer.drawUntil(() => there(a));
      anchorApi.restore();
    }
    onAt(a);
  };
  useEffect(() => {
    if (props.goTo) moveTo(props.goTo.place);
  }, [props.goTo?.seq]);

  useEffect(() => {
    // A footnote link (`#fn1`) names an element of the text, which in a restyled page lives in a shadow root
    // the browser's own fragment navigation does not look into: go there ourselves, below the bar.
    const el = body.current;
    if (!el) return;
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href^="#"]');
      if (!link) return;
      e.preventDefault();
      if (!isTrustedInput(e)) return;
      let id = '';
      try {
        id = decodeURIComponent((link.getAttribute('href') ?? '').slice(1));
      } catch {
        return; // a malformed escape names nothing
      }
      const to = id && root.getElementById(id);
      if (!to) return;
      window.scrollTo(0, to.getBoundingClientRect().top + window.scrollY - line());
      // The note is the reader's place from now: a restore before the scroll event is read (a slice drawn,
      // the drawing finishing) must keep it there, not take the reader back to the paragraph they left.
      anchorApi.readLine();
    };
    el.addEventListener('click', onClick);
    return () => el.removeEventListener('click', onClick);
  }, []);

  // Read aloud: the paragraph being read is drawn, marked and kept at the reading line, and the place saved
  // at it as reading does; notes are read unless "story only" is chosen. At the end of a site's chapter the
  // next chapter is offered (the site's page: nothing is fetched).
  const spoken = useRef<SpokenItem[]>([]);
  const [chapterRead, setChapterRead] = useState(false);
  const spokenItems = (): SpokenItem[] => {
    const items: SpokenItem[] = [];
    const notes = (groups: readonly NoteGroup[] | undefined) => {
      for (const g of groups ?? []) for (const n of g.notes) items.push({ text: n.text, skip: settings.storyOnly, note: n.key });
    };
    notes(source.front);
    pieces.forEach((piece, i) => {
      notes(piece.before);
      const blocks = loadedNow.current[i];
      if (piece.texts)
        piece.texts.forEach((text, p) => {
          items.push({ text, skip: false, at: { ...piece.placeOf(p), offset: 0 } });
        });
      else if (Array.isArray(blocks))
        for (const b of blocks as readonly Block[])
          if (b.kind === 'paragraph' && b.p !== null)
            items.push({ text: spansText(b.spans), skip: false, at: { ...piece.placeOf(b.p), offset: 0 } });
      notes(piece.after);
    });
    notes(source.back);
    return items;
  };
  const elementOfItem = (item: SpokenItem | undefined): HTMLElement | null => {
    if (item?.note) return drawn.notes.get(item.note) ?? null;
    const a = item?.at;
    if (!a) return null;
    drawn.drawer.drawUntil(() => there(a));
    return elementOf(a);
  };
  const read = useReadAloud({
    setup: props.speech ?? null,
    paragraphs: () => (spoken.current = spokenItems()),
    voiceURI: settings.voice,
    rate: settings.rate,
    lang: source.speechLang,
    title: source.title,
    onParagraph(i) {
      const item = spoken.current[i];
      const el = elementOfItem(item);
      markReading(el);
      setChapterRead(false);
      if (item?.at) {
        anchorApi.anchor.current = item.at;
        anchorApi.restore();
        onAt(item.at);
      } else if (el?.offsetParent) {
        window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - line());
      }
    },
    onWord: (i, start, length) => markWord(elementOfItem(spoken.current[i]), start, length),
    onHalt(i) {
      const at = spoken.current[i]?.at;
      if (at) onAt(at);
    },
    onEnd: () => setChapterRead(!!props.nextChapter),
  });
  /** Where reading aloud starts: the paragraph at the reading line (the notes first at the very top). */
  const readFrom = () => {
    const a = anchorApi.anchor.current;
    if (!a || (a.part === 0 && a.p === 0 && a.offset <= 0)) return 0;
    return Math.max(
      0,
      spokenItems().findIndex((x) => x.at && x.at.part === a.part && x.at.p === a.p),
    );
  };
  const toggleReading = () => read.toggle(readFrom());
  const speaks = props.speech !== undefined;

  const { contents } = source;
  const here = () => anchorApi.anchor.current ?? START;
  const step = (dir: 1 | -1) => {
    const to = source.step(here(), dir);
    if (to) moveTo(to);
  };
  useReaderKeys({
    next: () => step(1),
    previous: () => step(-1),
    larger: () => props.onSettings(stepFontSize(settings, 1)),
    smaller: () => props.onSettings(stepFontSize(settings, -1)),
    contents: contents.length > 1 ? () => setSheet('contents') : undefined,
    ...(speaks
      ? { readAloud: toggleReading, readNext: () => read.active() && read.next(), readPrevious: () => read.active() && read.previous() }
      : {}),
  });
  const { short, text } = source.progress(percent, partNow);
  const folds = props.folds ?? { front: true, end: true };
  const groups = (list: readonly NoteGroup[]) =>
    list.map((g) => <NoteBox key={g.key} group={g} open={g.fold ? folds[g.fold] : true} onFold={props.onFold} drawn={drawn} />);

  return (
    <div class={props.class ? `reader ${props.class}` : 'reader'} ref={view} tabIndex={props.focusView ? -1 : undefined}>
      <ReaderBar
        barRef={bar}
        back={props.back}
        where={source.where(partNow)}
        percent={percent}
        progress={short}
        progressText={text}
        readAloud={speaks ? <ReadAloudControl state={read.state} voices={read.voices} onToggle={toggleReading} /> : undefined}
        voices={speaks ? read.voiceList : undefined}
        offer={
          chapterRead && props.nextChapter ? (
            <p class="notice chapter-read" role="status">
              {t('readAloudChapterRead')}{' '}
              <a href={props.nextChapter} rel="next" onClick={untrustedStays}>
                {t('readAloudNextChapter')}
              </a>
            </p>
          ) : (
            props.offer
          )
        }
        contents={contents.length > 1 ? contents : []}
        current={source.currentEntry(partNow)}
        onContents={(i) => {
          const to = source.jump(i);
          if (to) moveTo(to);
        }}
        sheet={sheet}
        onSheet={setSheet}
        settings={settings}
        onSettings={props.onSettings}
      />
      {props.notice && (
        <p class="notice quiet save-notice" role="status">
          {props.notice}
        </p>
      )}
      <main ref={body}>
        <article class="story" lang={source.lang} aria-labelledby="story-title">
          <header class="story-header">
            <h1 id="story-title">{source.title}</h1>
            {source.header}
          </header>
          {groups(source.front)}
          <Text pieces={pieces} loaded={loaded} fontSize={settings.fontSize} drawn={drawn} />
          {groups(source.back)}
          {props.end && <StoryEnd {...props.end} />}
          {props.after}
        </article>
      </main>
    </div>
  );
}

/** A click a script made on a link to the site does not follow it. */
export function untrustedStays(e: MouseEvent) {
  if (!isTrustedInput(e)) e.preventDefault();
}

/** Blocks queued for the drawer into this element; `onAnchor` records each paragraph drawn. */
function DrawnText(props: {
  blocks: readonly Block[];
  class: string;
  drawn: Drawn;
  onAnchor?: (el: HTMLElement, p: number) => void;
  onElement?: (el: HTMLElement | null) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const drawnOnce = useRef(false);
  useLayoutEffect(() => {
    const target = el.current;
    if (!target) return;
    target.replaceChildren();
    if (drawnOnce.current) props.drawn.reordered();
    drawnOnce.current = true;
    props.drawn.drawer.add({ target, blocks: props.blocks, ...(props.onAnchor ? { onAnchor: props.onAnchor } : {}) });
  }, [props.blocks]);
  return (
    <div
      class={props.class}
      ref={(e) => {
        el.current = e;
        props.onElement?.(e);
      }}
    />
  );
}

interface TextProps {
  pieces: readonly Piece[];
  loaded: Loaded[];
  fontSize: number;
  drawn: Drawn;
}

/**
 * The text, piece by piece. It re-renders only when more of it arrives or the text size changes, not when
 * the reader's progress changes on every scroll.
 */
class Text extends Component<TextProps> {
  override shouldComponentUpdate(next: TextProps) {
    return next.pieces !== this.props.pieces || next.loaded !== this.props.loaded || next.fontSize !== this.props.fontSize;
  }
  override render({ pieces, loaded, fontSize, drawn }: TextProps) {
    // Held back until drawn, or laid out only near the screen: a box of about the right height keeps the
    // scroll bar honest.
    const height = (words: number) => `${Math.round(words * 0.45 * (fontSize / 18))}px`;
    return pieces.map((piece, i) => {
      const blocks = loaded[i];
      const notes = (list: readonly NoteGroup[] | undefined) => list?.map((g) => <NoteBox key={g.key} group={g} open drawn={drawn} />);
      const text =
        blocks === 'failed' ? (
          <p
            class="notice chunk-failed"
            role="alert"
            ref={(el) => {
              if (el) drawn.failed.set(i, el);
              else drawn.failed.delete(i);
            }}
          >
            {t('chunkFailed')}
          </p>
        ) : blocks ? (
          <DrawnText blocks={blocks} class={piece.textClass} drawn={drawn} onAnchor={(el, p) => drawn.drawnAt(piece.placeOf(p), el)} />
        ) : (
          <div class="chunk-placeholder" style={{ height: height(piece.words) }} />
        );
      if (!piece.heading) return <Fragment key={piece.key}>{text}</Fragment>;
      const body = (
        <div
          data-part={i}
          class={piece.deferred ? 'part-deferred' : undefined}
          style={piece.deferred ? { containIntrinsicSize: `auto ${height(piece.words)}` } : undefined}
        >
          {text}
        </div>
      );
      return (
        <section class="chapter" key={piece.key} aria-labelledby={piece.heading.id}>
          <h2 class="section-heading" id={piece.heading.id}>
            {piece.heading.text}
          </h2>
          {notes(piece.before)}
          {body}
          {notes(piece.after)}
        </section>
      );
    });
  }
}

/** A fold of notes; the reader's choice to fold it is handed back when the group names its fold. */
function NoteBox({ group, open, onFold, drawn }: { group: NoteGroup; open: boolean; onFold?: ReaderProps['onFold']; drawn: Drawn }) {
  return (
    <details
      class={group.class ? `notes ${group.class}` : 'notes'}
      open={open}
      onToggle={(e) => {
        const now = (e.currentTarget as HTMLDetailsElement).open;
        if (group.fold && now !== open) onFold?.(group.fold, now);
      }}
    >
      <summary class="notes-heading">{group.summary}</summary>
      {group.notes.map((note) => (
        <Fragment key={note.key}>
          {note.label && <span class="note-kind">{note.label}</span>}
          <DrawnText
            blocks={note.blocks}
            class="note"
            drawn={drawn}
            onElement={(el) => {
              if (el) drawn.notes.set(note.key, el);
              else drawn.notes.delete(note.key);
            }}
          />
        </Fragment>
      ))}
    </details>
  );
}
