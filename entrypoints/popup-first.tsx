import { render } from 'preact';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PopupFirstScreen } from '../components/PopupFirstScreen';
import { readSnapshot } from '../lib/library-snapshot';
import { useGlobalMessages } from '../platform/i18n-global';
import { localStore } from '../platform/local-storage';
import { firstPaintThenModule } from '../platform/page-module';

/**
 * The popup's first paint, a classic script in popup.html before its module: the module (Preact, the polyfill,
 * idb, the components) starts tens of milliseconds after the page, this script at once. It draws the rows of
 * the snapshot (lib/library-snapshot.ts, checked field by field as the module checks it) into `#first`,
 * through the same components, so every string goes in as text. Its build draws them with a once-only
 * renderer instead of Preact (components/first-paint, swapped in by modules/first-paint.ts), which builds the
 * same DOM. The rows do nothing when clicked: the popup's module removes `#first` in the task of its own first
 * render (entrypoints/popup/main.tsx), whose rows work. This script starts that module (platform/page-module.ts).
 */
export default defineUnlistedScript(() => firstPaintThenModule(draw));

function draw() {
  const root = document.getElementById('first');
  const snapshot = readSnapshot(localStore());
  if (!root || !snapshot || document.getElementById('app')?.firstChild) return;
  useGlobalMessages();
  render(<PopupFirstScreen snapshot={snapshot} now={Date.now()} />, root);
}
