import type { Note, NoteKind, StoryPage } from '../lib/sites/types';
import { chaptersAtLeast, chaptersOf, webPercent } from '../lib/web-progress';
import { formatWords } from './format';
import { t } from './i18n';
import { WEB_NOTE_LABEL } from './note-labels';
import { untrustedStays, type NoteGroup, type ReaderSource } from './Reader';
import type { ContentsItem } from './ReaderBar';
import { trusted } from './trusted';

const BEFORE: NoteKind[] = ['chapter-summary', 'chapter-notes'];
const AFTER: NoteKind[] = ['chapter-end-notes'];

/** Each note of these kinds in its own open fold, keyed by where it stands, its kind and its place among those. */
function notesOf(notes: readonly Note[], kinds: NoteKind[], where: string): NoteGroup[] {
  return notes
    .filter((n) => kinds.includes(n.kind))
    .map((n, i) => {
      const key = `${where}${n.kind}${i}`;
      return { key, summary: t(WEB_NOTE_LABEL[n.kind]), notes: [{ key, blocks: n.blocks, text: n.text }] };
    });
}

const isWebLink = (url: string | undefined): url is string => !!url && /^https?:\/\//.test(url);

/**
 * A fanfiction.net or AO3 page for the reader: its pieces are the chapters it shows (one, or every chapter of
 * an AO3 full work, those off screen not laid out), given at once by the site adapter; the summary and notes
 * are in open folds; `n` and `p` and a chapter page's contents go to the site's own chapter pages.
 * `partial`: the page is what of a huge page is read so far (entrypoints/restyle/read-rest.ts), so how far
 * through it the reader is cannot be said: no paragraph is the last, and the bar says `partial` (why)
 * instead of a percent.
 */
export function pageSource(page: StoryPage, { partial }: { partial?: string } = {}): ReaderSource {
  const chapters = chaptersOf(page);
  const english = page.language?.toLowerCase().startsWith('en');
  // A Royal Road chapter or a forum's reader page names no count and lists no other chapter: no "of N" then.
  const countKnown = page.chapterCount !== undefined || page.chaptersPosted !== undefined || page.chapters.length > 0;
  const chapterLabel = (part: number) => {
    const n = page.parts[part]?.number ?? page.parts[0]?.number ?? 1;
    return countKnown ? t('chapterOf', n, chapters) : t('chapterN', n);
  };
  // A full work jumps between its chapters in the page; a chapter page lists the site's chapter pages.
  const contents: ContentsItem[] = page.fullWork
    ? page.parts.map((x) => ({ label: x.title ? t('chapterNTitle', x.number, x.title) : t('chapterN', x.number) }))
    : page.chapters.map((c) => ({ label: c.title ?? t('chapterN', c.number), href: isWebLink(c.url) ? c.url : undefined }));
  const go = (link: string | undefined) => {
    if (isWebLink(link)) location.assign(link);
    return null;
  };
  const lastPart = page.parts.length - 1;
  const lastCount = page.parts[lastPart]?.paragraphs.length ?? 0;
  return {
    title: page.title,
    lang: english ? 'en' : undefined,
    speechLang: english ? 'en' : (page.language ?? 'en'),
    header: (
      <>
        {page.authors.length > 0 && <p class="byline">{t('byAuthors', page.authors.map((a) => a.name).join(', '))}</p>}
        <Details page={page} />
      </>
    ),
    front: [
      ...(page.summary
        ? [{ key: 'summary', summary: t('noteSummary'), notes: [{ key: 'summary', blocks: page.summary.blocks, text: page.summary.text }] }]
        : []),
      ...notesOf(page.notes, ['work-notes'], 'w'),
    ],
    back: notesOf(page.notes, ['work-end-notes'], 'e'),
    pieces: page.parts.map((part, i) => ({
      key: part.number,
      blocks: part.blocks,
      words: part.words,
      paragraphs: part.paragraphs.length,
      textClass: 'chapter-text',
      heading: {
        id: `chapter-${part.number}`,
        text: part.title ? t('chapterNTitle', part.number, part.title) : t('chapterN', part.number),
      },
      before: notesOf(part.notes, BEFORE, `${i}:`),
      after: notesOf(part.notes, AFTER, `${i}:`),
      // A full work's chapters off screen are not laid out until they come near: a long work shows as quickly as one chapter.
      // Only a full work: a forum's reader page (a few chapters) laid out so lost its place on reopening, the
      // view ending at the page's foot (the optional-sites e2e, in Chromium).
      deferred: page.fullWork && page.parts.length > 1,
      texts: part.paragraphs.map((x) => x.text),
      placeOf: (p) => ({ part: i, p }),
    })),
    pieceOf: (a) => a.part,
    last: partial === undefined && lastPart >= 0 && lastCount > 0 ? { part: lastPart, p: lastCount - 1, offset: 0 } : null,
    percent: (a) => (partial === undefined ? webPercent(page, a) : 0),
    progress: (percent, part) => {
      if (partial !== undefined) return { short: partial, text: `${chapterLabel(part)}, ${partial}` };
      const rounded = Math.floor(percent);
      return { short: t('percentOnly', rounded), text: t('progressWebText', chapterLabel(part), rounded) };
    },
    where: chapterLabel,
    contents,
    currentEntry: (part) =>
      page.fullWork ? part : page.chapters.findIndex((c) => c.number === (page.parts[part] ?? page.parts[0])?.number),
    jump: (i) => (page.fullWork ? { part: i, p: 0, offset: 0 } : null),
    step: (_place, dir) => go(dir > 0 ? page.links.next : page.links.prev),
  };
}

/** Whether the page ends the story: the last chapter of a complete one (else it ends a chapter). */
export function pageEndsStory(page: StoryPage): boolean {
  return page.status === 'complete' && (page.parts.at(-1)?.number ?? 0) >= chaptersOf(page);
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
  stats.push(t('chaptersPosted', page.chaptersPosted ?? chaptersAtLeast(page), page.chapterCount ?? '?'));
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

/** Previous / next and the chapter list: plain links to the site's own pages, so history works as usual. */
export function ChapterNav({ page }: { page: StoryPage }) {
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
              if (isWebLink(url)) location.assign(url);
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
