// The request pipeline shared by every event source (the steps are described in event-source.ts): select the source
// and route, check the body's size, read it, authorize, integrate.
import { CLAIM_STRENGTH, type EventSource, type Routing } from './event-source';
import type { HttpResponse } from './http-response';
import type { BodyRead, RequestHead } from './request';

/** What the pipeline needs from the connection the request arrived on (the HTTP front's Exchange has it). */
export interface RequestIo {
  head: RequestHead;
  /** The Content-Length the client announced (0 when none). */
  declaredLength: number;
  readBody: (limit: number) => Promise<BodyRead>;
  drainAfterAnswer: () => void;
}

/**
 * The source that answers a request among those sharing a port: the strongest claim (event-source.ts, Claim);
 * when none claims it, the first source's not-found answer (start-api puts the HTTP API that serves the $default
 * stage first, else the REST API).
 */
export function selectSource(
  sources: EventSource[],
  head: RequestHead,
): { source: EventSource; routing: Exclude<Routing, { kind: 'none' }> } | { source: EventSource; routing: undefined } {
  let best: { source: EventSource; routing: Exclude<Routing, { kind: 'none' }> } | undefined;
  for (const source of sources) {
    const routing = source.route(head);
    if (routing.kind === 'none') continue;
    if (!best || CLAIM_STRENGTH[routing.claim] > CLAIM_STRENGTH[best.routing.claim]) best = { source, routing };
  }
  if (best) return best;
  if (sources.length === 0) throw new Error('no event source to serve');
  return { source: sources[0]!, routing: undefined };
}

export async function runPipeline(
  sources: EventSource[],
  io: RequestIo,
  log: (line: string) => void,
): Promise<HttpResponse | 'client-gone'> {
  const { head } = io;
  const what = `${head.method} ${head.target}`;
  // 1. route
  const { source, routing } = selectSource(sources, head);
  if (!routing || routing.kind === 'answer') {
    const limit = routing ? Infinity : source.bodyLimit;
    if (io.declaredLength > limit) return tooLarge(io, source.tooLarge, `${io.declaredLength} bytes declared`, log);
    if (routing?.why) log(`${routing.response.statusCode} for ${what}: ${routing.why}`);
    return routing ? routing.response : source.notFound(head);
  }
  const { route } = routing;
  if (io.declaredLength > route.bodyLimit) {
    return tooLarge(io, route.tooLarge, `${io.declaredLength} bytes declared`, log, route.bodyLimit);
  }
  const body = await io.readBody(route.bodyLimit);
  if (body === 'too-large')
    return tooLarge(io, route.tooLarge, `over ${route.bodyLimit} bytes received`, log, route.bodyLimit);
  if (!Buffer.isBuffer(body)) {
    log(`${what}: the client went away mid-body (${body.received} bytes received); nothing invoked`);
    return 'client-gone';
  }
  const request = { ...head, body };
  // 2. authorize
  const authorization = await route.authorize(request);
  if (authorization.kind === 'deny') {
    log(`${authorization.response.statusCode} for ${what}: ${authorization.reason}`);
    return authorization.response;
  }
  // 3. and 4. integrate and respond
  return route.integrate(request, authorization);
}

function tooLarge(
  io: RequestIo,
  answer: (detail: string) => HttpResponse,
  detail: string,
  log: (line: string) => void,
  limit?: number,
): HttpResponse {
  const response = answer(detail);
  log(
    `${response.statusCode} for ${io.head.method} ${io.head.target}: request body ${detail}${limit ? `, the limit is ${limit} bytes` : ''}`,
  );
  io.drainAfterAnswer();
  return response;
}
