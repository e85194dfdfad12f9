// A request for an event generator (`sam-local generate-event`): what a client would send to the deployed API or
// to a local server, built from a method, a path or URL, headers and a body, without any connection.
import type { ReceivedRequest } from './request';

export interface GeneratedRequestOptions {
  method: string;
  /**
   * A path with its query (`/dev/hello?name=Ada`) is a request to the deployed API: https on port 443, Host the
   * given deployed authority. An absolute URL (`http://127.0.0.1:3000/dev/hello`) is a request to that server.
   */
  target: string;
  /** Request headers as the client sends them, in order (Host, when absent, comes from the target). */
  headers?: Array<[string, string]>;
  body?: Buffer;
  /** The client's address. */
  sourceIp?: string;
}

/** A request no route of the template serves (what the API answers 403 or 404 to). */
export class NoRouteError extends Error {}

/** A documentation address (RFC 5737 TEST-NET-3) for a client of the deployed API; loopback for a local server. */
const DEPLOYED_CLIENT_IP = '203.0.113.10';
const LOOPBACK_CLIENT_IP = '127.0.0.1';

export type GeneratedRequest = ReceivedRequest & { scheme: 'http' | 'https' };

/** The target as a path and query, or undefined when it is neither a path nor an http(s) URL. */
export function targetPath(target: string): string | undefined {
  const absolute = /^https?:\/\/[^/?#]+([^#]*)/i.exec(target);
  const pathAndQuery = absolute ? absolute[1] || '/' : target;
  return pathAndQuery.startsWith('/') ? pathAndQuery : undefined;
}

/** The request, given the Host a deployed API of the matched route would have. */
export function generatedRequest(options: GeneratedRequestOptions, deployedAuthority: string): GeneratedRequest {
  const method = options.method.toUpperCase();
  const absolute = /^(https?):\/\/([^/?#]+)([^#]*)/i.exec(options.target);
  const target = targetPath(options.target) ?? options.target;
  const queryAt = target.indexOf('?');
  const scheme = absolute ? (absolute[1]!.toLowerCase() as 'http' | 'https') : 'https';
  const authority = absolute ? absolute[2]! : deployedAuthority;
  const explicitPort = /:(\d+)$/.exec(authority)?.[1];
  const headers = options.headers ?? [];
  const has = (name: string): boolean => headers.some(([given]) => given.toLowerCase() === name);
  const body = options.body ?? Buffer.alloc(0);
  const rawHeaders = [
    ...(has('host') ? [] : [['Host', authority]]),
    ...headers,
    // What any HTTP/1.1 client sends with a body.
    ...(body.length > 0 && !has('content-length') ? [['Content-Length', String(body.length)]] : []),
  ].flat();
  const loopback = /^(localhost|127\.[\d.]+|\[::1\])(:\d+)?$/i.test(authority);
  return {
    method,
    target,
    rawPath: queryAt < 0 ? target : target.slice(0, queryAt),
    rawQuery: queryAt < 0 ? '' : target.slice(queryAt + 1),
    rawHeaders,
    body,
    sourceIp: options.sourceIp ?? (absolute && loopback ? LOOPBACK_CLIENT_IP : DEPLOYED_CLIENT_IP),
    httpVersion: '1.1',
    serverPort: explicitPort ? Number(explicitPort) : scheme === 'https' ? 443 : 80,
    scheme,
  };
}
