import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { startFront, type Exchange } from '../http/front';
import { printableLog } from '../http/printable';
import type { LocalFunctions } from '../lambda/local-functions';
import { LAMBDA_REQUEST_LIMIT_BYTES } from '../lambda/payload-limits';
import { listValued, type HttpResponse } from '../pipeline/http-response';
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

  const front = await startFront({
    name: 'Invoke endpoint',
    ...(options.host ? { host: options.host } : {}),
    port: options.port ?? 3001,
    requestTimeoutMs: 60_000,
    log,
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    // handleInvoke logs one line per invocation and per rejected request.
    accessLog: false,
    handler: {
      respond,
      // Only programs call the Invoke API (http/browser-request.ts); a refusal is Lambda's 403 for a caller that
      // may not invoke (AccessDeniedException), in Lambda's error shape.
      refuseBrowsers: true,
      refused: ({ statusCode, message }) => ({
        statusCode,
        headers: listValued({
          'Content-Type': 'application/json',
          'x-amzn-RequestId': randomUUID(),
          ...(statusCode === 403 ? { 'x-amzn-ErrorType': 'AccessDeniedException' } : {}),
        }),
        body: Buffer.from(JSON.stringify({ Type: 'User', Message: message })),
      }),
      fault: () => ({
        statusCode: 500,
        headers: { 'Content-Type': ['application/json'], 'x-amzn-ErrorType': ['ServiceException'] },
        body: Buffer.from(JSON.stringify({ Type: 'Service', Message: 'ServiceException' })),
      }),
      // The Invoke API reads any body whole and answers 413 after it (see readWholeBody).
      continueLimit: Infinity,
    },
  });

  async function respond({ req, head }: Exchange): Promise<HttpResponse | 'client-gone'> {
    const received = await readWholeBody(req);
    if (!received) {
      log(`${head.method} ${head.target}: the client went away mid-body; nothing invoked`);
      return 'client-gone';
    }
    const { body, size } = received;
    const request: InvokeRequest = {
      method: head.method,
      target: req.url ?? '/',
      header: (name) => {
        const value = req.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(',') : value;
      },
      body,
      bodySize: size,
    };
    const response = await handleInvoke(request, deps);
    return {
      statusCode: response.statusCode,
      headers: listValued(response.headers),
      body: Buffer.from(response.body),
    };
  }

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await front.close();
      await Promise.all([...running]);
    })());
  return { url: front.url, port: front.port, close };
}

/**
 * Reads the whole body (so a client sending too much can still read the 413), keeping at most one byte more than
 * the largest payload Invoke accepts.
 */
function readWholeBody(req: IncomingMessage): Promise<{ body: Buffer; size: number } | undefined> {
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
