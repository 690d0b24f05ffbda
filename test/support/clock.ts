/** A hand-driven clock for timer options (lib/saver.ts, lib/sync): timers fire only when the test advances time. */
export function manualClock(start = 0) {
  let t = start;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => t,
    setTimer: (fn: () => void, ms: number) => {
      timers.push({ at: t + ms, fn, id: ++ids });
      return ids;
    },
    clearTimer: (id: unknown) => {
      const i = timers.findIndex((x) => x.id === id);
      if (i !== -1) timers.splice(i, 1);
    },
    /** Runs every timer due within `ms`, in order, letting the writes they start settle. */
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        t = next.at;
        next.fn();
        await settle();
      }
      t = end;
      await settle();
    },
  };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * This process's CPU time in ms (user + system), for the security tier's caps on parsing: on a shared 2-core
 * machine wall time measures the neighbours too (a 900 ms read came out at 3,500 ms beside another run).
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
