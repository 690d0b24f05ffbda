import type { ChapterPart, Note, NoteKind, StoryPage } from '../sites/types';
import type { Book, BookNote } from './book';

/** What a book needs of a web story: the metadata of one of its pages (any chapter's: they carry the same). */
export type WebStoryMeta = Pick<
  StoryPage,
  | 'site'
  | 'storyId'
  | 'storyUrl'
  | 'title'
  | 'authors'
  | 'fandoms'
  | 'warnings'
  | 'relationships'
  | 'characters'
  | 'tags'
  | 'language'
  | 'summary'
  | 'notes'
>;

/** A saved chapter: what a page's `ChapterPart` holds that a book shows. */
export type WebChapter = Pick<ChapterPart, 'number' | 'title' | 'notes' | 'blocks'>;

/** Labels of a web page's notes, as the restyled view names them, and a chapter's heading ("Chapter 2: Rain"). */
export interface WebLabels {
  note: (kind: NoteKind) => string;
  chapter: (n: number, title: string | undefined) => string;
}

const BEFORE: ReadonlySet<NoteKind> = new Set(['work-notes', 'chapter-summary', 'chapter-notes']);

/**
 * Saved chapters of a web story as a book, in chapter order (a chapter saved twice is kept once). Work notes
 * go before the first chapter and work end notes after the last; a chapter's summary and notes before its text,
 * its end notes after. AO3's relationships, characters and additional tags are all its tags.
 */
export function bookFromWebChapters(meta: WebStoryMeta, parts: readonly WebChapter[], labels: WebLabels): Book {
  const split = (notes: readonly Note[]) => {
    const as = (list: readonly Note[]) => list.map((n): BookNote => ({ kind: n.kind, label: labels.note(n.kind), blocks: n.blocks }));
    return { before: as(notes.filter((n) => BEFORE.has(n.kind))), after: as(notes.filter((n) => !BEFORE.has(n.kind))) };
  };
  const byNumber = new Map<number, WebChapter>();
  for (const p of parts) if (!byNumber.has(p.number)) byNumber.set(p.number, p);
  const chapters = [...byNumber.values()]
    .sort((a, b) => a.number - b.number)
    .map((p) => ({ title: labels.chapter(p.number, p.title?.trim() || undefined), notes: split(p.notes), blocks: p.blocks }));
  return {
    id: meta.storyUrl,
    title: meta.title,
    authors: meta.authors.map((a) => a.name),
    language: languageTag(meta.language),
    source: meta.storyUrl,
    fandoms: meta.fandoms,
    tags: [...meta.relationships, ...meta.characters, ...meta.tags],
    warnings: meta.warnings,
    summary: meta.summary ?? null,
    notes: split(meta.notes),
    chapters,
  };
}

/** The languages FFN and AO3 name most often, by their English or own name, as BCP 47 tags. */
const LANGUAGES: Record<string, string> = {
  english: 'en',
  spanish: 'es',
  español: 'es',
  french: 'fr',
  français: 'fr',
  german: 'de',
  deutsch: 'de',
  portuguese: 'pt',
  português: 'pt',
  'português brasileiro': 'pt-BR',
  italian: 'it',
  italiano: 'it',
  russian: 'ru',
  русский: 'ru',
  polish: 'pl',
  polski: 'pl',
  dutch: 'nl',
  nederlands: 'nl',
  indonesian: 'id',
  'bahasa indonesia': 'id',
  japanese: 'ja',
  日本語: 'ja',
  chinese: 'zh',
  中文: 'zh',
  korean: 'ko',
  한국어: 'ko',
  vietnamese: 'vi',
  'tiếng việt': 'vi',
  turkish: 'tr',
  türkçe: 'tr',
  swedish: 'sv',
  svenska: 'sv',
  finnish: 'fi',
  suomi: 'fi',
  czech: 'cs',
  čeština: 'cs',
  hungarian: 'hu',
  magyar: 'hu',
  tagalog: 'tl',
  filipino: 'fil',
};

/** A site's name of a language ("English", "Deutsch") or a tag it already gives, as a BCP 47 tag; `und` when unknown. */
export function languageTag(name: string | undefined): string {
  const key = name?.trim().toLowerCase() ?? '';
  if (LANGUAGES[key]) return LANGUAGES[key];
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(key) ? key : 'und';
}
