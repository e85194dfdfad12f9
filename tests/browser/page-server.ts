import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server';

const PAGE = join(__dirname, 'page', 'index.html');

/** Serves the test page at / on its own loopback port, i.e. its own web origin. */
export function startPageServer(): Promise<LoopbackServer> {
  const html = readFileSync(PAGE);
  return startLoopbackServer((req, res) => {
    if (req.method === 'GET' && new URL(req.url ?? '/', 'http://page').pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(html);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
}
