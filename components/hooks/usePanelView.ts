import { useEffect, useState } from 'preact/hooks';
import type { StoryFile } from '../../lib/catalog';
import type { ProgressRecord } from '../../lib/db/schema';
import { indexOutline, paragraphOf, type Position } from '../../lib/position';
import { parseRoute, routeHash } from '../../lib/route';
import { openingChunks, type Block } from '../../lib/story/chunks';
import { t } from '../i18n';

export type PanelView =
  | { kind: 'loading' }
  | { kind: 'story'; data: StoryFile; initial: Position | null; chunks: ReadonlyMap<number, Block[]> }
  | { kind: 'library'; message?: string };

/** What the panel reads to show a route (platform/data.ts, the progress service, ui-state). */
export interface PanelSources {
  loadStory(id: string): Promise<StoryFile | undefined>;
  loadChunk(id: string, chunk: number): Promise<Block[]>;
  saved(id: string): Promise<ProgressRecord | undefined>;
  lastStory(): Promise<string | null>;
  setLastStory(id: string | null): void;
}

/**
 * The opening chunks (lib/story/chunks.ts openingChunks), loaded before the reader's first render. One that
 * fails is left out: the reader tries it again and says so in its place.
 */
export async function loadOpeningChunks(
  { entry, outline }: StoryFile,
  initial: Position | null,
  loadChunk: PanelSources['loadChunk'],
): Promise<Map<number, Block[]>> {
  const wanted = openingChunks(outline.chunks, initial ? paragraphOf(indexOutline(outline), initial) : 0);
  const got = await Promise.all(
    wanted.map((i) =>
      loadChunk(entry.id, i).then(
        (blocks) => [i, blocks] as const,
        () => undefined,
      ),
    ),
  );
  return new Map(got.filter((g) => g !== undefined));
}

/**
 * What the panel shows for an address (lib/route.ts): a story with its saved position and opening chunks, or
 * the library (with a notice for an unknown story). No hash reopens the story shown last, and the address
 * says so.
 */
export async function loadPanelView(sources: PanelSources, hash: string): Promise<PanelView> {
  let route = parseRoute(hash);
  if (route.kind === 'last') {
    const last = await sources.lastStory();
    route = last ? { kind: 'story', id: last } : { kind: 'library' };
    if (last) history.replaceState(null, '', routeHash(route));
  }
  if (route.kind === 'story') {
    // The outline and the saved position side by side, then the text around that position.
    const [data, saved] = await Promise.all([sources.loadStory(route.id), sources.saved(route.id)]);
    if (data) {
      const initial = saved?.position ?? null;
      const chunks = await loadOpeningChunks(data, initial, sources.loadChunk);
      return { kind: 'story', data, initial, chunks };
    }
  }
  return { kind: 'library', message: route.kind === 'story' ? t('unknownStory', route.id) : undefined };
}

/**
 * What the panel shows for its address, again on every `hashchange` (loadPanelView). `initial` is the view
 * for the address the page opened with, when the page read it before its first render.
 */
export function usePanelView(sources: PanelSources, initial?: PanelView): PanelView {
  const [view, setView] = useState<PanelView>(initial ?? { kind: 'loading' });
  useEffect(() => {
    let shown = 0;
    const show = async () => {
      const mine = ++shown; // a later hash change wins over a slower earlier one
      const next = await loadPanelView(sources, location.hash);
      if (mine === shown) setView(next);
    };
    if (!initial) void show();
    addEventListener('hashchange', show);
    return () => {
      shown = -1;
      removeEventListener('hashchange', show);
    };
  }, []);
  // The story shown is the one a bare address reopens; the library shown forgets it.
  useEffect(() => {
    if (view.kind !== 'loading') sources.setLastStory(view.kind === 'story' ? view.data.entry.id : null);
  }, [view]);
  return view;
}
