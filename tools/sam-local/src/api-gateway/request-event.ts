import { createHash, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { pooledRandomBytes } from '../lambda/random-bytes';
import { matchesBinaryMediaType } from './media-types';
import type { RouteMatch } from './routes';

export interface IncomingRequestInfo {
  method: string;
  /** The raw query string, without `?`. */
  rawQuery: string;
  /** Header names as the client sent them, with every value, in order (Node's rawHeaders). */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  httpVersion: string;
  serverPort: number;
  /** How the client reached the API (X-Forwarded-Proto): http locally (the default), https when deployed. */
  scheme?: 'http' | 'https';
}

export interface EventIdentity {
  accountId: string;
  apiId: string;
  /** requestContext.requestId, also the response's x-amzn-RequestId (default: a fresh UUID). */
  requestId?: string;
  /** requestContext.extendedRequestId, also the response's x-amz-apigw-id (default: a fresh one). */
  extendedRequestId?: string;
  /** The X-Amzn-Trace-Id the function sees (default: the client's, else a fresh root). */
  traceId?: string;
  /** requestContext.authorizer, for a route with an authorizer; without one the key is absent, as on AWS. */
  authorizer?: Record<string, unknown>;
  /** The caller's API key and its id (identity.apiKey, identity.apiKeyId), for a route that requires one. */
  apiKey?: { value: string; id: string };
}

/**
 * The REST proxy event as API Gateway sends it. Its requestContext differs from @types/aws-lambda's in what AWS
 * records today (localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json,
 * test_lambda_aws_proxy_integration): `authorizer` only when the route has one, a `deploymentId`, and an identity
 * block without `apiKey`, `apiKeyId` and `clientCert` unless an API key (or a client certificate) was used.
 */
export type RestProxyEvent = Omit<APIGatewayProxyEvent, 'requestContext'> & {
  requestContext: Omit<APIGatewayProxyEvent['requestContext'], 'authorizer' | 'identity'> & {
    deploymentId: string;
    authorizer?: Record<string, unknown>;
    identity: Omit<APIGatewayProxyEvent['requestContext']['identity'], 'apiKey' | 'apiKeyId' | 'clientCert'> & {
      apiKey?: string;
      apiKeyId?: string;
    };
  };
};

// Request headers API Gateway's REST API never passes on, not even to a proxy integration: the "headers dropped"
// table of docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html as localstack applies
// it (localstack-core/.../execute_api/header_utils.py). Connection and Content-Length are absent from the events
// AWS recorded in localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json.
const DROPPED_REQUEST_HEADERS = new Set([
  'connection',
  'content-length',
  'content-md5',
  'expect',
  'max-forwards',
  'proxy-authenticate',
  'server',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'www-authenticate',
]);

const CANONICAL_REQUEST_HEADERS: Record<string, string> = {
  authorization: 'Authorization',
  'user-agent': 'User-Agent',
};

/** A fresh extendedRequestId / x-amz-apigw-id, in API Gateway's shape (e.g. `FiV9AHvHoAMFtsg=`). */
export function newExtendedRequestId(): string {
  return pooledRandomBytes(11).toString('base64');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Builds the Lambda proxy integration (payload v1) event that API Gateway's REST API would send. */
export function buildProxyEvent(request: IncomingRequestInfo, match: RouteMatch, ids: EventIdentity): RestProxyEvent {
  const { route } = match;
  const now = new Date();
  const { headers, multiValueHeaders } = eventHeaders(request, ids.traceId);
  const { single, multi } = eventQuery(request.rawQuery);
  const contentType = headerValue(headers, 'content-type');
  const body = eventBody(request.body, matchesBinaryMediaType(contentType, route.api.binaryMediaTypes));
  const host = headerValue(headers, 'host') ?? 'localhost';
  const userAgent = headerValue(headers, 'user-agent') ?? null;
  const requestId = ids.requestId ?? randomUUID();
  const event: RestProxyEvent = {
    resource: route.resourcePath,
    path: match.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: single,
    multiValueQueryStringParameters: multi,
    pathParameters: match.pathParameters,
    stageVariables: route.api.stageVariables,
    requestContext: {
      accountId: ids.accountId,
      apiId: ids.apiId,
      deploymentId: route.api.deploymentId,
      resourceId: resourceIdOf(route.resourcePath),
      resourcePath: route.resourcePath,
      httpMethod: request.method,
      extendedRequestId: ids.extendedRequestId ?? newExtendedRequestId(),
      requestTime: formatRequestTime(now),
      requestTimeEpoch: now.getTime(),
      path: match.stagePath ?? `/${route.api.stage}${match.path === '/' ? '' : match.path}`,
      protocol: `HTTP/${request.httpVersion}`,
      stage: route.api.stage,
      // split always yields at least one element.
      domainPrefix: host.split('.')[0]!,
      domainName: host,
      requestId,
      identity: {
        accessKey: null,
        accountId: null,
        ...(ids.apiKey ? { apiKey: ids.apiKey.value, apiKeyId: ids.apiKey.id } : {}),
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      ...(ids.authorizer ? { authorizer: ids.authorizer } : {}),
    },
    body: body.text,
    isBase64Encoded: body.isBase64Encoded,
  };
  return event;
}

// API Gateway keeps the client's header names, except Authorization and User-Agent, which always arrive so spelled:
// AWS recorded `Authorization` for a client's `authorization` in test_apigateway_lambda.snapshot.json; the proxy
// integration sits behind CloudFront, which capitalizes both (docs.aws.amazon.com/AmazonCloudFront/latest/
// DeveloperGuide/add-origin-custom-headers.html; localstack capitalizes the same two from AWS's answers,
// localstack-core/localstack/services/apigateway/next_gen/execute_api/integrations/aws.py). The single-value map
// holds the last value. It drops the
// headers above and adds the forwarding headers it would add in front of the integration.
function eventHeaders(
  request: IncomingRequestInfo,
  traceId: string | undefined,
): {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
} {
  const multiValueHeaders: Record<string, string[]> = {};
  const nameOf = new Map<string, string>();
  const add = (name: string, value: string): void => {
    const lower = name.toLowerCase();
    if (DROPPED_REQUEST_HEADERS.has(lower)) return;
    const key = nameOf.get(lower) ?? CANONICAL_REQUEST_HEADERS[lower] ?? name;
    nameOf.set(lower, key);
    (multiValueHeaders[key] ??= []).push(value);
  };
  // rawHeaders holds name, value pairs.
  for (let i = 0; i < request.rawHeaders.length; i += 2) add(request.rawHeaders[i]!, request.rawHeaders[i + 1]!);
  // Replaces the client's value, under the client's spelling of the name.
  const forwarded = (name: string, value: string): void => {
    multiValueHeaders[nameOf.get(name.toLowerCase()) ?? name] = [value];
  };
  const clientFor = nameOf.get('x-forwarded-for');
  const priorFor = clientFor === undefined ? [] : multiValueHeaders[clientFor]!;
  forwarded('X-Forwarded-For', [...priorFor, request.sourceIp].join(', '));
  forwarded('X-Forwarded-Port', String(request.serverPort));
  forwarded('X-Forwarded-Proto', request.scheme ?? 'http');
  if (!nameOf.has('x-amzn-trace-id')) forwarded('X-Amzn-Trace-Id', traceId ?? `Root=${newTraceRoot()}`);
  const headers = Object.fromEntries(
    Object.entries(multiValueHeaders).map(([key, values]) => [key, values[values.length - 1]!]),
  );
  return { headers, multiValueHeaders };
}

// Keys and values are percent-decoded, `+` as a space (a malformed sequence is kept as sent); the single-value
// map keeps the last value of a repeated key, the multi-value map all of them; null when empty (recorded in
// test_apigateway_lambda.snapshot.json, invocation-payload-with-params-encoding). A `;` splits the query like `&`
// ("results in the data being split": docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html).
function eventQuery(rawQuery: string): {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
} {
  const multi: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const pair of rawQuery.split(/[&;]/)) {
    if (pair.length === 0) continue;
    const at = pair.indexOf('=');
    const key = decodeQueryComponent(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decodeQueryComponent(pair.slice(at + 1));
    (multi[key] ??= []).push(value);
  }
  const keys = Object.keys(multi);
  // No query string, or separators only (`?&`).
  if (keys.length === 0) return { single: null, multi: null };
  // Plain objects again, so the function sees ordinary JSON-like maps.
  const multiPlain = Object.fromEntries(keys.map((key) => [key, multi[key]!]));
  const single = Object.fromEntries(keys.map((key) => [key, multi[key]![multi[key]!.length - 1]!]));
  return { single, multi: multiPlain };
}

function decodeQueryComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

// A body whose Content-Type is one of the API's binary media types arrives base64-encoded; any other body as text
// (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html; verified against
// AWS in ministackorg/ministack pull request #767). Bytes that are not UTF-8 are sent base64-encoded rather than
// mangled: what AWS makes of them is not established.
function eventBody(body: Buffer, binary: boolean): { text: string | null; isBase64Encoded: boolean } {
  if (body.length === 0) return { text: null, isBase64Encoded: false };
  if (binary) return { text: body.toString('base64'), isBase64Encoded: true };
  try {
    return { text: utf8.decode(body), isBase64Encoded: false };
  } catch {
    return { text: body.toString('base64'), isBase64Encoded: true };
  }
}

// Header names arrive spelled as the client sent them (`HOST`, `host`, `Host` alike).
function headerValue(headers: Record<string, string>, lowerName: string): string | undefined {
  return Object.entries(headers).find(([name]) => name.toLowerCase() === lowerName)?.[1];
}

// A stable id per resource path, the way a deployed API keeps one id per resource (6 characters, like `a1b2c3`).
function resourceIdOf(resourcePath: string): string {
  return createHash('sha256').update(resourcePath).digest('hex').slice(0, 6);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's format for requestTime (REST) and time (HTTP APIs): 21/Nov/2026:22:30:00 +0000. */
export function formatRequestTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** An X-Ray trace root, `1-<epoch seconds, hex>-<24 hex digits>`. */
export function newTraceRoot(): string {
  return `1-${Math.floor(Date.now() / 1000).toString(16)}-${pooledRandomBytes(12).toString('hex')}`;
}
