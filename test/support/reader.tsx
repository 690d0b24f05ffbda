import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { ChapterNav, pageEndsStory, pageSource } from '../../components/page-source';
import { Reader, type PositionReport, type ReaderProps } from '../../components/Reader';
import { storySource } from '../../components/story-source';
import { t } from '../../components/i18n';
import type { Position } from '../../lib/position';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import type { StoryPage } from '../../lib/sites/types';
import type { Block } from '../../lib/story/chunks';
import { splitStory } from '../../lib/story/outline';
import { catalogEntry } from './records';
import { GLASS, parsedSeed } from './seeds';

// Glass Hearts: sections I to V, a summary and a warning before the story, its text in several chunks.
export const glass = splitStory(parsedSeed(GLASS));
export const glassEntry = catalogEntry('glass-hearts', 'Glass Hearts', glass.outline.words);
export const glassSource = storySource(glassEntry, glass.outline);

export interface StoryReaderOptions extends Partial<Omit<ReaderProps, 'initial' | 'goTo'>> {
  initial?: Position | null;
  goTo?: { position: Position; seq: number } | null;
}

/** The one reader with a bundled story's source, wired as the side panel wires it (entrypoints/sidepanel). */
export function storyReaderProps(o: StoryReaderOptions = {}) {
  const onPosition = vi.fn<(r: PositionReport) => void>();
  const onSettings = vi.fn<(s: Settings) => void>();
  const onFold = vi.fn();
  const onLibrary = vi.fn();
  const onComplete = vi.fn();
  const loadPiece = vi.fn((i: number) => Promise.resolve(glass.chunks[i] as Block[]));
  const { initial, goTo, ...rest } = o;
  const props: ReaderProps = {
    source: glassSource,
    initial: initial ? glassSource.placeOf(initial) : null,
    goTo: goTo ? { place: glassSource.placeOf(goTo.position), seq: goTo.seq } : null,
    given: new Map([[0, glass.chunks[0] as Block[]]]),
    loadPiece,
    onComplete,
    settings: DEFAULT_SETTINGS,
    folds: { front: true, end: true },
    onFold,
    notice: null,
    onPosition,
    onSettings,
    back: { label: t('backToLibrary'), icon: '←', onClick: onLibrary },
    end: { finished: true, onLibrary },
    ...rest,
  };
  return { props, onPosition, onSettings, onFold, onLibrary, onComplete, loadPiece };
}

export function renderStoryReader(o: StoryReaderOptions = {}) {
  const made = storyReaderProps(o);
  return { ...render(<Reader {...made.props} />), ...made };
}

/** The one reader with a site page's source, wired as the restyled page wires it (entrypoints/restyle). */
export function renderPageReader(page: StoryPage, o: Partial<ReaderProps> = {}) {
  const onPosition = vi.fn<(r: PositionReport) => void>();
  const onOriginal = vi.fn();
  const props: ReaderProps = {
    source: pageSource(page),
    class: 'restyled',
    focusView: true,
    root: document,
    initial: null,
    settings: DEFAULT_SETTINGS,
    onSettings: vi.fn(),
    onPosition,
    back: { label: t('originalPage'), icon: '↩', onClick: onOriginal, keyshortcuts: 'Alt+Shift+R' },
    end: { finished: pageEndsStory(page) },
    after: <ChapterNav page={page} />,
    nextChapter: page.fullWork ? undefined : page.links.next,
    ...o,
  };
  return { ...render(<Reader {...props} />), props, onPosition, onOriginal };
}
