import { useEffect, useState } from 'preact/hooks';
import { loadUi, saveUi, type UiState } from '../../platform/ui-state';

/** The panel's small view state (platform/ui-state.ts): null until loaded (unless given); `update` shows a patch and stores it. */
export function useUiState(initial?: UiState): [UiState | null, (patch: Partial<UiState>) => void] {
  const [ui, setUi] = useState<UiState | null>(initial ?? null);
  useEffect(() => void (initial || loadUi().then((loaded) => setUi((u) => u ?? loaded))), []);
  const update = (patch: Partial<UiState>) => {
    setUi((u) => u && { ...u, ...patch });
    void saveUi(patch);
  };
  return [ui, update];
}
