import { createSyncEngine, type SyncArea, type SyncEngine, type SyncEngineOptions, type SyncStatus, type SyncStore } from './engine';

export interface SyncServiceDeps {
  enabled: { get(): Promise<boolean>; watch(listener: (on: boolean) => void): () => void };
  area: SyncArea & { clear(): Promise<void> };
  store: SyncStore;
  deviceId: () => Promise<string>;
  saveStatus: (status: SyncStatus | null) => Promise<void>;
  onRemote?: SyncEngineOptions['onRemote'];
  /** Timers and clock, for tests. */
  engine?: Pick<SyncEngineOptions, 'now' | 'setTimer' | 'clearTimer'>;
}

export interface SyncService {
  /** A position was saved here. */
  changed(): void;
  /** A chapter changed or a view closed: write sooner. */
  soon(): void;
  /** The reader asked: write now, whatever the batching (the browser's own rate limit still applies). */
  syncNow(): Promise<SyncStatus | null>;
  /** Empties the sync area. Other devices that still sync write their places back: say so where offered. */
  clear(): Promise<void>;
  ready: Promise<void>;
}

/** Runs the sync engine while the reader has sync turned on, in the background that owns IndexedDB. */
export function createSyncService(deps: SyncServiceDeps): SyncService {
  let engine: SyncEngine | null = null;
  let turn: Promise<void> = Promise.resolve();

  const set = (on: boolean) =>
    (turn = turn.then(async () => {
      if (on && !engine) {
        engine = createSyncEngine({
          area: deps.area,
          store: deps.store,
          device: await deps.deviceId(),
          onRemote: deps.onRemote,
          onStatus: (s) => void deps.saveStatus(s).catch(() => {}),
          ...deps.engine,
        });
        await engine.start().catch(() => {});
      } else if (!on && engine) {
        engine.stop();
        engine = null;
        await deps.saveStatus(null).catch(() => {});
      }
    }));

  deps.enabled.watch((on) => void set(on));
  const ready = deps.enabled.get().then(set, () => {});

  return {
    changed: () => engine?.changed(),
    soon: () => engine?.soon(),
    async syncNow() {
      await turn;
      if (!engine) return null;
      engine.changed();
      await engine.flush();
      return engine.status();
    },
    async clear() {
      await deps.area.clear();
    },
    ready,
  };
}
