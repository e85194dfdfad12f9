import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalFunctions } from '../lambda/local-functions';
import { LAMBDA_REQUEST_LIMIT_BYTES } from '../lambda/payload-limits';
import { DEFAULT_REGION, LOCAL_ACCOUNT_ID } from '../template/symbols';
import type { LoadedTemplate } from '../template/template';
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
  const { loaded, functions, log } = options;
  const parameters = options.parameters ?? {};
  const find = functionDirectory(loaded, functions.functionIds, parameters);
  const region = loaded.region ?? DEFAULT_REGION;
  const accountId = LOCAL_ACCOUNT_ID;
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

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3001, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

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
