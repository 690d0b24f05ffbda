import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A page case under test/fixtures: the page as the site served it (source.html), the address it came from
 * (url.txt) and what the test expects of it (expected.json, whose shape each suite gives as `E`).
 */
export function readFixture<E>(dir: string): { html: string; url: string; expected: E } {
  return {
    html: readFileSync(join(dir, 'source.html'), 'utf8'),
    url: readFileSync(join(dir, 'url.txt'), 'utf8').trim(),
    expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as E,
  };
}
