// The one place where the local servers decide whether to serve a request at all, before any event source sees
// it: every front (start-api's port, each function URL's port, the Invoke API) calls admissionProblem() first.
// In order: a malformed Host (RFC 9112, 400), a Host that does not address this server (DNS rebinding, 403:
// host-check.ts), and on the Invoke API a request from a web page (403: browser-request.ts).
import type { IncomingMessage } from 'node:http';
import { browserRequestProblem } from './browser-request';
import { hostProblem } from './connections';
import { refusedHost } from './host-check';

export interface AdmissionPolicy {
  /** The address the server listens on. */
  listenHost: string;
  /** More Host names the user allows (--allowed-hosts). */
  allowedHosts?: readonly string[];
  /** Refuse requests that show they come from a web page (the Invoke API: only programs call it). */
  refuseBrowsers?: boolean;
}

export interface Refusal {
  statusCode: 400 | 403;
  /** What the terminal line says after `403 for GET /path: `. */
  reason: string;
  /** What the client is told (403s say how to allow the request). */
  message: string;
}

/** Why the request is refused, or undefined to serve it. */
export function admissionProblem(req: IncomingMessage, policy: AdmissionPolicy): Refusal | undefined {
  const malformed = hostProblem(req);
  if (malformed) return { statusCode: 400, reason: malformed, message: 'Bad Request' };
  const host = refusedHost(req.headers.host, {
    listenHost: policy.listenHost,
    allowedHosts: policy.allowedHosts ?? [],
  });
  if (host) {
    return {
      statusCode: 403,
      reason: `the Host "${host.host}" is not allowed (--allowed-hosts allows it)`,
      message: host.message,
    };
  }
  if (!policy.refuseBrowsers) return undefined;
  const browser = browserRequestProblem((name) => {
    const value = req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(',') : value;
  });
  if (!browser) return undefined;
  return {
    statusCode: 403,
    reason: `${browser}; the Invoke API serves the AWS SDKs and CLI, not web pages`,
    message:
      `Blocked request: ${browser}. The local Lambda Invoke API runs functions with your AWS credentials, so it ` +
      `answers programs (the AWS SDKs and CLI, which send no Origin or Sec-Fetch-Site header), never web pages. ` +
      `From a page, call the function through the local API (sam-local start-api) instead.`,
  };
}
