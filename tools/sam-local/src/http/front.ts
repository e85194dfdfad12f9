// The HTTP front every local server shares (start-api's port, each function URL's port, the Invoke API): listening,
// timeouts, connection guards, the admission check (src/http/admission.ts), the access log, sending (with the drain
// after a 413) and a graceful stop. What a request means is the handler's business.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonResponse, withHeaders, type HttpResponse } from '../pipeline/http-response';
import type { RequestHead } from '../pipeline/request';
import { admissionProblem, type Refusal } from './admission';
import { readBody, type BodyRead } from './body';
import { guardConnections, type ConnectAnswer } from './connections';
import { printableLog } from './printable';
import { drainAfterAnswer, send, withholdContinue } from './send';

/** One request as the front hands it to its handler. */
export interface Exchange {
  req: IncomingMessage;
  head: RequestHead;
  /** Reads the body up to `limit` bytes. */
  readBody: (limit: number) => Promise<BodyRead>;
  /** The answer is a 413 for a body still arriving: the rest is read and discarded once it is sent. */
  drainAfterAnswer: () => void;
}

export interface FrontHandler {
  /** The answer, or 'client-gone' when the client left and nothing is to be sent. */
  respond: (exchange: Exchange) => Promise<HttpResponse | 'client-gone'>;
  /** The answer when respond throws (a bug: it is logged with its stack). */
  fault: () => HttpResponse;
  /** `Expect: 100-continue` is answered 100 only for a declared body up to this size; else the answer comes at once. */
  continueLimit: number;
  /** The answer to CONNECT (default: a REST API's 403). */
  connectAnswer?: ConnectAnswer;
  /** The answer to a request admission refused (default: `{"message": …}` with its status). */
  refused?: (refusal: Refusal) => HttpResponse;
  /** Refuse requests from web pages (Origin, cross-site Sec-Fetch-Site): the Invoke API's rule. */
  refuseBrowsers?: boolean;
}

export interface FrontOptions {
  /** Default 127.0.0.1. */
  host?: string;
  port: number;
  /** A request (headers and body) slower than this is cut off. Default 30 s. */
  requestTimeoutMs?: number;
  log: (line: string) => void;
  /** Host names answered besides localhost, loopback addresses and the listen address (see host-check.ts). */
  allowedHosts?: readonly string[];
  /** One line per request (default true). */
  accessLog?: boolean;
  /** How fault lines name the server: `Local API`, `Invoke endpoint`, … */
  name: string;
  handler: FrontHandler;
}

export interface Front {
  url: string;
  host: string;
  port: number;
  /** Stops accepting and lets in-flight requests finish; each answer from now on closes its connection. */
  close: () => Promise<void>;
}

export async function startFront(options: FrontOptions): Promise<Front> {
  const { handler } = options;
  // Request data (paths, Host) appear in these lines: control characters are escaped (printable.ts).
  const log = printableLog(options.log);
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 60_000),
      // How often Node looks for requests past their timeout (its default, 30 s, would let them run on).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(requestTimeout / 4))),
      // Checked by admissionProblem instead, so that a bad Host is answered and named in the terminal.
      requireHostHeader: false,
    },
    (req, res) => {
      void handle(req, res).catch((error: unknown) => {
        log(
          `${options.name} fault on ${req.method ?? '?'} ${req.url ?? '?'}: ${(error as Error).stack ?? String(error)}`,
        );
        if (!res.headersSent) send(req, res, handler.fault(), req.method === 'HEAD');
        else res.destroy();
      });
    },
  );
  const connections = guardConnections(server, log, handler.connectAnswer);
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) <= handler.continueLimit) res.writeContinue();
    else withholdContinue(req);
    server.emit('request', req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const method = req.method ?? 'GET';
    const target = originForm(req.url ?? '/');
    const response = await answer(req, method, target);
    if (response === 'client-gone') return;
    const ms = (Number(process.hrtime.bigint() - started) / 1e6).toFixed(1);
    const access = options.accessLog ?? true;
    if (res.destroyed) {
      if (access) log(`${method} ${target} ${response.statusCode} ${ms}ms (not delivered: the client left)`);
      return;
    }
    res.once('close', () => {
      if (!res.writableFinished) log(`${method} ${target}: the client left while its response was being sent`);
    });
    if (connections.isStopping()) response.headers.Connection = ['close'];
    send(req, res, response, method === 'HEAD');
    if (access) log(`${method} ${target} ${response.statusCode} ${ms}ms`);
  }

  async function answer(req: IncomingMessage, method: string, target: string): Promise<HttpResponse | 'client-gone'> {
    const refusal = admissionProblem(req, {
      listenHost: host,
      allowedHosts: options.allowedHosts ?? [],
      refuseBrowsers: handler.refuseBrowsers ?? false,
    });
    if (refusal) {
      log(`${refusal.statusCode} for ${method} ${target}: ${refusal.reason}`);
      const answer = handler.refused?.(refusal) ?? jsonResponse(refusal.statusCode, { message: refusal.message });
      return withHeaders(answer, { Connection: 'close' });
    }
    const queryAt = target.indexOf('?');
    const head: RequestHead = {
      method,
      target,
      rawPath: queryAt < 0 ? target : target.slice(0, queryAt),
      rawQuery: queryAt < 0 ? '' : target.slice(queryAt + 1),
      rawHeaders: req.rawHeaders,
      sourceIp: normalizeIp(req.socket.remoteAddress),
      httpVersion: req.httpVersion,
      serverPort: req.socket.localPort ?? 0,
    };
    return handler.respond({
      req,
      head,
      readBody: (limit) => readBody(req, limit),
      drainAfterAnswer: () => drainAfterAnswer(req),
    });
  }

  const host = options.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      connections.beginStop();
      await closed;
    })());
  return { url, host, port, close };
}

// RFC 9112 §3.2.2: a server accepts the absolute form (GET http://host/path) and uses its path and query.
function originForm(target: string): string {
  if (!/^https?:\/\//i.test(target)) return target;
  try {
    const parsed = new URL(target);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return target;
  }
}

function normalizeIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
