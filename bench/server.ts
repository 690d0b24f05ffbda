import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { servedFixtures } from '../test/support/served-fixtures';
import { hugeFfnPage } from '../test/e2e/support/front';
import { AO3_WORK_URL, ao3FullWorkPage } from './ao3-work';
import { HUGE } from './huge-pages';

/**
 * Stands in for fanfiction.net and AO3 during the benchmark, like test/e2e/support/server.ts: the committed
 * fixtures at their url.txt addresses, plus the generated AO3 full work and the huge pages. Chromium reaches it through
 * --host-resolver-rules (Host header), Firefox through its HTTP proxy setting (absolute-form request lines).
 */
export interface SiteServer {
  port: number;
  close(): Promise<void>;
}

const routeKey = (u: URL) => `${u.host}${u.pathname}${u.search}`;

function routes(): Map<string, () => string | Buffer> {
  const map = new Map<string, () => string | Buffer>();
  for (const { url, source } of servedFixtures()) {
    const html = readFileSync(source);
    map.set(routeKey(url), () => html);
  }
  const work = ao3FullWorkPage(); // generated once per run, served from memory
  map.set(routeKey(new URL(AO3_WORK_URL)), () => work);
  // The huge pages (bench/huge.ts), generated on their first request: tens of megabytes.
  let ffn: string | undefined;
  let ao3: string | undefined;
  map.set(routeKey(new URL(HUGE.ffn.url)), () => (ffn ??= hugeFfnPage(HUGE.ffn.id, HUGE.ffn.paragraphs)));
  map.set(routeKey(new URL(HUGE.ao3.url)), () => (ao3 ??= ao3FullWorkPage(HUGE.ao3.words, HUGE.ao3.id)));
  return map;
}

/**
 * The same page on a host Ficwell does not run on (the bench's floor "the page without the extension"):
 * beacon.test is already mapped to this server in both browsers (test/support/browsers.ts SITE_HOSTS).
 */
const PLAIN = 'http://beacon.test/plain/';
export const plainUrl = (url: string) => `${PLAIN}${new URL(url).host}${new URL(url).pathname}${new URL(url).search}`;
const unplain = (u: URL) => (u.href.startsWith(PLAIN) ? new URL(`http://${u.href.slice(PLAIN.length)}`) : u);

function requestUrl(req: IncomingMessage): URL {
  return req.url?.startsWith('http') ? new URL(req.url) : new URL(req.url ?? '/', `http://${req.headers.host}`);
}

export async function startSiteServer(): Promise<SiteServer> {
  const map = routes();
  const server = createServer((req, res) => {
    const body = map.get(routeKey(unplain(requestUrl(req))))?.();
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
