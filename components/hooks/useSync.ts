import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from '../../lib/sync/engine';
import { send } from '../../platform/messages';
import { syncEnabled, syncStatus } from '../../platform/sync';

export interface SyncState {
  enabled: boolean;
  status: SyncStatus | null;
  setEnabled: (on: boolean) => void;
  /** Asks the background to write now; resolves when it has. */
  syncNow: () => Promise<void>;
}

/** The sync switch and the background's last report, followed live (the background runs the engine). */
export function useSync(): SyncState {
  const [enabled, setShown] = useState(false);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    void syncEnabled.get().then(setShown);
    void syncStatus.get().then(setStatus);
    const stops = [syncEnabled.watch(setShown), syncStatus.watch(setStatus)];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
  return {
    enabled,
    status,
    setEnabled(on) {
      setShown(on);
      void syncEnabled.set(on);
    },
    async syncNow() {
      const after = await send('sync-now', {});
      if (after) setStatus(after);
    },
  };
}
