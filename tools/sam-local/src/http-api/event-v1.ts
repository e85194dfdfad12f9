// The payload format 1.0 event as an HTTP API sends it (PayloadFormatVersion: '1.0'): the REST proxy shape
// (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html, "Payload format
// structure", 1.0; `path` and requestContext.path carry the stage prefix as rawPath does: not recorded), with the HTTP API's own header and path handling: header names lower-cased ("All header names are
// lowercased"), the path percent-decoded (as rawPath is in 2.0: honojs/hono issue #2156, middleapi/standard-server
// pull request #93), the route key as `resource`, and the same body encoding rule as 2.0.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { formatRequestTime } from '../api-gateway/request-event';
import { headerOf, type ReceivedRequest } from '../pipeline/request';
import type { V2EventContext } from './event-v2';
import { v2Body, v2Headers, v2Query } from './request-parts';

export function buildHttpApiV1Event(
  request: ReceivedRequest,
  context: V2EventContext & { routePath: string },
): APIGatewayProxyEvent {
  const now = context.now ?? new Date();
  const { values } = v2Headers(request.rawHeaders, {
    sourceIp: request.sourceIp,
    serverPort: request.serverPort,
    scheme: context.scheme ?? 'http',
    ...(context.traceId ? { traceId: context.traceId } : {}),
  });
  // 1.0 keeps the Cookie header among the headers.
  const cookieHeaders = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]!.toLowerCase() === 'cookie') cookieHeaders.push(request.rawHeaders[i + 1]!);
  }
  if (cookieHeaders.length > 0) values.cookie = cookieHeaders;
  const headers = Object.fromEntries(Object.entries(values).map(([name, list]) => [name, list[list.length - 1]!]));
  const query = v2Query(request.rawQuery);
  const hasQuery = Object.keys(query.values).length > 0;
  const body = v2Body(request.body, headerOf(request, 'content-type'));
  const host = headers.host ?? 'localhost';
  return {
    version: '1.0',
    resource: context.routePath,
    path: context.rawPath,
    httpMethod: request.method,
    headers,
    multiValueHeaders: values,
    queryStringParameters: hasQuery
      ? Object.fromEntries(Object.entries(query.values).map(([key, list]) => [key, list[list.length - 1]!]))
      : null,
    multiValueQueryStringParameters: hasQuery ? query.values : null,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      ...(context.authorizer ? { authorizer: context.authorizer } : {}),
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      extendedRequestId: context.requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: headers['user-agent'] ?? null,
        userArn: null,
      },
      path: context.rawPath,
      protocol: `HTTP/${request.httpVersion}`,
      requestId: context.requestId,
      requestTime: formatRequestTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: context.routeKey,
      resourcePath: context.routePath,
      stage: context.stage,
    },
    pathParameters: context.pathParameters,
    stageVariables: context.stageVariables,
    body: body.body ?? null,
    isBase64Encoded: body.isBase64Encoded,
  } as unknown as APIGatewayProxyEvent;
}
