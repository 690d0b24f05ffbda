import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatWords } from './format';
import { t } from './i18n';
import { WEB_NOTE_LABEL as NOTE_LABEL } from './note-labels';
import { stepFontSize, type Settings } from '../lib/settings';
import type { Block } from '../lib/doc/model';
import type { Note, NoteKind, StoryPage } from '../lib/sites/types';
import { chaptersOf, webPercent, type WebAnchor } from '../lib/web-progress';
import { useParagraphAnchor } from './useParagraphAnchor';
import { ReaderBar, type ContentsItem, type Sheet } from './ReaderBar';
import { StoryEnd, type EndAction } from './StoryEnd';
import { useReaderKeys } from './hooks/useReaderKeys';
import { createDrawer, type Drawer } from './progressive';
import { isTrustedInput, trusted } from './trusted';
import type { ParagraphFinder } from './anchor';
import { ReadAloudControl } from './ReadAloudControl';
import { useReadAloud, type ReadAloudSetup } from './hooks/useReadAloud';
import { markReading, markWord } from './reading-mark';
import type { SpokenParagraph } from '../lib/speech/read-aloud';

export interface RestyledViewProps {
  page: StoryPage;
  settings: Settings;
  /** The shadow root (or document) the view is rendered in, for hit-testing. */
  root: Document | ShadowRoot;
  initial: WebAnchor | null;
  onPosition: (anchor: WebAnchor, atEnd: boolean) => void;
  onSettings: (settings: Settings) => void;
  onOriginal: () => void;
  /** The last position could not be stored (refused or failed); cleared by a later save that worked. */
  notSaved?: boolean;
  /** The site's own feedback (kudos, a comment, a review), offered at the end of the chapter. */
  feedback?: readonly EndAction[];
  /** "Save whole work" (components/WholeWorkControl.tsx), shown at the end beside the site's feedback; none, nothing. */
  wholeWork?: ComponentChildren;
  /** Read aloud through this speech engine; none, no read-aloud control. */
  speech?: ReadAloudSetup | null;
}

/** A paragraph or note to read aloud: a paragraph has its place, a note the key its box is drawn under. */
interface SpokenItem extends SpokenParagraph {
  at?: WebAnchor;
  note?: string;
}

const BEFORE: NoteKind[] = ['chapter-summary', 'chapter-notes'];
const AFTER: NoteKind[] = ['chapter-end-notes'];

/** The view's own record of the paragraphs it drew: found by element, never by an attribute the page could write. */
interface Drawn {
  drawer: Drawer;
  /** `byPart[part][p]`: the drawn paragraph element. */
  byPart: HTMLElement[][];
  anchors: WeakMap<Element, WebAnchor>;
  /** Records `el` as paragraph `p` of part `part` (whose list in `byPart` exists). */
  drawnAt(part: number, p: number, el: HTMLElement): void;
  /** A part already drawn is drawn again. */
  redrawn(): void;
  finder: ParagraphFinder;
  /** Each note's box by its key (`noteKey`), for reading aloud. */
  notes: Map<string, HTMLElement>;
}

function createDrawn(root: () => HTMLElement | null): Drawn {
  const anchors = new WeakMap<Element, WebAnchor>();
  const byPart: HTMLElement[][] = [];
  // Every drawn paragraph in document order, kept as they are drawn (the drawer draws its queue in document
  // order): flattening `byPart` on each scroll cost a pass over every drawn paragraph. Once a part has been
  // drawn again (new blocks), the order no longer holds: the list is then rebuilt from `byPart` when asked for
  // after something new was drawn.
  let all: HTMLElement[] = [];
  let inOrder = true;
  let stale = false;
  return {
    drawer: createDrawer(),
    byPart,
    anchors,
    notes: new Map(),
    drawnAt(part, p, el) {
      const list = byPart[part];
      if (list) list[p] = el;
      anchors.set(el, { part, p, offset: 0 });
      if (inOrder) all.push(el);
      else stale = true;
    },
    redrawn() {
      inOrder = false;
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
        }
        return all;
      },
    },
  };
}

/**
 * Where page-derived text reaches the DOM: the document model the site adapters made from the sanitizer's
 * output (lib/doc), drawn by the one renderer (components/Blocks.tsx) in slices (components/progressive.ts).
 * Nothing is parsed or copied from the page here.
 */
function DrawnText({ blocks, class: cls, drawn, part }: { blocks: readonly Block[]; class?: string; drawn: Drawn; part?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const target = el.current;
    if (!target) return;
    target.replaceChildren();
    if (part !== undefined) {
      if (drawn.byPart[part]) drawn.redrawn();
      drawn.byPart[part] = [];
    }
    drawn.drawer.add({
      target,
      blocks,
      ...(part !== undefined ? { onAnchor: (copy: HTMLElement, p: number) => drawn.drawnAt(part, p, copy) } : {}),
    });
  }, [blocks]);
  return <div class={cls} ref={el} />;
}

/** How long the first screen may take to draw before the rest goes to idle time. */
const FIRST_DRAW_MS = 50;

/** A fanfiction.net or AO3 page restyled into Ficwell's reader. */
export function RestyledView(props: RestyledViewProps) {
  const { page, settings } = props;
  const bar = useRef<HTMLElement>(null);
  const body = useRef<HTMLElement>(null);
  const [percent, setPercent] = useState(() => webPercent(page, props.initial ?? { part: 0, p: 0, offset: 0 }));
  const [sheet, setSheet] = useState<Sheet>(null);
  /** The page part being read (a chapter of a full work), named in the bar and marked in the contents. */
  const [partNow, setPartNow] = useState(() => props.initial?.part ?? 0);
  const view = useRef<HTMLDivElement>(null);
  const [drawn] = useState(() => createDrawn(() => body.current));
  useLayoutEffect(() => {
    // The DrawnText blocks have queued their text (their layout effects ran first): draw the first screen,
    // and as far as the saved paragraph, before this frame paints; the rest in idle time.
    const target = props.initial;
    drawn.drawer.draw(FIRST_DRAW_MS);
    if (target) drawn.drawer.drawUntil(() => drawn.byPart[target.part]?.[target.p] !== undefined);
    // Idle slices only append below what is drawn, and the anchor hook's ResizeObserver puts the reader's
    // paragraph back when the text's size changes. Restoring after every slice read the layout each time (a
    // forced layout of everything drawn so far: minutes on a 67,000-paragraph chapter); only an anchor that
    // was waiting for its paragraph, and the end of the drawing, need it.
    let waiting = false;
    return drawn.drawer.drawIdle(() => {
      const a = anchorApi.anchor.current;
      const there = !a || drawn.byPart[a.part]?.[a.p] !== undefined;
      if ((there && waiting) || drawn.drawer.finished) anchorApi.restore();
      waiting = !there;
    });
  }, []);
  useEffect(() => {
    // The page behind is display:none; Firefox's Tab key finds nothing from a hidden <body>. Start keyboard
    // focus in the view, unless the reader already put it somewhere.
    const active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) view.current?.focus({ preventScroll: true });
  }, []);

  const anchorApi = useParagraphAnchor<WebAnchor>(props.initial, {
    root: props.root,
    container: body,
    line: () => (bar.current?.getBoundingClientRect().bottom ?? 0) + 8,
    elementOf: (a) => drawn.byPart[a.part]?.[a.p] ?? null,
    isPending: () => !drawn.drawer.finished,
    anchorOf(el, offset) {
      const found = drawn.anchors.get(el);
      return found ? { part: found.part, p: found.p, offset } : null;
    },
    finder: drawn.finder,
    layout: `${settings.fontSize},${settings.lineHeight},${settings.width},${settings.paragraphSpacing},${settings.fontFamily}`,
    onRead(a) {
      const last = drawn.drawer.finished ? drawn.byPart[page.parts.length - 1]?.at(-1) : undefined;
      onAt(a, !!last && last.getBoundingClientRect().bottom <= innerHeight);
    },
  });
  /** The reader is at `a` (read there, or moved there from the contents). */
  const onAt = (a: WebAnchor, atEnd = false) => {
    setPercent(webPercent(page, a));
    setPartNow(a.part);
    props.onPosition(a, atEnd);
  };

  useEffect(() => {
    // A footnote link (`#fn1`) names an element of the view, which lives in a shadow root the browser's own
    // fragment navigation does not look into: go there ourselves, below the bar.
    const el = view.current;
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
      const to = id && (props.root as ShadowRoot | Document).getElementById(id);
      if (!to) return;
      const line = (bar.current?.getBoundingClientRect().bottom ?? 0) + 8;
      window.scrollTo(0, to.getBoundingClientRect().top + window.scrollY - line);
    };
    el.addEventListener('click', onClick);
    return () => el.removeEventListener('click', onClick);
  }, []);

  // Read aloud: the paragraph being read is drawn, marked and kept at the reading line, and the place saved
  // at it as reading does; notes are read unless "story only" is chosen. At the end of a chapter page the
  // next chapter is offered (the site's page: nothing is fetched).
  const spoken = useRef<SpokenItem[]>([]);
  const [chapterRead, setChapterRead] = useState(false);
  const spokenItems = (): SpokenItem[] => {
    const items: SpokenItem[] = [];
    const notes = (list: Note[], kinds: NoteKind[], where: string) => {
      list
        .filter((n) => kinds.includes(n.kind))
        .forEach((n, i) => {
          items.push({ text: n.text, skip: settings.storyOnly, note: noteKey(where, n, i) });
        });
    };
    if (page.summary) items.push({ text: page.summary.text, skip: settings.storyOnly, note: 'summary' });
    notes(page.notes, ['work-notes'], 'w');
    page.parts.forEach((part, i) => {
      notes(part.notes, BEFORE, `${i}:`);
      part.paragraphs.forEach((para, p) => {
        items.push({ text: para.text, skip: false, at: { part: i, p, offset: 0 } });
      });
      notes(part.notes, AFTER, `${i}:`);
    });
    notes(page.notes, ['work-end-notes'], 'e');
    return items;
  };
  const elementOfItem = (item: SpokenItem | undefined): HTMLElement | null => {
    if (item?.note) return drawn.notes.get(item.note) ?? null;
    const a = item?.at;
    if (!a) return null;
    drawn.drawer.drawUntil(() => drawn.byPart[a.part]?.[a.p] !== undefined);
    return drawn.byPart[a.part]?.[a.p] ?? null;
  };
  const read = useReadAloud({
    setup: props.speech ?? null,
    paragraphs: () => (spoken.current = spokenItems()),
    voiceURI: settings.voice,
    rate: settings.rate,
    lang: page.language?.toLowerCase().startsWith('en') ? 'en' : (page.language ?? 'en'),
    title: page.title,
    onParagraph(i) {
      const item = spoken.current[i];
      const el = elementOfItem(item);
      markReading(el);
      setChapterRead(false);
      if (item?.at) {
        anchorApi.anchor.current = item.at;
        anchorApi.restore();
        onAt(item.at);
      } else if (el) {
        window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - ((bar.current?.getBoundingClientRect().bottom ?? 0) + 8));
      }
    },
    onWord: (i, start, length) => markWord(elementOfItem(spoken.current[i]), start, length),
    onHalt(i) {
      const at = spoken.current[i]?.at;
      if (at) onAt(at);
    },
    onEnd: () => setChapterRead(!page.fullWork && !!page.links.next),
  });
  /** Where reading aloud starts: the paragraph at the reading line (the summary and notes first at the very top). */
  const readFrom = () => {
    const a = anchorApi.anchor.current;
    if (!a || (a.part === 0 && a.p === 0 && a.offset <= 0)) return 0;
    const items = spokenItems();
    const at = items.findIndex((x) => x.at && x.at.part === a.part && x.at.p === a.p);
    return Math.max(0, at);
  };
  const toggleReading = () => read.toggle(readFrom());

  const chapters = chaptersOf(page);
  const rounded = Math.floor(percent);
  const reading = page.parts[partNow] ?? page.parts[0];
  const chapterLabel = t('chapterOf', reading?.number ?? 1, chapters);
  // A full work jumps between its chapters in the page; a chapter page lists the site's chapter pages.
  const contents: ContentsItem[] = page.fullWork
    ? page.parts.map((x) => ({ label: x.title ? t('chapterNTitle', x.number, x.title) : t('chapterN', x.number) }))
    : page.chapters.map((c) => ({ label: c.title ?? t('chapterN', c.number), href: /^https?:\/\//.test(c.url) ? c.url : undefined }));
  const current = page.fullWork ? partNow : page.chapters.findIndex((c) => c.number === reading?.number);
  // Reader keys, as in the side panel: n / p for the next or previous chapter (the site's own pages).
  const go = (link: string | undefined) => () => {
    if (link && /^https?:\/\//.test(link)) location.assign(link);
  };
  useReaderKeys({
    next: go(page.links.next),
    previous: go(page.links.prev),
    larger: () => props.onSettings(stepFontSize(settings, 1)),
    smaller: () => props.onSettings(stepFontSize(settings, -1)),
    contents: contents.length > 1 ? () => setSheet('contents') : undefined,
    ...(props.speech
      ? { readAloud: toggleReading, readNext: () => read.active() && read.next(), readPrevious: () => read.active() && read.previous() }
      : {}),
  });

  return (
    <div class="reader restyled" ref={view} tabIndex={-1}>
      <ReaderBar
        barRef={bar}
        back={{ label: t('originalPage'), icon: '↩', onClick: props.onOriginal, keyshortcuts: 'Alt+Shift+R' }}
        where={chapterLabel}
        percent={percent}
        progress={t('percentOnly', rounded)}
        progressText={t('progressWebText', chapterLabel, rounded)}
        readAloud={props.speech ? <ReadAloudControl state={read.state} voices={read.voices} onToggle={toggleReading} /> : undefined}
        voices={props.speech ? read.voiceList : undefined}
        offer={
          chapterRead && page.links.next ? (
            <p class="notice chapter-read" role="status">
              {t('readAloudChapterRead')}{' '}
              <a href={page.links.next} rel="next" onClick={untrustedStays}>
                {t('readAloudNextChapter')}
              </a>
            </p>
          ) : undefined
        }
        contents={contents}
        current={current}
        onContents={(i) => {
          if (!page.fullWork) return;
          anchorApi.anchor.current = { part: i, p: 0, offset: 0 };
          drawn.drawer.drawUntil(() => drawn.byPart[i]?.[0] !== undefined);
          anchorApi.restore();
          onAt({ part: i, p: 0, offset: 0 });
        }}
        sheet={sheet}
        onSheet={setSheet}
        settings={settings}
        onSettings={props.onSettings}
      />
      {props.notSaved && (
        <p class="save-notice" role="status">
          {t('restyleNotSaved')}
        </p>
      )}
      <main class="story" lang={page.language?.toLowerCase().startsWith('en') ? 'en' : undefined} ref={body}>
        <header class="story-header">
          <h1>{page.title}</h1>
          {page.authors.length > 0 && <p class="byline">{t('byAuthors', page.authors.map((a) => a.name).join(', '))}</p>}
          <Details page={page} />
          {page.summary && <NoteBlock label={t('noteSummary')} text={page.summary} open drawn={drawn} noteKey="summary" />}
        </header>
        {page.notes
          .filter((n) => n.kind === 'work-notes')
          .map((n, i) => (
            <NoteBlock key={`w${i}`} label={t(NOTE_LABEL[n.kind])} text={n} open drawn={drawn} noteKey={noteKey('w', n, i)} />
          ))}
        {page.parts.map((part, i) => (
          <section class="chapter" key={part.number} aria-labelledby={`chapter-${part.number}`}>
            <h2 class="section-heading" id={`chapter-${part.number}`}>
              {part.title ? t('chapterNTitle', part.number, part.title) : t('chapterN', part.number)}
            </h2>
            {notesOf(part.notes, BEFORE, drawn, `${i}:`)}
            <div
              data-part={i}
              // A full work's chapters off screen are not laid out until they come near (content-visibility),
              // held at about their height; a long work then shows as quickly as one chapter.
              class={page.parts.length > 1 ? 'part-deferred' : undefined}
              style={
                page.parts.length > 1
                  ? { containIntrinsicSize: `auto ${Math.round(part.words * 0.45 * (settings.fontSize / 18))}px` }
                  : undefined
              }
            >
              <DrawnText blocks={part.blocks} class="chapter-text" drawn={drawn} part={i} />
            </div>
            {notesOf(part.notes, AFTER, drawn, `${i}:`)}
          </section>
        ))}
        {page.notes
          .filter((n) => n.kind === 'work-end-notes')
          .map((n, i) => (
            <NoteBlock key={`e${i}`} label={t(NOTE_LABEL[n.kind])} text={n} open drawn={drawn} noteKey={noteKey('e', n, i)} />
          ))}
        <StoryEnd
          finished={page.status === 'complete' && (page.parts.at(-1)?.number ?? 0) >= chapters}
          actions={props.feedback}
          extra={props.wholeWork}
        />
        <ChapterNav page={page} />
      </main>
    </div>
  );
}

/** The key a note's box is kept under in `Drawn.notes`: where it stands, its kind, its place among those. */
function noteKey(where: string, n: Note, i: number): string {
  return `${where}${n.kind}${i}`;
}

function notesOf(notes: Note[], kinds: NoteKind[], drawn: Drawn, where: string) {
  return notes
    .filter((n) => kinds.includes(n.kind))
    .map((n, i) => (
      <NoteBlock key={`${n.kind}${i}`} label={t(NOTE_LABEL[n.kind])} text={n} open drawn={drawn} noteKey={noteKey(where, n, i)} />
    ));
}

function NoteBlock({
  label,
  text,
  open,
  drawn,
  noteKey: key,
}: {
  label: string;
  text: { blocks: Block[] };
  open: boolean;
  drawn: Drawn;
  noteKey: string;
}) {
  return (
    <details
      class="notes"
      open={open}
      ref={(el) => {
        if (el) drawn.notes.set(key, el);
        else drawn.notes.delete(key);
      }}
    >
      <summary class="notes-heading">{label}</summary>
      <DrawnText blocks={text.blocks} class="note" drawn={drawn} />
    </details>
  );
}

function Details({ page }: { page: StoryPage }) {
  const rows: [string, string][] = [];
  if (page.fandoms.length) rows.push([t('fieldFandom'), page.fandoms.join(', ')]);
  if (page.rating) rows.push([t('fieldRating'), page.rating]);
  if (page.warnings.length) rows.push([t('fieldWarnings'), page.warnings.join(', ')]);
  if (page.relationships.length) rows.push([t('fieldRelationships'), page.relationships.join(', ')]);
  if (page.characters.length) rows.push([t('fieldCharacters'), page.characters.join(', ')]);
  if (page.tags.length) rows.push([t('fieldTags'), page.tags.join(', ')]);
  if (page.genres.length) rows.push([t('fieldGenre'), page.genres.join(', ')]);
  const stats: string[] = [];
  if (page.words !== undefined) stats.push(formatWords(page.words));
  stats.push(t('chaptersPosted', page.chaptersPosted ?? page.parts.length, page.chapterCount ?? '?'));
  if (page.status) stats.push(t(page.status === 'complete' ? 'statusComplete' : 'statusInProgress'));
  rows.push([t('fieldStory'), stats.join(' · ')]);
  return (
    <dl class="story-details">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A click a script made on a chapter link does not follow it. */
function untrustedStays(e: MouseEvent) {
  if (!isTrustedInput(e)) e.preventDefault();
}

/** Previous / next and the chapter list: plain links to the site's own pages, so history works as usual. */
function ChapterNav({ page }: { page: StoryPage }) {
  const current = page.parts[0]?.number;
  const { prev, next } = page.links;
  if (!prev && !next && page.chapters.length < 2) return null;
  return (
    <nav class="chapter-nav" aria-label={t('chaptersNav')}>
      {prev ? (
        <a class="bar-button" rel="prev" href={prev} aria-keyshortcuts="p" onClick={untrustedStays}>
          {t('previous')}
        </a>
      ) : (
        <span />
      )}
      {page.chapters.length > 1 && !page.fullWork && (
        <label>
          <span class="visually-hidden">{t('chapter')}</span>
          <select
            value={page.chapters.find((c) => c.number === current)?.url}
            onChange={trusted((e) => {
              const url = (e.currentTarget as HTMLSelectElement).value;
              if (/^https?:\/\//.test(url)) location.assign(url);
            })}
          >
            {page.chapters.map((c) => (
              <option key={c.number} value={c.url}>
                {c.number}. {c.title ?? t('chapterN', c.number)}
              </option>
            ))}
          </select>
        </label>
      )}
      {next ? (
        <a class="bar-button" rel="next" href={next} aria-keyshortcuts="n" onClick={untrustedStays}>
          {t('next')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
