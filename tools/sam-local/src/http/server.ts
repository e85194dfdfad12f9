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
import { newExtendedRequestId } from '../api-gateway/request-event';
import { apiFor, findPreflight, routesFromTemplate, type Route } from '../api-gateway/routes';
import { authorizerFunctionOf, restAuthorizationStep } from '../api-gateway/rest-authorization';
import type { JSONWebKeySet } from 'jose';
import {
  contentLengthExceeded,
  internalServerError,
  missingAuthenticationToken,
  requestTooLong,
  responseTraceId,
  type RequestIds,
} from '../api-gateway/gateway-responses';
import { matchesBinaryMediaType } from '../api-gateway/media-types';
import { LAMBDA_REQUEST_LIMIT_BYTES, LAMBDA_RESPONSE_LIMIT_BYTES, payloadBytes } from '../lambda/payload-limits';
import { randomUUID } from 'node:crypto';

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
  /** Type-check the functions' TypeScript in the background (tsc --watch) and report errors in the log. */
  typeCheck?: boolean;
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
  /** Keys to verify JWT signatures with (--jwks): without them Cognito and JWT authorizers check claims only. */
  jwks?: JSONWebKeySet;
  /** The API keys a route with ApiKeyRequired accepts (--api-key, SAM_LOCAL_API_KEYS); none: any key. */
  apiKeys?: string[];
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

// After a 413 for a body over the limit, the rest of the body is read and discarded (so the client, still sending,
// can read the answer instead of meeting a reset), up to these bounds; then the connection closes.
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_IDLE_MS = 1000;
const DRAIN_MAX_MS = 10_000;

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
    (await startFunctionsFor(options, {
      loaded,
      functionIds: [...new Set(routes.flatMap((route) => [route.functionId, ...authorizerFunctionOf(route)]))],
      parameters,
      log,
      functionOutput,
    }));

  const authorize = restAuthorizationStep({
    functions,
    log,
    ...(options.jwks ? { jwks: options.jwks } : {}),
    ...(options.apiKeys ? { apiKeys: options.apiKeys } : {}),
  });

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
        if (!res.headersSent) {
          const fallback = jsonResponse(502, { message: 'Internal server error' });
          send(req, res, fallback, req.method === 'HEAD');
        } else res.destroy();
      });
    },
  );
  const connections = guardConnections(server, log);
  // Expect: 100-continue is answered 100 only for a body API Gateway would take; otherwise the 413 comes at once.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) <= MAX_BODY_BYTES) res.writeContinue();
    server.emit('request', req, res);
  });

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
    send(req, res, response, method === 'HEAD');
    log(`${method} ${url} ${response.statusCode} ${ms}ms`);
  }

  async function respond(req: IncomingMessage, method: string, url: string): Promise<HttpResponse | 'client-gone'> {
    const badHost = hostProblem(req);
    if (badHost) {
      log(`400 for ${method} ${url}: ${badHost}`);
      return jsonResponse(400, { message: 'Bad Request' }, { Connection: 'close' });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return tooLarge(req, `${declared} bytes declared`);

    const routed = routeRequest(routes, method, url);
    const ids: RequestIds = { requestId: randomUUID(), extendedRequestId: newExtendedRequestId() };
    if (routed.kind === 'bad-path') {
      log(`403 for ${method} ${url}: malformed percent-encoding in the path`);
      return missingAuthenticationToken(apiFor(routes, routed.rawPath), ids);
    }
    if (routed.kind === 'no-route') {
      // SAM's Cors adds an OPTIONS method to every path of the API that answers the preflight.
      const preflight = method === 'OPTIONS' ? findPreflight(routes, routed.rawPath) : undefined;
      if (preflight) return withHeaders(jsonResponse(200, {}), preflight, Buffer.alloc(0));
      return missingAuthenticationToken(apiFor(routes, routed.rawPath), ids);
    }
    const { match, rawQuery } = routed;

    const body = await readBody(req);
    if (body === 'too-large') return tooLarge(req, `over ${MAX_BODY_BYTES} bytes received`);
    if (typeof body === 'object' && 'gone' in body) {
      log(`${method} ${url}: the client went away mid-body (${body.received} bytes received); nothing invoked`);
      return 'client-gone';
    }

    const traceHeader = req.headers['x-amzn-trace-id'];
    const clientTrace = Array.isArray(traceHeader) ? traceHeader[0] : traceHeader;
    const built = requestEvent(
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
      ids,
    );
    const authorized = await authorize(match, built, ids, { method, url });
    if (authorized.kind === 'deny') return authorized.response;
    const { event } = authorized;
    const eventBytes = payloadBytes(event);
    if (eventBytes > LAMBDA_REQUEST_LIMIT_BYTES) {
      log(
        `413 for ${method} ${url}: the event is ${eventBytes} bytes, over Lambda's request payload limit ` +
          `(${LAMBDA_REQUEST_LIMIT_BYTES} bytes); ${match.route.functionId} not invoked`,
      );
      return requestTooLong(ids);
    }
    const runtime = functions.pool(match.route.functionId);
    if (!runtime) throw new Error(`no runtime for ${match.route.functionId}`);
    const outcome = await runtime.invoke(event);
    const binaryAccepted = matchesBinaryMediaType(req.headers.accept, match.route.api.binaryMediaTypes);
    return responseFor(match.route, outcome, { ...ids, trace: responseTraceId(clientTrace) }, binaryAccepted);
  }

  // The function's answer carries the request's ids and trace (the AWS-recorded headers of
  // test_aws_proxy_response_payload_format_validation); API Gateway's own error answers carry the ids only
  // (test_apigateway_integrations.snapshot.json).
  function responseFor(
    route: Route,
    outcome: InvokeOutcome,
    ids: RequestIds & { trace: string },
    binaryAccepted: boolean,
  ): HttpResponse {
    const functionId = route.functionId;
    switch (outcome.kind) {
      case 'result': {
        const resultBytes = payloadBytes(outcome.result);
        if (resultBytes > LAMBDA_RESPONSE_LIMIT_BYTES) {
          log(
            `502: ${functionId} returned ${resultBytes} bytes, over Lambda's response payload limit ` +
              `(${LAMBDA_RESPONSE_LIMIT_BYTES} bytes)`,
          );
          break;
        }
        const checked = toHttpResponse(outcome.result, { binaryAccepted });
        if (checked.ok) {
          const { headers } = checked.response;
          headers['x-amzn-RequestId'] = [ids.requestId];
          headers['x-amz-apigw-id'] = [ids.extendedRequestId];
          headers['X-Amzn-Trace-Id'] = [ids.trace];
          return checked.response;
        }
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
    return internalServerError(route.api, ids);
  }

  function tooLarge(req: IncomingMessage, detail: string): HttpResponse {
    log(`413 for ${req.method ?? '?'} ${req.url ?? '?'}: request body ${detail}, API Gateway's limit is 10 MB`);
    draining.add(req);
    return contentLengthExceeded();
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  }).catch(async (error: unknown) => {
    // Not listening (e.g. EADDRINUSE): stop what was started here, so the caller is left with nothing running.
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

// Requests answered 413 whose body is still on its way: read and discarded after the answer (see send).
const draining = new WeakSet<IncomingMessage>();

function send(req: IncomingMessage, res: ServerResponse, response: HttpResponse, headOnly: boolean): void {
  res.statusCode = response.statusCode;
  for (const [name, values] of Object.entries(response.headers)) res.setHeader(name, values);
  res.setHeader('Content-Length', response.body.length);
  if (!draining.has(req) || req.complete) {
    res.end(headOnly ? undefined : response.body);
    return;
  }
  // The whole answer goes out now; the connection closes only once the client has stopped sending (or a bound is
  // reached), so a client still writing its body reads the 413 instead of meeting a reset (EPIPE).
  res.setHeader('Connection', 'close');
  res.write(response.body);
  let drained = 0;
  const finish = (): void => {
    clearTimeout(idle);
    clearTimeout(overall);
    req.off('data', onData);
    if (!res.writableEnded) res.end();
  };
  let idle = setTimeout(finish, DRAIN_IDLE_MS);
  const overall = setTimeout(finish, DRAIN_MAX_MS);
  const onData = (chunk: Buffer): void => {
    drained += chunk.length;
    clearTimeout(idle);
    idle = setTimeout(finish, DRAIN_IDLE_MS);
    if (drained > DRAIN_MAX_BYTES) finish();
  };
  req.on('data', onData);
  req.once('end', finish);
  req.once('close', finish);
  req.resume();
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

/** Builds and starts the given functions of the template with the local API's options (one place for the defaults). */
export function startFunctionsFor(
  options: LocalApiOptions,
  where: Pick<
    Parameters<typeof startLocalFunctions>[0],
    'loaded' | 'functionIds' | 'parameters' | 'log' | 'functionOutput'
  >,
): ReturnType<typeof startLocalFunctions> {
  return startLocalFunctions({
    ...where,
    ...(options.envVars ? { envVars: options.envVars } : {}),
    ...(options.prettyLogs ? { prettyLogs: true } : {}),
    ...(options.buildDir ? { buildDir: options.buildDir } : {}),
    maxEnvironments: options.maxEnvironments ?? 1,
    watch: options.watch ?? false,
    typeCheck: options.typeCheck ?? false,
    sourceMaps: options.sourceMaps ?? true,
    ...(options.inspector ? { inspector: options.inspector } : {}),
  });
}
