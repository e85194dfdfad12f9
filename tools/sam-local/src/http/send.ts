import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResponse } from '../pipeline/http-response';

// After a 413 for a body over the limit, the rest of the body is read and discarded (so the client, still sending,
// can read the answer instead of meeting a reset), up to these bounds; then the connection closes.
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_IDLE_MS = 1000;
const DRAIN_MAX_MS = 10_000;

// Requests answered 413 whose body is still on its way: read and discarded after the answer (see send).
const draining = new WeakSet<IncomingMessage>();
// Requests that sent `Expect: 100-continue` and were not told to continue: their client waits for our answer and
// sends no body (RFC 9110, 10.1.1), so there is nothing to drain.
const continueWithheld = new WeakSet<IncomingMessage>();

/** The request asked for `100 Continue` and did not get it: its body will not come. */
export function withholdContinue(req: IncomingMessage): void {
  continueWithheld.add(req);
}

/** The request's body is over a limit: once answered, the rest of it is read and discarded (see send). */
export function drainAfterAnswer(req: IncomingMessage): void {
  draining.add(req);
}

export function send(req: IncomingMessage, res: ServerResponse, response: HttpResponse, headOnly: boolean): void {
  res.statusCode = response.statusCode;
  for (const [name, values] of Object.entries(response.headers)) res.setHeader(name, values);
  res.setHeader('Content-Length', response.body.length);
  if (!draining.has(req) || req.complete) {
    res.end(headOnly ? undefined : response.body);
    return;
  }
  if (continueWithheld.has(req)) {
    // The connection cannot carry another request: the client may still send the body it declared.
    res.setHeader('Connection', 'close');
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
