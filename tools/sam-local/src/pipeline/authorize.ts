// The authorizer step of every event source's pipeline: route → authorize → integration → response.
// API Gateway runs a route's authorizer (Lambda, Cognito user pool, JWT; and the API key check of a REST API) after
// it has selected the route and before it calls the integration; a function URL checks its AuthType there. The
// sources call `authorize` with the matched route and the request, and go on to the integration only on 'allow'.
import type { HttpResponse } from './http-response';
import type { ReceivedRequest } from './request';

/** Which kind of event source is asking: each has its own authorizer types and answers. */
export type SourceKind = 'rest-api' | 'http-api' | 'function-url';

export interface AuthorizeInput<Match> {
  source: SourceKind;
  /** The selected route (the source's own route type, with its API and the template's settings for it). */
  match: Match;
  request: ReceivedRequest;
  /** The ids API Gateway puts on its own answers (x-amzn-RequestId, apigw-requestid, …) for this request. */
  requestId: string;
}

export type Authorization =
  /**
   * Go on to the integration. `context` is what the integration's event carries as `requestContext.authorizer`
   * (REST: the Lambda authorizer's context with principalId, or the Cognito claims; HTTP API: `{ lambda: … }` or
   * `{ jwt: { claims, scopes } }`); left out, the event has the source's default (no authorizer).
   */
  | {
      kind: 'allow';
      context?: Record<string, unknown>;
      principalId?: string;
      /** The caller's API key, for a REST route with ApiKeyRequired (requestContext.identity.apiKey, apiKeyId). */
      apiKey?: { value: string; id: string };
    }
  /** Answer the client with this (401, 403, 500 …) and do not call the integration. */
  | { kind: 'deny'; response: HttpResponse; reason: string };

/** One source's authorizer step. */
export interface Authorizer<Match> {
  authorize: (input: AuthorizeInput<Match>) => Promise<Authorization>;
}

/** The default step: every request goes on to its integration, with no authorizer context. */
export function allowAll<Match>(): Authorizer<Match> {
  return { authorize: () => Promise.resolve({ kind: 'allow' }) };
}
