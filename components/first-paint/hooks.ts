/**
 * `preact/hooks` for the once-only renderer (./dom.ts): a first render, with nothing after it. State is its
 * initial value and never changes, effects never run (they belong to the popup's own render, which replaces
 * this one), memos are computed, refs hold their initial value. Only the hooks the first screen's components
 * call: one that is not here fails the build (a missing export), never the paint.
 */
const nothing = () => {};

export function useState<T>(initial: T | (() => T)): [T, (next: unknown) => void] {
  return [typeof initial === 'function' ? (initial as () => T)() : initial, nothing];
}
export function useMemo<T>(make: () => T): T {
  return make();
}
export function useRef<T>(initial: T): { current: T } {
  return { current: initial };
}
export const useEffect: (effect: () => unknown, deps?: unknown[]) => void = nothing;
