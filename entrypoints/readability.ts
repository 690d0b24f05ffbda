import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

/**
 * Readability for the content script, injected by the background (scripting.executeScript) into the
 * content script's own isolated world, only for a fiction page the site adapter did not recognise.
 */
export default defineUnlistedScript(() => {
  (globalThis as { ficwellReadability?: unknown }).ficwellReadability = { Readability, isProbablyReaderable };
});
