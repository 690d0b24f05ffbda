/**
 * Screenshots of Ficwell's views at the widths the browsers open them at (Firefox's sidebar 252 px, Chrome's
 * side panel 360 px) and at 1280 px, light and dark, for a person to look at before a change is called done.
 *
 *   npm run zip && npx jiti scripts/shots.ts [--out DIR] [--browser chromium|firefox]
 *
 * Views: the library (with a fanfiction.net story saved by reading it restyled), the choice its saved copy
 * offers, that copy read in the panel, a story at its start, in the middle, with its settings and contents open and at its end, and a
 * restyled fanfiction.net chapter (served by the e2e site server). Nothing is asserted here; the e2e tests
 * do that.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { afterFrames, click, evaluate, launch, poll, setViewport, type AnyPage, type BrowserName } from '../test/e2e/support/harness';
import { startSiteServer } from '../test/e2e/support/server';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const out = flag('--out') ?? '/tmp/ficwell-shots';
const browsers = (flag('--browser') ? [flag('--browser')] : ['chromium', 'firefox']) as BrowserName[];
const WIDTHS = [252, 360, 1280];
const THEMES = ['light', 'dark'] as const;

const setTheme = (page: AnyPage, theme: string) =>
  evaluate(
    page,
    `(globalThis.browser ?? globalThis.chrome).storage.local.set({ settings: ${JSON.stringify({ ...DEFAULT_SETTINGS, theme })} })`,
  );

async function shot(page: AnyPage, path: string) {
  // A background tab draws no frames in Firefox: bring the one to shoot to the front.
  await (page as { bringToFront(): Promise<void> }).bringToFront();
  await afterFrames(page);
  await (page as { screenshot(o: { path: string }): Promise<unknown> }).screenshot({ path });
}

mkdirSync(out, { recursive: true });
const server = await startSiteServer();
for (const name of browsers) {
  const h = await launch(name, { sitePort: server.port });
  try {
    // The site's chapter first: reading it restyled saves it, so the library lists a saved copy.
    const site = await h.openPage('http://www.fanfiction.net/s/1234567/2/The-Lantern-Road');
    await poll(site, `true`, 5000, 'the site page');
    await new Promise((r) => setTimeout(r, 1500));
    const library = await h.openExtensionPage('/sidepanel.html#library');
    const story = await h.openExtensionPage('/sidepanel.html#story=glass-hearts');
    // The saved copy read in the panel, from IndexedDB: the chapter read, and the ones not saved linking to the site.
    const savedStory = await h.openExtensionPage('/sidepanel.html#story=web:ffn:1234567');
    const savedRow = '[data-story="web:ffn:1234567"] button';
    for (const theme of THEMES) {
      await setTheme(library, theme);
      for (const width of WIDTHS) {
        const file = (view: string) => join(out, `${name}-${view}-${width}-${theme}.png`);
        await setViewport(library, width, 720);
        await shot(library, file('library'));
        if (await evaluate<boolean>(library, `!!document.querySelector('${savedRow}')`)) {
          await click(library, savedRow);
          await poll(library, `!!document.querySelector('.saved-choice')`, 5000, 'the saved choice');
          await shot(library, file('saved-choice'));
          await click(library, '.saved-choice button:last-child');
        }
        await setViewport(savedStory, width, 720);
        await shot(savedStory, file('saved-story'));
        await setViewport(story, width, 720);
        await evaluate(story, `window.scrollTo(0, 0)`);
        await shot(story, file('story-top'));
        await evaluate(story, `window.scrollTo(0, document.documentElement.scrollHeight * 0.4)`);
        await shot(story, file('story-middle'));
        await click(story, '[aria-controls="reading-settings"]');
        await shot(story, file('story-settings'));
        await click(story, '[aria-controls="reading-settings"]');
        await click(story, '[aria-controls="reading-contents"]');
        await shot(story, file('story-contents'));
        await click(story, '[aria-controls="reading-contents"]');
        await evaluate(story, `window.scrollTo(0, document.documentElement.scrollHeight)`);
        await shot(story, file('story-end'));
        await setViewport(site, width, 720);
        await shot(site, file('restyled'));
      }
    }
  } finally {
    await h.close();
  }
}
await server.close();
console.log(`Screenshots in ${out}`);
