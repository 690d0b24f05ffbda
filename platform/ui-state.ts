import { browser } from 'wxt/browser';

/** Small view state kept in extension storage (not IndexedDB): what the reader had open and how. */
export interface UiState {
  /** The story the panel showed last, or null when it was on the library. */
  lastStory: string | null;
  /** Front matter / end notes open or collapsed, per story id; absent means the default (open). */
  frontMatterOpen: Record<string, boolean>;
  endNotesOpen: Record<string, boolean>;
  sort: 'recent' | 'title' | 'length';
}

export const DEFAULT_UI: UiState = { lastStory: null, frontMatterOpen: {}, endNotesOpen: {}, sort: 'recent' };
const KEY = 'ui';

export async function loadUi(): Promise<UiState> {
  try {
    const got = (await browser.storage.local.get(KEY)) as { ui?: Partial<UiState> };
    return { ...DEFAULT_UI, ...got.ui };
  } catch {
    return DEFAULT_UI;
  }
}

export async function saveUi(patch: Partial<UiState>): Promise<void> {
  const current = await loadUi();
  await browser.storage.local.set({ [KEY]: { ...current, ...patch } });
}
