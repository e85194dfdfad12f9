import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EnvVarsFile } from '../lambda/env-vars-file';
import type { InspectorOptions } from '../lambda/inspector';
import { startLocalFunctions, type LocalFunctions } from '../lambda/local-functions';
import { loadTemplate } from '../template/template';
import type { InvokeOutcome } from '../lambda/runtime';
import { guardConnections, hostProblem } from './connections';
import { lineWriter } from './line-writer';
import { toHttpResponse, type HttpResponse } from '../api-gateway/proxy-result';
import { requestEvent, routeRequest } from '../api-gateway/request-to-event';
import { apiFor, findPreflight, routesFromTemplate, type Route } from '../api-gateway/routes';

export interface LocalApiOptions {
  /** Default: template.yaml in the current directory. */
  templatePath?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Rebuild on source changes and serve the new code on the next request. */
  watch?: boolean;
  envVars?: EnvVarsFile;
  /** Template parameter values instead of their defaults (sam local's --parameter-overrides). */
  parameterOverrides?: Record<string, string>;
  /** Powertools' POWERTOOLS_DEV pretty printing for the function's logs. */
  prettyLogs?: boolean;
  /** Where built code goes. Default: .aws-sam/local-build beside the template. */
  buildDir?: string;
  /**
   * Execution environments per function (default 1: one warm environment serves requests in order). Above 1,
   * concurrent requests scale out as on Lambda, each new environment with its own cold start.
   */
  maxEnvironments?: number;
  /** A request (headers and body) slower than this is cut off. */
  requestTimeoutMs?: number;
  /** The server's own lines: routes, access log, faults. Default: stdout. */
  log?: (line: string) => void;
  /** The functions' stdout/stderr lines. Default: stderr, prefixed with the function id. */
  functionOutput?: (functionId: string, line: string, stream: 'stdout' | 'stderr') => void;
  /** Source maps for local builds and --enable-source-maps in the workers (default true). */
  sourceMaps?: boolean;
  /** Start each function's worker with the Node inspector. */
  inspector?: InspectorOptions;
  /**
   * Functions already built and running (shared with the Lambda invoke endpoint); they must include every
   * function the routes name. The build, watch and environment options above then do not apply, and close()
   * leaves them running for their owner to stop.
   */
  functions?: LocalFunctions;
}

export interface LocalApi {
  url: string;
  host: string;
  port: number;
  routes: Route[];
  /** Where to attach a debugger, one line per function (empty without an inspector). */
  attachLines: string[];
  /** Stops accepting, lets in-flight requests finish, then stops the functions and watchers. */
  close: () => Promise<void>;
}

// API Gateway's payload limit for REST APIs.
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const MISSING_TOKEN = { message: 'Missing Authentication Token' };
const INTERNAL_ERROR = { message: 'Internal server error' };

export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const stdoutWriter = lineWriter(process.stdout);
  const stderrWriter = lineWriter(process.stderr);
  const flushWriters = (): void => {
    stdoutWriter.flush();
    stderrWriter.flush();
  };
  const log = options.log ?? stdoutWriter.write;
  const writeStderr = stderrWriter.write;
  const functionOutput =
    options.functionOutput ?? ((functionId: string, line: string) => writeStderr(`[${functionId}] ${line}`));
  const loaded = loadTemplate(options.templatePath ?? 'template.yaml');
  const parameters = options.parameterOverrides ?? {};
  const routes = routesFromTemplate(loaded, parameters);
  if (routes.length === 0) throw new Error(`${loaded.path} defines no Api events: there is nothing to serve`);
  const functions =
    options.functions ??
    (await startLocalFunctions({
      loaded,
      functionIds: [...new Set(routes.map((route) => route.functionId))],
      parameters,
      ...(options.envVars ? { envVars: options.envVars } : {}),
      ...(options.prettyLogs ? { prettyLogs: true } : {}),
      ...(options.buildDir ? { buildDir: options.buildDir } : {}),
      maxEnvironments: options.maxEnvironments ?? 1,
      watch: options.watch ?? false,
      sourceMaps: options.sourceMaps ?? true,
      ...(options.inspector ? { inspector: options.inspector } : {}),
      log,
      functionOutput,
    }));

  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 60_000),
      // How often Node looks for requests past their timeout (its default, 30 s, would let them run on).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(requestTimeout / 4))),
      // Checked below instead, so that a bad Host is answered and named in the terminal.
      requireHostHeader: false,
    },
    (req, res) => {
      void handle(req, res).catch((error: unknown) => {
        log(`Local API fault on ${req.method ?? '?'} ${req.url ?? '?'}: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) send(res, jsonResponse(502, INTERNAL_ERROR), req.method === 'HEAD');
        else res.destroy();
      });
    },
  );
  const connections = guardConnections(server, log);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const method = req.method ?? 'GET';
    const url = originForm(req.url ?? '/');
    const response = await respond(req, method, url);
    if (response === 'client-gone') return;
    const ms = (Number(process.hrtime.bigint() - started) / 1e6).toFixed(1);
    if (res.destroyed) {
      log(`${method} ${url} ${response.statusCode} ${ms}ms (not delivered: the client left)`);
      return;
    }
    res.once('close', () => {
      if (!res.writableFinished) log(`${method} ${url}: the client left while its response was being sent`);
    });
    if (connections.isStopping()) response.headers.Connection = ['close'];
    send(res, response, method === 'HEAD');
    log(`${method} ${url} ${response.statusCode} ${ms}ms`);
  }

  async function respond(req: IncomingMessage, method: string, url: string): Promise<HttpResponse | 'client-gone'> {
    const badHost = hostProblem(req);
    if (badHost) {
      log(`400 for ${method} ${url}: ${badHost}`);
      return jsonResponse(400, { message: 'Bad Request' }, { Connection: 'close' });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return tooLarge(req, `${declared} bytes declared`, []);

    const routed = routeRequest(routes, method, url);
    if (routed.kind === 'bad-path') {
      log(`403 for ${method} ${url}: malformed percent-encoding in the path`);
      return missingToken([]);
    }
    if (routed.kind === 'no-route') {
      // SAM's Cors adds an OPTIONS method to every path of the API that answers the preflight.
      const preflight = method === 'OPTIONS' ? findPreflight(routes, routed.segments) : undefined;
      if (preflight) return withHeaders(jsonResponse(200, {}), preflight, Buffer.alloc(0));
      return missingToken(routed.segments);
    }
    const { match, rawQuery, segments } = routed;

    const body = await readBody(req);
    if (body === 'too-large') return tooLarge(req, `over ${MAX_BODY_BYTES} bytes received`, segments);
    if (typeof body === 'object' && 'gone' in body) {
      log(`${method} ${url}: the client went away mid-body (${body.received} bytes received); nothing invoked`);
      return 'client-gone';
    }

    const event = requestEvent(
      {
        method,
        rawQuery,
        rawHeaders: req.rawHeaders,
        body,
        sourceIp: normalizeIp(req.socket.remoteAddress),
        httpVersion: req.httpVersion,
        serverPort: req.socket.localPort ?? 0,
      },
      match,
    );
    const requestId = event.requestContext.requestId;
    const runtime = functions.pool(match.route.functionId);
    if (!runtime) throw new Error(`no runtime for ${match.route.functionId}`);
    const outcome = await runtime.invoke(event);
    const response = responseFor(match.route, outcome);
    response.headers['x-amzn-RequestId'] = [requestId];
    return response;
  }

  function missingToken(segments: string[]): HttpResponse {
    const headers = {
      ...apiFor(routes, segments)?.gatewayHeaders['4xx'],
      'x-amzn-ErrorType': 'MissingAuthenticationTokenException',
    };
    return jsonResponse(403, MISSING_TOKEN, headers);
  }

  function responseFor(route: Route, outcome: InvokeOutcome): HttpResponse {
    const functionId = route.functionId;
    switch (outcome.kind) {
      case 'result': {
        const checked = toHttpResponse(outcome.result);
        if (checked.ok) return checked.response;
        log(`502: ${functionId} returned a malformed Lambda proxy response: ${checked.problem}`);
        break;
      }
      case 'error':
        log(`502: ${functionId} failed: ${outcome.errorType}: ${outcome.errorMessage}`);
        break;
      case 'timeout':
        log(`502: ${functionId} timed out after ${outcome.timeoutSeconds.toFixed(2)} seconds (the template's Timeout)`);
        break;
      case 'crash':
        log(`502: ${functionId}: ${outcome.reason}; a fresh environment serves the next request`);
        break;
      case 'unavailable':
        log(`502: ${functionId} cannot run: ${outcome.reason}`);
        break;
    }
    return jsonResponse(502, INTERNAL_ERROR, {
      ...route.api.gatewayHeaders['5xx'],
      'x-amzn-ErrorType': 'InternalServerErrorException',
    });
  }

  function tooLarge(req: IncomingMessage, detail: string, segments: string[]): HttpResponse {
    log(`413 for ${req.method ?? '?'} ${req.url ?? '?'}: request body ${detail}, API Gateway's limit is 10 MB`);
    // The unread rest of the body cannot be drained cheaply: close the connection after answering.
    return jsonResponse(
      413,
      { message: 'Request Too Long' },
      { ...apiFor(routes, segments)?.gatewayHeaders['4xx'], Connection: 'close' },
    );
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  }).catch(async (error: unknown) => {
    if (!options.functions) await functions.close();
    throw error;
  });
  const host = options.host ?? '127.0.0.1';
  const displayHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${displayHost}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      connections.beginStop();
      await closed;
      if (!options.functions) await functions.close();
      flushWriters();
    })());

  return { url, host, port, routes, attachLines: functions.attachLines, close };
}

function jsonResponse(statusCode: number, body: object, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: {
      'Content-Type': ['application/json'],
      ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    },
    body: Buffer.from(JSON.stringify(body)),
  };
}

function withHeaders(response: HttpResponse, headers: Record<string, string>, body = response.body): HttpResponse {
  const extra = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  return { ...response, headers: { ...response.headers, ...extra }, body };
}

function send(res: ServerResponse, response: HttpResponse, headOnly: boolean): void {
  res.statusCode = response.statusCode;
  for (const [name, values] of Object.entries(response.headers)) res.setHeader(name, values);
  res.setHeader('Content-Length', response.body.length);
  res.end(headOnly ? undefined : response.body);
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

/** Reads the body up to API Gateway's limit; 'too-large' as soon as it goes over, `gone` if the client leaves. */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | { gone: true; received: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    // A body cut short ('aborted' error, or the stream closing before its end) is the client leaving.
    req.once('error', () => resolve({ gone: true, received: size }));
    req.once('close', () => {
      if (!req.complete) resolve({ gone: true, received: size });
    });
  });
}

function normalizeIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
