/**
 * What a REST API hands its Lambda authorizer (docs.aws.amazon.com/apigateway/latest/developerguide/
 * api-gateway-lambda-authorizer-input.html): TOKEN `{type, authorizationToken, methodArn}`; REQUEST the request as
 * a proxy integration would see it (resource, path, method, both header and query maps, path parameters, stage
 * variables, request context), without its body, plus `type` and `methodArn`.
 */
export interface MethodArnParts {
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  method: string;
  /** The request path without the stage (API Gateway's `path`), e.g. `/items/42`. */
  path: string;
}

/** `arn:aws:execute-api:{region}:{accountId}:{apiId}/{stage}/{httpVerb}/{resource path as requested}`. */
export function methodArn(parts: MethodArnParts): string {
  return `arn:aws:execute-api:${parts.region}:${parts.accountId}:${parts.apiId}/${parts.stage}/${parts.method}/${parts.path.replace(/^\/+/, '')}`;
}

export function tokenEvent(
  token: string,
  arn: string,
): { type: 'TOKEN'; authorizationToken: string; methodArn: string } {
  return { type: 'TOKEN', authorizationToken: token, methodArn: arn };
}

/** The REQUEST authorizer's event, from the proxy event the integration would get. */
export function requestAuthorizerEvent(proxyEvent: Record<string, unknown>, arn: string): Record<string, unknown> {
  const { body: _body, isBase64Encoded: _encoded, ...request } = proxyEvent;
  return { type: 'REQUEST', methodArn: arn, ...request };
}
