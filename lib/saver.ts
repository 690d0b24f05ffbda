/**
 * Throttles position writes: at most one per `intervalMs` while the reader moves, the latest one written
 * `stillMs` after the reader stops (so a panel closed right after reading has it stored already), none while
 * still, and the pending one written at once on flush (panel hidden or closed). Timers are parameters for tests.
 */
export interface Saver<T> {
  update(value: T): void;
  /** Writes the pending value now, if any; resolves when that write is done. */
  flush(): Promise<void>;
}

export interface SaverOptions<T> {
  write: (value: T) => Promise<unknown>;
  intervalMs?: number;
  stillMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onError?: (e: unknown) => void;
}

export function createSaver<T>(options: SaverOptions<T>): Saver<T> {
  const interval = options.intervalMs ?? 500;
  const still = options.stillMs ?? 100;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let pending: { value: T } | null = null;
  let lastWrite = -Infinity;
  let timer: unknown = null;
  let stillTimer: unknown = null;
  let inFlight: Promise<void> = Promise.resolve();

  const writeNow = (): Promise<void> => {
    if (timer !== null) clearTimer(timer);
    if (stillTimer !== null) clearTimer(stillTimer);
    timer = stillTimer = null;
    if (!pending) return inFlight;
    const { value } = pending;
    pending = null;
    lastWrite = now();
    inFlight = inFlight
      .then(() => options.write(value))
      .then(
        () => {},
        (e: unknown) => options.onError?.(e),
      );
    return inFlight;
  };

  return {
    update(value) {
      pending = { value };
      const wait = lastWrite + interval - now();
      if (wait <= 0) return void writeNow();
      timer ??= setTimer(() => void writeNow(), wait);
      // Still for `still` ms: write now rather than at the end of the interval.
      if (stillTimer !== null) clearTimer(stillTimer);
      stillTimer = setTimer(() => void writeNow(), still);
    },
    flush: writeNow,
  };
}
