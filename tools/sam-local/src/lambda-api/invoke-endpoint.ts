import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalFunctions } from '../lambda/local-functions';
import { LAMBDA_REQUEST_LIMIT_BYTES } from '../lambda/payload-limits';
import { LOCAL_PSEUDO_PARAMETERS, resolveLocalValue } from '../template/parameters';
import type { LoadedTemplate } from '../template/template';
import { refusedHost } from '../http/host-check';
import { printableLog } from '../http/printable';
import { browserRequestProblem } from './browser-request';
import { functionDirectory } from './function-directory';
import { handleInvoke, type InvokeRequest } from './invoke-request';

export interface InvokeEndpointOptions {
  loaded: LoadedTemplate;
  /** The functions it invokes (shared with the local API when both are served). */
  functions: LocalFunctions;
  parameters?: Record<string, string>;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3001, as `sam local start-lambda`; 0 picks a free port. */
  port?: number;
  /** Host names answered besides localhost, loopback addresses and the listen address (see host-check.ts). */
  allowedHosts?: string[];
  log: (line: string) => void;
}

export interface InvokeEndpoint {
  /** What a client passes as its endpoint, e.g. `aws lambda invoke --endpoint-url <url>`. */
  url: string;
  port: number;
  /** Stops accepting, lets running invocations (Event ones too) finish; the functions stay for their owner. */
  close: () => Promise<void>;
}

/** Serves Lambda's Invoke API for the template's functions: the Docker-free `sam local start-lambda`. */
export async function startInvokeEndpoint(options: InvokeEndpointOptions): Promise<InvokeEndpoint> {
  const { loaded, functions } = options;
  // Request data (function names, decoded from the path) appear in these lines: control characters are escaped.
  const log = printableLog(options.log);
  const parameters = options.parameters ?? {};
  const find = functionDirectory(loaded, functions.functionIds, parameters);
  const region = resolveLocalValue(loaded.template, { Ref: 'AWS::Region' }, parameters) ?? 'us-east-1';
  const accountId = LOCAL_PSEUDO_PARAMETERS['AWS::AccountId'] ?? '123456789012';
  const listenHost = options.host ?? '127.0.0.1';
  const running = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;
  const deps = {
    find,
    pool: functions.pool,
    region,
    accountId,
    log,
    background: (invocation: Promise<unknown>): void => {
      running.add(invocation);
      void invocation.finally(() => running.delete(invocation));
    },
  };

  const server = createServer({ requestTimeout: 60_000 }, (req, res) => {
    void respond(req, res).catch((error: unknown) => {
      log(
        `Invoke endpoint fault on ${req.method ?? '?'} ${req.url ?? '?'}: ${(error as Error).stack ?? String(error)}`,
      );
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'ServiceException' });
        res.end(JSON.stringify({ Type: 'Service', Message: 'ServiceException' }));
      } else res.destroy();
    });
  });

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const received = await readBody(req);
    if (!received) {
      log(`${req.method ?? '?'} ${req.url ?? '?'}: the client went away mid-body; nothing invoked`);
      return;
    }
    const refusal = refuse(req);
    if (refusal) {
      log(`403 AccessDeniedException for ${req.method ?? '?'} ${req.url ?? '?'}: ${refusal.reason}`);
      return reply(
        res,
        403,
        { 'x-amzn-ErrorType': 'AccessDeniedException' },
        { Type: 'User', Message: refusal.message },
      );
    }
    const { body, size } = received;
    const request: InvokeRequest = {
      method: req.method ?? 'GET',
      target: req.url ?? '/',
      header: (name) => {
        const value = req.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(',') : value;
      },
      body,
      bodySize: size,
    };
    const response = await handleInvoke(request, deps);
    if (res.destroyed) return;
    res.writeHead(response.statusCode, {
      ...response.headers,
      'Content-Length': Buffer.byteLength(response.body),
      // While stopping, a kept-alive connection would hold the stop up until it times out.
      ...(closing ? { Connection: 'close' } : {}),
    });
    res.end(response.body);
  }

  // A foreign Host (DNS rebinding) or a web page's request: the function does not run.
  function refuse(req: IncomingMessage): { reason: string; message: string } | undefined {
    const host = refusedHost(req.headers.host, { listenHost, allowedHosts: options.allowedHosts ?? [] });
    if (host)
      return { reason: `the Host "${host.host}" is not allowed (--allowed-hosts allows it)`, message: host.message };
    const header = (name: string): string | undefined => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(',') : value;
    };
    const browser = browserRequestProblem(header);
    if (!browser) return undefined;
    return {
      reason: `${browser}; the Invoke API serves the AWS SDKs and CLI, not web pages`,
      message:
        `Blocked request: ${browser}. The local Lambda Invoke API runs functions with your AWS credentials, so it ` +
        `answers programs (the AWS SDKs and CLI, which send no Origin or Sec-Fetch-Site header), never web pages. ` +
        `From a page, call the function through the local API (sam-local start-api) instead.`,
    };
  }

  function reply(res: ServerResponse, statusCode: number, headers: Record<string, string>, body: object): void {
    const text = JSON.stringify(body);
    res.writeHead(statusCode, {
      'Content-Type': 'application/json',
      'x-amzn-RequestId': randomUUID(),
      ...headers,
      'Content-Length': Buffer.byteLength(text),
      ...(closing ? { Connection: 'close' } : {}),
    });
    res.end(text);
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3001, listenHost, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const url = `http://${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${port}`;

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await Promise.all([...running]);
    })());
  return { url, port, close };
}

/**
 * Reads the whole body (so a client sending too much can still read the 413), keeping at most one byte more than
 * the largest payload Invoke accepts.
 */
function readBody(req: IncomingMessage): Promise<{ body: Buffer; size: number } | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (kept > LAMBDA_REQUEST_LIMIT_BYTES) return;
      chunks.push(chunk);
      kept += chunk.length;
    });
    req.once('end', () => resolve({ body: Buffer.concat(chunks), size }));
    // A body cut short is the client leaving.
    req.once('error', () => resolve(undefined));
    req.once('close', () => {
      if (!req.complete) resolve(undefined);
    });
  });
}
