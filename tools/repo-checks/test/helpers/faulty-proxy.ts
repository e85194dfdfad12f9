import { startLoopbackServer, type LoopbackServer } from '../../../../tests/helpers/loopback-server';

/** One way for an API to answer wrongly. */
export type Fault =
  /** Every answer says Content-Type: text/plain. */
  | 'text-content-type'
  /** The query string is dropped before the request reaches the API. */
  | 'ignores-name'
  /** An unknown route answers 404 instead of API Gateway's 403. */
  | 'unknown-path-404'
  /** Every non-200 answer has an HTML body (still labelled application/json). */
  | 'html-error-body';

/**
 * A loopback proxy in front of a real API that passes its answers through with one fault,
 * so each fault is the only thing wrong with them.
 */
export async function startFaultyProxy(targetUrl: string, fault: Fault): Promise<LoopbackServer> {
  return startLoopbackServer((req, res) => {
    const incoming = new URL(req.url ?? '/', targetUrl);
    if (fault === 'ignores-name') incoming.search = '';
    fetch(incoming, { method: req.method ?? 'GET' })
      .then(async (answer) => {
        let status = answer.status;
        let contentType = answer.headers.get('content-type') ?? '';
        let body = await answer.text();
        if (fault === 'text-content-type') contentType = 'text/plain';
        if (fault === 'unknown-path-404' && status === 403) status = 404;
        if (fault === 'html-error-body' && status !== 200) body = '<html><body>Error</body></html>';
        res.writeHead(status, { 'content-type': contentType }).end(body);
      })
      .catch((error: unknown) => res.writeHead(599).end(String(error)));
  });
}
