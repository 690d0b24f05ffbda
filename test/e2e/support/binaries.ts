import { existsSync } from 'node:fs';

/** Browser binaries: Debian's by default, overridable for other machines. */
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const FIREFOX_BIN = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';

export function requireBinary(path: string, what: string): string {
  if (!existsSync(path)) {
    throw new Error(`${what} not found at ${path}. Run scripts/ensure-browsers.sh (Debian, as root) or set the path in the environment.`);
  }
  return path;
}
