// An event source turns HTTP requests into Lambda invocations: the REST API (src/api-gateway), the HTTP API
// (src/http-api) and function URLs (src/function-url) each implement this, over the one Lambda runtime
// (src/lambda). Every request goes through the same four steps, in this order (runPipeline below):
//
//   1. route      the source selects the route from the method and path (or answers at once: no route, a CORS
//                 preflight, a malformed path); nothing of the body has been read yet;
//   2. authorize  the route's authorizer decides (src/pipeline/authorize.ts; a no-op unless one is configured);
//   3. integrate  the source builds the event, invokes the function and checks its result;
//   4. respond    the source's response, or its own error answer (502, 500, 503 …), goes back to the front.
//
// The HTTP front (src/http/front.ts) owns the connection: Host checks, body limits and draining, the access log.
import type { Authorization } from './authorize';
import type { HttpResponse } from './http-response';
import type { ReceivedRequest, RequestHead } from './request';

/**
 * How strongly a source claims a request, when several share one port (the REST and HTTP APIs of `start-api`):
 * a path under a stage prefix the source owns; a path the source serves at the deployed URL ($default stage);
 * a path served only as `sam local` serves REST resources (without their stage). The strongest claim wins.
 */
export type Claim = 'stage' | 'deployed-path' | 'local-path';

export const CLAIM_STRENGTH: Record<Claim, number> = { stage: 3, 'deployed-path': 2, 'local-path': 1 };

/** A route selected for a request: what the remaining steps of the pipeline need, bound to that route. */
export interface SelectedRoute {
  /** `GET /items/{id} → ItemsFunction`, for the terminal. */
  describe: string;
  /** The largest body this route takes, and the answer to a larger one. */
  bodyLimit: number;
  tooLarge: (detail: string) => HttpResponse;
  /** Step 2: the route's authorizer. */
  authorize: (request: ReceivedRequest) => Promise<Authorization>;
  /** Steps 3 and 4: event, invocation, response. Called only after an 'allow'. */
  integrate: (request: ReceivedRequest, authorization: Authorization & { kind: 'allow' }) => Promise<HttpResponse>;
}

export type Routing =
  | { kind: 'route'; claim: Claim; route: SelectedRoute }
  /** Answered by the source itself, before any body is read (a preflight, a malformed path under its stage). */
  | { kind: 'answer'; claim: Claim; response: HttpResponse; why?: string }
  | { kind: 'none' };

export interface EventSource {
  /** `REST API`, `HTTP API`, `function URL`: how the terminal names it. */
  name: string;
  /** Step 1. */
  route: (head: RequestHead) => Routing;
  /** The source's answer when no source routes the request (403 Missing Authentication Token, 404 Not Found …). */
  notFound: (head: RequestHead) => HttpResponse;
  /** Its body limit and the answer over it, for requests it answers as not found. */
  bodyLimit: number;
  tooLarge: (detail: string) => HttpResponse;
  /** One start-up line per route: `GET    http://127.0.0.1:3000/hello  → HelloFunction`. */
  describeRoutes: (baseUrl: string) => string[];
}
