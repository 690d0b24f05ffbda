import { commit, lazyConnection, type Opener } from '../db/progress';
import type { SavedAbout, SavedChapterInfo, SavedChapterRecord, SavedStoryRecord } from '../db/schema';

/** A chapter to save, as a page shows it (already checked: lib/saved/store-message.ts). */
export interface ChapterToSave {
  number: number;
  title: string | null;
  url: string | null;
  notes: SavedChapterRecord['notes'];
  blocks: SavedChapterRecord['blocks'];
  paragraphWords: number[];
  words: number;
}

/** The chapters one page showed (one, or every chapter of an AO3 full work) and what it said of the story. */
export interface ChaptersToSave {
  key: string;
  chapterCount: number | null;
  /** Chapters posted, as the page says (lib/saved/store-message.ts `chaptersOfPage`), or null. */
  posted: number | null;
  index: SavedStoryRecord['index'];
  notes: SavedStoryRecord['notes'];
  /** Tags, language and summary for the work's EPUB; absent from a sender that does not give them. */
  about?: SavedAbout;
  chapters: ChapterToSave[];
}

/** What the library shows of a saved story: how many chapters are saved, and about what they take. */
export interface SavedSummary {
  key: string;
  chapters: number;
  bytes: number;
  /** Chapters posted since the copy was begun and not saved yet (`newChapters`). */
  newChapters: number;
}

export interface SavedStore {
  /** Writes the chapters and the story's outline in one transaction: all of them, or (on a failure) none. */
  save(request: ChaptersToSave, now: number): Promise<void>;
  story(key: string): Promise<SavedStoryRecord | undefined>;
  chapter(key: string, number: number): Promise<SavedChapterRecord | undefined>;
  summaries(): Promise<SavedSummary[]>;
  /** Deletes a story's saved copy (its chapters and outline); its position and library record stay. */
  remove(key: string): Promise<void>;
}

const chaptersOf = (key: string) => IDBKeyRange.bound([key, 0], [key, Number.MAX_SAFE_INTEGER]);

/**
 * How many chapters were posted since the copy was begun and are not saved yet: those from `newFrom` to the
 * last one posted. Reading one (a restyled chapter is saved) or "Save whole work" takes it off.
 */
export function newChapters(story: Pick<SavedStoryRecord, 'chapters' | 'posted' | 'newFrom'>): number {
  if (story.newFrom === undefined || !story.posted) return 0;
  const saved = new Set(story.chapters.map((c) => c.number));
  let n = 0;
  for (let c = story.newFrom; c <= story.posted; c++) if (!saved.has(c)) n++;
  return n;
}

/**
 * The outline kept after a page's chapters are saved over what was saved before. A page that shows more
 * posted chapters than the outline knew marks the ones after it as new: learned from the pages the reader
 * opens, never by asking the site. A copy saved before `posted` was kept learns it from its next page.
 */
export function mergeSaved(stored: SavedStoryRecord | undefined, incoming: ChaptersToSave, infos: SavedChapterInfo[], now: number) {
  const byNumber = new Map((stored?.chapters ?? []).map((c) => [c.number, c]));
  for (const c of infos) byNumber.set(c.number, c);
  const known = stored?.posted ?? null;
  let newFrom = stored?.newFrom;
  if (known !== null && incoming.posted !== null && incoming.posted > known) newFrom = Math.min(newFrom ?? known + 1, known + 1);
  const merged: SavedStoryRecord = {
    key: incoming.key,
    chapters: [...byNumber.values()].sort((a, b) => a.number - b.number),
    index: incoming.index.length > 0 ? incoming.index : (stored?.index ?? []),
    chapterCount: incoming.chapterCount ?? stored?.chapterCount ?? null,
    posted: incoming.posted ?? known,
    notes: incoming.notes.length > 0 ? incoming.notes : (stored?.notes ?? []),
    updatedAt: now,
  };
  // A page that says less (FFN's mobile copy has no tags) keeps what an earlier page said.
  const [page, before] = [incoming.about, stored?.about];
  if (page || before) {
    merged.about = {
      tags: page?.tags.length ? page.tags : (before?.tags ?? []),
      language: page?.language ?? before?.language ?? null,
      summary: page?.summary ?? before?.summary ?? null,
    };
  }
  // Kept only while one of them is still to be saved: the mark goes with the last of them.
  if (newFrom !== undefined && newChapters({ ...merged, newFrom }) > 0) merged.newFrom = newFrom;
  return merged;
}

/** Saved chapters over one database connection (see createProgressStore). */
export function createSavedStore(open: Opener): SavedStore {
  const connection = lazyConnection(open);
  return {
    async save(request, now) {
      const records = request.chapters.map(({ paragraphWords: _, ...c }): SavedChapterRecord => ({ ...c, key: request.key, savedAt: now }));
      const infos = request.chapters.map(
        (c, i): SavedChapterInfo => ({
          number: c.number,
          title: c.title,
          url: c.url,
          words: c.words,
          paragraphWords: c.paragraphWords,
          // UTF-16 code units of the JSON: near what the browser stores, and cheap to count.
          bytes: JSON.stringify(records[i]).length,
        }),
      );
      const tx = (await connection()).transaction(['savedChapters', 'savedStories'], 'readwrite');
      await commit(
        tx,
        (async () => {
          const stories = tx.objectStore('savedStories');
          const stored = await stories.get(request.key);
          const writes: Promise<unknown>[] = [];
          try {
            for (const r of records) writes.push(tx.objectStore('savedChapters').put(r));
            writes.push(stories.put(mergeSaved(stored, request, infos, now)));
          } finally {
            // A put that cannot even be made throws here; those made before it then fail with the abort.
            for (const w of writes) w.catch(() => {});
          }
          await Promise.all(writes);
        })(),
      );
    },
    async story(key) {
      return (await connection()).get('savedStories', key);
    },
    async chapter(key, number) {
      return (await connection()).get('savedChapters', [key, number]);
    },
    async summaries() {
      const stories = await (await connection()).getAll('savedStories');
      return stories.map((s) => ({
        key: s.key,
        chapters: s.chapters.length,
        bytes: s.chapters.reduce((n, c) => n + c.bytes, 0),
        newChapters: newChapters(s),
      }));
    },
    async remove(key) {
      const tx = (await connection()).transaction(['savedChapters', 'savedStories'], 'readwrite');
      await commit(tx, Promise.all([tx.objectStore('savedChapters').delete(chaptersOf(key)), tx.objectStore('savedStories').delete(key)]));
    },
  };
}
