/**
 * The books Ficwell writes, checked by EPUBCheck (the W3C's validator; Debian package `epubcheck`, installed by
 * scripts/ensure-epubcheck.sh): every bundled story, and web stories read from the site fixtures and the hostile
 * fixtures, as saved chapters would give them, and saved works stored and read back from IndexedDB (FFN and AO3
 * fixtures); "story only" on three of them. One EPUBCheck process per
 * book, two at a time (two cores).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { epubText } from '../../components/epub';
import { buildEpub, type Book } from '../../lib/epub';
import { savedWebBook, seedBooks, webBook } from '../unit/epub-books';

const JAR = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar';
const dir = mkdtempSync(join(tmpdir(), 'ficwell-epubcheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number; column: number }[] }[];
  checker: { nFatal: number; nError: number; nWarning: number };
}

/** At most two EPUBCheck processes at once: each is a JVM. */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(run: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await run();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** The book written to a file and checked; the report's messages, as `SEVERITY ID path:line message`. */
async function check(name: string, making: Book | Promise<Book>, storyOnly: boolean): Promise<{ problems: string[]; report: Report }> {
  const file = join(dir, `${name}${storyOnly ? '-story-only' : ''}.epub`);
  const book = await making;
  writeFileSync(file, buildEpub(book, epubText(), { storyOnly, modified: new Date('2026-12-01T12:00:00Z') }));
  const json = `${file}.json`;
  // EPUBCheck exits 1 when it finds errors; the report says what they are.
  // C1 only and the serial collector: half the CPU time of the JVM's defaults for these short runs (6 s of
  // CPU a book instead of 13 s, measured here).
  const java = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', JAR, file, '--json', json];
  await slot(() => promisify(execFile)('java', java).catch(() => undefined));
  const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  const problems = report.messages.map((m) => {
    const at = m.locations[0];
    return `${m.severity} ${m.ID} ${at ? `${at.path}:${at.line}` : ''} ${m.message}`;
  });
  return { problems, report };
}

const books: [string, () => Book | Promise<Book>][] = [
  ...seedBooks().map(({ id, book }): [string, () => Book] => [id, () => book]),
  ['ao3 full work', () => webBook('ao3/full-work')],
  ['ao3 chapters saved one by one', () => webBook('ao3/middle-chapter', 'ao3/chapter-number-title', 'ao3/work-skin')],
  ['ffn chapters', () => webBook('ffn/one-chapter', 'ffn/middle-chapter')],
  // Saved works: the pages' chapters stored and read back as the side panel's "Download EPUB" reads them.
  ['saved ao3 work', () => savedWebBook('ao3/middle-chapter', 'ao3/full-work')],
  ['saved ffn story', () => savedWebBook('ffn/middle-chapter', 'ffn/mobile')],
  ['hostile ao3 full work', () => webBook('hostile/ao3-full-work')],
  ['hostile ao3 clobber', () => webBook('hostile/ao3-clobber')],
  ['hostile ffn clobber', () => webBook('hostile/ffn-clobber-document')],
];

/** "Story only" changes which files a book has (no end notes page) and what is in them: checked on two books with notes. */
const STORY_ONLY = new Set(['glass-hearts', 'ao3 full work', 'saved ao3 work']);

describe('EPUBCheck', () => {
  const runs = [...books.map(([name, book]) => ({ name, book, storyOnly: false }))];
  for (const [name, book] of books) if (STORY_ONLY.has(name)) runs.push({ name: `${name}, story only`, book, storyOnly: true });
  // Started together, so that two JVMs are always at work; each test awaits its own.
  const results = new Map(runs.map((r) => [r.name, check(r.name.replace(/\W+/g, '-'), r.book(), r.storyOnly)]));
  it('checks every bundled story', () => {
    expect(seedBooks().every(({ id }) => results.has(id))).toBe(true);
  });
  it.each(runs.map((r) => r.name))('%s: no errors, no warnings', async (name) => {
    const { problems, report } = (await results.get(name)) as Awaited<ReturnType<typeof check>>;
    expect(problems).toEqual([]);
    expect(report.checker.nFatal + report.checker.nError + report.checker.nWarning).toBe(0);
  });
});
