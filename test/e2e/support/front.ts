import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSiteServer, type SiteServer } from './server';

/**
 * The site server (./server.ts) with generated pages in front of it: `pages(url)` answers a request with HTML
 * or undefined, and everything else goes on to the site server (where `answer` applies). Requests to either
 * are recorded in `requests` and `log`, as the site server does.
 */
export async function startFrontServer(pages: (url: URL) => string | undefined): Promise<SiteServer> {
  const back = await startSiteServer();
  const requests: string[] = [];
  const log: SiteServer['log'] = [];
  const urlOf = (req: IncomingMessage) =>
    req.url?.startsWith('http') ? new URL(req.url) : new URL(req.url ?? '/', `http://${req.headers.host}`);
  const server = createServer((req, res) => {
    const url = urlOf(req);
    requests.push(url.href);
    log.push({ url: url.href, at: Date.now(), ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}) });
    const html = pages(url);
    if (html !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    const fwd = request({ host: '127.0.0.1', port: back.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    log,
    answer: back.answer,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await back.close();
    },
  };
}

/** A fanfiction.net chapter page whose story text is `paragraphs` top-level paragraphs (about 150 bytes each). */
export function hugeFfnPage(storyId: string, paragraphs: number): string {
  const text: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    text.push(
      `<p>Paragraph ${i + 1} of a very long chapter: the river ran on past the mill and the lanterns, and nobody on the bank said a word.</p>`,
    );
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Huge Chapter Chapter 1, a harry potter fanfic | FanFiction</title></head><body>
<div id="profile_top"><b class="xcontrast_txt">Huge Chapter</b> By: <a class="xcontrast_txt" href="/u/1111111/someone">someone</a>
<span class="xgray xcontrast_txt">Rated: Fiction K - English - Chapters: 1 - Words: 1,000,000 - Status: Complete - id: ${storyId}</span></div>
<div role="main" id="storytextp"><div class="storytext xcontrast_txt" id="storytext">
${text.join('\n')}
</div></div></body></html>`;
}
