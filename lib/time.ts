/** Clock skew allowed between the views that date positions; later than this is taken as now. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** No position was read before Ficwell existed; a date before this is damage. */
export const EARLIEST_TIME = Date.UTC(2000, 0, 1);

/** A stored time so far ahead of `now` that it can only be damage (written before times were clamped). */
export const isFuture = (t: number, now: number): boolean => t > now + CLOCK_SKEW_MS;
