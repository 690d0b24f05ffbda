/**
 * Input as the person's own. The settings controls act only on trusted events (components/trusted.ts), and
 * jsdom marks every event a script dispatches untrusted, as a browser does: testing-library's fireEvent
 * cannot stand for the reader any more. jsdom's own dispatch (the one its activation behaviour and the
 * events that follow a click use) takes an event marked trusted; these helpers hand it one, so the
 * components' real trust gate runs (a checkbox's click, then the trusted input and change jsdom fires).
 */

import { act } from '@testing-library/preact';

function impl(wrapper: object): { isTrusted: boolean; _dispatch(e: unknown): boolean } {
  const sym = Object.getOwnPropertySymbols(wrapper).find((s) => s.description === 'impl');
  if (!sym) throw new Error('not a jsdom object');
  return (wrapper as Record<symbol, { isTrusted: boolean; _dispatch(e: unknown): boolean }>)[sym]!;
}

/** Dispatches `event` at `target` as input from the person using the browser (in act(), as fireEvent does). */
export function dispatchTrusted(target: EventTarget, event: Event): boolean {
  const e = impl(event);
  e.isTrusted = true;
  let result = false;
  act(() => {
    result = impl(target)._dispatch(e);
  });
  return result;
}

export const trustedClick = (el: Element) =>
  dispatchTrusted(el, new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));

/** Sets an input's value and fires the trusted `input` event typing or dragging it would. */
export function trustedInput(el: HTMLInputElement, value: string): void {
  el.value = value;
  dispatchTrusted(el, new Event('input', { bubbles: true, composed: true }));
}
