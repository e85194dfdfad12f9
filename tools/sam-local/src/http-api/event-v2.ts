// The payload format 2.0 event, as HTTP APIs and function URLs send it
// (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html, "Payload format
// structure"; docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html, "Request payload format"). Keys without a
// value are left out: cookies, queryStringParameters, pathParameters, stageVariables, body, authorizer.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { formatRequestTime } from '../api-gateway/request-event';
import { headerOf, type ReceivedRequest } from '../pipeline/request';
import { v2Body, v2Headers, v2Query } from './request-parts';

export interface V2EventContext {
  accountId: string;
  apiId: string;
  /** `$default` or `GET /items/{id}`. */
  routeKey: string;
  stage: string;
  requestId: string;
  /** The path as the service passes it on (HTTP APIs: decoded, with the stage prefix; function URLs: as sent). */
  rawPath: string;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  /** requestContext.authorizer, when an authorizer allowed the request. */
  authorizer?: Record<string, unknown>;
  scheme?: 'http' | 'https';
  traceId?: string;
  /** Event time (default: now). */
  now?: Date;
}

/** A payload 2.0 event whose requestContext may carry an authorizer of any kind (Lambda, JWT, IAM). */
export type V2Event = Omit<APIGatewayProxyEventV2, 'requestContext'> & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & { authorizer?: Record<string, unknown> };
};

export function buildV2Event(request: ReceivedRequest, context: V2EventContext): V2Event {
  const now = context.now ?? new Date();
  const { headers, cookies } = v2Headers(request.rawHeaders, {
    sourceIp: request.sourceIp,
    serverPort: request.serverPort,
    scheme: context.scheme ?? 'http',
    ...(context.traceId ? { traceId: context.traceId } : {}),
  });
  const query = v2Query(request.rawQuery);
  const body = v2Body(request.body, headerOf(request, 'content-type'));
  const host = headers.host ?? 'localhost';
  return {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: context.rawPath,
    rawQueryString: request.rawQuery,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query.joined).length > 0 ? { queryStringParameters: query.joined } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      ...(context.authorizer ? { authorizer: context.authorizer } : {}),
      domainName: host,
      // split always yields at least one element.
      domainPrefix: host.split('.')[0]!,
      http: {
        method: request.method,
        path: context.rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: context.stage,
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.body !== undefined ? { body: body.body } : {}),
    ...(context.pathParameters ? { pathParameters: context.pathParameters } : {}),
    isBase64Encoded: body.isBase64Encoded,
    ...(context.stageVariables ? { stageVariables: context.stageVariables } : {}),
  };
}
