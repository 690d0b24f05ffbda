import { browser } from 'wxt/browser';
import { setMessageLookup } from '../components/i18n';

/** Points the UI's strings at the browser's i18n API (the locale the browser chose from _locales). */
export function useBrowserMessages(): void {
  // WXT types getMessage with its own message names only; ours are typed in components/i18n.ts.
  const getMessage = browser.i18n.getMessage as (key: string, subs?: string[]) => string;
  setMessageLookup((key, subs) => getMessage(key, subs));
}
