// One function URL as an event source: every path and method on its own port reaches the function, through the
// same pipeline as the APIs (route → authorize → integrate → respond), with payload format 2.0 and Lambda's own
// limits and answers (docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html).
import { randomUUID } from 'node:crypto';
import type { LocalFunctions } from '../lambda/local-functions';
import { describeFailure } from '../lambda/outcome-text';
import {
  LAMBDA_REQUEST_LIMIT_BYTES,
  LAMBDA_RESPONSE_LIMIT_BYTES,
  LAMBDA_STREAMED_RESPONSE_LIMIT_BYTES,
  payloadBytes,
} from '../lambda/payload-limits';
import type { InvokeOutcome } from '../lambda/runtime';
import { isPreflight, preflightHeaders, withCors } from '../http-api/cors';
import { buildV2Event } from '../http-api/event-v2';
import { v2Response } from '../http-api/result-v2';
import type { Authorizer } from '../pipeline/authorize';
import type { EventSource, Routing } from '../pipeline/event-source';
import { listValued, type HttpResponse } from '../pipeline/http-response';
import type { ReceivedRequest, RequestHead } from '../pipeline/request';
import type { FunctionUrlMatch } from './auth-type';
import { badGateway, payloadTooLarge } from './responses';
import { streamedUrlResponse } from './streamed-response';
import type { FunctionUrl } from './urls';

export interface FunctionUrlSourceOptions {
  url: FunctionUrl;
  functions: LocalFunctions;
  /** The authorizer step: the URL's AuthType (auth-type.ts). */
  authorizer: Authorizer<FunctionUrlMatch>;
  log: (line: string) => void;
}

export function functionUrlSource({ url, functions, authorizer, log }: FunctionUrlSourceOptions): EventSource {
  const { functionId } = url;

  function route(head: RequestHead): Routing {
    const requestId = randomUUID();
    // Lambda answers the preflight itself when the URL has a Cors configuration.
    if (url.cors && isPreflight(head)) {
      const response: HttpResponse = {
        statusCode: 204,
        headers: { ...listValued(preflightHeaders(url.cors, head)), 'x-amzn-RequestId': [requestId] },
        body: Buffer.alloc(0),
      };
      return { kind: 'answer', claim: 'deployed-path', response };
    }
    const match = { url };
    return {
      kind: 'route',
      claim: 'deployed-path',
      route: {
        describe: `${head.method} ${head.rawPath} → ${functionId} (function URL)`,
        bodyLimit: LAMBDA_REQUEST_LIMIT_BYTES,
        tooLarge: () => withCors(url.cors, head, payloadTooLarge(requestId, LAMBDA_REQUEST_LIMIT_BYTES)),
        authorize: (request) => authorizer.authorize({ source: 'function-url', match, request, requestId }),
        integrate: async (request, authorization) =>
          withCors(url.cors, head, await integrate(request, requestId, authorization.context)),
      },
    };
  }

  async function integrate(
    request: ReceivedRequest,
    requestId: string,
    authorizerContext: Record<string, unknown> | undefined,
  ): Promise<HttpResponse> {
    const event = buildV2Event(request, {
      // A NONE URL's caller is anonymous (the AWS-recorded event shape as localstack reproduces it in
      // localstack-core/localstack/services/lambda_/urlrouter.py); an IAM one's is the signer's account.
      accountId: authorizerContext ? String((authorizerContext.iam as { accountId: string }).accountId) : 'anonymous',
      apiId: url.urlId,
      routeKey: '$default',
      stage: '$default',
      requestId,
      // Function URLs pass the path on as sent (recorded: "/pa2%Fth/1" in test_lambda_url_echo_http_fixture_default).
      rawPath: request.rawPath,
      pathParameters: null,
      stageVariables: null,
      ...(authorizerContext ? { authorizer: authorizerContext } : {}),
    });
    event.requestContext.domainPrefix = url.urlId;
    const eventBytes = payloadBytes(event);
    if (eventBytes > LAMBDA_REQUEST_LIMIT_BYTES) {
      log(
        `413 for ${request.method} ${request.target}: the event is ${eventBytes} bytes, over Lambda's request payload ` +
          `limit (${LAMBDA_REQUEST_LIMIT_BYTES} bytes); ${functionId} not invoked`,
      );
      return payloadTooLarge(requestId, LAMBDA_REQUEST_LIMIT_BYTES);
    }
    const pool = functions.pool(functionId);
    if (!pool) throw new Error(`no runtime for ${functionId}`);
    const outcome = await pool.invoke(event, requestId);
    if (outcome.kind !== 'result') {
      log(`502: ${describeFailure(functionId, outcome)}`);
      return badGateway(requestId);
    }
    const checked = urlResponse(outcome);
    if (!checked.ok) {
      log(`502: ${checked.problem}`);
      return badGateway(requestId);
    }
    // x-amzn-RequestId is the invocation's request id (recorded: test_request_id_invoke_url).
    checked.response.headers['x-amzn-RequestId'] = [requestId];
    return checked.response;
  }

  let toldBuffered = false;
  /** The function's answer as the URL's invoke mode reads it, or why it is a 502. */
  function urlResponse(
    outcome: Extract<InvokeOutcome, { kind: 'result' }>,
  ): { ok: true; response: HttpResponse } | { ok: false; problem: string } {
    const { streamed } = outcome;
    if (streamed && url.invokeMode === 'RESPONSE_STREAM') {
      if (streamed.body.length > LAMBDA_STREAMED_RESPONSE_LIMIT_BYTES) {
        return {
          ok: false,
          problem: `${functionId} streamed ${streamed.body.length} bytes, over Lambda's streamed response limit (${LAMBDA_STREAMED_RESPONSE_LIMIT_BYTES} bytes)`,
        };
      }
      const answer = streamedUrlResponse(streamed);
      return answer.ok
        ? answer
        : { ok: false, problem: `${functionId} streamed a malformed response: ${answer.problem}` };
    }
    if (streamed && !toldBuffered) {
      // Lambda invokes a BUFFERED URL's function with Invoke, whose payload is the streamed bytes; the URL reads them
      // as a buffered result (docs: "Invoking a response streaming enabled function using Lambda function URLs").
      toldBuffered = true;
      log(
        `${functionId} streams its response (awslambda.streamifyResponse) but its function URL's InvokeMode is ` +
          'BUFFERED: its bytes are read as a buffered result; set InvokeMode: RESPONSE_STREAM to serve its status and headers',
      );
    }
    const resultBytes = streamed ? streamed.body.length : payloadBytes(outcome.result);
    if (resultBytes > LAMBDA_RESPONSE_LIMIT_BYTES) {
      return {
        ok: false,
        problem: `${functionId} returned ${resultBytes} bytes, over Lambda's response payload limit (${LAMBDA_RESPONSE_LIMIT_BYTES} bytes)`,
      };
    }
    const checked = v2Response(outcome.result);
    return checked.ok
      ? checked
      : { ok: false, problem: `${functionId} returned a malformed function URL response: ${checked.problem}` };
  }

  return {
    name: 'function URL',
    route,
    // Every path routes: nothing is ever not found on a function URL.
    notFound: () => badGateway(randomUUID()),
    bodyLimit: LAMBDA_REQUEST_LIMIT_BYTES,
    tooLarge: () => payloadTooLarge(randomUUID(), LAMBDA_REQUEST_LIMIT_BYTES),
    describeRoutes: (baseUrl) => [
      `  ANY    ${baseUrl}/*  → ${functionId} (function URL, AuthType ${url.authType}${url.invokeMode === 'RESPONSE_STREAM' ? ', RESPONSE_STREAM served buffered' : ''})`,
    ],
  };
}
