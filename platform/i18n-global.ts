import { setMessageLookup } from '../components/i18n';

/**
 * `useBrowserMessages` without the polyfill, for the popup's first-paint script, which must stay small:
 * `chrome.i18n.getMessage` (Chromium; Firefox has it too, and `browser`) is synchronous in both browsers.
 */
export function useGlobalMessages(): void {
  const g = globalThis as { chrome?: { i18n?: I18n }; browser?: { i18n?: I18n } };
  const i18n = g.chrome?.i18n ?? g.browser?.i18n;
  if (i18n) setMessageLookup((key, subs) => i18n.getMessage(key, subs));
}

interface I18n {
  getMessage(key: string, substitutions?: string[]): string;
}
