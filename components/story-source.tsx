import type { CatalogEntry } from '../lib/catalog';
import type { Block } from '../lib/doc/model';
import { indexOutline, minutesFor, minutesLeft, paragraphOf, percentRead, totalWords, type Position } from '../lib/position';
import { chunkOf } from '../lib/story/chunks';
import type { Note } from '../lib/story/model';
import { withoutLabel } from '../lib/story/notes';
import type { StoryOutline } from '../lib/story/outline';
import { formatMinutes, formatWords } from './format';
import { t } from './i18n';
import { SEED_NOTE_LABEL } from './note-labels';
import type { NoteGroup, Place, ReaderSource } from './Reader';

/** A bundled or saved story for the reader, with the conversions between its places and stored positions. */
export interface StorySource extends ReaderSource {
  /** Where a stored position opens: a position past the story's end (its text changed) at its last paragraph. */
  placeOf(position: Position): Place;
  positionOf(place: Place): Position;
}

/**
 * A story of the side panel (a bundled story, or the saved chapters of a site's story): its pieces are the
 * outline's chunks, loaded as the reader asks for them; its parts are its sections, named in the bar, listed
 * in the contents and stepped through with `n` and `p`; its notes before and after the text fold as the
 * reader leaves them.
 */
/**
 * How a story counts how far in the reader is, when not by words over the whole text: a saved web story counts
 * by chapters, as its restyled pages and the library do (lib/saved/store-outline.ts `bookPercent`).
 */
export interface Counting {
  percent(position: Position): number;
  /** Words left to read at `percent` in part `part`. */
  wordsLeft(percent: number, part: number): number;
}

export function storySource(entry: CatalogEntry, outline: StoryOutline, counting?: Counting): StorySource {
  const index = indexOutline(outline);
  const total = totalWords(index);
  const nOf = (a: Place) => paragraphOf(index, { part: a.part, paragraph: a.p });
  const at = (n: number) => {
    const a = index.address[n] ?? { part: 0, paragraph: 0 };
    return { part: a.part, p: a.paragraph };
  };
  const headed = outline.sections.filter((s) => s.heading).length;
  /** The first paragraph of section `s`. */
  const jump = (s: number): Place | null => {
    const n = index.address.findIndex((a) => a.part === s);
    return n === -1 ? null : { ...at(n), offset: 0 };
  };
  const group = (fold: 'front' | 'end', notes: readonly Note[]): NoteGroup[] => {
    if (notes.length === 0) return [];
    const kinds = [...new Set(notes.map((n) => t(SEED_NOTE_LABEL[n.kind]).toLowerCase()))].join(', ');
    return [
      {
        key: fold,
        class: fold === 'front' ? 'front-matter' : 'end-notes',
        summary: `${t(fold === 'front' ? 'beforeStory' : 'afterStory')}: ${kinds}`,
        fold,
        notes: notes.map((note, i) => {
          const label = t(SEED_NOTE_LABEL[note.kind]);
          // A note that opens with its own kind ("WARNING: …") is shown without it: the label says it already.
          const blocks: Block[] = [
            { kind: 'paragraph', p: null, role: 'text', spans: [{ kind: 'text', text: withoutLabel(note.text, label) }] },
          ];
          return { key: `${fold}${i}`, label, blocks, text: note.text };
        }),
      },
    ];
  };
  const last = index.address.length - 1;
  return {
    title: entry.title,
    lang: 'en',
    speechLang: 'en',
    header: (
      <>
        {!entry.titleIsAuthors && <p class="title-note">{t('displayTitleNote')}</p>}
        <p class="story-meta">
          {entry.fandom} · {formatWords(outline.words)} · {formatMinutes(outline.readingMinutes)}
        </p>
      </>
    ),
    front: group('front', outline.frontMatter),
    back: group('end', outline.endNotes),
    pieces: outline.chunks.map((c, i) => ({ key: i, words: c.words, paragraphs: c.last - c.first + 1, textClass: 'chunk', placeOf: at })),
    pieceOf: (a) => chunkOf(outline.chunks, nOf(a)),
    last: last >= 0 ? { ...at(last), offset: 0 } : null,
    percent: (a) =>
      counting ? counting.percent({ part: a.part, paragraph: a.p, offset: a.offset }) : percentRead(index, { n: nOf(a), offset: a.offset }),
    progress(percent, part) {
      const left = counting ? minutesFor(counting.wordsLeft(percent, part)) : minutesLeft(total, percent);
      const rounded = Math.floor(percent);
      return {
        short: left ? t('progressShort', rounded, formatMinutes(left)) : t('progressFinished', rounded),
        text: t('progressText', rounded, formatMinutes(left)),
      };
    },
    where: (part) => outline.sections[part]?.heading ?? null,
    contents: headed > 1 ? outline.sections.map((x, i) => ({ label: x.heading ?? t('sectionN', i + 1) })) : [],
    currentEntry: (part) => part,
    jump,
    step: (place, dir) =>
      dir > 0 ? (place.part < outline.sections.length - 1 ? jump(place.part + 1) : null) : jump(Math.max(0, place.part - 1)),
    placeOf: (position) => ({ ...at(paragraphOf(index, position)), offset: Math.min(1, Math.max(0, position.offset)) }),
    positionOf: (place) => ({ part: place.part, paragraph: place.p, offset: place.offset }),
  };
}
