/** Small readers of page markup shared by the site adapters. None of them changes the document. */

/** Trimmed text of an element with whitespace collapsed; '' for none. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Text of every match, empty ones left out. */
export function textsOf(root: ParentNode, selector: string): string[] {
  return Array.from(root.querySelectorAll(selector), (el) => textOf(el)).filter((t) => t !== '');
}

/** An absolute http(s) URL for `href` against `base`, without its fragment; undefined when there is none. */
export function absoluteUrl(href: string | null | undefined, base: URL | string, keepHash = false): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!keepHash) url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** "61,162" or "67 379" or "12.345" as a number; undefined when there are no digits. */
export function parseCount(text: string | null | undefined): number | undefined {
  const digits = (text ?? '').replace(/[^\d]/g, '');
  return digits ? Number(digits) : undefined;
}

/**
 * A browser check (Cloudflare's "Just a moment...", its older "Attention Required", or a Turnstile page)
 * standing in front of the page. Judged from markup that stays in the page without its scripts.
 */
export function isChallengePage(doc: Document): boolean {
  const title = doc.title.trim();
  if (/^(?:just a moment\.*|attention required!? \| cloudflare|please wait\.* \| cloudflare|one more step)$/i.test(title)) return true;
  return (
    doc.querySelector(
      '#challenge-form, #challenge-running, #challenge-stage, #challenge-error-text, #challenge-body-text, ' +
        '#cf-challenge-running, .cf-browser-verification, #turnstile-wrapper, #cf-wrapper .cf-error-details, ' +
        'script[src*="/cdn-cgi/challenge-platform/"], form[action*="__cf_chl_"]',
    ) !== null
  );
}
