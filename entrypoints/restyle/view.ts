import baseCss from '../../components/base.css?inline';
import libraryCss from '../../components/library.css?inline';
import readerCss from '../../components/reader.css?inline';
import restyleCss from '../../components/restyle.css?inline';

const VIEW_CSS = [baseCss, libraryCss, readerCss, restyleCss].join('\n');

/**
 * The view's own element after <body>: a plain `div` (a page can define a custom element of any name before
 * this script runs, never a new meaning for `div`) with no id, class or attribute, holding a closed shadow
 * root. The page's CSS cannot reach the reader, ours cannot reach the page, and the page's scripts cannot
 * reach into the view: `host.shadowRoot` is null for them. The CSS is bundled text: nothing is fetched.
 */
export function mountView(doc: Document): { host: HTMLElement; shadow: ShadowRoot; container: HTMLElement } {
  const host = doc.createElement('div');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = VIEW_CSS;
  const container = doc.createElement('div');
  container.className = 'view';
  shadow.append(style, container);
  doc.documentElement.append(host);
  return { host, shadow, container };
}

/** The closed shadow root of `el`, as a content script may see it (Chrome: `dom.openOrClosedShadowRoot`). */
function closedRootOf(el: Element): ShadowRoot | null {
  const chromeDom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?(e: Element): ShadowRoot | null } } }).chrome?.dom;
  const firefox = (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  try {
    return firefox ?? chromeDom?.openOrClosedShadowRoot?.(el) ?? null;
  } catch {
    return null;
  }
}

/** Whether `el` is a view this script mounted (in this or an earlier copy of the extension). */
export function isOurView(el: Element): boolean {
  if (el.localName !== 'div') return false;
  const first = closedRootOf(el)?.firstElementChild;
  return first?.localName === 'style' && first.textContent === VIEW_CSS;
}

/** Removes the views an earlier copy of this script left (Firefox discards an old script's code on update). */
export function removeStaleViews(doc: Document): void {
  for (const el of Array.from(doc.documentElement.children)) if (isOurView(el)) el.remove();
}
