// Opens a real browser with the built extension loaded: `npm start` (Chromium) or `npm start -- firefox`.
// Needs a display. Chromium gets a throwaway profile; Firefox is run by web-ext as a temporary add-on.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const which = process.argv[2] ?? 'chromium';
const root = resolve(import.meta.dirname, '..');
if (which === 'firefox') {
  const bin = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
  spawn('npx', ['web-ext', 'run', '--source-dir', join(root, '.output/firefox-mv3'), `--firefox=${bin}`], { stdio: 'inherit' });
} else {
  const bin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
  const ext = join(root, '.output/chrome-mv3');
  const profile = mkdtempSync(join(tmpdir(), 'ficwell-'));
  const args = [`--user-data-dir=${profile}`, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-first-run'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  spawn(bin, args, { stdio: 'inherit' });
}
