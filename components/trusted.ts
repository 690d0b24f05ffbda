/**
 * Input a web page could have made is not input from the reader. A page cannot reach into the restyled view
 * (its shadow root is closed), but it can dispatch events at the window and the document, and the same
 * components serve the side panel: so every handler that changes settings, the reading position or the page
 * goes through `trusted`.
 *
 * `event.isTrusted` alone is not enough: `checkbox.click()` from a script dispatches an untrusted click, and
 * then the browser itself fires `input` and `change`, which are trusted. So an untrusted click also marks the
 * events that follow from it, until the script that dispatched it has returned (the microtask checkpoint).
 */

const marked = new WeakSet<Document>();
let scriptActivation = false;

function watchActivations(doc: Document): void {
  if (marked.has(doc)) return;
  marked.add(doc);
  doc.addEventListener(
    'click',
    (e) => {
      if (e.isTrusted) return;
      scriptActivation = true;
      queueMicrotask(() => (scriptActivation = false));
    },
    true,
  );
}

/** Whether `e` came from the person using the browser, not from a script. */
export function isTrustedInput(e: Event): boolean {
  return e.isTrusted && !scriptActivation;
}

/** `handler`, called only for trusted input (see the module comment); other events are ignored. */
export function trusted<E extends Event>(handler: (e: E) => void): (e: E) => void {
  if (typeof document !== 'undefined') watchActivations(document);
  return (e: E) => {
    if (isTrustedInput(e)) handler(e);
  };
}
