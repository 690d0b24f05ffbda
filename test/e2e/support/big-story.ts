import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ffnChapterPage } from './pages';

/** A work whose metadata exceed what a record holds: a 13-digit id, 120 fandoms (one of 600 characters), 101 co-creators. */
export const BIG_WORK = { id: '1234567890123', fandoms: 120, authors: 101, longFandom: 600 };
export const BIG_WORK_URL = `http://archiveofourown.org/works/${BIG_WORK.id}`;

/** The AO3 one-chapter fixture with its id, fandoms and byline made too big. */
function bigWorkPage(): string {
  const source = readFileSync(new URL('../../fixtures/ao3/one-chapter/source.html', import.meta.url), 'utf8');
  const fandoms = ['F'.repeat(BIG_WORK.longFandom), ...Array.from({ length: BIG_WORK.fandoms - 1 }, (_, i) => `Fandom ${i + 2}`)]
    .map((f) => `<li><a class="tag" href="/tags/${encodeURIComponent(f)}/works">${f}</a></li>`)
    .join('');
  const byline = Array.from(
    { length: BIG_WORK.authors },
    (_, i) => `<a rel="author" href="/users/writer${i}/pseuds/writer${i}">writer${i}</a>`,
  ).join(', ');
  return source
    .replaceAll('5151515', BIG_WORK.id)
    .replace(
      /<dd class="fandom tags"><ul class="commas">[\s\S]*?<\/ul><\/dd>/,
      `<dd class="fandom tags"><ul class="commas">${fandoms}</ul></dd>`,
    )
    .replace(/(<h3 class="byline heading">)[\s\S]*?(<\/h3>)/, `$1\n${byline}\n$2`);
}

/** Serves the big work and the generated FFN story (test/e2e/support/pages.ts), like the site server. */
export async function startBigStoryServer(): Promise<{ port: number; close(): Promise<void> }> {
  const big = bigWorkPage();
  const server = createServer((req, res) => {
    const url = req.url?.startsWith('http') ? new URL(req.url) : new URL(req.url ?? '/', `http://${req.headers.host}`);
    const page =
      url.host === 'archiveofourown.org' && url.pathname === `/works/${BIG_WORK.id}`
        ? big
        : url.host === 'www.fanfiction.net'
          ? ffnChapterPage(url.pathname)
          : undefined;
    res.writeHead(page ? 200 : 404, { 'content-type': page ? 'text/html; charset=utf-8' : 'text/plain' });
    res.end(page ?? 'Not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}
