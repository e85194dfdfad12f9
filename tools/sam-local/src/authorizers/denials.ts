/**
 * API Gateway's own answers when a REST API refuses a request at authorization, byte for byte, with the
 * x-amzn-ErrorType it sends. Sources: 401 and 403 (explicit deny) status, headers and bodies as captured from AWS
 * in https://loige.co (lmammino, "API Gateway REST API custom authorizer", 2023; Content-Length 26 and 82); the
 * wording of the explicit deny as AWS answers today, " in an identity-based policy" appended (quoted from AWS
 * answers of 2026 in public code; the 2023 capture and the knowledge-center article
 * api-gateway-403-error-lambda-authorizer show it without); implicit deny from that article; the authorizer
 * configuration error's 500 `{"message": null}` (aws/chalice#670, serverless/examples#305 for the error type);
 * "The incoming token has expired" for an expired Cognito token (knowledge-center article
 * api-gateway-cognito-401-unauthorized); Forbidden for a missing API key (api-gateway-api-key-source.html).
 */
export interface Denial {
  statusCode: number;
  body: string;
  errorType: string;
}

export const REST_DENIALS = {
  unauthorized: { statusCode: 401, body: '{"message":"Unauthorized"}', errorType: 'UnauthorizedException' },
  expiredToken: {
    statusCode: 401,
    body: '{"message":"The incoming token has expired"}',
    errorType: 'UnauthorizedException',
  },
  explicitDeny: {
    statusCode: 403,
    body: '{"Message":"User is not authorized to access this resource with an explicit deny in an identity-based policy"}',
    errorType: 'AccessDeniedException',
  },
  implicitDeny: {
    statusCode: 403,
    body: '{"Message":"User is not authorized to access this resource"}',
    errorType: 'AccessDeniedException',
  },
  configurationError: {
    statusCode: 500,
    body: '{"message": null}',
    errorType: 'AuthorizerConfigurationException',
  },
  forbidden: { statusCode: 403, body: '{"message":"Forbidden"}', errorType: 'ForbiddenException' },
  missingToken: {
    statusCode: 403,
    body: '{"message":"Missing Authentication Token"}',
    errorType: 'MissingAuthenticationTokenException',
  },
} as const satisfies Record<string, Denial>;
