import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { drawScreen } from '../components/screen';
import { applySettings } from '../components/theme';
import { parseRoute } from '../lib/route';
import { screenFor } from '../lib/screen-snapshot';
import { localStore } from '../platform/local-storage';
import { firstPaintThenModule } from '../platform/page-module';

/**
 * The side panel's first paint, a classic script in sidepanel.html before its module: the module (Preact, the
 * polyfill, idb, the reader) starts 40-60 ms after the page, this script at once. When the panel opens on a
 * story it showed before, it draws that story's screen as the panel last drew it (lib/screen-snapshot.ts,
 * checked as it is read) into `#first`, with the reading settings it was drawn with, at the same place. It is
 * drawn without handlers: the panel's module removes `#first` in the task of its own first render
 * (entrypoints/sidepanel/main.tsx), which draws the story from the package and IndexedDB, and that one wins.
 * This script starts that module (platform/page-module.ts).
 */
export default defineUnlistedScript(() => firstPaintThenModule(draw));

function draw() {
  const root = document.getElementById('first');
  if (!root) return;
  const screen = screenFor(localStore(), parseRoute(location.hash));
  if (!screen) return;
  // Painted once: the module applies the settings again, and follows a "system" theme from then on.
  applySettings(document.documentElement, screen.settings)();
  drawScreen(screen, root);
  root.dataset.story = screen.story;
}
