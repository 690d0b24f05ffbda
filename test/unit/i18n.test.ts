import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const messages = JSON.parse(readFileSync(join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; description?: string }
>;

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}
// The site definitions name their library label (lib/sites/<site>.site.ts).
const sources = [
  ...files('components', /\.tsx?$/),
  ...files('entrypoints', /\.(tsx?|html)$/),
  ...files('lib/sites', /\.site\.ts$/),
  'wxt.config.ts',
]
  .map((f) => readFileSync(join(root, f), 'utf8'))
  .join('\n');

describe('UI strings come from _locales/en/messages.json', () => {
  it('every message is used somewhere (by t(), a __MSG_ reference or a message-key table)', () => {
    const unused = Object.keys(messages).filter((k) => !new RegExp(`['"\`]${k}['"\`]|__MSG_${k}__`).test(sources));
    expect(unused).toEqual([]);
  });
  it('every message has a description for translators', () => {
    expect(
      Object.entries(messages)
        .filter(([, m]) => !m.description)
        .map(([k]) => k),
    ).toEqual([]);
  });
  it('no visible English is left in JSX text of components and entrypoints', () => {
    // Text between tags that is made of letters and not an expression: what a translator could not reach.
    const leftovers = [...sources.matchAll(/(?<![=-])>\s*([A-Za-z][A-Za-z ,.'’!?-]{2,})\s*</g)].map((m) => m[1]);
    expect(leftovers).toEqual([]);
  });
});
