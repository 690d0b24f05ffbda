import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { servedFixtures } from '../../support/served-fixtures';
import { ffnChapterPage } from './pages';

/**
 * Stands in for fanfiction.net and AO3. Chromium reaches it through --host-resolver-rules (requests carry a
 * Host header); Firefox through its HTTP proxy setting (requests carry absolute URLs). Every request is
 * recorded, so a test can tell which hosts a page tried to reach, and when.
 */
export interface SiteServer {
  port: number;
  requests: string[];
  /** Every request as it arrived: its address, the time (Date.now()) it arrived at, and its Cookie header. */
  log: { url: string; at: number; cookie?: string }[];
  /** From now on, answers `url` (`http://host/path?query`) as `answer` says instead of from its own route. */
  answer(url: string, answer: Answer): void;
  close(): Promise<void>;
}

/**
 * Whether a request is one the browser makes for a page by itself: its icon (`/favicon.ico`, or the
 * `.ico` a fixture's `<link rel="shortcut icon">` names), which Chromium asks for whenever a tab shows a page.
 */
export const pageIcon = (url: string) => new URL(url).pathname.endsWith('.ico');

/** A stand-in answer: a fixture's source.html (`<site>/<case>`) or a page given whole, with a status, headers and a delay. */
export interface Answer {
  fixture?: string;
  /** The page itself, instead of a fixture (a generated page as it is at some later time). */
  html?: string;
  status?: number;
  headers?: Record<string, string>;
  /** Milliseconds before the answer is sent (so a test can see what a page shows while it waits). */
  delayMs?: number;
}

const fixtures = resolve(import.meta.dirname, '../../fixtures');

/** `host/path?query` of every served fixture, to its source.html. */
function fixtureRoutes(): Map<string, string> {
  return new Map(servedFixtures().map(({ url: u, source }) => [`${u.host}${u.pathname}${u.search}`, source]));
}

function requestUrl(req: IncomingMessage): URL {
  return req.url?.startsWith('http') ? new URL(req.url) : new URL(req.url ?? '/', `http://${req.headers.host}`);
}

export async function startSiteServer(): Promise<SiteServer> {
  const routes = fixtureRoutes();
  const requests: string[] = [];
  const log: SiteServer['log'] = [];
  const answers = new Map<string, Answer>();
  const server = createServer((req, res) => {
    const url = requestUrl(req);
    requests.push(url.href);
    log.push({ url: url.href, at: Date.now(), ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}) });
    const answer = answers.get(`${url.host}${url.pathname}${url.search}`);
    if (answer) {
      setTimeout(() => {
        res.writeHead(answer.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...answer.headers });
        res.end(answer.html ?? readFileSync(join(fixtures, answer.fixture ?? '', 'source.html')));
      }, answer.delayMs ?? 0);
      return;
    }
    const file = routes.get(`${url.host}${url.pathname}${url.search}`);
    const generated = url.host === 'www.fanfiction.net' ? ffnChapterPage(url.pathname) : undefined;
    if (file || generated) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(file ? readFileSync(file) : generated);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    log,
    answer(url, answer) {
      const u = new URL(url);
      answers.set(`${u.host}${u.pathname}${u.search}`, answer);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
